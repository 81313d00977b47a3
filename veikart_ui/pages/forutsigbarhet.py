"""Forutsigbarhet: how likely the plan is to hold its envelopes and deliver on time under uncertain estimates."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from planning.charts.uncertainty import confidence_figure, fan_figure, tornado_figure
from planning.domain.estimates import estimate_table
from planning.domain.portfolio import Portfolio
from planning.messages.message import said
from planning.plans.budget import pool_order
from planning.uncertainty import (
    DEFAULT_CORRELATION,
    DEFAULT_SAMPLES,
    DISTRIBUTIONS,
    GROUPINGS,
    MAX_SAMPLES,
    POLICIES,
    Simulation,
    SimulationOptions,
)
from veikart_ui import core_index_view, i18n, predictability, robust, session
from veikart_ui.components import header, locale_number, money_metric, problem_table, show_chart, show_frame
from veikart_ui.i18n import names
from veikart_ui.phrases import translate
from veikart_ui.plain import plain
from veikart_ui.session import tr
from veikart_ui.views import scenario_summary

SHARES = (
    *("p_within", "p_on_time", "p_within_one", "p_after_horizon", "p_deferred", "p_blocked", "p_stopped"),
    *("p_step_on_time", "correlation", "benefit_low", "benefit_likely", "benefit_high", "stop_probability"),
)
MONEY = (
    *("envelope", "planned", "p10", "p50", "p85", "p90", "overrun_low", "overrun_high", "swing", "mean"),
    *("cost_low", "cost_likely", "cost_high"),
)


def choose(options: tuple[str, ...], prefix: str) -> dict[str, str]:
    return {o: tr(f"{prefix}.{o}") for o in options}


def controls(has_approved: bool) -> tuple[str, SimulationOptions, bool]:
    """The plan to simulate, the options, and whether Simulate was pressed."""
    sources = [predictability.WORKING] + ([predictability.APPROVED] if has_approved else [])
    top = st.columns([2, 1, 1, 1], vertical_alignment="bottom")
    source = top[0].radio(tr("sim.source"), sources, format_func=choose(tuple(sources), "sim.source").__getitem__,
                          key="sim_source", horizontal=True)  # fmt: skip
    samples = top[1].number_input(tr("sim.samples"), 1, MAX_SAMPLES, DEFAULT_SAMPLES, 500, key="sim_samples")
    seed = top[2].number_input(tr("sim.seed"), 0, 2**31 - 1, 1, 1, key="sim_seed", help=tr("sim.seed_help"))
    clicked = top[3].button(tr("sim.button"), type="primary", key="sim_button", width="stretch")
    low = st.columns([2, 1, 1, 1])
    policy = low[0].radio(tr("sim.policy"), POLICIES, format_func=choose(POLICIES, "sim.policy").__getitem__,
                          key="sim_policy", horizontal=True, help=tr("sim.policy_help"))  # fmt: skip
    distribution = low[1].selectbox(tr("sim.distribution"), DISTRIBUTIONS, key="sim_distribution",
                                    format_func=choose(DISTRIBUTIONS, "sim.distribution").__getitem__)  # fmt: skip
    correlation = low[2].slider(tr("sim.correlation"), 0.0, 0.99, DEFAULT_CORRELATION, 0.05, key="sim_correlation",
                                help=tr("sim.correlation_help"))  # fmt: skip
    by = low[3].selectbox(tr("sim.correlate_by"), GROUPINGS, key="sim_correlate_by",
                          format_func=choose(GROUPINGS, "sim.correlate_by").__getitem__)  # fmt: skip
    options = SimulationOptions(int(samples), int(seed), str(policy), str(distribution), float(correlation), str(by))
    return str(source), options, clicked


def run(subject: predictability.Subject, options: SimulationOptions) -> Simulation | None:
    """Make the plan if needed and simulate it, with progress; a clear message instead when it fails."""
    with st.status(tr("sim.running"), expanded=True) as status:
        bar = st.progress(0.0, text=tr("sim.planning", scenario=plain(subject.scenario.id)))

        def planning(stage: str, fraction: float) -> None:
            bar.progress(min(max(fraction, 0.0), 1.0), text=i18n.stage(stage, session.language()))

        def simulating(stage: str, fraction: float) -> None:
            bar.progress(min(max(fraction, 0.0), 1.0), text=translate(stage, session.language()) or tr("sim.running"))

        try:
            plan = predictability.plan_of(subject, planning)
            result = predictability.simulate(subject, options, plan, simulating)
        except Exception as exc:  # an invalid portfolio, an infeasible scenario or a failing store: never a crash
            status.update(label=tr("sim.failed_short"), state="error")
            problems = getattr(exc, "problems", None)
            if problems:
                problem_table(problems)
            else:
                st.error(tr("sim.failed", error=plain(translate(said(exc), session.language()) or type(exc).__name__)))
            return None
        status.update(label=tr("sim.done", samples=options.samples), state="complete", expanded=False)
    return result


def headline(result: Simulation) -> None:
    s, value = result.summary, result.value.set_index("measure")
    lang = session.language()
    cols = st.columns(5)
    cols[0].metric(
        tr("sim.kpi.all_within"), i18n.percent(s["p_all_within"], 1, lang), help=tr("sim.kpi.all_within_help")
    )
    spend_help = tr("sim.kpi.spend_help", plan=i18n.number(s["planned_spend"], 0, lang))
    money_metric(cols[1], tr("sim.kpi.spend_p50"), s["spend_p50"], help=spend_help)
    money_metric(cols[2], tr("sim.kpi.spend_p85"), s["spend_p85"], help=spend_help)
    npv = value.loc["npv"]
    npv_help = tr("sim.kpi.npv_help", **{k: i18n.number(float(npv[k]), 0, lang) for k in ("p10", "p90")},
                  plan=i18n.number(float(npv["planned"]), 0, lang))  # fmt: skip
    money_metric(cols[3], tr("sim.kpi.npv"), float(npv["p50"]), help=npv_help)
    cols[4].metric(tr("sim.kpi.deferred"), i18n.number(s["mean_deferred"], 1, lang), help=tr("sim.kpi.deferred_help"))


def table(frame: pd.DataFrame, key: str) -> None:
    """A result table with headers in the reader's language, money in MNOK and chances as percentages."""
    config: dict[str, object] = {}
    labels: dict[str, str] = {}
    for column in map(str, frame.columns):
        label = tr(f"sim.col.{column}") if f"sim.col.{column}" in i18n.TEXTS else tr(f"col.{column}")
        labels[column] = label
        if column in MONEY:
            config[label] = locale_number(label, 1)
        elif column in SHARES:
            config[label] = st.column_config.NumberColumn(label, format="percent")
    show_frame(frame.rename(columns=labels), column_config=config, key=key)


