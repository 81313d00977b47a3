"""Budsjett og ambisjonsnivå: envelopes per region and year, ambition levels, cost sharing, capacity."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from planning.budget import (
    cost_share_table,
    envelope_grid,
    envelope_rows,
    pool_order,
    scenario_envelopes,
    scenario_with,
    with_ambition,
)
from planning.charts.budget import envelope_figure
from planning.editing import replace_rows
from planning.optimise.inputs import reference_level
from planning.portfolio import Portfolio
from veikart_ui import i18n, session
from veikart_ui.components import (
    NUMBER_FORMAT,
    PROBLEMS,
    clear_draft,
    draft_editor,
    header,
    keep_draft,
    problem_table,
    row_problems,
    set_row_problems,
    show_chart,
    show_frame,
    spelled,
)
from veikart_ui.forms import flat_frame, raw_rows
from veikart_ui.i18n import names
from veikart_ui.phrases import translate_problem
from veikart_ui.session import tr

ENVELOPES = "envelopes"
CAPACITY = "capacity"
CAPACITY_LIMITS = "capacity_limits"


def set_ambition(portfolio: Portfolio, pool: str) -> None:
    level = st.session_state[f"ambition_{pool}"]
    session.set_working_scenario(with_ambition(session.working_scenario(portfolio), pool, level))


def set_budget_factor(portfolio: Portfolio) -> None:
    factor = float(st.session_state["budget_factor"]) / 100
    session.set_working_scenario(scenario_with(session.working_scenario(portfolio), budget_factor=factor))


def ambition(portfolio: Portfolio) -> None:
    st.subheader(tr("budget.ambition"))
    scenario = session.working_scenario(portfolio)
    st.caption(tr("budget.ambition_help", scenario=scenario.id))
    levels = list(portfolio.ambition_levels.sort_values("rank").index.astype(str))
    reference = reference_level(portfolio)
    pools = names("pool", session.language(), portfolio)
    ordered = pool_order(portfolio)
    per_row = 4
    slots = [slot for _ in range(0, len(ordered) + 1, per_row) for slot in st.columns(per_row)]
    for slot, pool in zip(slots, ordered, strict=False):
        current = scenario.ambition.get(pool, reference)
        slot.selectbox(
            pools.get(pool, pool),
            levels,
            index=levels.index(current) if current in levels else 0,
            key=f"ambition_{pool}",
            on_change=set_ambition,
            args=(portfolio, pool),
        )
    slots[len(ordered)].number_input(
        tr("budget.factor"),
        min_value=0,
        max_value=300,
        value=round(100 * scenario.budget_factor),
        step=5,
        key="budget_factor",
        on_change=set_budget_factor,
        args=(portfolio,),
        help=tr("budget.factor_help"),
    )
    lang = session.language()
    figure = envelope_figure(
        scenario_envelopes(portfolio, session.working_scenario(portfolio)),
        text=i18n.chart_text("envelope", lang),
        names=pools,
    )
    show_chart(figure, "envelope_chart")
    table = portfolio.ambition_levels.sort_values("rank")
    show_frame(
        pd.DataFrame(
            {
                tr("budget.level"): table.index,
                tr("budget.level_factor"): [i18n.percent(float(f), 0, session.language()) for f in table["factor"]],
                tr("col.description"): table["description"],
            }
        )
    )


def envelope_editor(portfolio: Portfolio) -> None:
    st.subheader(tr("budget.envelopes"))
    levels = list(portfolio.ambition_levels.sort_values("rank").index.astype(str))
    reference = reference_level(portfolio)
    level = st.selectbox(
        tr("budget.edit_level"),
        levels,
        index=levels.index(reference) if reference in levels else 0,
        key="envelope_level",
    )
    st.caption(tr("budget.envelopes_help"))
    grid = envelope_grid(portfolio, level)
    base = grid.reset_index().rename(columns={"pool": "id"})
    base.columns = [str(c) for c in base.columns]
    base = base.astype({str(y): "Float64" for y in grid.columns})
    config: dict[str, object] = {
        PROBLEMS: st.column_config.TextColumn(tr("col.problems"), disabled=True),
        "id": st.column_config.TextColumn(tr("col.pool"), disabled=True),
    }
    config |= {str(y): st.column_config.NumberColumn(str(y), min_value=0.0, format=NUMBER_FORMAT) for y in grid.columns}
    rows = draft_editor(
        f"{ENVELOPES}_{level}",
        base,
        signature=level,
        problems=row_problems(f"{ENVELOPES}_{level}"),
        column_config=config,
        num_rows="fixed",
    )
    if save_button("save_envelopes"):
        edited = pd.DataFrame(rows).set_index("id")
        edited.columns = [int(c) for c in edited.columns]
        result = replace_rows(portfolio, "envelope", envelope_rows(portfolio, level, edited))
        _finish_save(f"{ENVELOPES}_{level}", result, rows, base, by_pool=True)


def save_button(key: str) -> bool:
    """The save button, disabled (with the reason) for those who may not change anything."""
    editable = session.can_edit()
    button, note = st.columns([1, 5], vertical_alignment="center")
    if not editable:
        note.caption(tr("auth.read_only"))
    return button.button(tr("edit.save"), type="primary", key=key, disabled=not editable)


def _finish_save(
    key: str, result: object, rows: list[dict[str, object]], base: pd.DataFrame, by_pool: bool, table: str = ""
) -> None:
    from planning.loading import LoadResult

    assert isinstance(result, LoadResult)
    error = None if result.portfolio is None else session.save(result.portfolio)
    if result.portfolio is not None and error is None:
        clear_draft(key)
        session.flash(tr("edit.saved", n=len(rows)))
    else:
        problems = [translate_problem(p, session.language()) for p in result.problems]
        if by_pool:  # envelope ids are POOL/YEAR/LEVEL: show each problem on its pool's row
            problems = [
                type(p)(p.table, p.row.split("/")[0], p.field, f"{p.row}: {p.message}", p.fix, p.severity)
                for p in problems
            ]
        table = table or ("envelope" if by_pool else "capacity_pool")
        st.session_state[f"{key}_other_problems"] = set_row_problems(key, problems, table)
        keep_draft(key, rows, base.columns, base.dtypes.to_dict())
        session.flash(error or tr("edit.invalid", n=len(result.problems)), "error")
    st.rerun()


def cost_sharing(portfolio: Portfolio) -> None:
    st.subheader(tr("budget.cost_sharing"))
    st.caption(tr("budget.cost_sharing_help"))
    lang = session.language()
    table = cost_share_table(portfolio)
    pools = [p for p in pool_order(portfolio) if p in table.columns]
    shown = table[pools].astype(float).map(lambda v: i18n.percent(v, 1, lang) if v > 0 else "")
    shown.index.name = tr("col.id")
    shown.insert(0, tr("col.cost_sharing"), [names("cost_sharing", lang).get(k, k) for k in table["cost_sharing"]])
    shown.insert(0, tr("col.name"), portfolio.initiatives["name"])
    show_frame(shown, hide_index=False, height=320)  # the index is the initiative id


def capacity(portfolio: Portfolio) -> None:
    st.subheader(tr("budget.capacity"))
    st.caption(tr("budget.capacity_help"))
    base = flat_frame(portfolio, "capacity_pool")
    config: dict[str, object] = {
        PROBLEMS: st.column_config.TextColumn(tr("col.problems"), disabled=True),
        "id": st.column_config.TextColumn(tr("col.id"), required=True),
        "name": st.column_config.TextColumn(tr("col.name"), required=True, width="large"),
        "limit": st.column_config.NumberColumn(tr("budget.limit"), min_value=0.0, required=True),
        "unit": st.column_config.TextColumn(tr("col.unit")),
        "basis": st.column_config.SelectboxColumn(
            tr("budget.basis"),
            options=["execution", "go_live"],
            format_func=spelled(names("basis", session.language())),
        ),
    }
    rows = draft_editor(CAPACITY, base, problems=row_problems(CAPACITY), column_config=config, num_rows="dynamic")
    if save_button("save_capacity"):
        result = replace_rows(portfolio, "capacity_pool", raw_rows(rows, "capacity_pool"))
        _finish_save(CAPACITY, result, rows, base, by_pool=False)


def capacity_limits(portfolio: Portfolio) -> None:
    """A capacity pool's limit in the periods where it differs from its own (``capacity_limit``)."""
    st.subheader(tr("budget.capacity_periods"))
    st.caption(tr("budget.capacity_periods_help"))
    base = flat_frame(portfolio, "capacity_limit")
    config: dict[str, object] = {
        PROBLEMS: st.column_config.TextColumn(tr("col.problems"), disabled=True),
        "id": st.column_config.TextColumn(tr("col.id")),
        "capacity_pool_id": st.column_config.SelectboxColumn(
            tr("budget.capacity_pool"), options=list(portfolio.capacity_pools.index), required=True
        ),
        "period": st.column_config.TextColumn(tr("col.period"), required=True),
        "limit": st.column_config.NumberColumn(tr("budget.limit_in_period"), min_value=0.0, required=True),
    }
    key = CAPACITY_LIMITS
    rows = draft_editor(key, base, problems=row_problems(key), column_config=config, num_rows="dynamic")
    if save_button("save_capacity_limits"):
        result = replace_rows(portfolio, "capacity_limit", raw_rows(rows, "capacity_limit"))
        _finish_save(key, result, rows, base, by_pool=False, table="capacity_limit")


def other_problems(key: str) -> None:
    other = st.session_state.get(f"{key}_other_problems")
    if other:
        problem_table(other)


def page() -> None:
    header(tr("page.budget"), tr("budget.intro"))
    session.show_flash()
    portfolio = session.portfolio()
    ambition(portfolio)
    st.divider()
    envelope_editor(portfolio)
    other_problems(f"{ENVELOPES}_{st.session_state.get('envelope_level', '')}")
    st.divider()
    cost_sharing(portfolio)
    st.divider()
    capacity(portfolio)
    other_problems(CAPACITY)
    capacity_limits(portfolio)
    other_problems(CAPACITY_LIMITS)


page()
