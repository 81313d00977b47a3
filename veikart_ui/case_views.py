"""The pieces of the Behandling page: headline, timeline, decision forms, conditions, versions, papers.

Every write goes through :mod:`planning.approval`, which checks who may record what; the
forms are only offered to those it would allow (:func:`planning.store.access.decision_refusal`).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd
import streamlit as st

from planning.approval.bodies import OUTCOMES, Body
from planning.approval.cases import Decision, revise_case
from planning.approval.commitments import region_commitments
from planning.approval.conditions import make_condition
from planning.approval.confidence import case_simulation, region_confidence
from planning.approval.decisions import record_decision
from planning.approval.paper import region_paper
from planning.approval.status import CONDITION_NOT_MET, PENDING, CaseStatus, EarlierVersion, Party, case_status
from planning.approval.words import CaseError
from planning.store.access import PREPARE_CASE, PermissionDenied, decision_refusal
from planning.store.database import load_portfolio
from veikart_ui import auth, i18n, session, state
from veikart_ui.approval_view import what_is_approved
from veikart_ui.case_texts import case_error, text
from veikart_ui.components import local_date, local_time, mnok, show_frame
from veikart_ui.plain import plain

T = TypeVar("T")
OPEN_STATES = (PENDING, "returned", "rejected", CONDITION_NOT_MET)
"""States in which a body may record a (new) decision on the current version."""
COLOURS = {"approved": "green", "approved_with_conditions": "green", CONDITION_NOT_MET: "red", "returned": "orange",
           "rejected": "red", PENDING: "blue", "waiting": "gray"}  # fmt: skip
ICONS = {"approved": ":material/check_circle:", "approved_with_conditions": ":material/rule:",
         CONDITION_NOT_MET: ":material/error:", "returned": ":material/undo:", "rejected": ":material/cancel:",
         PENDING: ":material/pending:", "waiting": ":material/hourglass_empty:"}  # fmt: skip


def t(key: str, /, **values: Any) -> str:
    return text(key, session.language(), **values)


def attempt(work: Callable[[], T], bodies: Sequence[Body]) -> T | None:
    """``work()``, or ``None`` with its refusal shown in the reader's language (nothing was stored)."""
    try:
        return work()
    except CaseError as exc:
        st.error(plain(case_error(exc, bodies, session.language())))
    except PermissionDenied as exc:
        st.error(session.denied(exc))
    except (KeyError, ValueError) as exc:
        st.error(plain(exc.args[0] if isinstance(exc, KeyError) and exc.args else exc))
    return None


def party_state(party: Party) -> str:
    key = f"party.{party.state}.{party.body.action}" if party.state == "approved" else f"party.{party.state}"
    return t(key)


def body_name(body: Body) -> str:
    return body.label(session.language())


def case_headline(status: CaseStatus) -> None:
    """The case's state, its version, and the plan of record."""
    version = status.current
    kind = {"approved": st.success, "held_up": st.warning}.get(status.state, st.info)
    kind(t(f"state.{status.state}"))
    st.markdown(t("version", number=version.number, plan=version.plan_id, scenario=plain(status.plan.scenario_id),
                  when=local_time(version.created_at), who=plain(version.created_by)))  # fmt: skip
    if version.reason:
        st.caption(t("reason", reason=plain(version.reason)))
    record = status.baseline
    if status.plan_of_record:
        st.caption(t("record_this"))
    elif record is not None:
        st.caption(t("record_other", plan=record.stored.id, who=plain(record.approval.approved_by)))
    else:
        st.caption(t("record_none"))
    if not status.inputs_current:
        st.warning(t("inputs_changed", number=version.number))
        revise_form(status, key="revise_data", scenario=None)


def revise_form(status: CaseStatus, *, key: str, scenario: Any) -> None:
    """A reason and a button that make a new version (coordinators and admins)."""
    may = auth.can(session.user(), PREPARE_CASE)
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    reason = left.text_input(t("revise_reason"), key=f"{key}_reason")
    label = t("revise") if scenario is None else t("apply_condition")
    if right.button(label, key=key, disabled=not may, width="stretch"):
        engine = state.engine(session.url())
        case = attempt(lambda: revise_case(engine, status.case.id, user=session.user(), reason=reason,
                                           scenario=scenario), status.case.bodies)  # fmt: skip
        if case is not None:
            session.flash(t("revised", number=case.current.number))
            st.rerun()
    if not may:
        st.caption(t("cannot_prepare"))


def timeline(status: CaseStatus) -> None:
    """The stages side by side, each body's state and decision on the current version."""
    stages = sorted({p.body.stage for p in status.parties})
    widths = [max(1, len([p for p in status.parties if p.body.stage == s])) for s in stages]
    columns = st.columns([min(w, 2) for w in widths], border=False)
    for column, stage in zip(columns, stages, strict=True):
        parties = [p for p in status.parties if p.body.stage == stage]
        actions = sorted({t(f"action.{p.body.action}") for p in parties})
        column.markdown(f"**{t('stage', stage=stage)}** · {', '.join(actions)}")
        slots = column.columns(2) if len(parties) > 1 else [column]
        for n, party in enumerate(parties):
            party_card(slots[n % len(slots)], party)


