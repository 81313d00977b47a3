"""The simulation's answers as tidy tables: money per pool and period, delivery, steps, value and drivers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from planning.domain.portfolio import Portfolio
from planning.plans.steps import DEFAULT_STEPS, Step, step_of
from planning.uncertainty.plan_model import PlanModel
from planning.uncertainty.simulation import TOLERANCE, Outcome

QUANTILES = {"p10": 0.10, "p50": 0.50, "p85": 0.85, "p90": 0.90}
"""Percentiles shown for money: P50 is the management budget (styringsramme), P85 the cost frame (kostnadsramme)."""
DRIVERS_SHOWN = 15
TAIL = 0.10
"""Share of samples at each end of an initiative's cost that the tornado compares."""
CHUNK = 64
"""Initiatives whose tornado figures are worked out at once (bounds the memory of large runs)."""


@dataclass
class Outcomes:
    """Every block's :class:`Outcome` joined: one row per sample."""

    started: np.ndarray
    stopped: np.ndarray
    finish: np.ndarray
    spend: np.ndarray
    available: np.ndarray
    npv: np.ndarray
    benefit: np.ndarray
    cost_factor: np.ndarray

    @classmethod
    def join(cls, parts: Sequence[Outcome]) -> Outcomes:
        return cls(
            started=np.concatenate([p.started for p in parts]),
            stopped=np.concatenate([p.stopped for p in parts]),
            finish=np.concatenate([np.where(p.started, p.finish, -1).astype(np.int32) for p in parts]),
            spend=np.concatenate([p.spend for p in parts]),
            available=np.concatenate([p.available for p in parts]),
            npv=np.concatenate([p.npv for p in parts]),
            benefit=np.concatenate([p.benefit for p in parts]),
            cost_factor=np.concatenate([p.cost_factor.astype(np.float32) for p in parts]),
        )

    @property
    def delivered(self) -> np.ndarray:
        return self.started & ~self.stopped

    @property
    def within(self) -> np.ndarray:
        """(samples, pools, periods) whether each pool-period held its envelope."""
        return self.spend <= self.available + TOLERANCE

    @property
    def overrun(self) -> np.ndarray:
        return np.maximum(self.spend - self.available, 0.0).sum(axis=(1, 2))


def pool_periods(model: PlanModel, outcomes: Outcomes, planned: np.ndarray) -> pd.DataFrame:
    """Per pool and period: envelope, planned spend, spend percentiles and mean, and the probability of holding.

    ``planned`` is the plan's own spend (pools, periods). Columns: pool, period, label, year,
    envelope, planned, mean, p10, p50, p85, p90 (MNOK), p_within (0..1).
    """
    timeline = model.timeline
    levels = np.quantile(outcomes.spend, list(QUANTILES.values()), axis=0)
    mean, within = outcomes.spend.mean(axis=0), outcomes.within.mean(axis=0)
    rows = []
    for p, pool in enumerate(model.pools):
        for t in range(timeline.periods):
            rows.append(
                {
                    "pool": pool,
                    "period": t,
                    "label": timeline.label(t),
                    "year": timeline.year_of(t),
                    "envelope": float(model.envelopes[p, t]),
                    "planned": float(planned[p, t]),
                    "mean": float(mean[p, t]),
                    **{name: float(levels[k, p, t]) for k, name in enumerate(QUANTILES)},
                    "p_within": float(within[p, t]),
                }
            )
    return pd.DataFrame(rows)


def pool_years(model: PlanModel, outcomes: Outcomes) -> pd.DataFrame:
    """Per pool and calendar year: the spend of the whole year at its percentiles and mean.

    A year's percentile is taken over each future's spend summed over the year's periods (a sum
    of the periods' percentiles would overstate it). Columns: pool, year, planned_envelope
    (envelope, MNOK), mean, p10, p50, p85, p90 (MNOK), p_within (0..1, every period of the year held).
    """
    timeline = model.timeline
    rows = []
    for year in timeline.years:
        periods = [t for t in range(timeline.periods) if timeline.year_of(t) == year]
        spend = outcomes.spend[:, :, periods].sum(axis=2)
        levels = np.quantile(spend, list(QUANTILES.values()), axis=0)
        held = outcomes.within[:, :, periods].all(axis=2).mean(axis=0)
        for p, pool in enumerate(model.pools):
            rows.append(
                {
                    "pool": pool,
                    "year": year,
                    "envelope": float(model.envelopes[p, periods].sum()),
                    "mean": float(spend[:, p].mean()),
                    **{name: float(levels[k, p]) for k, name in enumerate(QUANTILES)},
                    "p_within": float(held[p]),
                }
            )
    return pd.DataFrame(rows)