def spend_tab(portfolio: Portfolio, result: Simulation) -> None:
    lang = session.language()
    pools = names("pool", lang, portfolio)
    figure = fan_figure(
        result.pool_periods, text=i18n.chart_text("fan", lang), names=pools, order=pool_order(portfolio)
    )
    show_chart(figure, "sim_fan")
    order = {pool: n for n, pool in enumerate(pool_order(portfolio))}
    years = result.pool_periods.sort_values(["pool", "period"], key=lambda c: c.map(order) if c.name == "pool" else c)
    shown = years[["pool", "label", "envelope", "planned", "p10", "p50", "p85", "p90", "p_within"]]
    table(shown, "sim_pool_years")


def delivery_tab(result: Simulation) -> None:
    lang = session.language()
    show_chart(confidence_figure(result.initiatives, text=i18n.chart_text("confidence", lang)), "sim_confidence")
    frame = result.initiatives.reset_index()
    frame["p_within_one"] = frame["p_on_time"] + frame["p_one_late"]
    columns = ["id", "name", "start", "finish", "p_on_time", "p_within_one", "p_after_horizon", "p_deferred",
               "p_blocked", "p_stopped", "expected_slip"]  # fmt: skip
    table(frame[columns].rename(columns={"id": "initiative"}), "sim_delivery")