def party_card(where: Any, party: Party) -> None:
    box = where.container(border=True, key=f"party_{party.body.id}")
    colour = COLOURS.get(party.state, "gray")
    advisory = f" ({t('advisory')})" if not party.body.required else ""
    box.markdown(f"**{plain(body_name(party.body))}**{advisory}")
    box.markdown(f"{ICONS.get(party.state, '')} :{colour}[{party_state(party)}]")
    decision = party.decision
    if decision is None:
        return
    box.caption(t("meeting", date=local_date(decision.meeting_date), number=plain(decision.case_number)))
    box.markdown(f"> {plain(decision.text)}")
    condition_lines(box, decision)
    if len(party.decisions) > 1:
        earlier = "; ".join(
            f"{local_date(d.meeting_date)} {t(f'outcome.{d.outcome}').lower()}" for d in party.decisions[:-1]
        )
        box.caption(earlier)


def condition_lines(where: Any, decision: Decision) -> None:
    if decision.condition is None:
        return
    where.caption(t("condition", text=plain(decision.condition.text)))
    check = decision.check
    if check is not None:
        values = {"pool": check.pool, "year": check.year, "spend": i18n.number(check.spend, 1, session.language()),
                  "limit": i18n.number(check.limit, 1, session.language())}  # fmt: skip
        (where.success if check.holds else where.warning)(t("holds" if check.holds else "fails", **values))


def may_record(body: Body) -> bool:
    """Whether the signed-in user may record ``body``'s decision (the domain checks again)."""
    return decision_refusal(session.user(), body.name_en, body.secretary, body.region) is None


def decision_forms(status: CaseStatus) -> None:
    """A form for each body whose decision the signed-in user may record now."""
    user = session.user()
    mine = [
        p for p in status.parties if decision_refusal(user, p.body.name_en, p.body.secretary, p.body.region) is None
    ]
    if user is None or not mine or not status.inputs_current:
        return
    for party in mine:
        if party.state in OPEN_STATES:
            with st.expander(t("record", body=plain(body_name(party.body))), expanded=party.state == PENDING):
                what_is_decided(status, party.body)
                decision_form(status, party)


def what_is_decided(status: CaseStatus, body: Body) -> None:
    """The plan the decision is on, as it would be approved, against the plan of record."""
    record = status.baseline
    stored = status.plan
    what_is_approved(
        session.portfolio(),
        stored.plan,
        plan_id=stored.id,
        scenario_id=stored.scenario_id,
        record=None if record is None else (record.stored.id, record.stored.scenario_id, record.stored.plan),
        key=f"decide_{body.id}",
    )


def decision_form(status: CaseStatus, party: Party) -> None:
    body, key = party.body, f"decide_{party.body.id}"
    with st.form(key, border=False):
        left, middle, right = st.columns(3)
        outcome = left.selectbox(t("outcome"), OUTCOMES, format_func=lambda o: t(f"outcome.{o}"), key=f"{key}_outcome")
        today = dt.datetime.now(dt.UTC).date()
        when = middle.date_input(t("date"), value=today, max_value=today, key=f"{key}_date", format="DD.MM.YYYY")
        number = right.text_input(t("case_no"), placeholder=t("case_no_hint"), key=f"{key}_number")
        words = st.text_area(t("text"), key=f"{key}_text", height=90)
        condition = st.text_input(t("condition_text"), key=f"{key}_condition")
        cap = None
        if body.region is not None:
            years = status.plan.plan.spend["year"].drop_duplicates().astype(int).tolist()
            a, b, c = st.columns([2, 1, 1], vertical_alignment="bottom")
            checked = a.checkbox(t("cap"), key=f"{key}_cap")
            year = b.selectbox(t("cap_year"), years, key=f"{key}_cap_year")
            most = c.number_input(t("cap_max"), min_value=0.0, value=0.0, step=1.0, key=f"{key}_cap_max")
            cap = (body.region, int(year), float(most)) if checked else None
        if st.form_submit_button(t("save"), type="primary", key=f"{key}_save"):
            save_decision(status, body, outcome, when, number, words, condition, cap)


def save_decision(status: CaseStatus, body: Body, outcome: str, when: Any, number: str, words: str,
                  condition: str, cap: tuple[str, int, float] | None) -> None:  # fmt: skip
    engine = state.engine(session.url())

    def record() -> Decision:
        wanted = make_condition(condition, *(cap or (None, None, None)))
        return record_decision(engine, status.case.id, body.id, outcome=outcome, meeting_date=when,
                               case_number=number, text=words, condition=wanted, version=status.current.number,
                               user=session.user())  # fmt: skip

    decision = attempt(record, status.case.bodies)
    if decision is None:
        return
    adopted = decision.plan_approval_id is not None
    session.flash(t("adopted") if adopted else t("recorded", body=plain(body_name(body))))
    st.rerun()