def blocked(model: PlanModel, outcomes: Outcomes) -> np.ndarray:
    """(samples, n) never started because something it waits for, finish-to-start, was stopped (or blocked)."""
    out = np.zeros(outcomes.started.shape, dtype=bool)
    if not len(model.predecessor):
        return out
    for _ in range(model.depth + 1):
        lost = (outcomes.stopped | out)[:, model.predecessor] & model.finish_to_start
        hit = np.logical_or.reduceat(lost, model.successor_offsets, axis=1)
        out[:, model.successor_rows] = hit & ~outcomes.started[:, model.successor_rows]
    return out


def delivery(model: PlanModel, outcomes: Outcomes, portfolio: Portfolio) -> pd.DataFrame:
    """Per initiative of the plan: how likely it finishes on time, late, after the horizon, or not at all.

    Returns
    -------
    pandas.DataFrame
        Index id: name, lead_region, start, finish (planned labels), start_at and end_at
        (the planned bar in calendar years, as decimals), p_on_time (finished by
        the planned finish), p_one_late (one period late), p_later (later, inside the
        horizon), p_after_horizon (started, finishes after it), p_deferred (never started
        inside the horizon), p_blocked (of those, because a predecessor was stopped),
        p_stopped (started and stopped); the six first outcomes add up to 1. expected_slip:
        mean periods past the planned finish where it is delivered.
    """
    timeline, last = model.timeline, model.timeline.periods - 1
    planned = model.finish[None, :]
    done = outcomes.delivered
    finish = outcomes.finish
    shares = {
        "p_on_time": done & (finish <= planned),
        "p_one_late": done & (finish == planned + 1) & (finish <= last),
        "p_later": done & (finish >= planned + 2) & (finish <= last),
        "p_after_horizon": done & (finish > last),
        "p_deferred": ~outcomes.started,
        "p_blocked": blocked(model, outcomes),
        "p_stopped": outcomes.stopped,
    }
    slip = np.where(done, finish - planned, 0).sum(axis=0)
    count = done.sum(axis=0)
    info = portfolio.initiatives
    frame = pd.DataFrame(
        {
            "name": [str(info.at[i, "name"]) for i in model.ids],
            "lead_region": [str(info.at[i, "lead_region"]) for i in model.ids],
            "start": [timeline.label(int(s)) for s in model.start],
            "finish": [timeline.label(int(f)) for f in model.finish],
            "start_at": timeline.first_year + model.start / timeline.per_year,
            "end_at": timeline.first_year + (model.finish + 1) / timeline.per_year,
            **{name: mask.mean(axis=0) for name, mask in shares.items()},
            "expected_slip": np.where(count > 0, slip / np.maximum(count, 1), np.nan),
        },
        index=pd.Index(model.ids, name="id"),
    )
    return frame.sort_values(["p_on_time", "start"], kind="stable")


def steps(model: PlanModel, outcomes: Outcomes, chosen: Sequence[Step] = DEFAULT_STEPS) -> pd.DataFrame:
    """Per delivery step (trinn): its initiatives and the probability that all are delivered by the step's end.

    An initiative belongs to the step of its planned finish year; a step's deadline is the
    last period of its last year (the horizon's end for an open step). Columns: step,
    years, initiatives, deadline (label), p_on_time.
    """
    timeline = model.timeline
    ordered = sorted(chosen, key=lambda s: s.first_year)
    names = [step_of(timeline.year_of(int(f)), ordered) for f in model.finish]
    rows = []
    for step in [s for s in ordered if s.name in names]:
        members = [n for n, name in enumerate(names) if name == step.name]
        end = timeline.periods - 1
        if step.last_year is not None:
            end = min(end, (step.last_year - timeline.first_year + 1) * timeline.per_year - 1)
        ok = outcomes.delivered[:, members] & (outcomes.finish[:, members] <= end)
        rows.append(
            {
                "step": step.name,
                "years": step.years,
                "initiatives": len(members),
                "deadline": timeline.label(end),
                "p_on_time": float(ok.all(axis=1).mean()),
            }
        )
    return pd.DataFrame(rows, columns=["step", "years", "initiatives", "deadline", "p_on_time"])


