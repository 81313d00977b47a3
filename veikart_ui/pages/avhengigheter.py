"""Avhengigheter: the dependency network, its critical path, what one initiative waits for and
unlocks, and the dependencies to edit (:mod:`veikart_ui.dependency_editor`)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from planning.charts.dependency import dependency_figure
from planning.domain.graph import critical_path, schedule_bounds, unlocks, waits_for
from planning.domain.portfolio import Portfolio
from veikart_ui import i18n, session
from veikart_ui.components import header, mnok, show_chart, show_frame
from veikart_ui.dependency_editor import dependency_editor
from veikart_ui.plain import plain
from veikart_ui.session import tr
from veikart_ui.views import plan_label


def chosen_initiative(portfolio: Portfolio) -> tuple[str, str | None]:
    frame = portfolio.initiatives
    left, right = st.columns([1, 3])
    color_by = left.radio(
        tr("deps.color_by"),
        ["area", "status"],
        format_func={v: tr(f"deps.color.{v}") for v in ("area", "status")}.__getitem__,
        key="deps_color",
        horizontal=True,
    )
    options = [None, *[str(i) for i in frame.index]]
    focus = right.selectbox(
        tr("deps.focus"),
        options,
        format_func={i: tr("deps.none") if i is None else f"{i} – {frame.at[i, 'name']}" for i in options}.__getitem__,
        key="deps_focus",
    )
    return str(color_by), focus


def critical(portfolio: Portfolio) -> None:
    path = critical_path(portfolio)
    st.markdown(f"**{tr('deps.critical')}**")
    if not path:
        st.caption(tr("deps.no_critical"))
        return
    bounds = schedule_bounds(portfolio)
    finish = int(bounds.loc[path[-1], "earliest_finish"])
    st.caption(tr("deps.critical_help", finish=plan_label(portfolio, finish)))
    frame = portfolio.initiatives
    st.markdown("\n".join(f"{n}. **{plain(i)}** – {plain(frame.at[i, 'name'])}" for n, i in enumerate(path, start=1)))


def focus_lists(portfolio: Portfolio, focus: str) -> None:
    frame = portfolio.initiatives
    before, after = waits_for(portfolio, focus), unlocks(portfolio, focus)
    st.markdown(f"**{tr('deps.waits_for', n=len(before))}**")
    st.markdown("\n".join(f"- {plain(i)} – {plain(frame.at[i, 'name'])}" for i in before) or tr("detail.nothing"))
    st.markdown(f"**{tr('deps.unlocks', n=len(after.dependants))}**")
    st.markdown(
        "\n".join(f"- {plain(i)} – {plain(frame.at[i, 'name'])}" for i in after.dependants) or tr("detail.nothing")
    )
    st.caption(tr("deps.unlocks_value", value=mnok(after.annual_value, 1), n=after.non_monetised))


def schedule_table(portfolio: Portfolio) -> None:
    bounds = schedule_bounds(portfolio)
    frame = portfolio.initiatives
    shown = pd.DataFrame(
        {
            tr("col.id"): bounds.index,
            tr("col.name"): [frame.at[i, "name"] for i in bounds.index],
            tr("deps.earliest_start"): [plan_label(portfolio, int(v)) for v in bounds["earliest_start"]],
            tr("deps.earliest_finish"): [plan_label(portfolio, int(v)) for v in bounds["earliest_finish"]],
            tr("deps.latest_start"): [plan_label(portfolio, int(v)) for v in bounds["latest_start"]],
            tr("deps.slack"): bounds["slack"].astype(int),
            tr("deps.on_critical"): bounds["critical"].astype(bool),
        }
    )
    with st.expander(tr("deps.schedule")):
        show_frame(shown)


def page() -> None:
    header(tr("page.dependencies"), tr("deps.intro"))
    session.show_flash()
    portfolio = session.portfolio()
    color_by, focus = chosen_initiative(portfolio)
    try:
        figure = dependency_figure(portfolio, color_by=color_by, highlight=focus)
    except ValueError as exc:
        st.error(plain(exc))
        return
    i18n.translate_dependency_figure(figure, session.language())
    show_chart(figure, "dependency_chart")
    left, right = st.columns(2)
    with left:
        critical(portfolio)
    with right:
        if focus is not None:
            focus_lists(portfolio, focus)
        else:
            st.caption(tr("deps.choose_hint"))
    schedule_table(portfolio)
    st.divider()
    dependency_editor(portfolio, focus)


page()
