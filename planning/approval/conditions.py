"""A board's condition on its own envelope, and Veikart's check of the plan under it.

A board may approve "provided 2027 is at most 240 MNOK". Given as data (the pool, the year,
the most MNOK) beside the text, Veikart checks the treated plan in the scenario with that
envelope (the scenario's envelope for the year, capped at the condition's amount). When the
plan holds, the approval counts. When it does not, Veikart derives the scenario with the
condition, optimises it tied to the treated plan (so as little as possible moves), and
shows the consequence for every region: what moves, and what each pool pays more or less
in each year. The consequence is stored with the decision, as it was found when the
decision was recorded.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any

import pandas as pd

from planning.approval.bodies import WITH_CONDITIONS, Body
from planning.approval.words import CaseError
from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.optimise import Plan, Stability, optimise
from planning.optimise.checker import check_edited_plan
from planning.optimise.inputs import envelopes
from planning.plans.diff import diff_plans
from planning.plans.runs import StoredPlan

DROP_PENALTY = 100.0
"""MNOK charged for each initiative of the treated plan the derived plan leaves out."""
MOVE_PENALTY = 10.0
"""MNOK charged for each period a start of the treated plan moves in the derived plan."""
TOLERANCE = 1e-6


@dataclass(frozen=True)
class Condition:
    """A condition in a decision: its text, and the envelope it caps when Veikart checks it."""

    text: str
    pool: str | None = None
    year: int | None = None
    max_mnok: float | None = None

    @property
    def checked(self) -> bool:
        """True when Veikart checks it (pool, year and amount are given)."""
        return self.pool is not None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Condition:
        year, amount = data.get("year"), data.get("max_mnok")
        return cls(
            text=str(data.get("text", "")),
            pool=data.get("pool"),
            year=None if year is None else int(year),
            max_mnok=None if amount is None else float(amount),
        )


def make_condition(
    text: str | None, pool: str | None = None, year: int | None = None, max_mnok: float | None = None
) -> Condition | None:
    """A condition from its parts (``None`` when none is given).

    Raises
    ------
    CaseError
        When only some of pool, year and amount are given, or the amount is not a number >= 0.
    """
    given = {"pool": pool not in (None, ""), "year": year is not None, "max_mnok": max_mnok is not None}
    if not (text or "").strip() and not any(given.values()):
        return None
    if any(given.values()) and not all(given.values()):
        raise CaseError("condition_incomplete", missing=", ".join(k for k, v in given.items() if not v))
    if max_mnok is not None and (not math.isfinite(float(max_mnok)) or float(max_mnok) < 0):
        raise CaseError("condition_amount", value=max_mnok)
    return Condition(
        text=(text or "").strip(),
        pool=None if not given["pool"] else str(pool).strip(),
        year=None if year is None else int(year),
        max_mnok=None if max_mnok is None else float(max_mnok),
    )


def check_condition_fits(condition: Condition | None, outcome: str, body: Body, portfolio: Portfolio) -> None:
    """Refuse a condition that does not belong to this decision or this body.

    Raises
    ------
    CaseError
        A condition with another outcome than approved with conditions; that outcome without a
        condition text; a checked condition from a body without an envelope, or naming another
        region's envelope; a year outside the horizon.
    """
    if condition is None or not condition.text:
        if outcome == WITH_CONDITIONS:
            raise CaseError("condition_needs_text")
        if condition is None:
            return
    if outcome != WITH_CONDITIONS:
        raise CaseError("condition_without_outcome", outcome=outcome)
    if not condition.checked:
        return
    if body.region is None:
        raise CaseError("condition_no_envelope", body=body)
    if condition.pool != body.region:
        raise CaseError("condition_other_region", pool=condition.pool, body=body, own=body.region)
    years = portfolio.timeline.years
    if condition.year not in years:
        raise CaseError("condition_year", year=condition.year, first=years[0], last=years[-1])


@dataclass
class Consequence:
    """What the plan becomes under the condition, against the treated plan."""

    status: str
    npv_before: float | None
    npv_after: float | None
    moves: list[dict[str, Any]] = field(default_factory=list)
    """id, name, change (added, dropped, earlier, later), start_a, start_b, shift (periods)."""
    pools: list[dict[str, Any]] = field(default_factory=list)
    """pool, name, total_change and by_year {year: change}, MNOK (derived minus treated), every pool that changes."""
    diagnosis: list[str] = field(default_factory=list)

    @property
    def npv_change(self) -> float | None:
        return None if self.npv_before is None or self.npv_after is None else self.npv_after - self.npv_before

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Consequence:
        pools = [{**p, "by_year": {int(y): float(v) for y, v in p["by_year"].items()}} for p in data.get("pools", [])]
        return cls(
            status=str(data["status"]),
            npv_before=data.get("npv_before"),
            npv_after=data.get("npv_after"),
            moves=list(data.get("moves", [])),
            pools=pools,
            diagnosis=list(data.get("diagnosis", [])),
        )


@dataclass
class ConditionCheck:
    """The treated plan checked under a condition."""

    holds: bool
    pool: str
    year: int
    limit: float
    """The envelope under the condition: the scenario's envelope for the year, at most the condition's amount."""
    envelope: float
    """The scenario's envelope of the pool for the year, MNOK."""
    spend: float
    """What the treated plan spends from the pool in the year, MNOK."""
    violations: list[str] = field(default_factory=list)
    scenario: dict[str, Any] | None = None
    """The derived scenario (with the condition's envelope), when the plan does not hold."""
    consequence: Consequence | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ConditionCheck:
        found = dict(data)
        consequence = found.pop("consequence", None)
        return cls(**found, consequence=None if consequence is None else Consequence.from_json(consequence))

    def derived_scenario(self) -> Scenario | None:
        return None if self.scenario is None else Scenario.model_validate(self.scenario)


