"""Chance constraints on the envelopes, by sample average approximation.

A plan at confidence ``c`` must keep each envelope (pool-period), or each pool's total over
the horizon, in at least a share ``c`` of ``N`` sampled futures. The futures come in as
numbers only (:class:`SampledSpend`): what each initiative would spend in each period of
its execution in each future, so this module knows nothing of how they were sampled
(``planning.robust`` draws them). One binary ``violated[s, p, t]`` per sample and
pool-period (or ``violated[s, p]`` per sample and pool) may switch its row off; at most
``floor((1 - c) N)`` of them may be 1 per pool-period (or pool). See ``docs/model.md``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pulp

from planning.domain.models import CONFIDENCE_SCOPES
from planning.optimise.model import PlanModel

SCOPES = CONFIDENCE_SCOPES
"""What must hold: each envelope (pool-period), or each pool's total over the horizon."""
TOLERANCE = 1e-6
"""MNOK a row may exceed its envelope by and still hold, as in the simulation."""


@dataclass(frozen=True)
class SampledSpend:
    """Spend of each initiative in each period of its execution, in each sampled future.

    ``spend[s, n, k]`` is what initiative ``ids[n]`` spends (MNOK, all pools) in the ``k``-th
    period after its start in future ``s``; a future stretches, scales or stops the profile.
    """

    ids: list[str]
    spend: np.ndarray

    @property
    def samples(self) -> int:
        return int(self.spend.shape[0])


def allowed_violations(confidence: float, samples: int) -> int:
    """How many of ``samples`` futures may break a row at ``confidence``: floor((1 - c) N)."""
    return math.floor((1.0 - confidence) * samples + 1e-9)


def check_scope(scope: str) -> str:
    if scope not in SCOPES:
        raise ValueError(f"unknown confidence scope '{scope}'; use one of {', '.join(SCOPES)}")
    return scope


def define_chance_constraints(
    m: PlanModel, sampled: SampledSpend, confidence: float, scope: str = SCOPES[0]
) -> dict[tuple[int, ...], pulp.LpVariable]:
    r"""Per pool p and period t (or over the horizon), in each future s:

    \sum_i share_ip \sum_k spend_sik start[i, t-k] - M_spt violated_spt <= envelope_pt, and
    \sum_s violated_spt <= floor((1 - c) N). M_spt is what the row can spend at most above its
    envelope; rows that cannot break get no binary. Returns the binaries by (s, p, t) or (s, p).
    """
    check_scope(scope)
    inputs = m.inputs
    allowed = allowed_violations(confidence, sampled.samples)
    envelopes = inputs.envelopes.to_numpy(dtype=float)
    violated: dict[tuple[int, ...], pulp.LpVariable] = {}
    for p, pool in enumerate(inputs.envelopes.index):
        keys = [(t,) for t in range(inputs.timeline.periods)] if scope == "envelope" else [()]
        for key in keys:
            envelope = float(envelopes[p, key[0]]) if key else float(envelopes[p].sum())
            variables, coefficients, most = _row(m, sampled, p, key)
            breakers = []
            for s in np.flatnonzero(most > envelope + TOLERANCE):
                name = "_".join(str(k) for k in (s, pool, *key))
                z = m.problem.add_variable(f"violated_{name}", cat="Binary")
                violated[(int(s), p, *key)] = z
                breakers.append(z)
                spend = pulp.LpAffineExpression(
                    [(v, float(c)) for v, c in zip(variables, coefficients[s], strict=True) if c]
                )
                m.add(spend - float(most[s] - envelope) * z <= envelope, "chance", pool, *key, int(s))
            if len(breakers) > allowed:
                label = inputs.timeline.label(key[0]) if key else "total"
                m.add(pulp.lpSum(breakers) <= allowed, "confidence", pool, label)
    return violated


def _row(
    m: PlanModel, sampled: SampledSpend, p: int, key: tuple[int, ...]
) -> tuple[list[pulp.LpVariable], np.ndarray, np.ndarray]:
    """One row's variables, their coefficients in each future (samples, variables) and the
    most the row can spend in each future (samples,).

    Each slot is one way an initiative spends in the row (a start period); an initiative
    starts at most once, so the most is the sum over initiatives of its largest slot.
    """
    inputs = m.inputs
    column = {i: n for n, i in enumerate(sampled.ids)}
    periods, longest = inputs.timeline.periods, sampled.spend.shape[2]
    index: dict[pulp.LpVariable, int] = {}
    slot_terms: list[list[tuple[int, float]]] = []
    slot_spend: list[np.ndarray] = []
    owner: list[int] = []
    for n, i in enumerate(inputs.ids):
        share = float(inputs.share_matrix[inputs.row_of[i], p])
        window = m.window(i)
        if share <= 0 or not window:
            continue
        profile = share * sampled.spend[:, column[i], :]
        for start in window:
            if key:
                k = key[0] - start
                if not 0 <= k < longest:
                    continue
                amount = profile[:, k]
            else:
                amount = profile[:, : max(0, min(longest, periods - start))].sum(axis=1)
            if not amount.any():
                continue
            terms = [(index.setdefault(var, len(index)), a) for var, a in m.start_terms(i, start)]
            slot_terms.append(terms)
            slot_spend.append(amount)
            owner.append(n)
    samples = sampled.samples
    if not slot_spend:
        return [], np.zeros((samples, 0)), np.zeros(samples)
    into = np.zeros((len(slot_spend), len(index)))
    for j, terms in enumerate(slot_terms):
        for v, a in terms:
            into[j, v] += a
    amounts = np.stack(slot_spend, axis=1)
    owners = np.array(owner)
    most = np.zeros(samples)
    for n in np.unique(owners):
        most += amounts[:, owners == n].max(axis=1)
    return list(index), amounts @ into, most


def violations_of(sampled: SampledSpend, m: PlanModel, starts: dict[str, int], scope: str) -> np.ndarray:
    """Which rows the plan ``starts`` breaks in each future: (samples, pools, periods) or (samples, pools)."""
    inputs = m.inputs
    periods = inputs.timeline.periods
    column = {i: n for n, i in enumerate(sampled.ids)}
    spend = np.zeros((sampled.samples, len(inputs.envelopes.index), periods))
    for i, start in starts.items():
        profile = sampled.spend[:, column[i], :]
        length = min(profile.shape[1], periods - start)
        if length <= 0:
            continue
        paid = profile[:, :length, None] * inputs.share_matrix[inputs.row_of[i]][None, None, :]
        spend[:, :, start : start + length] += paid.transpose(0, 2, 1)
    envelopes = inputs.envelopes.to_numpy(dtype=float)
    if scope == "envelope":
        return spend > envelopes[None, :, :] + TOLERANCE
    return spend.sum(axis=2) > envelopes.sum(axis=1)[None, :] + TOLERANCE
