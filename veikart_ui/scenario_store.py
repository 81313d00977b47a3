"""The Scenarier page's "Save and load" tab: save as new, overwrite after a confirmation, load, history.

Saving never replaces a stored scenario unnoticed. The name field suggests a free name
(``Basis (kopi)``), so the one-click save makes a new scenario. Overwriting the stored
scenario, or typing a name already stored, first shows what changes field by field
(before → after) and waits for an explicit "yes"; the confirmation remembers the version it
showed, so a change someone else saved meanwhile is refused rather than overwritten.
Restoring an earlier version goes through the same confirmation. The domain does the work
(:mod:`planning.store.scenarios`, :mod:`planning.store.scenario_history`); this module only asks.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.domain.problems import InvalidPortfolio
from planning.optimise.inputs import resolve_scenario
from planning.plans.budget import scenario_with
from planning.store.access import PermissionDenied
from planning.store.scenario_history import (
    ScenarioVersion,
    names_with_history,
    scenario_history,
    version_changes,
)
from planning.store.scenarios import (
    NAME_LENGTH,
    ScenarioExists,
    free_name,
    restore_scenario,
    save_scenario,
    scenario_changes,
    stored_scenario,
)
from planning.store.shared import ConflictError
from veikart_ui import i18n, session, state
from veikart_ui.components import local_time, show_frame
from veikart_ui.display import scenario_label
from veikart_ui.i18n import names
from veikart_ui.plain import plain
from veikart_ui.session import tr
from veikart_ui.working_copy import change_lines, changes_table

PENDING = "pending_overwrite"
"""The overwrite (or restore) waiting for the user's "yes"."""
FORM_FOR = "scenario_form_for"
"""What the save form's suggestions were made for: they are made again when it changes."""
LOAD_PENDING = "pending_load"
"""A scenario to load once the user agrees to discard unsaved changes."""
DESCRIPTION_LENGTH = 2000


@dataclass
class Overwrite:
    """A stored scenario about to be replaced: by what, from which row version, and why."""

    target: str
    content: dict[str, Any]
    version: int
    origin: str
    """``save`` (the save form) or ``history`` (a restore)."""
    restored_from: int | None = None


def store(portfolio: Portfolio) -> None:
    """The whole tab: save, load, the stored scenarios, the history."""
    working = session.working_scenario(portfolio)
    st.subheader(tr("scenarios.save_title"))
    save(portfolio, working)
    pending(portfolio, "save")
    load(portfolio, working)
    stored_scenarios(portfolio)
    history(portfolio, working)


def _suggest(portfolio: Portfolio, working: Scenario) -> None:
    """Fill the save form with a free name and a fitting description when the working scenario changed."""
    changes = scenario_changes(stored_scenario(portfolio, str(working.id)), working)
    signature = (str(working.id), tuple(str(c) for c in changes), session.language(), len(portfolio.scenarios))
    if st.session_state.get(FORM_FOR) == signature:
        return
    st.session_state[FORM_FOR] = signature
    stored = [str(s) for s in portfolio.scenarios.index]
    name = str(working.id)  # a working scenario not stored yet keeps its own name
    st.session_state["scenario_name"] = free_name(stored, name, tr("scenarios.copy_word")) if name in stored else name
    description = working.description
    if changes and str(working.id) in stored:
        description = tr("scenarios.description_from", name=working.id, changes=change_lines(portfolio, changes))
    st.session_state["scenario_description"] = description[:DESCRIPTION_LENGTH]


def save(portfolio: Portfolio, working: Scenario) -> None:
    """The name of a new scenario (a free one suggested), its description, and the two ways to save."""
    _suggest(portfolio, working)
    editable = session.can_edit()
    left, middle, right = st.columns([1, 2, 1], vertical_alignment="bottom")
    name = left.text_input(
        tr("scenarios.new_name"), key="scenario_name", max_chars=NAME_LENGTH, help=tr("scenarios.new_name_help")
    )
    description = middle.text_input(tr("col.description"), key="scenario_description", max_chars=DESCRIPTION_LENGTH)
    if not editable:
        st.caption(tr("auth.read_only"))
    clicked = right.button(
        tr("scenarios.save_new"), type="primary", key="save_scenario", width="stretch", disabled=not editable
    )
    if clicked:
        if not name.strip():
            st.error(tr("scenarios.name_missing"))
            return
        scenario = scenario_with(working, id=name.strip(), description=description.strip())
        if scenario.id in portfolio.scenarios.index:
            st.warning(tr("scenarios.exists", name=plain(scenario.id)))
            _ask(portfolio, scenario, origin="save")
            return
        if _write(lambda: save_scenario(state.engine(session.url()), scenario, user=session.user(), new=True)):
            _saved(scenario, tr("scenarios.saved", name=plain(scenario.id)))
    changes = scenario_changes(stored_scenario(portfolio, str(working.id)), working)
    if str(working.id) in portfolio.scenarios.index and changes and st.session_state.get(PENDING) is None:
        overwrite, discard, _ = st.columns([2, 1, 2])
        if overwrite.button(
            tr("scenarios.overwrite", name=plain(working.id)),
            key="overwrite_scenario",
            disabled=not editable,
            help=tr("scenarios.overwrite_help"),
            width="stretch",
        ):
            _ask(portfolio, working, origin="save")
            st.rerun()
        if discard.button(tr("working.discard"), key="discard_changes", width="stretch"):
            session.set_working_scenario(resolve_scenario(portfolio, str(working.id)))
            session.flash(tr("working.discarded", name=plain(working.id)), "info")
            st.rerun()