def year_envelope(portfolio: Portfolio, scenario: Scenario, pool: str, year: int) -> float:
    """The scenario's envelope of ``pool`` for ``year`` (all its periods), MNOK."""
    timeline = portfolio.timeline
    table = envelopes(portfolio, scenario, timeline)
    if pool not in table.index:
        return 0.0
    return float(sum(table.at[pool, t] for t in range(timeline.periods) if timeline.year_of(t) == year))


def year_spend(plan: Plan, pool: str, year: int) -> float:
    spend = plan.spend
    return float(spend[(spend["pool"] == pool) & (spend["year"] == year)]["amount"].sum())


def with_condition(scenario: Scenario, condition: Condition, limit: float) -> Scenario:
    """``scenario`` with the condition's envelope as an override (a new id says so)."""
    overrides = {**scenario.envelope_overrides, f"{condition.pool}/{condition.year}": round(limit, 6)}
    data = scenario.model_dump()
    data.update(
        id=f"{scenario.id}-forbehold-{condition.pool}-{condition.year}"[:64],
        description=f"{scenario.id} med forbehold: {condition.text}"[:2000],
        envelope_overrides=overrides,
    )
    return Scenario.model_validate(data)


def check_condition(
    portfolio: Portfolio, treated: StoredPlan, condition: Condition, *, time_limit: float | None = None
) -> ConditionCheck:
    """Check ``treated`` under ``condition``; when it does not hold, the derived plan's consequence.

    Parameters
    ----------
    time_limit
        Seconds for the derived scenario's solve (default: the scenario's own limit).
    """
    assert condition.pool is not None and condition.year is not None and condition.max_mnok is not None
    scenario = treated.scenario
    envelope = year_envelope(portfolio, scenario, condition.pool, condition.year)
    limit = min(envelope, condition.max_mnok)
    derived = with_condition(scenario, condition, limit)
    checked = check_edited_plan(portfolio, derived, treated.plan.starts)
    found = ConditionCheck(
        holds=not checked.violations,
        pool=condition.pool,
        year=condition.year,
        limit=limit,
        envelope=envelope,
        spend=year_spend(treated.plan, condition.pool, condition.year),
        violations=list(checked.violations),
    )
    if found.holds:
        return found
    found.scenario = derived.model_dump(mode="json")
    found.consequence = consequence(portfolio, treated.plan, derived, time_limit=time_limit)
    return found


def consequence(portfolio: Portfolio, treated: Plan, derived: Scenario, *, time_limit: float | None) -> Consequence:
    """Optimise ``derived`` tied to ``treated`` and say what changes, per initiative and per pool."""
    stability = Stability(baseline=treated.starts, drop_penalty=DROP_PENALTY, move_penalty=MOVE_PENALTY)
    plan = optimise(portfolio, derived, time_limit=time_limit, explain=False, stability=stability)
    if not plan.has_plan:
        return Consequence(plan.facts.status, treated.npv, None, diagnosis=list(plan.diagnosis))
    diff = diff_plans(treated, plan)
    return Consequence(
        plan.facts.status,
        treated.npv,
        plan.npv,
        moves=moved_initiatives(portfolio, diff.changed),
        pools=pool_changes(portfolio, diff.spend),
    )


def moved_initiatives(portfolio: Portfolio, changed: pd.DataFrame) -> list[dict[str, Any]]:
    """:attr:`planning.plans.diff.PlanDiff.changed` as plain rows with each initiative's name."""
    names = portfolio.initiatives["name"].astype(str).to_dict()
    return [
        {"id": str(i), "name": names.get(str(i), str(i)), "change": str(r["change"]), "start_a": r["start_a"],
         "start_b": r["start_b"], "shift": None if pd.isna(r["shift"]) else int(r["shift"])}
        for i, r in changed.iterrows()
    ]  # fmt: skip


def pool_changes(portfolio: Portfolio, spend: pd.DataFrame) -> list[dict[str, Any]]:
    """Per pool that changes: its name, the change over the horizon and per year (MNOK).

    ``spend`` is :meth:`planning.plans.diff.PlanDiff.spend` (pool, year, amount_a, amount_b, change).
    """
    pool_names = portfolio.funding_pools["name"].astype(str).to_dict()
    rows = []
    for pool, mine in spend.groupby("pool", sort=False):
        by_year = mine.groupby("year")["change"].sum()
        if (by_year.abs() <= TOLERANCE).all():
            continue
        rows.append(
            {
                "pool": str(pool),
                "name": pool_names.get(str(pool), str(pool)),
                "total_change": float(by_year.sum()),
                "by_year": {int(y): float(v) for y, v in by_year.items()},
            }
        )
    order = {p: n for n, p in enumerate(portfolio.funding_pools.index)}
    return sorted(rows, key=lambda r: order.get(r["pool"], len(order)))
