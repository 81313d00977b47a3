"""Scenarier: save, load and compare scenarios (saving: :mod:`veikart_ui.scenario_store`); the ambition
ladder, the frontier, the baseline."""

from __future__ import annotations

import streamlit as st

from planning.charts.stepwise import (
    compare_figure,
    compare_spend_figure,
    frontier_figure,
    ladder_figure,
    ladder_pool_figure,
)
from planning.domain.portfolio import Portfolio
from planning.optimise import Plan
from planning.plans.baseline import approve_plan, current_baseline
from planning.plans.diff import diff_plans
from planning.plans.frontier import optimiser_gain
from planning.plans.ladder import ladder_additions, ladder_by_pool, ladder_summary, solve_ladder
from planning.robust.scenario import scenario_frontier, scenario_solver
from planning.store.access import APPROVE, PermissionDenied
from veikart_ui import auth, comparison_view, i18n, scenario_store, session, state
from veikart_ui.approval_view import what_is_approved
from veikart_ui.components import (
    header,
    local_time,
    mnok,
    money_metric,
    progress_line,
    show_chart,
    show_table,
    time_limit_input,
)
from veikart_ui.i18n import names
from veikart_ui.phrases import translate
from veikart_ui.plain import plain
from veikart_ui.session import tr
from veikart_ui.views import scenario_summary


def stepwise_text() -> dict[str, str]:
    """The stepwise charts' labels in the reader's language."""
    return i18n.chart_text("stepwise", session.language())


def time_limit(key: str) -> float:
    """The time limit per solve, in a third of the width (a number needs no more)."""
    column, _ = st.columns([1, 2])
    return time_limit_input(tr("scenarios.time_limit"), key, column)


def compare(portfolio: Portfolio) -> None:
    """The working scenario (saved or not) beside its base, or any others; each difference with its reason."""
    limit = time_limit("compare_time_limit")
    working = session.working_scenario(portfolio)
    options, default = comparison_view.choices(portfolio, working)
    if any(choice not in options for choice in st.session_state.get("compare_scenarios", [])):
        st.session_state.pop("compare_scenarios")  # the working copy was saved or discarded meanwhile
    chosen = st.multiselect(
        tr("scenarios.compare_which"),
        options,
        default=default,
        key="compare_scenarios",
        format_func=lambda choice: comparison_view.label(portfolio, working, choice),
        select_all=False,  # Streamlit writes "Select all" in English only
    )
    st.caption(tr("ux.compare_default_help"))
    if st.button(tr("scenarios.compare_button"), key="compare_button", disabled=len(chosen) < 2):
        with st.status(tr("scenarios.solving", n=len(chosen)), expanded=True) as status:
            compared = comparison_view.solve_all(portfolio, working, chosen, limit, progress_line())
            st.session_state[comparison_view.COMPARED] = compared
            status.update(label=tr("scenarios.compared"), state="complete", expanded=False)
    made: comparison_view.Compared | None = st.session_state.get(comparison_view.COMPARED)
    if made is None:
        return
    comparison = made.comparison
    comparison_view.show(portfolio, made)
    show_chart(compare_figure(comparison.kpis, text=stepwise_text()), "compare_chart")
    pools = names("pool", session.language(), portfolio)
    spend = compare_spend_figure(comparison.spend, text=stepwise_text(), names=pools)
    # room at the top for the title, then two legend rows, then the panel titles
    spend.update_layout(height=660, margin={"t": 180}, title={"y": 0.98, "yanchor": "top"}, legend={"y": 1.17})
    show_chart(spend, "compare_spend_chart")


def ladder(portfolio: Portfolio) -> None:
    st.caption(tr("scenarios.ladder_help"))
    limit = time_limit("ladder_time_limit")
    if st.button(tr("scenarios.ladder_button"), key="ladder_button"):
        with st.status(tr("scenarios.ladder_running"), expanded=True) as status:
            lines = st.empty()
            log: list[str] = []

            def report(line: str) -> None:
                log.append(translate(line, session.language()))
                lines.code("\n".join(log[-8:]), language=None)

            working = session.working_scenario(portfolio)
            solve = scenario_solver(portfolio, time_limit=limit)  # at the scenario's confidence, as the roadmap
            st.session_state["ladder"] = solve_ladder(portfolio, working, time_limit=limit, report=report, solve=solve)
            status.update(label=tr("scenarios.ladder_done"), state="complete", expanded=False)
    result = st.session_state.get("ladder")
    if result is None:
        return
    summary = ladder_summary(result)
    summary["note"] = [translate(note, session.language()) for note in summary["note"]]
    base = result.steps[0].scenario if result.steps else None
    if base is not None and base.confidence is not None:
        target = i18n.percent(base.confidence, 0, session.language())
        st.info(tr("ladder.planned_at", target=target, what=tr(f"roadmap.what.{base.confidence_scope}")))
    show_table(
        summary,
        money=("npv", "independent_npv", "price_of_nesting", "envelope", "investment"),
        shares=("gap", "confidence"),
        coded={"status": "plan_status"},
    )
    st.caption(tr("scenarios.price_of_nesting", price=mnok(result.price_of_nesting, 1)))
    left, right = st.columns(2)
    show_chart(ladder_figure(summary, text=stepwise_text()), "ladder_chart", left)
    show_chart(
        ladder_pool_figure(
            ladder_by_pool(result), text=stepwise_text(), names=names("pool", session.language(), portfolio)
        ),
        "ladder_pool_chart",
        right,
    )
    with st.expander(tr("scenarios.ladder_additions")):
        show_table(ladder_additions(result), money=("cost", "npv"))


