"""Budsjett og ambisjonsnivå: envelopes per region and year, ambition levels, cost sharing, capacity."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from planning.charts.budget import envelope_figure
from planning.domain.editing import replace_rows
from planning.domain.loading import LoadResult
from planning.domain.models import CONFIDENCE_SCOPES
from planning.domain.portfolio import Portfolio
from planning.messages.locale_numbers import format_number
from planning.optimise.inputs import reference_level
from planning.plans.budget import (
    cost_share_table,
    envelope_grid,
    envelope_rows,
    pool_order,
    scenario_envelopes,
    scenario_with,
    with_ambition,
)
from planning.robust.options import MAX_CONFIDENCE, MIN_CONFIDENCE
from veikart_ui import i18n, session, working_copy
from veikart_ui.components import (
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
    table_height,
)
from veikart_ui.forms import flat_frame, raw_rows
from veikart_ui.guard import guarded
from veikart_ui.i18n import names
from veikart_ui.number_cells import NumberCells, ReadRows, number_cells
from veikart_ui.number_editor import number_base, number_field, number_hint, read_numbers, text_column
from veikart_ui.phrases import translate_problem
from veikart_ui.plain import plain
from veikart_ui.session import tr

ENVELOPES = "envelopes"
CAPACITY = "capacity"
CAPACITY_LIMITS = "capacity_limits"


@guarded("budget: ambition level")  # callbacks run before the page, outside its edge in app.py
def set_ambition(portfolio: Portfolio, pool: str) -> None:
    level = st.session_state[f"ambition_{pool}"]
    session.set_working_scenario(with_ambition(session.working_scenario(portfolio), pool, level))


def ambition(portfolio: Portfolio) -> None:
    st.subheader(tr("budget.ambition"))
    scenario = session.working_scenario(portfolio)
    st.caption(tr("budget.ambition_help", scenario=plain(scenario.id)))
    working_copy.marker(portfolio, scenario)
    levels = list(portfolio.ambition_levels.sort_values("rank").index.astype(str))
    reference = reference_level(portfolio)
    pools = names("pool", session.language(), portfolio)
    ordered = pool_order(portfolio)
    per_row = 4
    slots = [slot for _ in range(0, len(ordered) + 1, per_row) for slot in st.columns(per_row)]
    for slot, pool in zip(slots, ordered, strict=False):
        current = scenario.ambition.get(pool, reference)
        slot.selectbox(
            plain(pools.get(pool, pool)),
            levels,
            index=levels.index(current) if current in levels else 0,
            key=f"ambition_{pool}",
            on_change=set_ambition,
            args=(portfolio, pool),
        )
    factor = number_field(
        tr("budget.factor"),
        key="budget_factor",
        value=round(100 * scenario.budget_factor, 6),
        low=0,
        high=300,
        container=slots[len(ordered)],
        help=f"{tr('budget.factor_help')} {number_hint()}",
    )
    if factor is not None and abs(factor / 100 - scenario.budget_factor) > 1e-9:
        session.set_working_scenario(scenario_with(scenario, budget_factor=factor / 100))
    release_option(portfolio)
    confidence_option(portfolio)
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
    key = f"{ENVELOPES}_{level}"
    years = [str(y) for y in grid.columns]
    cells = NumberCells("envelope", dict.fromkeys(years, "number"), {y: y for y in years})
    base = grid.reset_index().rename(columns={"pool": "id"})
    base.columns = [str(c) for c in base.columns]
    base = number_base(key, base, cells)
    config: dict[str, object] = {
        PROBLEMS: st.column_config.TextColumn(tr("col.problems"), disabled=True),
        "id": st.column_config.TextColumn(tr("col.pool"), disabled=True),
    }
    config |= {year: text_column(year, help=number_hint()) for year in years}
    rows = draft_editor(key, base, signature=level, problems=row_problems(key), column_config=config, num_rows="fixed")
    read = read_numbers(rows, cells)
    if save_button("save_envelopes"):
        edited = pd.DataFrame(read.rows).set_index("id")
        edited.columns = [int(c) for c in edited.columns]
        result = replace_rows(portfolio, "envelope", envelope_rows(portfolio, level, edited))
        _finish_save(key, result, read, rows, base)


def save_button(key: str) -> bool:
    """The save button, disabled (with the reason) for those who may not change anything."""
    editable = session.can_edit()
    button, note = st.columns([1, 5], vertical_alignment="center")
    if not editable:
        note.caption(tr("auth.read_only"))
    return button.button(tr("edit.save"), type="primary", key=key, disabled=not editable)


def _finish_save(
    key: str, result: LoadResult, read: ReadRows, rows: list[dict[str, object]], base: pd.DataFrame
) -> None:
    """Save a valid result, or keep the draft and show every problem by its row: the cells
    that are no number (``read``) and the domain's. Envelope ids are POOL/YEAR/LEVEL: each
    envelope problem is shown on its pool's row."""
    valid = result.portfolio is not None and not read.problems
    error = session.save(result.portfolio) if valid and result.portfolio is not None else None
    if valid and error is None:
        clear_draft(key)
        session.flash(tr("edit.saved", n=len(rows)))
    else:
        problems = [translate_problem(p, session.language()) for p in result.problems]
        if read.table == "envelope":
            problems = [
                type(p)(p.table, p.row.split("/")[0], p.field, f"{p.row}: {p.message}", p.fix, p.severity)
                for p in problems
            ]
        problems = read.with_validation(problems)
        st.session_state[f"{key}_other_problems"] = set_row_problems(key, problems, read.table)
        keep_draft(key, rows, base.columns, base.dtypes.to_dict())
        session.flash(error or tr("edit.invalid", n=len(problems)), "error")
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
    show_frame(shown, hide_index=False, height=table_height(len(shown), most=9))  # the index is the initiative id


