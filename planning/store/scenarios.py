"""Scenarios in the store: each is a row of the portfolio's ``scenario`` table.

:func:`save_scenario`, :func:`restore_scenario` and :func:`delete_scenario` write only that
row, through :func:`planning.store.shared.save_portfolio_as` (role check, row version, audit
entry, and a new version in the scenario's history, :mod:`planning.store.scenario_history`).
Saving never replaces a stored scenario unnoticed: ``new=True`` refuses a name in use, and
``expected_version`` refuses a scenario someone changed since it was read.
:func:`scenario_changes` and :func:`working_changes` say field by field what a save would
change. Running a scenario and storing its plan is :mod:`planning.plans.runs`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
from sqlalchemy import Engine

from planning.domain.changes import FieldChange, field_changes, jsonable
from planning.domain.loading import parse_table
from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio, frame_from_models
from planning.domain.problems import InvalidPortfolio, Problem, errors
from planning.domain.validation import validate
from planning.messages.phrases import phrase
from planning.store.access import User
from planning.store.scenario_history import ScenarioVersion, scenario_history, scenario_version
from planning.store.shared import load_snapshot, save_portfolio_as

NAME_LENGTH = 64
"""The longest scenario name (the ``scenario`` table's id)."""


class ScenarioExists(ValueError):
    """Raised when saving as new under a name a stored scenario already has."""

    def __init__(self, name: str) -> None:
        super().__init__(f"a scenario named '{name}' is already stored; choose another name, or overwrite it")
        self.name = name


def save_scenario(
    engine: Engine,
    scenario: Scenario | Mapping[str, Any],
    *,
    user: User | None = None,
    new: bool = False,
    expected_version: int | None = None,
    note: str = "",
    restored_from: int | None = None,
) -> Scenario:
    """Validate ``scenario`` against the stored portfolio and write only its row, as ``user``.

    The row goes through :func:`planning.store.shared.save_portfolio_as`: the role check
    (Admin and Coordinator write any scenario, a region editor only its region's ambition
    level), the row's version, an audit entry and a new version in the scenario's history,
    in one transaction. A stored scenario's earlier version stays in its history.

    Parameters
    ----------
    new
        Save as a new scenario: refuse a name already stored.
    expected_version
        The stored row's version the caller read (:attr:`Snapshot.versions`, 0 when it was
        not stored); a scenario changed since then is refused. ``None`` takes it as it is now.
    note, restored_from
        Kept with the audit entry and the history (a restore names the version it brings back).

    Raises
    ------
    InvalidPortfolio
        When the scenario's fields, or its references to pools, levels and initiatives,
        are wrong; nothing is written.
    ScenarioExists
        With ``new``, when a scenario of that name is stored; nothing is written.
    PermissionDenied
        When ``user`` may not make this change; nothing is written.
    ConflictError
        When someone changed the row after ``expected_version`` (or between reading and
        writing it); nothing is written.
    """
    checked = _checked(scenario)
    snapshot = load_snapshot(engine)
    sid = str(checked.id)
    if new and sid in snapshot.portfolio.scenarios.index:
        raise ScenarioExists(sid)
    candidate = snapshot.portfolio.copy()
    others = candidate.scenarios.drop(index=sid, errors="ignore")
    candidate.scenarios = pd.concat([others, frame_from_models("scenario", [checked])])
    mine = [p for p in errors(validate(candidate)) if p.table == "scenario" and p.row == sid]
    if mine:
        raise InvalidPortfolio(mine)
    versions = dict(snapshot.versions)
    if expected_version is not None:
        versions[("scenario", sid)] = expected_version
    save_portfolio_as(
        engine=engine,
        portfolio=candidate,
        user=user,
        expected_versions=versions,
        base=snapshot.portfolio,
        note=note,
        restored_from=restored_from,
    )
    return checked


def _checked(scenario: Scenario | Mapping[str, Any]) -> Scenario:
    raw = scenario.model_dump() if isinstance(scenario, Scenario) else dict(scenario)
    rows, problems = parse_table("scenario", [raw])
    if errors(problems) or not rows:
        raise InvalidPortfolio(problems or [Problem("scenario", "-", "id", phrase("no_scenario"))])
    return Scenario.model_validate(rows[0].model_dump())


def restore_scenario(
    engine: Engine, scenario_id: str, version: int, *, user: User | None = None, expected_version: int | None = None
) -> ScenarioVersion | None:
    """Store version ``version`` of ``scenario_id``'s history as its newest version, as ``user``.

    The restore is a save like any other (role check, row version, an audit entry noted
    ``restored from version N``) and a new version in the history, marked as restored from
    ``version``; nothing is removed. A deleted scenario comes back.

    Returns
    -------
    ScenarioVersion or None
        The new version; ``None`` when the scenario already holds exactly that version.

    Raises
    ------
    LookupError
        When the scenario has no such version.
    ValueError
        When that version is a deletion (it holds nothing to restore).
    PermissionDenied, ConflictError, InvalidPortfolio
        As :func:`save_scenario` (for example when the version names an initiative since deleted).
    """
    kept = scenario_version(engine, scenario_id, version)
    if kept.content is None:
        raise ValueError(f"version {version} of scenario '{scenario_id}' is its deletion; restore an earlier version")
    before = scenario_history(engine, scenario_id)
    note = f"restored from version {version}"
    save_scenario(engine, kept.content, user=user, expected_version=expected_version, note=note, restored_from=version)
    after = scenario_history(engine, scenario_id)
    return after[-1] if len(after) > len(before) else None


def scenario_changes(before: Scenario | None, after: Scenario | None) -> list[FieldChange]:
    """What changes field by field from ``before`` to ``after`` (either may be missing), the name left out.

    Mappings are compared key by key (``ambition.HSO``), as in the audit trail.
    """
    old = None if before is None else jsonable(before.model_dump())
    new = None if after is None else jsonable(after.model_dump())
    return [change for change in field_changes(old, new) if change.name != "id"]


def working_changes(portfolio: Portfolio, working: Scenario) -> list[FieldChange] | None:
    """How ``working`` differs from the stored scenario of the same name; ``None`` when none is stored."""
    return scenario_changes(stored, working) if (stored := stored_scenario(portfolio, str(working.id))) else None


def stored_scenario(portfolio: Portfolio, name: str) -> Scenario | None:
    """The scenario stored as ``name`` in ``portfolio``, or ``None``.

    (The same as :func:`planning.optimise.inputs.resolve_scenario` for a stored name; the
    store does not import the optimiser.)
    """
    if name not in portfolio.scenarios.index:
        return None
    return Scenario.model_validate({"id": name, **portfolio.scenarios.loc[name].to_dict()})


def free_name(taken: Iterable[str], base: str, suffix: str) -> str:
    """A name not in ``taken`` for a copy of ``base``: ``Basis (kopi)``, then ``Basis (kopi 2)``, ...

    ``suffix`` is the word for a copy in the reader's language; a copy of a copy is numbered
    from the original (``Basis (kopi)`` gives ``Basis (kopi 2)``). The name is kept within
    :data:`NAME_LENGTH` characters by shortening ``base``.
    """
    base = re.sub(rf" \({re.escape(suffix)}( \d+)?\)$", "", base) or base
    used = {str(name) for name in taken}
    number = 1
    while True:
        tail = f" ({suffix})" if number == 1 else f" ({suffix} {number})"
        name = base[: NAME_LENGTH - len(tail)].rstrip() + tail
        if name not in used:
            return name
        number += 1


def delete_scenario(engine: Engine, scenario_id: str, *, user: User | None = None) -> None:
    """Delete one scenario row as ``user``; its stored plans stay (each keeps the scenario as run).

    Raises
    ------
    KeyError
        When no scenario has that id.
    PermissionDenied
        When ``user`` may not delete scenarios (only Admin and Coordinator may).
    ConflictError
        When someone changed the row between reading and deleting it; nothing is deleted.
    """
    snapshot = load_snapshot(engine)
    if scenario_id not in snapshot.portfolio.scenarios.index:
        raise KeyError(f"no scenario '{scenario_id}'")
    candidate = snapshot.portfolio.copy()
    candidate.scenarios = candidate.scenarios.drop(index=scenario_id)
    save_portfolio_as(
        engine=engine, portfolio=candidate, user=user, expected_versions=snapshot.versions, base=snapshot.portfolio
    )
