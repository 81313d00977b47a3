"""What an approval approves, shown before every approval button: the scenario, NPV, the
initiatives, investment per funding pool and the change from the current plan of record
(:func:`planning.plans.approval_summary.approval_summary`)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from planning.domain.portfolio import Portfolio
from planning.optimise import Plan
from planning.plans.approval_summary import ApprovalSummary, approval_summary
from veikart_ui import i18n, session
from veikart_ui.components import locale_number, money_metric, show_frame, table_height
from veikart_ui.display import scenario_label
from veikart_ui.plain import plain
from veikart_ui.session import tr


def what_is_approved(
    portfolio: Portfolio,
    plan: Plan,
    *,
    plan_id: int,
    scenario_id: str,
    record: tuple[int, str, Plan] | None,
    key: str = "approve",
) -> ApprovalSummary:
    """The plan ``plan_id`` of ``scenario_id`` as it would be approved, against ``record``
    (the plan of record's id, scenario and plan), in a bordered box (``key``: one per page)."""
    record_plan = None if record is None or record[0] == plan_id else record[2]
    summary = approval_summary(plan, portfolio, record_plan)
    box = st.container(border=True, key=f"what_is_approved_{key}")
    box.markdown(f"**{tr('ux.approval_title')}**")
    box.markdown(tr("ux.approval_scenario", scenario=plain(scenario_label(portfolio, scenario_id)), plan=plan_id))
    npv, investment, count, change = box.columns(4)
    money_metric(npv, tr("ux.approval_npv"), summary.npv, digits=1)
    money_metric(investment, tr("ux.approval_investment"), summary.investment, digits=1)
    count.metric(tr("ux.approval_initiatives"), len(summary.initiatives))
    money_metric(change, tr("ux.approval_npv_change"), summary.npv_change, digits=1)
    _record_line(box, portfolio, plan_id, summary, record)
    box.caption(tr("ux.approval_by_region"))
    _pool_table(box, portfolio, summary.by_pool)
    if summary.against_record is not None and len(summary.against_record.changed):
        _changes(box, portfolio, summary)
    box.caption(tr("ux.approval_list", n=len(summary.initiatives)))
    labels = {"id": tr("col.id"), "name": tr("col.name"), "start": tr("ux.col.start"), "finish": tr("ux.col.finish")}
    show_frame(summary.initiatives.rename(columns=labels), box, height=table_height(len(summary.initiatives), most=8))
    return summary


def _record_line(where: Any, portfolio: Portfolio, plan_id: int, summary: ApprovalSummary, record: Any) -> None:
    if record is None:
        where.caption(tr("ux.approval_no_record"))
    elif record[0] == plan_id:
        where.caption(tr("ux.approval_same_as_record", plan=plan_id))
    elif summary.against_record is not None:
        counts = summary.against_record.summary()
        where.markdown(
            tr(
                "ux.approval_against_record",
                plan=record[0],
                scenario=plain(scenario_label(portfolio, str(record[1]))),
                added=counts["added"],
                dropped=counts["dropped"],
                moved=counts["earlier"] + counts["later"],
            )
        )


def _pool_table(where: Any, portfolio: Portfolio, by_pool: pd.DataFrame) -> None:
    pools = i18n.names("pool", session.language(), portfolio)
    labels = {"pool": tr("ux.col.pool"), "amount": tr("ux.col.this_plan"), "record": tr("ux.col.record"),
              "change": tr("ux.col.change")}  # fmt: skip
    frame = by_pool.assign(pool=[pools.get(p, p) for p in by_pool["pool"]]).rename(columns=labels)
    config = {labels[c]: locale_number(labels[c], 1) for c in ("amount", "record", "change") if labels[c] in frame}
    numbers = [labels[c] for c in ("amount", "record", "change") if labels[c] in frame]
    frame[numbers] = frame[numbers].astype(float).round(1) + 0.0  # no "-0,0"
    show_frame(frame, where, column_config=config, height=table_height(len(frame)))


def _changes(where: Any, portfolio: Portfolio, summary: ApprovalSummary) -> None:
    assert summary.against_record is not None
    changed = summary.against_record.changed
    kinds = i18n.names("change", session.language())
    names = portfolio.initiatives["name"]
    frame = pd.DataFrame(
        {
            tr("col.id"): [str(i) for i in changed.index],
            tr("col.name"): [str(names.get(i, i)) for i in changed.index],
            tr("ux.col.what"): [kinds.get(c, c) for c in changed["change"]],
            tr("ux.col.start_record"): [s or "–" for s in changed["start_a"]],
            tr("ux.col.start_new"): [s or "–" for s in changed["start_b"]],
        }
    )
    where.caption(tr("ux.approval_changes", n=len(frame)))  # no expander: the page may hold this in one
    show_frame(frame, where, height=table_height(len(frame), most=8))