def frontier(portfolio: Portfolio) -> None:
    st.caption(tr("scenarios.frontier_help"))
    limit = time_limit("frontier_time_limit")
    if st.button(tr("scenarios.frontier_button"), key="frontier_button"):
        with st.status(tr("scenarios.frontier_running"), expanded=True) as status:
            working = session.working_scenario(portfolio)
            # at the scenario's confidence, as the roadmap
            st.session_state["frontier"] = scenario_frontier(
                portfolio, working, time_limit=limit, report=progress_line()
            )
            st.session_state["frontier_scope"] = working.confidence_scope  # what held, for the result's note
            status.update(label=tr("scenarios.frontier_done"), state="complete", expanded=False)
    result = st.session_state.get("frontier")
    if result is None:
        return
    confidence = result["confidence"].dropna()
    if not confidence.empty:
        scope = st.session_state.get("frontier_scope", "envelope")
        target = i18n.percent(float(confidence.iloc[0]), 0, session.language())
        st.info(tr("frontier.planned_at", target=target, what=tr(f"roadmap.what.{scope}")))
    show_chart(frontier_figure(result, text=stepwise_text()), "frontier_chart")
    if confidence.size == len(result):  # no ranking beside plans at a confidence: what each level held instead
        held = result[["budget_factor", "investment", "npv", "confidence", "held", "verdict"]].copy()
        held["verdict"] = [tr(f"robust.verdict_short.{v}") if isinstance(v, str) else v for v in held["verdict"]]
        show_table(held, money=("investment", "npv"), shares=("budget_factor", "confidence", "held"))
        return
    gain = optimiser_gain(result)
    gain = gain if "budget_factor" in gain.columns else gain.reset_index()
    show_table(gain, money=("npv_optimiser", "npv_greedy", "gain"), shares=("budget_factor",))


def baseline() -> None:
    engine = state.engine(session.url())
    current = current_baseline(engine)
    plan: Plan | None = st.session_state.get(session.PLAN)
    if current is None:
        st.info(tr("scenarios.no_baseline"))
    else:
        approval = current.approval
        st.markdown(
            tr(
                "scenarios.baseline_is",
                id=approval.plan_id,
                scenario=plain(current.stored.scenario_id),
                who=plain(approval.approved_by),
                when=local_time(approval.approved_at),
                comment=plain(approval.comment or "–"),
            )
        )
        if plan is not None:
            baseline_diff(current.stored.plan, plan)
    plan_id = st.session_state.get(session.PLAN_ID)
    if plan is None:
        st.caption(tr("scenarios.approve_needs_plan"))
        return
    if plan_id is None:
        st.caption(tr("auth.not_stored"))
        return
    if current is not None and current.approval.plan_id == plan_id:
        st.success(tr("scenarios.is_baseline", id=plan_id))
        return
    st.markdown(f"**{tr('scenarios.approve_title', id=plan_id)}**")
    request = st.session_state.get(session.PLAN_REQUEST)
    scenario_id = str(request.scenario.id) if request is not None else "–"
    record = None if current is None else (current.stored.id, current.stored.scenario_id, current.stored.plan)
    what_is_approved(session.portfolio(), plan, plan_id=int(plan_id), scenario_id=scenario_id, record=record)
    left, middle, right = st.columns([1, 2, 1], vertical_alignment="bottom")
    who = left.text_input(tr("scenarios.approved_by"), key="approved_by", placeholder=tr("scenarios.approved_by_hint"))
    comment = middle.text_input(tr("scenarios.comment"), key="approval_comment")
    may_approve = auth.can(session.user(), APPROVE)
    if not may_approve:
        st.caption(tr("auth.cannot_approve"))
    if right.button(tr("scenarios.approve"), key="approve_plan", width="stretch", disabled=not may_approve):
        try:
            approve_plan(engine, int(plan_id), by=who, comment=comment, user=session.user())
        except PermissionDenied as exc:
            st.error(session.denied(exc))
            return
        except (ValueError, KeyError) as exc:
            st.error(plain(exc))
            return
        session.flash(tr("scenarios.approved", id=plan_id))
        st.rerun()


def baseline_diff(approved: Plan, plan: Plan) -> None:
    st.markdown(f"**{tr('scenarios.diff_title')}**")
    difference = diff_plans(approved, plan)
    summary = difference.summary()
    cols = st.columns(5)
    for col, change in zip(cols, ("added", "dropped", "earlier", "later"), strict=False):
        col.metric(tr(f"diff.{change}"), summary[change])
    money_metric(cols[4], tr("diff.npv_change"), difference.npv_change, digits=1)
    if len(difference.changed):
        show_table(difference.changed.reset_index(), coded={"change": "change"})
    show_table(difference.cost_by_pool(), money=("amount_a", "amount_b", "change"))


def page() -> None:
    header(tr("page.scenarios"), tr("scenarios.intro"))
    session.show_flash()
    portfolio = session.portfolio()
    scenario_summary(portfolio, session.working_scenario(portfolio))
    tabs = st.tabs(
        [
            tr("scenarios.tab.store"),
            tr("scenarios.tab.compare"),
            tr("scenarios.tab.ladder"),
            tr("scenarios.tab.frontier"),
            tr("scenarios.tab.baseline"),
        ],
        key="scenario_tabs",
        on_change="rerun",
    )
    views = [
        lambda: scenario_store.store(portfolio),
        lambda: compare(portfolio),
        lambda: ladder(portfolio),
        lambda: frontier(portfolio),
        baseline,
    ]
    for tab, view in zip(tabs, views, strict=True):
        if tab.open:
            with tab:
                view()


page()
