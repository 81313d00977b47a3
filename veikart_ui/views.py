"""Views more than one page shows: the working scenario, explanations, steps."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from planning.charts.stepwise import steps_figure
from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.optimise import Plan
from planning.optimise.inputs import reference_level
from planning.plans.budget import pool_order
from planning.plans.steps import plan_steps
from veikart_ui import i18n, session, working_copy
from veikart_ui.components import NUMBER_FORMAT, mnok, show_chart, show_frame, show_table
from veikart_ui.display import scenario_label
from veikart_ui.i18n import names
from veikart_ui.phrases import translate
from veikart_ui.plain import plain
from veikart_ui.session import tr

PAGE_FILES = {
    "budget": "veikart_ui/pages/budsjett.py",
    "scenarios": "veikart_ui/pages/scenarier.py",
    "roadmap": "veikart_ui/pages/veikart.py",
}


def scenario_summary(portfolio: Portfolio, scenario: Scenario, *, links: bool = True, title: str | None = None) -> None:
    """A scenario in one box, by default the one this session plans with (then marked when it
    differs from what is stored), with links to where it is changed (unless ``links`` is
    false); ``title`` names another."""
    lang = session.language()
    pools = names("pool", lang, portfolio)
    reference = reference_level(portfolio)
    levels = " · ".join(
        f"**{plain(pools.get(str(p), str(p)))}**: {plain(scenario.ambition.get(str(p), reference) or '–')}"
        for p in pool_order(portfolio)
    )
    with st.container(border=True):
        shown = scenario_label(portfolio, str(scenario.id))
        st.markdown(f"**{title or tr('scenario.working')}:** {plain(shown)} — {plain(scenario.description or '')}")
        st.markdown(f"{tr('scenario.ambition')}: {levels}")
        facts = [
            f"{tr('scenario.budget_factor')}: {i18n.percent(scenario.budget_factor, 0, lang)}",
            f"{tr('scenario.objective')}: {names('objective', lang).get(scenario.objective, scenario.objective)}",
            f"{tr('scenario.discount_rate')}: {i18n.percent(scenario.discount_rate, 1, lang)}",
        ]
        if scenario.release_obligations:
            facts.append(tr("ux_b.released"))
        if scenario.confidence is not None:
            what = tr(f"robust.scope.{scenario.confidence_scope}")
            facts.append(f"{tr('budget.confidence')}: {i18n.percent(scenario.confidence, 0, lang)} ({what})")
        st.caption(" · ".join(facts))
        if title is None:
            working_copy.marker(portfolio, scenario)
        if not links:
            return
        left, right, _ = st.columns([1, 1, 2])
        left.page_link(PAGE_FILES["budget"], label=tr("scenario.change_ambition"), icon=":material/tune:")
        right.page_link(PAGE_FILES["scenarios"], label=tr("scenario.load_save"), icon=":material/folder_open:")


def explanation_table(portfolio: Portfolio, frame: pd.DataFrame) -> pd.DataFrame:
    """Every initiative left out of a plan or started later than it could, with the reason.

    ``frame`` is a plan's ``initiatives`` table, with reasons filled where known.
    """
    lang = session.language()
    decided = frame[~frame["done_before"].astype(bool)]
    earliest = decided.get("earliest_possible")
    rows = []
    for iid, r in decided.iterrows():
        selected = bool(r["selected_opt"])
        could = None if earliest is None or pd.isna(earliest[iid]) else int(earliest[iid])
        late = selected and could is not None and int(r["start_opt"]) > could
        if selected and not late:
            continue
        reason = translate(r["reason"] if isinstance(r["reason"], str) else "", lang) or tr("explain.pending")
        rows.append(
            {
                tr("col.id"): str(iid),
                tr("col.name"): str(portfolio.initiatives.at[iid, "name"])
                if iid in portfolio.initiatives.index
                else "",
                tr("explain.reason"): reason,
                tr("explain.outcome"): tr("explain.deferred") if late else tr("explain.left_out"),
                tr("explain.start"): r["start_label"] if selected else "–",
                tr("explain.earliest"): plan_label(portfolio, could),
                tr("explain.npv_if_forced"): _money(r.get("npv_if_forced")),
                tr("explain.extra_budget"): _money(r.get("extra_budget")),
                tr("col.area"): names("area", lang).get(str(portfolio.initiatives.at[iid, "area"]), "")
                if iid in portfolio.initiatives.index
                else "",
            }
        )
    return pd.DataFrame(rows)


def plan_label(portfolio: Portfolio, period: int | None) -> str:
    if period is None:
        return "–"
    timeline = portfolio.timeline
    return timeline.label(period) if period < timeline.periods else tr("explain.after_horizon")


def _money(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return "–"
    return mnok(float(value), 1)  # type: ignore[arg-type]


def plan_steps_view(portfolio: Portfolio, plan: Plan) -> None:
    """The plan by delivery step (trinn): what each delivers, costs and starts to yield."""
    steps = plan_steps(plan, portfolio)
    summary = steps.summary().round({"cost": 0, "annual_value": 0})  # whole MNOK, as the metrics; not "963,667"
    summary = summary.rename(
        columns={
            "step": tr("steps.step"),
            "years": tr("steps.years"),
            "delivered": tr("steps.delivered"),
            "cost": tr("steps.cost"),
            "benefits_starting": tr("steps.benefits_starting"),
            "annual_value": tr("steps.annual_value"),
        }
    )
    money = st.column_config.NumberColumn(format=NUMBER_FORMAT)
    show_frame(summary, column_config={tr("steps.cost"): money, tr("steps.annual_value"): money})
    show_chart(
        steps_figure(
            steps.costs,
            text=i18n.chart_text("stepwise", session.language()),
            names=i18n.names("pool", session.language(), portfolio),
        ),
        "steps_chart",
    )
    with st.expander(tr("steps.deliveries")):
        show_table(steps.deliveries, coded={"area": "area"})