def steps_and_value_tabs(result: Simulation, steps_tab: object, value_tab: object) -> None:
    with steps_tab:  # type: ignore[attr-defined]
        table(result.steps.rename(columns={"p_on_time": "p_step_on_time"}), "sim_steps")
    with value_tab:  # type: ignore[attr-defined]
        value = result.value.copy()
        value["measure"] = [tr(f"sim.value.{m}") for m in value["measure"]]
        table(value[["measure", "planned", "p10", "p50", "p90", "mean"]], "sim_value")


def drivers_tab(result: Simulation) -> None:
    lang = session.language()
    figure = tornado_figure(result.drivers, result.summary["mean_overrun"], text=i18n.chart_text("tornado", lang))
    show_chart(figure, "sim_tornado")
    st.caption(tr("sim.drivers_help"))
    if not result.drivers.empty:
        table(result.drivers.reset_index().rename(columns={"id": "initiative"}), "sim_drivers")


def estimates_tab(portfolio: Portfolio, result: Simulation) -> None:
    st.caption(tr("sim.estimates_help"))
    found = estimate_table(portfolio).loc[list(result.initiatives.index)].reset_index()
    found["risk"] = [names("risk", session.language()).get(str(r), str(r)) for r in found["risk"]]
    found["defaults"] = [", ".join(d) for d in found["defaults"]]
    table(found.rename(columns={"id": "initiative"}), "sim_estimates")


def show(portfolio: Portfolio, result: Simulation, plan_label: str) -> None:
    o = result.options
    st.caption(tr("sim.what", plan=plain(plan_label), samples=o.samples, seed=o.seed))
    if result.left_out:
        st.warning(tr("sim.left_out", ids=plain(", ".join(result.left_out))))
    headline(result)
    labels = ["spend", "delivery", "steps", "value", "drivers", "estimates"]
    tabs = st.tabs([tr(f"sim.tab.{t}") for t in labels], key="sim_tabs", on_change="rerun")
    opened = dict(zip(labels, tabs, strict=True))
    if opened["spend"].open:
        with opened["spend"]:
            spend_tab(portfolio, result)
    if opened["delivery"].open:
        with opened["delivery"]:
            delivery_tab(result)
    steps_and_value_tabs(result, opened["steps"], opened["value"])
    if opened["drivers"].open:
        with opened["drivers"]:
            drivers_tab(result)
    if opened["estimates"].open:
        with opened["estimates"]:
            estimates_tab(portfolio, result)
    method = tr("sim.method", distribution=tr(f"sim.distribution.{o.distribution}").lower(),
                correlation=i18n.number(o.correlation, 2, session.language()),
                by=tr(f"sim.correlate_by.{o.correlate_by}").lower())  # fmt: skip
    st.caption(method)


def page() -> None:
    header(tr("page.predictability"), tr("predictability.intro"))
    session.show_flash()
    portfolio = session.portfolio()
    approved = predictability.approved(portfolio)
    source, options, clicked = controls(approved is not None)
    subject = approved if source == predictability.APPROVED and approved is not None else None
    if subject is None:
        subject = predictability.working(portfolio)
        scenario_summary(portfolio, subject.scenario)
    running = st.container()
    if clicked:
        with running:
            result = run(subject, options)
        if result is not None:
            label = (tr("sim.plan_approved", id=subject.plan_id, scenario=subject.scenario.id)
                     if subject.source == predictability.APPROVED
                     else tr("sim.plan_working", scenario=subject.scenario.id))  # fmt: skip
            predictability.remember(subject.key(options), result, label)
    found = predictability.latest()
    if found is None:
        st.info(tr("sim.none"))
    else:
        key, result, label = found
        if key != subject.key(options):
            running.warning(tr("sim.stale"))
        show(portfolio, result, label)
    st.divider()
    robust.section(portfolio, subject.scenario)
    st.divider()
    core_index_view.section(subject)


page()