def value(outcomes: Outcomes, planned_npv: float, planned_benefit: float) -> pd.DataFrame:
    """NPV and benefit realised within the horizon: the plan's figure, mean, P10, P50, P90 (MNOK)."""
    rows = []
    for measure, samples, planned in (
        ("npv", outcomes.npv, planned_npv),
        ("benefit", outcomes.benefit, planned_benefit),
    ):
        p10, p50, p90 = np.quantile(samples, [0.1, 0.5, 0.9])
        rows.append({"measure": measure, "planned": planned, "mean": float(samples.mean()),
                     "p10": float(p10), "p50": float(p50), "p90": float(p90)})  # fmt: skip
    return pd.DataFrame(rows, columns=["measure", "planned", "mean", "p10", "p50", "p90"])


def drivers(model: PlanModel, outcomes: Outcomes, portfolio: Portfolio, shown: int = DRIVERS_SHOWN) -> pd.DataFrame:
    """Which initiatives' overruns most drive the plan over its envelopes (a tornado).

    For each initiative with a cost spread, the mean total overrun (MNOK over all pools and
    periods) in the samples where its cost is in its lowest and in its highest 10 %, and the
    correlation of its cost with the overrun; ranked by the swing between the two, largest first.
    Empty when no sample overruns.
    """
    columns = ["name", "overrun_low", "overrun_high", "swing", "correlation"]
    overrun = outcomes.overrun
    spread = outcomes.cost_factor.max(axis=0) > outcomes.cost_factor.min(axis=0)
    if overrun.std() == 0 or not spread.any():
        return pd.DataFrame(columns=columns, index=pd.Index([], name="id"))
    chosen = np.flatnonzero(spread)
    parts = [_swing(outcomes.cost_factor[:, chosen[k : k + CHUNK]], overrun) for k in range(0, len(chosen), CHUNK)]
    overrun_low, overrun_high, correlation = (np.concatenate(found) for found in zip(*parts, strict=True))
    ids = [model.ids[n] for n in chosen]
    frame = pd.DataFrame(
        {
            "name": [str(portfolio.initiatives.at[i, "name"]) for i in ids],
            "overrun_low": overrun_low,
            "overrun_high": overrun_high,
            "swing": overrun_high - overrun_low,
            "correlation": correlation,
        },
        index=pd.Index(ids, name="id"),
    )
    return frame.sort_values("swing", ascending=False, kind="stable").head(shown)


def _swing(cost_factor: np.ndarray, overrun: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For some columns of cost factors: mean overrun in their lowest and highest tails, and their correlation."""
    factor = cost_factor.astype(float)
    low, high = np.quantile(factor, [TAIL, 1 - TAIL], axis=0)
    in_low, in_high = factor <= low, factor >= high
    overrun_low = (overrun @ in_low) / in_low.sum(axis=0)
    overrun_high = (overrun @ in_high) / in_high.sum(axis=0)
    centred = factor - factor.mean(axis=0)
    correlation = ((overrun - overrun.mean()) @ centred) / len(overrun) / (centred.std(axis=0) * overrun.std())
    return overrun_low, overrun_high, correlation


def summary(outcomes: Outcomes, planned_spend: float) -> dict[str, float]:
    """Headline figures: the chance that every pool-period holds, total spend in the horizon at P50 and P85."""
    total = outcomes.spend.sum(axis=(1, 2))
    p50, p85 = np.quantile(total, [0.5, 0.85])
    return {
        "p_all_within": float(outcomes.within.all(axis=(1, 2)).mean()),
        "planned_spend": planned_spend,
        "spend_p50": float(p50),
        "spend_p85": float(p85),
        "mean_overrun": float(outcomes.overrun.mean()),
        "mean_deferred": float((~outcomes.started).sum(axis=1).mean()),
    }
