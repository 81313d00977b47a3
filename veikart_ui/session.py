"""What one user's session holds: the language, the working scenario, drafts and messages.

Pages read and write session state only through these helpers, so the keys live in one
place. Widget keys are named in the pages.

The working scenario of a signed-in user is also kept in the store as a draft
(:mod:`planning.store.scenario_drafts`), so it survives a reload or a new session; anonymous
visitors keep it in the browser session only. Page URLs carry its name
(``?scenario=Kutt20``): a link opens that scenario as the working one, and the URL follows
when the user loads or saves another. A link never silently replaces unsaved changes:
the user is asked (:mod:`veikart_ui.working_copy`).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from planning.cli.data import SAMPLE
from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.domain.problems import InvalidPortfolio, Problem
from planning.io import load_path
from planning.optimise.inputs import resolve_scenario
from planning.store.access import PermissionDenied, User
from planning.store.database import database_url
from planning.store.scenario_drafts import load_draft, save_draft
from planning.store.scenarios import working_changes
from planning.store.shared import ConflictError, Snapshot, import_portfolio_as, save_portfolio_as
from veikart_ui import auth, phrases, state
from veikart_ui.i18n import DEFAULT_LANGUAGE, LANGUAGES, text
from veikart_ui.phrases import conflict_lines, refusal_lines
from veikart_ui.plain import plain

LANGUAGE = "language"
WORKING_SCENARIO = "working_scenario"
PLAN = "plan"
PLAN_ID = "plan_id"
PLAN_REQUEST = "plan_request"
FLASH = "flash"
SESSION_ID = "session_id"
DEFAULT_SCENARIO = "Basis"
SCENARIO_PARAM = "scenario"
"""The URL query parameter that names the working scenario."""
LINKED = "linked_scenario"
"""A scenario a link asked for, not yet opened."""
LINK_CHOICE = "link_choice"
"""A linked scenario waiting for the user to choose it over unsaved changes."""
WORKING_FOR = "working_for"
"""The signed-in user whose draft the working scenario was last matched with."""
WORKING_NOTICE = "working_notice"
"""What happened to the working scenario on the way in (restored, unknown link), shown once."""


def language() -> str:
    """The language code chosen in the sidebar (``nb`` by default)."""
    chosen = st.session_state.get(LANGUAGE, DEFAULT_LANGUAGE)
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


def tr(key: str, /, **values: Any) -> str:
    """The text ``key`` in the session's language."""
    return text(key, language(), **values)


def session_id() -> str:
    """A random id of this browser session."""
    if SESSION_ID not in st.session_state:
        st.session_state[SESSION_ID] = uuid.uuid4().hex
    return str(st.session_state[SESSION_ID])


def url() -> str:
    """The database this app works on: ``$DATABASE_URL`` or SQLite in ``./var``."""
    return database_url()


def snapshot() -> Snapshot:
    """The stored portfolio and its row versions; stops the page with a clear message when the
    database fails. An empty database offers to load the sample portfolio."""
    address = url()
    try:
        if state.database_is_empty(address):
            _offer_sample(address)
            st.stop()
        return state.snapshot(address, state.revisions().current(address))
    except SQLAlchemyError as exc:
        st.error(tr("db.lost", error=_first_line(exc)))
        st.caption(tr("db.kept"))
        st.stop()
    raise AssertionError("unreachable")  # st.stop() raises


def portfolio() -> Portfolio:
    """The stored portfolio (see :func:`snapshot`)."""
    return snapshot().portfolio


def _first_line(exc: BaseException) -> str:
    return plain(str(exc).strip().splitlines()[0][:300]) if str(exc).strip() else type(exc).__name__


def user() -> User | None:
    """Who is signed in (:mod:`veikart_ui.auth`); ``None`` reads only."""
    try:
        return auth.current_user(state.engine(url()))
    except SQLAlchemyError:
        return None


def sign_in() -> None:
    """Who is signed in, with sign-in and sign-out, in the sidebar (nothing when the database fails)."""
    try:
        auth.sidebar(state.engine(url()), language())
    except SQLAlchemyError:
        return


def can_edit() -> bool:
    """Whether the signed-in user may change any rows (the domain still checks each row)."""
    return auth.can(user(), "update")


def _offer_sample(address: str) -> None:
    st.info(tr("db.empty"))
    if st.button(tr("db.load_sample"), key="load_sample", type="primary"):
        result = load_path(SAMPLE)
        if result.portfolio is None:
            st.error(problem_lines(result.problems))
            return
        try:
            import_portfolio_as(engine=state.engine(address), portfolio=result.portfolio, user=user(), note="sample")
        except PermissionDenied as exc:
            st.error(denied(exc))
            return
        saved()
        st.rerun()


def shown_lines(text: str) -> str:
    """``text`` (the domain's words, with names and ids in them) as plain text in a message box,
    each line on a line of its own."""
    return plain(text)


def problem_lines(problems: Sequence[Problem]) -> str:
    """The first 20 problems, one a line in the reader's language, ready for a message box."""
    return shown_lines(phrases.problem_lines(problems, language()))


def denied(refused: PermissionDenied) -> str:
    """The refusal message: not saved, with every reason the access rules gave, in the reader's language."""
    return tr("auth.denied", reason=shown_lines(refusal_lines(refused, language())))


def conflicted(error: ConflictError) -> str:
    """The conflict message: not saved, with every row someone else changed meanwhile, in the reader's language."""
    return tr("db.conflict", error=shown_lines("\n" + conflict_lines(error, language())))


def saved() -> None:
    """Tell every session in this process that the portfolio changed."""
    state.revisions().bump(url())


