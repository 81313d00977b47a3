"""Veikart's Streamlit entry: sets up the pages and runs the chosen one."""

from __future__ import annotations

import streamlit as st

from planning.store import load_portfolio, make_engine, upgrade

st.set_page_config(page_title="Veikart", layout="wide")


@st.cache_resource
def engine_for(url: str | None):  # type: ignore[no-untyped-def]
    engine = make_engine(url)
    upgrade(engine)
    return engine


def initiatives_page() -> None:
    st.title("Tiltak")
    portfolio = load_portfolio(engine=engine_for(None))
    st.dataframe(portfolio.initiatives[["name", "area", "lead_region", "status", "duration", "total_cost"]])


st.navigation([st.Page(initiatives_page, title="Tiltak", url_path="tiltak")]).run()
