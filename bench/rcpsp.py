"""Seeded resource-constrained scheduling instances larger than PSPLIB's J30.

PSPLIB's larger sets (J60, J90, J120) are not in ``shared/benchmarks``; these instances
follow the same recipe (ProGen's parameters, Kolisch, Sprecher and Drexl 1995) closely
enough for what they are used for here: models on which HiGHS spends a long time in its
root, to check that Veikart's time limit holds (issue 32, target 7). Jobs have durations
1 to 10, three start jobs and three end jobs, each job two to three successors on average
(network complexity ``complexity``), each job uses ``uses`` of four renewable resources with
requests 1 to 10, and each capacity lies between the largest single request and the peak
demand of the earliest-start schedule, at ``strength`` of the way (resource strength).
The makespans are not known; :func:`rcpsp_case` maps an instance through the same
:func:`bench.external.rcpsp_portfolio` as J30.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from bench.formats import Rcpsp

RESOURCES = 4


@dataclass(frozen=True)
class RcpspSpec:
    """Size and tightness of one generated instance."""

    jobs: int
    complexity: float = 2.1
    uses: int = 4
    strength: float = 0.2
    seed: int = 1

    @property
    def name(self) -> str:
        return f"rcpsp{self.jobs}-nc{self.complexity:g}-rf{self.uses}-rs{self.strength:g}-s{self.seed}"


def generate_rcpsp(spec: RcpspSpec) -> Rcpsp:
    """The instance of ``spec``, the same for the same spec. Job 1 and job ``jobs + 2`` are
    zero-duration dummies (source and sink), as in PSPLIB files."""
    rng = random.Random(spec.seed)
    n = spec.jobs
    real = list(range(2, n + 2))
    durations = {1: 0, n + 2: 0} | {j: rng.randint(1, 10) for j in real}
    successors: dict[int, list[int]] = {j: [] for j in range(1, n + 3)}
    for j in real[:3]:
        successors[1].append(j)
    for j in real[3:]:  # every job after the first three gets a predecessor among the earlier ones
        successors[rng.choice(real[: max(3, real.index(j) - 1)])].append(j)
    wanted = round(spec.complexity * (n + 2)) - sum(len(s) for s in successors.values())
    for _ in range(max(0, wanted)):
        p = rng.choice(real[:-3])
        later = [s for s in real if s > p + 1 and s not in successors[p]]
        if later:
            successors[p].append(rng.choice(later[: max(1, len(later) // 3)]))
    for j in real:
        if not successors[j]:
            successors[j].append(n + 2)
    requests = {1: [0] * RESOURCES, n + 2: [0] * RESOURCES}
    for j in real:
        used = set(rng.sample(range(RESOURCES), spec.uses))
        requests[j] = [rng.randint(1, 10) if r in used else 0 for r in range(RESOURCES)]
    capacities = [_capacity(durations, successors, requests, r, spec.strength) for r in range(RESOURCES)]
    horizon = sum(durations.values())
    return Rcpsp(spec.name, horizon, durations, successors, requests, capacities)


def _capacity(
    durations: dict[int, int], successors: dict[int, list[int]], requests: dict[int, list[int]], r: int, strength: float
) -> int:
    """Resource strength: min + strength * (peak - min), min the largest request, peak the
    most the earliest-start schedule asks for in one period."""
    start = {j: 0 for j in durations}
    for j in sorted(durations):  # successors always have higher numbers
        for s in successors[j]:
            start[s] = max(start[s], start[j] + durations[j])
    use: dict[int, int] = {}
    for j, d in durations.items():
        for t in range(start[j], start[j] + d):
            use[t] = use.get(t, 0) + requests[j][r]
    least = max(requests[j][r] for j in durations)
    peak = max(use.values(), default=0)
    return max(1, least + round(strength * (peak - least)))