def save(candidate: Portfolio) -> str | None:
    """Store the rows of ``candidate`` that differ from the snapshot it was built on, as the
    signed-in user, in one transaction; the reason in words when nothing was stored, else ``None``."""
    base = snapshot()
    try:
        save_portfolio_as(
            engine=state.engine(url()),
            portfolio=candidate,
            user=user(),
            expected_versions=base.versions,
            base=base.portfolio,
        )
    except PermissionDenied as exc:
        return denied(exc)
    except InvalidPortfolio as exc:
        return problem_lines(exc.problems)
    except ConflictError as exc:
        saved()  # read again, so the next try starts from what others stored
        return conflicted(exc)
    except SQLAlchemyError as exc:
        return tr("db.save_failed", error=_first_line(exc))
    saved()
    return None


def working_scenario(current: Portfolio) -> Scenario:
    """The scenario this session plans with: the user's draft, a linked or a stored one to start
    with, then the user's changes. Signing in brings back the user's draft, unless the working
    scenario already holds changes made before signing in."""
    values = st.session_state.get(WORKING_SCENARIO)
    working = None if values is None else Scenario.model_validate(values)
    me = _username()
    if me is not None and st.session_state.get(WORKING_FOR) != me:
        st.session_state[WORKING_FOR] = me
        if working is None or not has_unsaved_changes(current, working):
            working = _restored_draft(current) or working
    linked = st.session_state.pop(LINKED, None)
    if linked is not None and (working is None or linked != working.id):
        working = _open_link(current, str(linked), working)
    if working is None:
        stored = [str(s) for s in current.scenarios.index]
        name = DEFAULT_SCENARIO if DEFAULT_SCENARIO in stored else (stored[0] if stored else None)
        working = resolve_scenario(current, name)
    if values is None or working.model_dump() != values:
        st.session_state[WORKING_SCENARIO] = working.model_dump()
        _show_in_url(str(working.id))
    return working


def _username() -> str | None:
    signed_in = user()
    return None if signed_in is None else signed_in.username


def _restored_draft(current: Portfolio) -> Scenario | None:
    """The signed-in user's draft from an earlier session, with a notice when it holds unsaved changes."""
    try:
        draft = load_draft(state.engine(url()), user())
    except SQLAlchemyError:
        return None
    if draft is None:
        return None
    if has_unsaved_changes(current, draft.scenario):
        st.session_state[WORKING_NOTICE] = ("restored", str(draft.scenario.id), draft.saved_at)
    return draft.scenario


def _open_link(current: Portfolio, linked: str, working: Scenario | None) -> Scenario | None:
    """The scenario a link names, unless it is unknown or would replace unsaved changes (then ask)."""
    if linked not in current.scenarios.index:
        st.session_state[WORKING_NOTICE] = ("unknown_link", linked, None)
        return working
    if working is not None and has_unsaved_changes(current, working):
        st.session_state[LINK_CHOICE] = linked
        return working
    opened = resolve_scenario(current, linked)
    _keep_draft(opened)
    return opened


def has_unsaved_changes(current: Portfolio, working: Scenario) -> bool:
    """Whether ``working`` differs from the stored scenario of its name (or none of that name is stored)."""
    changes = working_changes(current, working)
    return changes is None or bool(changes)


def set_working_scenario(scenario: Scenario) -> None:
    """Make ``scenario`` the working one: in this session, in the page's URL and as the user's draft."""
    st.session_state[WORKING_SCENARIO] = scenario.model_dump()
    st.session_state.pop(LINK_CHOICE, None)
    _show_in_url(str(scenario.id))
    _keep_draft(scenario)


def _keep_draft(scenario: Scenario) -> None:
    try:
        save_draft(state.engine(url()), user(), scenario)
    except SQLAlchemyError:
        st.session_state[WORKING_NOTICE] = ("draft_failed", str(scenario.id), None)


def _show_in_url(name: str) -> None:
    if st.query_params.get(SCENARIO_PARAM) != name:
        st.query_params[SCENARIO_PARAM] = name


def follow_link() -> None:
    """Note the scenario the page's URL names, to open it as the working one when a page needs it;
    otherwise put the working scenario's name into the URL (once per run, from the entry script)."""
    requested = st.query_params.get(SCENARIO_PARAM)
    values = st.session_state.get(WORKING_SCENARIO)
    current = None if values is None else str(values.get("id"))
    if requested and requested != current:
        st.session_state[LINKED] = requested
    elif current is not None and not requested:
        st.query_params[SCENARIO_PARAM] = current


def latest_plan() -> tuple[Any, Any]:
    """This session's latest plan and the request it was made from (both ``None`` before the first)."""
    return st.session_state.get(PLAN), st.session_state.get(PLAN_REQUEST)


def set_plan(plan: Any, plan_id: int | None, request: Any) -> None:
    """Make ``plan`` (stored as ``plan_id``, or not stored: ``None``; made from ``request``) the plan shown."""
    st.session_state[PLAN] = plan
    st.session_state[PLAN_ID] = plan_id
    st.session_state[PLAN_REQUEST] = request


def flash(message: str, kind: str = "success") -> None:
    """Show ``message`` once, on the next run (after ``st.rerun``)."""
    st.session_state[FLASH] = (kind, message)


def show_flash() -> None:
    """The message left by :func:`flash`, in a container that is there on every run (stable layout)."""
    slot = st.container()
    kind, message = st.session_state.pop(FLASH, (None, None))
    if message:
        {"success": slot.success, "warning": slot.warning, "error": slot.error}.get(kind or "", slot.info)(message)