def _ask(portfolio: Portfolio, scenario: Scenario, *, origin: str, restored_from: int | None = None) -> None:
    """Hold ``scenario`` as an overwrite to confirm, with the stored row's version as read now."""
    target = str(scenario.id)
    version = session.snapshot().version("scenario", target)
    content = scenario.model_dump()
    st.session_state[PENDING] = asdict(Overwrite(target, content, version, origin, restored_from))
    st.session_state["overwrite_description"] = scenario.description


def pending(portfolio: Portfolio, origin: str) -> None:
    """The waiting overwrite from ``origin``: what changes, field by field, and yes or cancel."""
    held = st.session_state.get(PENDING)
    if held is None or held["origin"] != origin:
        return
    overwrite = Overwrite(**held)
    restore = overwrite.restored_from is not None
    with st.container(border=True):
        if restore:
            title = tr("scenarios.confirm_restore_title", name=plain(overwrite.target), version=overwrite.restored_from)
            st.markdown(f"**{title}**")
        else:
            st.markdown(f"**{tr('scenarios.confirm_title', name=plain(overwrite.target))}**")
            overwrite.content["description"] = st.text_input(
                tr("scenarios.description_check"), key="overwrite_description", max_chars=DESCRIPTION_LENGTH
            )
        after = Scenario.model_validate(overwrite.content)
        changes = scenario_changes(stored_scenario(portfolio, overwrite.target), after)
        if changes:
            st.warning(tr("scenarios.confirm_text", name=plain(overwrite.target)))
            show_frame(changes_table(portfolio, changes), key="overwrite_changes")
        else:
            st.info(tr("scenarios.confirm_none", name=plain(overwrite.target)))
        left, right, _ = st.columns([2, 1, 2])
        label = (
            tr("scenarios.confirm_restore", version=overwrite.restored_from)
            if restore
            else tr("scenarios.confirm_overwrite", name=plain(overwrite.target))
        )
        if left.button(label, type="primary", key="confirm_overwrite", disabled=not changes, width="stretch"):
            st.session_state.pop(PENDING, None)
            _confirmed(portfolio, overwrite, after)
        if right.button(tr("scenarios.cancel"), key="cancel_overwrite", width="stretch"):
            st.session_state.pop(PENDING, None)
            session.flash(tr("scenarios.cancelled"), "info")
            st.rerun()


def _confirmed(portfolio: Portfolio, overwrite: Overwrite, after: Scenario) -> None:
    engine, user = state.engine(session.url()), session.user()
    if overwrite.restored_from is None:
        if _write(lambda: save_scenario(engine, after, user=user, expected_version=overwrite.version)):
            _saved(after, tr("scenarios.overwritten", name=after.id))
        return
    number = overwrite.restored_from
    made: list[ScenarioVersion | None] = []
    if not _write(
        lambda: made.append(
            restore_scenario(engine, overwrite.target, number, user=user, expected_version=overwrite.version)
        )
    ):
        return
    new = made[0] if made else None
    if new is None:
        message = tr("scenarios.restore_same", name=plain(overwrite.target), version=number)
    else:
        message = tr("scenarios.restored", name=plain(overwrite.target), version=number, new=new.version)
    working = session.working_scenario(portfolio)
    if working.id == overwrite.target and not scenario_changes(stored_scenario(portfolio, overwrite.target), working):
        _saved(after, message)  # the working copy was the stored one: it follows the restore
    session.saved()
    session.flash(message)
    st.rerun()


def _write(action: Any) -> bool:
    """Run a save; show why when nothing was stored."""
    try:
        action()
    except InvalidPortfolio as exc:
        st.error(session.problem_lines(exc.problems))
    except ScenarioExists as exc:
        st.error(tr("scenarios.exists", name=plain(exc.name)))
    except PermissionDenied as exc:
        st.error(session.denied(exc))
    except ConflictError as exc:
        session.saved()
        st.error(session.conflicted(exc))
    except SQLAlchemyError as exc:
        st.error(tr("db.save_failed", error=plain(str(exc).splitlines()[0])))
    else:
        return True
    return False


def _saved(scenario: Scenario, message: str) -> None:
    session.saved()
    session.set_working_scenario(scenario)
    session.flash(message)
    st.rerun()


