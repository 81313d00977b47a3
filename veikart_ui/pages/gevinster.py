"""Gevinster: benefit realisation; filled by its own issue, until then says what is coming."""

from __future__ import annotations

import streamlit as st

from veikart_ui.components import header
from veikart_ui.session import tr


def page() -> None:
    header(tr("page.benefits"), tr("benefits.intro"))
    st.info(tr("benefits.coming"))
    st.markdown(tr("benefits.coming_list"))


page()