def condition_consequences(status: CaseStatus) -> None:
    """For each condition the plan does not hold: what moves and what each region pays."""
    for party in status.parties:
        decision = party.decision
        if decision is None or decision.check is None or decision.check.holds or decision.check.consequence is None:
            continue
        consequence = decision.check.consequence
        st.subheader(t("consequence", body=plain(body_name(party.body))))
        npv = mnok(consequence.npv_change, 1)
        st.markdown(t("consequence_npv", moves=len(consequence.moves), npv=npv))
        moves_table(consequence.moves)
        pays_table(consequence.pools, t("pays"))
        revise_form(status, key=f"apply_{decision.id}", scenario=decision.check.derived_scenario())


def moves_table(moves: list[dict[str, Any]]) -> None:
    if not moves:
        return
    changes = i18n.names("change", session.language())
    frame = pd.DataFrame(
        {t("col.initiative"): [f"{m['id']} – {m['name']}" for m in moves],
         t("col.change"): [changes.get(m["change"], m["change"]) for m in moves],
         t("col.start_a"): [m["start_a"] or "–" for m in moves], t("col.start_b"): [m["start_b"] or "–" for m in moves]}
    )  # fmt: skip
    show_frame(frame)


def pays_table(pools: list[dict[str, Any]], caption: str) -> None:
    if not pools:
        return
    rows = []
    for pool in pools:
        years = {str(y): round(v, 1) for y, v in pool["by_year"].items() if abs(v) > 1e-6}
        rows.append({t("col.pool"): pool["name"], **years, t("col.total"): round(pool["total_change"], 1)})
    st.caption(caption)
    show_frame(pd.DataFrame(rows).fillna(0.0))


def earlier_versions(status: CaseStatus) -> None:
    """Each superseded version, its decisions (now void) and what the current version changes."""
    for earlier in status.earlier:
        with st.expander(t("earlier", number=earlier.version.number, plan=earlier.version.plan_id)):
            earlier_version(status, earlier)


def earlier_version(status: CaseStatus, earlier: EarlierVersion) -> None:
    if earlier.version.reason:
        st.caption(t("reason", reason=plain(earlier.version.reason)))
    npv = mnok(earlier.npv_change, 1)
    st.markdown(t("earlier_summary", number=earlier.version.number, moves=len(earlier.moves), npv=npv))
    if earlier.decisions:
        st.caption(t("earlier_decisions", number=earlier.version.number))
        names = {b.id: body_name(b) for b in status.case.bodies}
        show_frame(pd.DataFrame(
            {t("col.body"): [names.get(d.body, d.body) for d in earlier.decisions],
             t("col.outcome"): [t(f"outcome.{d.outcome}") for d in earlier.decisions],
             t("col.date"): [local_date(d.meeting_date) for d in earlier.decisions],
             t("col.case_no"): [d.case_number for d in earlier.decisions],
             t("col.text"): [d.text for d in earlier.decisions]}
        ))  # fmt: skip
    moves_table(earlier.moves)
    pays_table(earlier.pools, t("commitments"))


def paper_downloads(status: CaseStatus) -> None:
    """The board papers, made when downloaded."""
    boards = [b for b in status.case.bodies if b.region is not None]
    if not boards:
        return
    st.subheader(t("papers"))
    st.caption(t("papers_intro"))
    columns = st.columns(len(boards))
    for column, body in zip(columns, boards, strict=True):
        stem = f"saksframlegg-sak{status.case.id}-v{status.current.number}-{body.region}"
        html, pdf = paper_makers(status.case.id, body)
        column.download_button(t("html", region=plain(body.region)), html, f"{stem}.html", "text/html",
                               key=f"paper_html_{body.id}", width="stretch")  # fmt: skip
        column.download_button(t("pdf", region=plain(body.region)), pdf, f"{stem}.pdf", "application/pdf",
                               key=f"paper_pdf_{body.id}", width="stretch")  # fmt: skip


def paper_makers(case_id: int, body: Body) -> tuple[Callable[[], bytes], Callable[[], bytes]]:
    """Functions that make ``body``'s paper as HTML and as PDF bytes, when a download asks, in the
    session's language."""
    language = session.language()
    return (lambda: paper_html(case_id, body, language)), (lambda: paper_pdf_bytes(case_id, body, language))


def _paper(case_id: int, body: Body, language: str) -> Any:
    """The board's paper with its region's P50 / P85 spend and delivery confidence (a seeded simulation),
    in ``language``."""
    engine = state.engine(session.url())
    portfolio = load_portfolio(engine=engine)
    status = case_status(engine, case_id)
    assert body.region is not None
    commitments = region_commitments(portfolio, status.plan, body.region)
    confidence = region_confidence(case_simulation(status, portfolio), commitments, language)
    return region_paper(status, portfolio, body, confidence=confidence, language=language)


def paper_html(case_id: int, body: Body, language: str = i18n.DEFAULT_LANGUAGE) -> bytes:
    from planning.report.paper import render_paper_html

    return render_paper_html(_paper(case_id, body, language)).encode("utf-8")


def paper_pdf_bytes(case_id: int, body: Body, language: str = i18n.DEFAULT_LANGUAGE) -> bytes:
    from planning.report.paper import paper_pdf

    with tempfile.TemporaryDirectory() as folder:
        return paper_pdf(_paper(case_id, body, language), Path(folder))
