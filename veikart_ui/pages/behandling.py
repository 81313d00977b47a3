"""Behandling: the joint treatment of the plan across the IT directors, the leaders' meeting and the boards.

The case as a timeline of stages with each body's state and decision, a form for each body
whose decision the signed-in user may record, what a condition that does not hold would
mean for every region, earlier versions with what changed since, and the board papers.
The domain is :mod:`planning.approval` (which checks who may record what) and
:mod:`planning.report.paper`; the pieces of the page are in :mod:`veikart_ui.case_views`.
"""

from __future__ import annotations

import streamlit as st

from planning.approval.cases import list_cases, open_case
from planning.approval.status import case_status
from planning.plans.baseline import PLANNED_STATUSES
from planning.plans.runs import list_plans
from planning.store.access import PREPARE_CASE
from veikart_ui import auth, session, state
from veikart_ui.case_views import (
    attempt,
    case_headline,
    condition_consequences,
    decision_forms,
    earlier_versions,
    paper_downloads,
    t,
    timeline,
)
from veikart_ui.components import header, local_time
from veikart_ui.session import tr

CASE_ID = "case_id"  # the case shown, kept across runs and languages (a bare string here would be drawn)


def open_form() -> None:
    """Open a case on a stored plan (coordinators and admins)."""
    engine = state.engine(session.url())
    plans = list_plans(engine)
    plans = plans[plans["status"].isin(PLANNED_STATUSES)]
    with st.expander(t("open_title"), expanded=False):
        if plans.empty:
            st.caption(t("open_needs_plan"))
            return
        may = auth.can(session.user(), PREPARE_CASE)
        if not may:
            st.caption(t("cannot_prepare"))
        labels = {
            int(r["id"]): t("plan_label", id=r["id"], scenario=r["scenario"], when=local_time(r["created_at"]),
                            record=t("plan_of_record_mark") if r["approval"] == "baseline" else "")
            for _, r in plans.iterrows()
        }  # fmt: skip
        left, middle, right = st.columns([2, 2, 1], vertical_alignment="bottom")
        plan_id = left.selectbox(t("open_plan"), list(labels), format_func=labels.__getitem__,
                                 key=f"case_open_plan_{session.language()}")  # fmt: skip
        title = middle.text_input(t("open_title_field"), key="case_open_title")
        if right.button(t("open"), key="case_open", disabled=not may, width="stretch"):
            case = attempt(lambda: open_case(engine, int(plan_id), user=session.user(), title=title), [])
            if case is not None:
                st.session_state[CASE_ID] = case.id
                session.flash(t("opened", id=case.id))
                st.rerun()


def page() -> None:
    header(tr("page.approval"), t("intro"))
    session.show_flash()
    session.portfolio()  # stops with a message when the database is empty or unreachable
    engine = state.engine(session.url())
    open_form()
    cases = list_cases(engine)
    if cases.empty:
        st.info(t("no_cases"))
        return
    labels = {int(r["id"]): t("case_label", id=r["id"], title=r["title"], version=r["version"])
              for _, r in cases.iterrows()}  # fmt: skip
    chosen = st.session_state.get(CASE_ID)
    if chosen not in labels:
        chosen = next(iter(labels))
    key = f"case_choice_{session.language()}"  # the labels are in the reader's language
    case_id = st.selectbox(t("case"), list(labels), index=list(labels).index(chosen), format_func=labels.__getitem__,
                           key=key)  # fmt: skip
    st.session_state[CASE_ID] = case_id
    status = case_status(engine, int(case_id))
    case_headline(status)
    timeline(status)
    decision_forms(status)
    condition_consequences(status)
    earlier_versions(status)
    paper_downloads(status)


page()
