"""Veikart: run the optimiser and show the roadmap, spend, benefits, steps and explanations."""

from __future__ import annotations

import streamlit as st

from planning.charts.benefit_curve import benefit_figure
from planning.charts.budget import spend_figure
from planning.charts.roadmap import roadmap_figure
from planning.domain.models import Scenario
from planning.domain.problems import InvalidPortfolio
from planning.io.memory import MIME, file_name, plan_bytes
from planning.optimise import Plan
from planning.plans.budget import pool_order
from veikart_ui import i18n, planner, session
from veikart_ui.components import (
    header,
    money_metric,
    problem_table,
    show_chart,
    show_frame,
    show_solver_summary,
    solver_details,
    time_limit_input,
)
from veikart_ui.core_index_view import roadmap_note
from veikart_ui.guard import guarded
from veikart_ui.i18n import names
from veikart_ui.obligations_view import cost_view, left_out_warning
from veikart_ui.phrases import translate
from veikart_ui.plain import plain
from veikart_ui.session import tr
from veikart_ui.state import Job
from veikart_ui.views import explanation_table, plan_steps_view, scenario_summary

POLL_SECONDS = 2.0


def run_optimiser(request: planner.PlanRequest) -> planner.PlanResult | None:
    """Solve with visible progress; a clear message instead of a plan when it fails."""
    with st.status(tr("run.running"), expanded=True) as status:
        bar = st.progress(0.0, text=tr("stage.Preparing inputs"))

        def progress(stage: str, fraction: float) -> None:
            bar.progress(min(max(fraction, 0.0), 1.0), text=i18n.stage(stage, session.language()))

        try:
            result = planner.run(request, progress)
        except InvalidPortfolio as exc:
            status.update(label=tr("run.invalid"), state="error")
            problem_table(exc.problems)
            return None
        except Exception as exc:  # a failing solver or store must never take the page down
            status.update(label=tr("run.failed"), state="error")
            st.error(tr("run.failed_detail", error=plain(str(exc) or type(exc).__name__)))
            return None
        failed = result.plan.facts.status in ("infeasible", "error")
        status.update(
            label=tr(f"run.done.{result.plan.facts.status}"), state="error" if failed else "complete", expanded=False
        )
    return result


def controls() -> tuple[float, str, bool, bool]:
    left, middle, right, button = st.columns([1, 1, 1, 1], vertical_alignment="bottom")
    time_limit = time_limit_input(tr("run.time_limit"), "time_limit", left)
    color_by = middle.radio(
        tr("roadmap.color_by"),
        ["area", "region"],
        format_func={v: tr(f"roadmap.color.{v}") for v in ("area", "region")}.__getitem__,
        key="roadmap_color",
        horizontal=True,
    )
    show_dependencies = right.checkbox(tr("roadmap.dependencies"), value=True, key="roadmap_dependencies")
    clicked = button.button(tr("run.button"), type="primary", key="run_optimiser", width="stretch")
    return float(time_limit), str(color_by), bool(show_dependencies), bool(clicked)


def point_estimates_choice(scenario: Scenario) -> bool:
    """Where the scenario asks for a confidence level: whether to plan on the point estimates instead."""
    if scenario.confidence is None:
        return False
    target = i18n.percent(scenario.confidence, 0, session.language())
    return bool(
        st.checkbox(
            tr("roadmap.point_estimates"),
            key="roadmap_point_estimates",
            help=tr("roadmap.point_estimates_help", target=target),
        )
    )


def show_confidence(request: planner.PlanRequest) -> None:
    """What a plan made at the scenario's confidence promises, checked on fresh futures (or that it is not one)."""
    confidence, lang = request.scenario.confidence, session.language()
    if confidence is None:
        return
    target = i18n.percent(confidence, 0, lang)
    if request.point_estimates:
        st.info(tr("roadmap.on_point_estimates", target=target))
        return
    promise = planner.promise(request)
    if promise is None:
        return
    what = tr(f"roadmap.what.{promise.scope}")
    st.info(tr("roadmap.at_confidence", target=target, what=what, samples=i18n.number(promise.check_samples, 0, lang)))
    words = {"target": target, "achieved": i18n.percent(promise.achieved, 1, lang)}
    text = tr(f"robust.verdict.{promise.verdict}", **words)
    {"reached": st.success, "above": st.info}.get(promise.verdict, st.error)(text)


