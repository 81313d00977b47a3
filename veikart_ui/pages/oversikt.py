"""Oversikt: the portfolio and the plan at a glance, and what needs attention."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from planning.charts.roadmap import roadmap_figure
from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.domain.validation import validate
from planning.optimise import Plan
from planning.plans.baseline import current_baseline
from planning.plans.kpis import benefits_behind, budget_overruns, plan_kpis, plan_spend, portfolio_kpis
from veikart_ui import i18n, session, state
from veikart_ui.components import (
    decimals,
    header,
    local_time,
    money_metric,
    percent,
    problem_table,
    show_chart,
    show_frame,
    show_solver_summary,
)
from veikart_ui.i18n import names
from veikart_ui.session import tr
from veikart_ui.views import PAGE_FILES


def portfolio_section(portfolio: Portfolio) -> None:
    kpis = portfolio_kpis(portfolio)
    st.subheader(tr("overview.portfolio", first=kpis.first_year, last=kpis.last_year))
    cols = st.columns([0.7, 1.3, 1.3, 1.0, 0.9])  # room for the amounts and their labels
    cols[0].metric(tr("kpi.initiatives"), kpis.initiatives)
    money_metric(cols[1], tr("kpi.open_investment"), kpis.open_investment, help=tr("kpi.open_investment_help"))
    money_metric(cols[2], tr("kpi.annual_benefit"), kpis.annual_benefit, help=tr("kpi.annual_benefit_help"))
    cols[3].metric(tr("kpi.non_monetised"), kpis.non_monetised_benefits)
    cols[4].metric(tr("kpi.dependencies"), kpis.dependencies)
    statuses = names("status", session.language())
    st.caption(
        tr("overview.by_status")
        + ": "
        + " · ".join(f"{statuses.get(s, s)} {kpis.by_status.get(s, 0)}" for s in statuses if kpis.by_status.get(s))
    )


def approved_plan() -> tuple[Plan | None, Scenario | None, str]:
    """The approved baseline if the store has one, else this session's latest plan; with its scenario."""
    engine = state.engine(session.url())
    baseline = current_baseline(engine)
    if baseline is not None:
        approval = baseline.approval
        title = tr("overview.approved_plan", who=approval.approved_by, when=local_time(approval.approved_at))
        return baseline.stored.plan, baseline.stored.scenario, title
    plan, request = session.latest_plan()
    scenario = None if request is None else request.scenario_as_run
    return plan, scenario, tr("overview.session_plan")


def plan_section(portfolio: Portfolio, plan: Plan | None, title: str) -> None:
    st.subheader(title)
    if plan is None:
        st.info(tr("overview.no_plan"))
        st.page_link(PAGE_FILES["roadmap"], label=tr("overview.go_roadmap"), icon=":material/route:")
        return
    show_solver_summary(plan.facts)
    if plan.facts.objective is None:
        return
    kpis = plan_kpis(plan)
    cols = st.columns([1.0, 0.9, 1.4, 1.0, 0.8])
    money_metric(cols[0], tr("kpi.npv"), kpis.npv)
    cols[1].metric(tr("kpi.selected"), kpis.selected, help=tr("kpi.left_out", n=kpis.left_out))
    money_metric(cols[2], tr("kpi.investment"), kpis.investment)
    cols[3].metric(tr("kpi.utilisation"), percent(kpis.utilisation))
    cols[4].metric(tr("kpi.finish_year"), kpis.finish_year or "–")


def roadmap(portfolio: Portfolio, plan: Plan | None) -> None:
    if plan is None or plan.facts.objective is None:
        return
    lang = session.language()
    figure = roadmap_figure(
        portfolio,
        plan,
        show_dependencies=False,
        text=i18n.chart_text("roadmap", lang),
        names={**names("area", lang), **names("status", lang)},
    )
    show_chart(figure, "overview_roadmap")


def alerts(portfolio: Portfolio, plan: Plan | None, scenario: Scenario | None) -> None:
    st.subheader(tr("overview.alerts"))
    found = False
    problems = validate(portfolio)
    if problems:
        found = True
        errors = sum(p.severity == "error" for p in problems)
        with st.expander(tr("alert.validation", errors=errors, warnings=len(problems) - errors), expanded=errors > 0):
            problem_table(problems)
    behind = benefits_behind(portfolio)
    if len(behind):
        found = True
        st.warning(tr("alert.behind", n=len(behind)))
        shown = behind.assign(
            shortfall=(100 * behind["shortfall"]).round(0), planned=behind["planned"].round(1)
        ).rename(
            columns={
                "benefit_id": tr("col.benefit"),
                "initiative_id": tr("col.initiative"),
                "title": tr("col.title"),
                "unit": tr("col.unit"),
                "year": tr("col.year"),
                "planned": tr("col.planned"),
                "realised": tr("col.realised"),
                "shortfall": tr("col.shortfall"),
            }
        )
        show_frame(shown, column_config=decimals(shown))
        st.caption(tr("alert.behind_rule"))
    if plan is not None and plan.facts.objective is not None:
        over = budget_overruns(_current_spend(portfolio, plan, scenario))
        if len(over):
            found = True
            st.error(tr("alert.overrun", n=len(over)))
            pools = names("pool", session.language(), portfolio)
            shown = over.assign(pool=[pools.get(p, p) for p in over["pool"]]).rename(
                columns={
                    "pool": tr("col.pool"),
                    "year": tr("col.year"),
                    "amount": tr("col.spend"),
                    "envelope": tr("col.envelope"),
                    "excess": tr("col.excess"),
                }
            )
            show_frame(shown.round(1), column_config=decimals(shown, 1))
    if not found:
        st.success(tr("alert.none"))


def _current_spend(portfolio: Portfolio, plan: Plan, scenario: Scenario | None) -> pd.DataFrame:
    """The plan's spend against today's envelopes; its own spend when that cannot be worked out."""
    try:
        return plan_spend(portfolio, plan, scenario)
    except (KeyError, ValueError):
        return plan.spend


def page() -> None:
    header(tr("page.overview"), tr("overview.intro"))
    session.show_flash()
    portfolio = session.portfolio()
    portfolio_section(portfolio)
    plan, scenario, title = approved_plan()
    plan_section(portfolio, plan, title)
    alerts(portfolio, plan, scenario)
    roadmap(portfolio, plan)


page()
