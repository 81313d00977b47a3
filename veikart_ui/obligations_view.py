"""Statutory and equity obligations on the Veikart page: said at the top when a plan leaves one
out, and what keeping them costs (one more solve, on request). The domain is
:mod:`planning.plans.obligations`; this module only shows what it returns."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from planning.optimise import Plan
from planning.plans.obligations import ObligationCost, left_out_obligations, obligation_cost
from veikart_ui import planner, session
from veikart_ui.components import money_metric
from veikart_ui.phrases import translate
from veikart_ui.plain import plain, plain_join
from veikart_ui.session import tr

COST = "obligation_cost"
"""Session key of the priced obligations: (request key, ObligationCost or None)."""


def left_out_warning(request: planner.PlanRequest, plan: Plan) -> None:
    """A warning at the top of the plan naming each obligation it leaves out, with the reason."""
    found = left_out_obligations(request.portfolio, plan)
    if found.empty:
        return
    if not found["reason"].astype(bool).all():  # a plan solved without explanations: the quick reasons
        known = planner.reasons(request, plan)["reason"]
        found["reason"] = pd.Series([known.get(i, "") or "" for i in found.index], index=found.index, dtype=object)
    n = len(found)
    count = tr("ux_b.left_out_one") if n == 1 else tr("ux_b.left_out_many", n=n)
    lines = [
        "- " + tr("ux_b.left_out_line", id=plain(i), name=plain(row["name"]),
                  kind=tr(f"ux_b.obligation.{row['obligation']}"),
                  note=f": {plain(row['obligation_note'])}" if row["obligation_note"] else "",
                  reason=plain(translate(found.at[i, "reason"], session.language())) if row["reason"] else "–")
        for i, row in found.iterrows()  # the reason from the column: a row of text only is made text
    ]  # fmt: skip
    st.warning("\n".join([tr("ux_b.left_out", count=count), "", *lines, "", tr("ux_b.left_out_fix")]), icon="⚖️")


def cost_view(request: planner.PlanRequest, plan: Plan) -> None:
    """What keeping the obligations costs: solved once more without them when asked."""
    with st.expander(tr("ux_b.cost_title"), expanded=_priced(request) is not None):
        st.caption(tr("ux_b.cost_help"))
        if st.button(tr("ux_b.cost_button"), key="obligation_cost_button"):
            with st.spinner(tr("ux_b.cost_running")):
                found = obligation_cost(request.portfolio, request.scenario_as_run, plan, time_limit=request.time_limit)
            st.session_state[COST] = (request.key(explain=False), found)
        priced = _priced(request)
        if priced is not None:
            _show(priced[1])


def _priced(request: planner.PlanRequest) -> tuple[str, ObligationCost | None] | None:
    stored = st.session_state.get(COST)
    return stored if stored is not None and stored[0] == request.key(explain=False) else None


def _show(found: ObligationCost | None) -> None:
    if found is None:
        st.info(tr("ux_b.cost_none"))
        return
    if found.cost is None:
        st.warning(tr("ux_b.cost_failed", with_status=found.status_with, without_status=found.status_without))
        return
    left, middle, right = st.columns(3)
    money_metric(left, tr("ux_b.cost_with"), found.npv_with, digits=1)
    money_metric(middle, tr("ux_b.cost_without"), found.npv_without, digits=1)
    money_metric(right, tr("ux_b.cost_of"), found.cost, digits=1)
    dropped = tr("ux_b.cost_dropped", ids=plain_join(found.left_out_without)) if found.left_out_without else ""
    lines = [tr("ux_b.cost_kept", ids=plain_join(found.kept)), dropped or tr("ux_b.cost_all_pay"),
             tr("ux_b.cost_proven") if found.proven else tr("ux_b.cost_estimate")]  # fmt: skip
    st.caption(" ".join(lines))