def capacity(portfolio: Portfolio) -> None:
    st.subheader(tr("budget.capacity"))
    st.caption(tr("budget.capacity_help"))
    cells = number_cells("capacity_pool", {"limit": tr("budget.limit")})
    base = number_base(CAPACITY, flat_frame(portfolio, "capacity_pool"), cells)
    config: dict[str, object] = {
        PROBLEMS: st.column_config.TextColumn(tr("col.problems"), disabled=True),
        "id": st.column_config.TextColumn(tr("col.id"), required=True),
        "name": st.column_config.TextColumn(tr("col.name"), required=True, width="large"),
        "limit": text_column(tr("budget.limit"), required=True, help=number_hint()),
        "unit": st.column_config.TextColumn(tr("col.unit")),
        "basis": st.column_config.SelectboxColumn(
            tr("budget.basis"),
            options=["execution", "go_live"],
            format_func=spelled(names("basis", session.language())),
        ),
    }
    rows = draft_editor(CAPACITY, base, problems=row_problems(CAPACITY), column_config=config, num_rows="dynamic")
    read = read_numbers(raw_rows(rows, "capacity_pool"), cells)
    if save_button("save_capacity"):
        result = replace_rows(portfolio, "capacity_pool", read.rows)
        _finish_save(CAPACITY, result, read, rows, base)


def capacity_limits(portfolio: Portfolio) -> None:
    """A capacity pool's limit in the periods where it differs from its own (``capacity_limit``)."""
    st.subheader(tr("budget.capacity_periods"))
    st.caption(tr("budget.capacity_periods_help"))
    key = CAPACITY_LIMITS
    cells = number_cells("capacity_limit", {"limit": tr("budget.limit_in_period")})
    base = number_base(key, flat_frame(portfolio, "capacity_limit"), cells)
    config: dict[str, object] = {
        PROBLEMS: st.column_config.TextColumn(tr("col.problems"), disabled=True),
        "id": st.column_config.TextColumn(tr("col.id")),
        "capacity_pool_id": st.column_config.SelectboxColumn(
            tr("budget.capacity_pool"), options=list(portfolio.capacity_pools.index), required=True
        ),
        "period": st.column_config.TextColumn(tr("col.period"), required=True),
        "limit": text_column(tr("budget.limit_in_period"), required=True, help=number_hint()),
    }
    rows = draft_editor(key, base, problems=row_problems(key), column_config=config, num_rows="dynamic")
    read = read_numbers(raw_rows(rows, "capacity_limit"), cells)
    if save_button("save_capacity_limits"):
        result = replace_rows(portfolio, "capacity_limit", read.rows)
        _finish_save(key, result, read, rows, base)


def other_problems(key: str) -> None:
    other = st.session_state.get(f"{key}_other_problems")
    if other:
        problem_table(other)


def release_option(portfolio: Portfolio) -> None:
    """The scenario's option to release statutory and equity obligations (kept in by default)."""
    scenario = session.working_scenario(portfolio)
    current = bool(scenario.release_obligations)
    released = st.checkbox(tr("ux_b.release"), value=current, help=tr("ux_b.release_help"),
                           key=f"release_obligations_{int(current)}")  # fmt: skip
    if released != current:
        session.set_working_scenario(scenario_with(scenario, release_obligations=released))


def confidence_option(portfolio: Portfolio) -> None:
    """The scenario's confidence level (blank: the point estimates) and what must hold at it,
    saved with the scenario and honoured wherever it is optimised (planning.robust.scenario)."""
    scenario = session.working_scenario(portfolio)
    left, right = st.columns([1, 2], vertical_alignment="top")
    current = None if scenario.confidence is None else round(100 * float(scenario.confidence), 6)
    key = f"scenario_confidence_{scenario.id}"
    synced = f"{key}_from"
    if key in st.session_state and st.session_state.get(synced, scenario.confidence) != scenario.confidence:
        # changed elsewhere (discarded, restored, loaded): the field shows the scenario, not what was typed before
        st.session_state[key] = "" if current is None else format_number(current, session.language())
    typed = number_field(
        tr("budget.confidence"),
        key=key,
        value=current,
        low=100 * MIN_CONFIDENCE,
        high=100 * MAX_CONFIDENCE,
        container=left,
        help=f"{tr('budget.confidence_help')} {number_hint()}",
    )
    blank = not str(st.session_state.get(key, "")).strip()
    wanted = None if blank else None if typed is None else typed / 100
    if (blank or typed is not None) and wanted != scenario.confidence:
        scenario = scenario_with(scenario, confidence=wanted)
        session.set_working_scenario(scenario)
    st.session_state[synced] = scenario.confidence
    scopes, scope_key = list(CONFIDENCE_SCOPES), f"scenario_confidence_scope_{scenario.id}"
    if st.session_state.get(f"{scope_key}_from") != scenario.confidence_scope:  # first shown, or changed elsewhere
        st.session_state[scope_key] = scenario.confidence_scope
    st.session_state[f"{scope_key}_from"] = scenario.confidence_scope
    scope = right.radio(
        tr("budget.confidence_scope"),
        scopes,
        format_func={s: tr(f"robust.scope.{s}") for s in scopes}.__getitem__,  # words fixed now, in this language
        key=scope_key,
        horizontal=True,
        help=tr("budget.confidence_scope_help"),
    )
    if scope != scenario.confidence_scope:
        session.set_working_scenario(scenario_with(scenario, confidence_scope=scope))
        st.session_state[f"{scope_key}_from"] = scope


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
