"""The Forutsigbarhet page's section on plans at a chosen confidence and the price of predictability.

Every plan goes through :func:`planning.robust.robust_plan` and every comparison through
:func:`planning.robust.price_of_predictability`; the session keeps its latest answers.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from planning.charts.robust import price_figure
from planning.domain.models import CONFIDENCE_SCOPES, Scenario
from planning.domain.portfolio import Portfolio
from planning.messages.message import said
from planning.robust import METHODS, RobustOptions, RobustPlan, price_frame, price_of_predictability, robust_plan
from planning.robust.options import DEFAULT_CONFIDENCE, DEFAULT_PLANNING_SAMPLES, MAX_PLANNING_SAMPLES
from veikart_ui import i18n, session
from veikart_ui.components import money_metric, show_chart, show_frame, show_solver_summary
from veikart_ui.phrases import translate
from veikart_ui.plain import plain
from veikart_ui.session import tr

PLAN, PRICE = "robust_plan", "robust_price"


def words(options: tuple[str, ...], prefix: str) -> dict[str, str]:
    """Each option's words in the reader's language, fixed when the page is drawn."""
    return {o: tr(f"{prefix}.{o}") for o in options}


def controls(scenario: Scenario) -> tuple[RobustOptions, bool, bool]:
    """The options and which button was pressed: make the plan, or compare the levels."""
    top = st.columns([1, 2, 2, 1], vertical_alignment="bottom")
    default = float(scenario.confidence or DEFAULT_CONFIDENCE)
    confidence = top[0].slider(tr("robust.confidence"), 0.5, 0.99, default, 0.01, key="robust_confidence",
                               help=tr("robust.confidence_help"))  # fmt: skip
    scope = top[1].radio(tr("robust.scope"), CONFIDENCE_SCOPES, key="robust_scope", horizontal=True,
                         index=CONFIDENCE_SCOPES.index(scenario.confidence_scope),
                         format_func=words(CONFIDENCE_SCOPES, "robust.scope").__getitem__)  # fmt: skip
    method = top[2].radio(tr("robust.method"), METHODS, key="robust_method", horizontal=True,
                          format_func=words(METHODS, "robust.method").__getitem__)  # fmt: skip
    samples = top[3].number_input(tr("robust.samples"), 1, MAX_PLANNING_SAMPLES, DEFAULT_PLANNING_SAMPLES, 50,
                                  key="robust_samples")  # fmt: skip
    buttons = st.columns([1, 1, 3])
    make = buttons[0].button(tr("robust.button"), type="primary", key="robust_button")
    price = buttons[1].button(tr("robust.price_button"), key="robust_price_button")
    options = RobustOptions(confidence=float(confidence), scope=str(scope), method=str(method), samples=int(samples))
    return options, make, price


def running(label: str, work: Any) -> Any:
    """Run ``work(progress)`` under a status box; a clear message instead of a crash when it fails."""
    with st.status(tr(label), expanded=True) as status:
        bar = st.progress(0.0)

        def progress(stage: str, fraction: float) -> None:
            bar.progress(min(max(fraction, 0.0), 1.0), text=i18n.stage(stage, session.language()))

        try:
            found = work(progress)
        except Exception as exc:  # invalid data or options: never a crash
            status.update(label=tr("robust.failed", error=""), state="error")
            st.error(tr("robust.failed", error=plain(translate(said(exc), session.language()) or type(exc).__name__)))
            return None
        status.update(label=tr("robust.done"), state="complete", expanded=False)
    return found


def verdict(made: RobustPlan) -> None:
    lang = session.language()
    words = {"target": i18n.percent(made.options.confidence, 0, lang), "achieved": i18n.percent(made.achieved, 1, lang)}
    text = tr(f"robust.verdict.{made.verdict}", **words)
    {"reached": st.success, "above": st.info}.get(made.verdict, st.error)(text)


def show_plan(made: RobustPlan) -> None:
    lang, o = session.language(), made.options
    show_solver_summary(made.plan.facts)
    if not made.plan.has_plan:
        verdict(made)
        return
    cols = st.columns(4)
    money_metric(cols[0], tr("robust.npv"), float(made.plan.npv or 0.0))
    cols[1].metric(tr("robust.initiatives"), len(made.plan.starts))
    held_help = tr("robust.achieved_help", samples=o.check_samples, seed=o.check_seed,
                   what=tr(f"robust.what.{o.scope}"), weakest=plain(made.check.weakest))  # fmt: skip
    cols[2].metric(tr("robust.achieved"), i18n.percent(made.achieved, 1, lang), help=held_help)
    if made.reserve is not None:
        cols[3].metric(tr("robust.reserve"), i18n.percent(made.reserve, 1, lang))
    verdict(made)


def price_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The comparison for people: the level, the solver's status and gap, money and chances."""
    lang = session.language()
    shown = pd.DataFrame(
        {
            tr("robust.col.level"): [
                tr("robust.point") if pd.isna(c) else i18n.percent(float(c), 0, lang) for c in frame["confidence"]
            ],
            tr("robust.col.status"): [tr(f"status.{s}") for s in frame["status"]],
            tr("robust.col.gap"): ["–" if pd.isna(g) else i18n.percent(float(g), 2, lang) for g in frame["gap"]],
            tr("robust.col.npv"): [i18n.number(float(v), 0, lang) for v in frame["npv"].fillna(0.0)],
            tr("robust.col.npv_cost"): [i18n.number(float(v), 0, lang) for v in frame["npv_cost"].fillna(0.0)],
            tr("robust.col.initiatives"): frame["initiatives"],
            tr("robust.col.delivered_mean"): [i18n.number(float(v), 1, lang) for v in frame["delivered_mean"]],
            tr("robust.col.achieved"): [i18n.percent(float(v), 1, lang) for v in frame["achieved"]],
            tr("robust.col.verdict"): [tr(f"robust.verdict_short.{v}") for v in frame["verdict"]],
        }
    )
    return shown


def show_price(rows: list[dict[str, Any]]) -> None:
    st.markdown(f"**{tr('robust.price_title')}**")
    st.caption(tr("robust.price_help"))
    frame = price_frame(rows)
    show_chart(price_figure(frame, text=i18n.chart_text("price", session.language())), "robust_price_chart")
    show_frame(price_table(frame), key="robust_price_table")


def section(portfolio: Portfolio, scenario: Scenario) -> None:
    """The section: options, a plan at the chosen confidence, and the price of predictability."""
    st.subheader(tr("robust.title"))
    st.caption(tr("robust.intro"))
    options, make, price = controls(scenario)
    if make:
        made = running("robust.running", lambda p: robust_plan(portfolio, scenario, options, progress=p))
        if made is not None:
            st.session_state[PLAN] = (scenario.id, made)
    if price:
        rows = running("robust.price_running", lambda p: price_of_predictability(portfolio, scenario, options=options,
                                                                                 progress=p))  # fmt: skip
        if rows is not None:
            st.session_state[PRICE] = (scenario.id, rows)
    found = st.session_state.get(PLAN)
    if isinstance(found, tuple) and found[0] == scenario.id:
        show_plan(found[1])
    priced = st.session_state.get(PRICE)
    if isinstance(priced, tuple) and priced[0] == scenario.id:
        show_price(priced[1])
