"""A plan as delivery steps (trinn): what each step delivers, costs and starts to yield.

Steps are spans of calendar years, configurable; the default follows the joint plan's
stepwise approach: Trinn 1 2026–27, Trinn 2 2028–29, Trinn 3 2030 and later. An
initiative belongs to the step in which it finishes (goes live at the end of that
period); a benefit to the step of the year it starts; money to the step of its year.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from planning.domain.portfolio import Portfolio
from planning.messages.phrases import phrase
from planning.optimise import Plan
from planning.plans.diff import label_key

OUTSIDE = "Utenfor trinn"
"""Step name for years no step covers."""
_SPEC = re.compile(r"^\s*(.+?)\s*=\s*(\d{4})\s*(?:([-–])\s*(\d{4})?)?\s*$")


@dataclass(frozen=True)
class Step:
    """A delivery step: calendar years ``first_year`` to ``last_year`` (``None``: and later)."""

    name: str
    first_year: int
    last_year: int | None = None

    def covers(self, year: int) -> bool:
        return year >= self.first_year and (self.last_year is None or year <= self.last_year)

    @property
    def years(self) -> str:
        if self.last_year is None:
            return f"{self.first_year}–"
        return str(self.first_year) if self.last_year == self.first_year else f"{self.first_year}–{self.last_year}"


DEFAULT_STEPS = (Step("Trinn 1", 2026, 2027), Step("Trinn 2", 2028, 2029), Step("Trinn 3", 2030, None))


def parse_steps(text: str) -> tuple[Step, ...]:
    """Steps from ``"Trinn 1=2026-2027; Trinn 2=2028-2029; Trinn 3=2030-"``.

    Raises
    ------
    ValueError
        When a part cannot be read, or steps overlap.
    """
    steps = []
    for part in filter(None, (p.strip() for p in text.split(";"))):
        match = _SPEC.match(part)
        if not match:
            raise ValueError(phrase("not_a_step", part=part))
        first = int(match[2])
        last = first if match[3] is None else int(match[4]) if match[4] else None
        steps.append(Step(match[1], first, last))
    check_steps(steps)
    return tuple(steps)


def check_steps(steps: Sequence[Step]) -> None:
    """Raise ``ValueError`` when steps are empty, reversed or overlap."""
    if not steps:
        raise ValueError(phrase("no_steps"))
    ordered = sorted(steps, key=lambda s: s.first_year)
    for a, b in itertools.pairwise(ordered):
        if a.last_year is None or a.last_year >= b.first_year:
            raise ValueError(phrase("steps_overlap", first=a.name, second=b.name))
    for s in steps:
        if s.last_year is not None and s.last_year < s.first_year:
            raise ValueError(phrase("step_reversed", step=s.name))


def step_of(year: int, steps: Sequence[Step]) -> str:
    return next((s.name for s in steps if s.covers(year)), OUTSIDE)


def go_live_year(finish_label: str) -> int:
    """The calendar year of the period after ``finish_label``: when benefits can begin."""
    year, part, parts = label_key(finish_label)
    return year + 1 if part == parts else year


@dataclass
class PlanSteps:
    """A plan by delivery step; every table is tidy and ordered by step."""

    steps: tuple[Step, ...]
    deliveries: pd.DataFrame
    """step, initiative, name, area, lead_region, start, finish (labels)."""
    costs: pd.DataFrame
    """step, pool, amount, envelope (MNOK over the step's years)."""
    benefits: pd.DataFrame
    """step, benefit, title, initiative, owner, first_year, annual_value (MNOK per year), monetised."""

    def summary(self) -> pd.DataFrame:
        """Per step: years, initiatives delivered, cost, benefits starting and their yearly value."""
        names = [s.name for s in self.steps] + ([OUTSIDE] if self._outside() else [])
        years = {s.name: s.years for s in self.steps} | {OUTSIDE: ""}
        delivered = self.deliveries.groupby("step").size()
        cost = self.costs.groupby("step")["amount"].sum()
        starting = self.benefits.groupby("step").size()
        value = self.benefits[self.benefits["monetised"]].groupby("step")["annual_value"].sum()
        rows = [
            {
                "step": n,
                "years": years[n],
                "delivered": int(delivered.get(n, 0)),
                "cost": float(cost.get(n, 0.0)),
                "benefits_starting": int(starting.get(n, 0)),
                "annual_value": float(value.get(n, 0.0)),
            }
            for n in names
        ]
        return pd.DataFrame(rows)

    def _outside(self) -> bool:
        return any((frame["step"] == OUTSIDE).any() for frame in (self.deliveries, self.costs, self.benefits))


def plan_steps(plan: Plan, portfolio: Portfolio, steps: Sequence[Step] = DEFAULT_STEPS) -> PlanSteps:
    """``plan`` by delivery step; ``portfolio`` gives names and benefits."""
    check_steps(steps)
    ordered = tuple(sorted(steps, key=lambda s: s.first_year))
    return PlanSteps(
        steps=ordered,
        deliveries=_deliveries(plan, portfolio, ordered),
        costs=_costs(plan, ordered),
        benefits=_benefits(plan, portfolio, ordered),
    )


def _order(frame: pd.DataFrame, steps: Sequence[Step], by: list[str]) -> pd.DataFrame:
    rank = {s.name: n for n, s in enumerate(steps)} | {OUTSIDE: len(steps)}
    frame = frame.assign(_rank=frame["step"].map(rank))
    return frame.sort_values(["_rank", *by]).drop(columns="_rank").reset_index(drop=True)


def _deliveries(plan: Plan, portfolio: Portfolio, steps: Sequence[Step]) -> pd.DataFrame:
    chosen = plan.initiatives[plan.initiatives["selected_opt"].astype(bool)]
    rows = []
    for iid, r in chosen.iterrows():
        info = portfolio.initiatives.loc[iid] if iid in portfolio.initiatives.index else None
        rows.append(
            {
                "step": step_of(label_key(str(r["finish_label"]))[0], steps),
                "initiative": str(iid),
                "name": str(iid) if info is None else info["name"],
                "area": None if info is None else info["area"],
                "lead_region": None if info is None else info["lead_region"],
                "start": r["start_label"],
                "finish": r["finish_label"],
            }
        )
    columns = ["step", "initiative", "name", "area", "lead_region", "start", "finish"]
    return _order(pd.DataFrame(rows, columns=columns), steps, ["finish", "initiative"])


def _costs(plan: Plan, steps: Sequence[Step]) -> pd.DataFrame:
    spend = plan.spend.assign(step=[step_of(int(y), steps) for y in plan.spend["year"]])
    grouped = spend.groupby(["step", "pool"], sort=False)[["amount", "envelope"]].sum().reset_index()
    return _order(grouped[["step", "pool", "amount", "envelope"]], steps, ["pool"])


def _benefits(plan: Plan, portfolio: Portfolio, steps: Sequence[Step]) -> pd.DataFrame:
    finish = plan.initiatives["finish_label"][plan.initiatives["selected_opt"].astype(bool)]
    rows = []
    for bid, b in portfolio.benefits.iterrows():
        label = finish.get(b["initiative_id"])
        if label is None or pd.isna(label):
            continue
        first = go_live_year(str(label)) + int(b["lag"])
        rows.append(
            {
                "step": step_of(first, steps),
                "benefit": str(bid),
                "title": b["title"],
                "initiative": b["initiative_id"],
                "owner": b["owner"],
                "first_year": first,
                "annual_value": float(b["annual_value"]),
                "monetised": bool(b["monetised"]),
            }
        )
    columns = ["step", "benefit", "title", "initiative", "owner", "first_year", "annual_value", "monetised"]
    return _order(pd.DataFrame(rows, columns=columns), steps, ["first_year", "benefit"])