def show_plan(request: planner.PlanRequest, plan: Plan, color_by: str, show_dependencies: bool) -> None:
    portfolio, lang = request.portfolio, session.language()
    if plan.has_plan:
        left_out_warning(request, plan)  # before anything else: a plan that leaves an obligation out says so
    show_confidence(request)
    show_solver_summary(plan.facts)
    if plan.diagnosis:
        lines = (f"- {plain(translate(line, lang))}" for line in plan.diagnosis)
        st.error(tr("plan.diagnosis") + "\n\n" + "\n".join(lines))
    if not plan.has_plan:
        return
    cols = st.columns(4)
    money_metric(cols[0], tr("kpi.npv"), plan.npv)
    cols[1].metric(tr("kpi.selected"), int(plan.initiatives["selected_opt"].astype(bool).sum()))
    money_metric(cols[2], tr("kpi.investment"), float(plan.spend["amount"].sum()))
    cols[3].metric(tr("kpi.finish"), _finish(plan))
    roadmap_note(plan.scenario, plan.starts)
    download(request, plan)
    cost_view(request, plan)
    pools = names("pool", lang, portfolio)
    tabs = st.tabs(
        [tr("tab.roadmap"), tr("tab.spend"), tr("tab.benefits"), tr("tab.steps"), tr("tab.explain"), tr("tab.facts")],
        key="roadmap_tabs",
        on_change="rerun",
    )
    if tabs[0].open:
        with tabs[0]:
            figure = roadmap_figure(
                portfolio,
                plan,
                color_by=color_by,
                show_dependencies=show_dependencies,
                text=i18n.chart_text("roadmap", lang),
                names={**names("area", lang), **names("status", lang), **pools},
            )
            show_chart(figure, "roadmap_chart")
    if tabs[1].open:
        with tabs[1]:
            figure = spend_figure(
                plan.spend, text=i18n.chart_text("spend", lang), names=pools, order=pool_order(portfolio)
            )
            show_chart(figure, "spend_chart")
    if tabs[2].open:
        with tabs[2]:
            figure = benefit_figure(plan.benefits, plan.spend, text=i18n.chart_text("benefit", lang))
            show_chart(figure, "benefit_chart")
            st.caption(tr("benefit.note"))
    if tabs[3].open:
        with tabs[3]:
            plan_steps_view(portfolio, plan)
    if tabs[4].open:
        with tabs[4]:
            explanations(request, plan)
    if tabs[5].open:
        with tabs[5]:
            show_frame(solver_details(plan.facts))
            plan_id = st.session_state.get(session.PLAN_ID)
            st.caption(tr("plan.stored", id=plan_id) if plan_id is not None else tr("auth.not_stored"))


def download(request: planner.PlanRequest, plan: Plan) -> None:
    """The plan as a workbook, made when clicked, with the reasons found so far."""
    explained = planner.explained(request)
    shown = explained.plan if explained is not None else plan
    st.download_button(
        tr("plan.download"),
        lambda: plan_bytes(shown, request.portfolio, "xlsx"),
        file_name(f"veikart-plan-{request.scenario.id}", "xlsx"),
        MIME["xlsx"],
        key="plan_download",
        on_click="ignore",
        icon=":material/download:",
        help=tr("plan.download_help"),
    )


def _finish(plan: Plan) -> str:
    chosen = plan.initiatives[plan.initiatives["selected_opt"].astype(bool)]
    if chosen.empty:
        return "–"
    return str(chosen.loc[chosen["finish_opt"].astype("Int64").idxmax(), "finish_label"])


def explanations(request: planner.PlanRequest, plan: Plan) -> None:
    """Why initiatives are out or late at once; what forcing each in would cost, on request."""
    full = planner.explained(request)
    if full is not None:
        frame = full.plan.initiatives
    else:
        frame = planner.reasons(request, plan)
        job = planner.pending(request)
        if job is None:
            left, right = st.columns([3, 1], vertical_alignment="center")
            left.caption(tr("explain.help"))
            if right.button(tr("explain.button"), key="explain_button", width="stretch"):
                _wait_for(planner.explain(request, group=session.session_id()))
        elif job.failed is not None:
            st.error(tr("explain.failed", error=plain(job.failed)))
        else:
            _wait_for(job)
    table = explanation_table(request.portfolio, frame)
    if table.empty:
        st.success(tr("explain.none"))
    else:
        widths = {tr("col.name"): 240, tr("explain.reason"): 520}  # the reason is what people come for
        config = {label: st.column_config.TextColumn(label, width=px) for label, px in widths.items()}
        show_frame(table, key="explanations", column_config=config)


def _wait_for(job: Job) -> None:
    @st.fragment(run_every=POLL_SECONDS)
    @guarded("roadmap progress")  # a fragment reruns on its own, outside the page's edge in app.py
    def poll() -> None:
        if job.done:
            st.rerun(scope="app")
        st.progress(job.fraction, text=tr("explain.running", stage=i18n.stage(job.stage, session.language())))

    poll()


def page() -> None:
    header(tr("page.roadmap"), tr("roadmap.intro"))
    session.show_flash()
    portfolio = session.portfolio()
    scenario = session.working_scenario(portfolio)
    scenario_summary(portfolio, scenario)
    time_limit, color_by, show_dependencies, clicked = controls()
    point_estimates = point_estimates_choice(scenario)
    request = planner.PlanRequest(
        session.url(), portfolio, scenario, time_limit, session.user(), point_estimates=point_estimates
    )
    running = st.container()  # always there, so that what follows keeps its place on every run
    if clicked:
        with running:
            result = run_optimiser(request)
        if result is not None:
            session.set_plan(result.plan, result.plan_id, request)
    plan, shown = session.latest_plan()
    if plan is None or shown is None:
        st.info(tr("roadmap.none"))
        return
    if shown.key(explain=False) != request.key(explain=False):
        running.warning(tr("roadmap.stale"))
    show_plan(shown, plan, color_by, show_dependencies)


page()