def load(portfolio: Portfolio, working: Scenario) -> None:
    """Load a stored scenario as the working one; unsaved changes are discarded only when the user agrees."""
    ids = [str(s) for s in portfolio.scenarios.index]
    if not ids:
        return
    st.subheader(tr("scenarios.load_title"))
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    label = {i: scenario_label(portfolio, i) for i in ids}
    chosen = left.selectbox(tr("scenarios.load_which"), ids, key="load_scenario", format_func=label.__getitem__)
    if right.button(tr("scenarios.load"), key="load_scenario_button", width="stretch"):
        if session.has_unsaved_changes(portfolio, working) and chosen != working.id:
            st.session_state[LOAD_PENDING] = chosen
        else:
            _load(portfolio, chosen)
    waiting = st.session_state.get(LOAD_PENDING)
    if waiting is None or waiting not in ids:
        return
    changes = scenario_changes(stored_scenario(portfolio, str(working.id)), working)
    told = plain(change_lines(portfolio, changes, 6)) if changes else tr("working.not_saved", name=plain(working.id))
    st.warning(tr("scenarios.load_discards", name=plain(working.id), changes=told, other=plain(waiting)))
    yes, no, _ = st.columns([2, 1, 2])
    if yes.button(tr("scenarios.load_anyway", name=plain(waiting)), key="confirm_load", width="stretch"):
        _load(portfolio, waiting)
    if no.button(tr("scenarios.cancel"), key="cancel_load", width="stretch"):
        st.session_state.pop(LOAD_PENDING, None)
        st.rerun()


def _load(portfolio: Portfolio, name: str) -> None:
    st.session_state.pop(LOAD_PENDING, None)
    session.set_working_scenario(resolve_scenario(portfolio, name))
    session.flash(tr("scenarios.loaded", name=plain(name)))
    st.rerun()


def stored_scenarios(portfolio: Portfolio) -> None:
    lang = session.language()
    frame = portfolio.scenarios
    shown = pd.DataFrame(
        {
            tr("scenarios.name"): frame.index,
            tr("col.description"): frame["description"],
            tr("scenario.budget_factor"): [i18n.percent(float(f), 0, lang) for f in frame["budget_factor"]],
            tr("scenario.objective"): [names("objective", lang).get(str(o), str(o)) for o in frame["objective"]],
        }
    )
    show_frame(shown)


def history(portfolio: Portfolio, working: Scenario) -> None:
    """Every kept version of a scenario, what each changed, and a way to restore or open one."""
    engine = state.engine(session.url())
    st.subheader(tr("scenarios.history"))
    st.caption(tr("scenarios.history_help"))
    try:
        known = sorted(set(names_with_history(engine)) | {str(s) for s in portfolio.scenarios.index})
    except SQLAlchemyError as exc:
        st.error(tr("db.lost", error=plain(str(exc).splitlines()[0])))
        return
    if not known:
        return
    default = known.index(str(working.id)) if str(working.id) in known else 0
    name = st.selectbox(tr("scenarios.history_which"), known, index=default, key="history_scenario")
    kept = scenario_history(engine, name)
    if not kept:
        st.info(tr("scenarios.history_none", name=plain(name)))
        return
    show_frame(history_table(portfolio, kept), key="history_table")
    numbers = [v.version for v in reversed(kept)]
    left, middle, right = st.columns([1, 1, 1], vertical_alignment="bottom")
    number = left.selectbox(tr("scenarios.restore_which"), numbers, key="history_version")
    chosen = next(v for v in kept if v.version == number)
    editable = session.can_edit() and st.session_state.get(PENDING) is None
    if middle.button(tr("scenarios.restore"), key="restore_version", disabled=not editable, width="stretch"):
        if chosen.content is None:
            st.error(tr("scenarios.deleted_version", name=plain(name), version=number))
        else:
            _ask(portfolio, Scenario.model_validate(chosen.content), origin="history", restored_from=number)
            st.rerun()
    if right.button(tr("scenarios.open_version"), key="open_version", disabled=chosen.content is None, width="stretch"):
        session.set_working_scenario(Scenario.model_validate(chosen.content))
        session.flash(tr("scenarios.version_opened", name=plain(name), version=number), "info")
        st.rerun()
    pending(portfolio, "history")


def history_table(portfolio: Portfolio, kept: list[ScenarioVersion]) -> pd.DataFrame:
    """One row per version, newest first: number, who, when, what, and what it changed."""
    changes = version_changes(kept)
    rows = []
    previous: ScenarioVersion | None = None
    for version, changed in zip(kept, changes, strict=True):
        first = previous is None or previous.content is None  # the first, or made again after a deletion
        previous = version
        what = tr(f"history.{version.kind}")
        if version.restored_from is not None:
            what = tr("history.restored", version=version.restored_from)
        unknown = tr("history.unknown")
        rows.append(
            {
                tr("history.version"): version.version,
                tr("history.saved_by"): version.saved_by or unknown,
                tr("history.saved_at"): local_time(version.saved_at) if version.saved_at else unknown,
                tr("history.what"): what,
                tr("history.changes"): "" if first else change_lines(portfolio, changed, 8),
            }
        )
    return pd.DataFrame(rows[::-1])
