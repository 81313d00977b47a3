"""Checks that refuse numbers the optimiser cannot plan with, before any model is built.

A portfolio that reaches the optimiser may not have come through a file or a save: it may
have been built as DataFrames, or stored before the numeric limits existed. An infinite
cost or envelope makes HiGHS drop the row it is in, and PuLP then fails reading the
solution back (an ``IndexError``). So :func:`check_portfolio_numbers` puts every row and
the scenario through their declarations (finite, inside the declared range, no booleans)
and :func:`check_finite_inputs` checks every coefficient the model is built from; both
raise :class:`~planning.domain.problems.InvalidPortfolio` naming table, row and field.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
import pandas as pd
from pydantic import ValidationError

from planning.domain.cell_errors import error_message
from planning.domain.loading import check_rows
from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.domain.problems import InvalidPortfolio, Problem, errors
from planning.messages.phrases import phrase
from planning.optimise.inputs import PlanInputs


def check_portfolio_numbers(portfolio: Portfolio, scenario: Scenario | str | None) -> None:
    """Every row of ``portfolio``, and ``scenario`` when given as a model, through its declaration.

    Raises
    ------
    InvalidPortfolio
        Naming table, row and field of each value out of range, not finite, or of the wrong type.
    """
    problems = errors(check_rows(portfolio))
    if isinstance(scenario, Scenario):
        try:
            Scenario.model_validate(scenario.model_dump())
        except ValidationError as exc:
            for error in exc.errors():
                name = str(error["loc"][0]) if error["loc"] else "-"
                message = error_message(error)
                problems.append(Problem("scenario", str(scenario.id), name, message))
    if problems:
        raise InvalidPortfolio(problems)


def check_finite_inputs(inputs: PlanInputs) -> None:
    """Every number the model is built from is finite: costs, shares, envelopes, capacity,
    the value of each start, and the stability penalties.

    Raises
    ------
    InvalidPortfolio
        Naming the initiative, funding pool or capacity pool and what is not finite.
    """
    problems: list[Problem] = []
    for initiative, costs in inputs.costs.items():
        problems += _not_finite("initiative", initiative, "cost_profile", costs)
    problems += _frame("initiative", "cost_sharing", inputs.shares)
    problems += _frame("envelope", "amount", inputs.envelopes)
    problems += _frame("capacity_pool", "limit", inputs.capacity_limits.to_frame())
    problems += _frame("initiative", "capacity_usage", inputs.capacity_usage)
    problems += _frame("initiative", "value", inputs.value)
    if inputs.stability is not None:
        penalties = [inputs.stability.drop_penalty, inputs.stability.move_penalty]
        problems += _not_finite("scenario", str(inputs.scenario.id), "stability", penalties)
    if problems:
        raise InvalidPortfolio(problems)


def _frame(table: str, field: str, frame: pd.DataFrame) -> list[Problem]:
    if frame.empty:
        return []
    values = frame.to_numpy(dtype=float)
    rows = np.flatnonzero(~np.isfinite(values).all(axis=1))
    return [_problem(table, str(frame.index[row]), field) for row in rows]


def _not_finite(table: str, row: str, field: str, values: Iterable[float]) -> list[Problem]:
    return [_problem(table, row, field)] if not all(math.isfinite(float(v)) for v in values) else []


def _problem(table: str, row: str, field: str) -> Problem:
    return Problem(table, row, field, phrase("optimiser_not_finite"), phrase("fix_optimiser_not_finite"))
