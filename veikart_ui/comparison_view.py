"""The comparison on the Scenarier page: the working scenario (saved or not) beside its base,
each difference with the optimiser's reason, nothing cut off.

The working copy is offered as a choice of its own while it differs from what is stored,
so a scenario can be compared before it is saved. The key figures stand one scenario per
column and the differences are a static table whose cells wrap (``st.table``): long
names and reasons are shown whole, never cut with an ellipsis.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.optimise.inputs import resolve_scenario
from planning.plans.compare import STORAGE_COMPARISON, Comparison, compare_plans
from planning.robust.scenario import AtConfidence
from veikart_ui import i18n, planner, session
from veikart_ui.components import percent
from veikart_ui.display import scenario_label
from veikart_ui.phrases import translate
from veikart_ui.plain import plain, plain_frame
from veikart_ui.session import tr

WORKING = "\u2063working-copy"
"""The choice that stands for the unsaved working copy (no stored id can be this)."""
COMPARED = "comparison_made"
"""Session key of the last :class:`Compared`."""
KPI_ROWS = (
    "status", "confidence", "gap", "npv", "investment", "benefit", "initiatives", "makespan", "finish", "solve_seconds",
)  # fmt: skip


@dataclass(frozen=True)
class Compared:
    """A comparison and, per scenario (by the label shown), the plan's initiatives with their reasons,
    and what each plan made at its scenario's confidence promises."""

    comparison: Comparison
    reasons: dict[str, pd.DataFrame]
    promises: dict[str, AtConfidence] = field(default_factory=dict)


def choices(portfolio: Portfolio, working: Scenario) -> tuple[list[str], list[str]]:
    """The scenarios to offer (the working copy first while it is unsaved) and the ones chosen at
    first: the working scenario and its base (the stored scenario it was loaded from, or Basis)."""
    stored = [str(s) for s in portfolio.scenarios.index]
    name = str(working.id)
    unsaved = session.has_unsaved_changes(portfolio, working)
    options = ([WORKING] if unsaved else []) + stored
    reference = session.DEFAULT_SCENARIO if session.DEFAULT_SCENARIO in stored else (stored[0] if stored else None)
    if unsaved:
        base = name if name in stored else reference
        chosen = [WORKING] + ([base] if base is not None else [])
    elif name in stored and reference is not None and name != reference:
        chosen = [name, reference]
    else:
        chosen = [s for s in STORAGE_COMPARISON if s in stored] or stored[:3]
    return options, chosen


def label(portfolio: Portfolio, working: Scenario, choice: str) -> str:
    """What a choice is called: the working copy by its name, a stored scenario as people write it."""
    if choice == WORKING:
        return tr("ux.working_copy", name=scenario_label(portfolio, str(working.id)))
    return scenario_label(portfolio, choice)


def solve_all(
    portfolio: Portfolio, working: Scenario, chosen: list[str], limit: float, report: Callable[[str], None]
) -> Compared:
    """Each chosen scenario's plan (stored and cached as every run of the app, at the scenario's
    confidence where it has one, as on the Veikart page) and its reasons."""
    plans, reasons, promises = {}, {}, {}
    for number, choice in enumerate(chosen, start=1):
        shown = label(portfolio, working, choice)
        report(f"[{number}/{len(chosen)}] {shown}")
        scenario = working if choice == WORKING else resolve_scenario(portfolio, choice)
        request = planner.PlanRequest(session.url(), portfolio, scenario, limit, session.user())
        made = planner.run(request)
        plans[shown] = made.plan
        reasons[shown] = planner.reasons(request, made.plan)
        if made.confidence is not None:
            promises[shown] = made.confidence
    return Compared(compare_plans(plans, portfolio), reasons, promises)


