"""Scenarios in the store: each is a row of the portfolio's ``scenario`` table.

:func:`save_scenario` and :func:`delete_scenario` write only that row, through
:func:`planning.store.shared.save_portfolio_as` (role check, row version, audit entry).
Running a scenario and storing its plan is :mod:`planning.plans.runs`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
from sqlalchemy import Engine

from planning.domain.loading import parse_table
from planning.domain.models import Scenario
from planning.domain.portfolio import frame_from_models
from planning.domain.problems import InvalidPortfolio, Problem, errors
from planning.domain.validation import validate
from planning.messages.phrases import phrase
from planning.store.access import User
from planning.store.shared import load_snapshot, save_portfolio_as


def save_scenario(engine: Engine, scenario: Scenario | Mapping[str, Any], *, user: User | None = None) -> Scenario:
    """Validate ``scenario`` against the stored portfolio and write only its row, as ``user``.

    The row goes through :func:`planning.store.shared.save_portfolio_as`: the role check
    (Admin and Coordinator write any scenario, a region editor only its region's ambition
    level), the row's version and an audit entry, in one transaction.

    Raises
    ------
    InvalidPortfolio
        When the scenario's fields, or its references to pools, levels and initiatives,
        are wrong; nothing is written.
    PermissionDenied
        When ``user`` may not make this change; nothing is written.
    ConflictError
        When someone changed the row between reading and writing it; nothing is written.
    """
    raw = scenario.model_dump() if isinstance(scenario, Scenario) else dict(scenario)
    rows, problems = parse_table("scenario", [raw])
    if errors(problems) or not rows:
        raise InvalidPortfolio(problems or [Problem("scenario", "-", "id", phrase("no_scenario"))])
    checked = Scenario.model_validate(rows[0].model_dump())
    snapshot = load_snapshot(engine)
    candidate = snapshot.portfolio.copy()
    sid = str(checked.id)
    others = candidate.scenarios.drop(index=sid, errors="ignore")
    candidate.scenarios = pd.concat([others, frame_from_models("scenario", [checked])])
    mine = [p for p in errors(validate(candidate)) if p.table == "scenario" and p.row == sid]
    if mine:
        raise InvalidPortfolio(mine)
    save_portfolio_as(
        engine=engine, portfolio=candidate, user=user, expected_versions=snapshot.versions, base=snapshot.portfolio
    )
    return checked


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