def key_figures(comparison: Comparison) -> pd.DataFrame:
    """The key figures one scenario per column, written the reader's way (a figure per row)."""
    lang = session.language()
    statuses = i18n.names("plan_status", lang)
    columns: dict[str, list[str]] = {tr("field.scenario"): [tr(f"field.{row}") for row in KPI_ROWS]}
    for _, r in comparison.kpis.iterrows():
        columns[str(r["scenario"])] = [
            statuses.get(str(r["status"]), str(r["status"])),
            tr("robust.point") if pd.isna(r["confidence"]) else i18n.percent(float(r["confidence"]), 0, lang),
            percent(None if pd.isna(r["gap"]) else float(r["gap"])),
            *(_mnok(r[name]) for name in ("npv", "investment", "benefit")),
            str(int(r["initiatives"])),
            "–" if pd.isna(r["makespan"]) else str(int(r["makespan"])),
            str(r["finish"] or "–"),
            i18n.number(float(r["solve_seconds"]), 1, lang),
        ]
    return pd.DataFrame(columns)


def _mnok(value: object) -> str:
    if value is None or pd.isna(value):
        return "–"
    return i18n.number(float(value), 1, session.language())  # type: ignore[arg-type]


def differences(portfolio: Portfolio, compared: Compared) -> pd.DataFrame:
    """Each initiative that starts differently: its start in each scenario (or "not in the plan")
    and why, from the optimiser's reasons, where it is out or later than it could be."""
    wide = compared.comparison.differences()
    scenarios = list(compared.comparison.plans)
    rows = []
    for _, r in wide.iterrows():
        iid = str(r["initiative"])
        starts = {s: (str(r[s]) if r[s] else tr("plan.not_in")) for s in scenarios}
        rows.append(
            {
                tr("ux.col.initiative"): f"{iid} – {r['name']}",
                **starts,
                tr("ux.col.why"): why(iid, compared.reasons, scenarios),
            }
        )
    return pd.DataFrame(rows, columns=[tr("ux.col.initiative"), *scenarios, tr("ux.col.why")])


def why(initiative: str, reasons: Mapping[str, pd.DataFrame], scenarios: list[str]) -> str:
    """The reasons an initiative is out or late, scenario by scenario (``Basis: ...; Kutt20: ...``)."""
    lang = session.language()
    told = []
    for scenario in scenarios:
        frame = reasons.get(scenario)
        if frame is None or initiative not in frame.index:
            continue
        row = frame.loc[initiative]
        reason = row.get("reason")
        text = (
            ""
            if reason is None or pd.isna(reason)
            else translate(reason if isinstance(reason, str) else str(reason), lang)
        )
        selected = bool(row.get("selected_opt"))
        if not text and not selected and not bool(row.get("done_before", False)):
            text = tr("ux.reason_unknown")
        if text:
            told.append(tr("ux.reason_in", scenario=scenario, reason=text))
    return "; ".join(told) or "–"


def promised(compared: Compared) -> list[str]:
    """Per scenario planned at a confidence: that it was, and what it held in fresh futures."""
    lang = session.language()
    return [
        tr(
            "compare.planned_at",
            scenario=plain(name),
            target=i18n.percent(promise.confidence, 0, lang),
            what=tr(f"roadmap.what.{promise.scope}"),
            samples=i18n.number(promise.check_samples, 0, lang),
            achieved=i18n.percent(promise.achieved, 1, lang),
        )
        for name, promise in compared.promises.items()
    ]


def show(portfolio: Portfolio, compared: Compared) -> None:
    """The key figures and the differences, both as tables that wrap instead of cutting text."""
    st.table(plain_frame(key_figures(compared.comparison)), hide_index=True)
    for line in promised(compared):
        st.caption(line)
    table = differences(portfolio, compared)
    st.markdown(f"**{tr('scenarios.differences')}**")
    if table.empty:
        st.info(tr("ux.compare_none_differ"))
        return
    st.caption(tr("ux.compare_differences_help"))
    st.table(plain_frame(table), hide_index=True)
