"""Readers for the published benchmark formats: PSPLIB ``.sm`` and OR-Library ``mknap``.

Only reading happens here; :mod:`bench.external` maps the instances onto portfolios.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Knapsack:
    """A multidimensional knapsack: choose items to maximise profit within every row's capacity."""

    name: str
    profits: list[float]
    weights: list[list[float]]
    """One row of item weights per constraint."""
    capacities: list[float]
    optimum: float | None
    """The optimum printed in the file's header, where the file gives one (non-zero)."""


@dataclass(frozen=True)
class Rcpsp:
    """A single-mode resource-constrained project scheduling instance (PSPLIB)."""

    name: str
    horizon: int
    durations: dict[int, int]
    successors: dict[int, list[int]]
    requests: dict[int, list[int]]
    """Per-period request of each job on each renewable resource."""
    capacities: list[int]


def parse_mknap(path: Path, *, names: str = "index") -> list[Knapsack]:
    """Every problem of an OR-Library ``mknap`` file (see its ``file-format.txt``).

    ``names`` is ``"index"`` (``mknap1-1``, ``mknap1-2``, ...) or ``"chu-beasley"``
    (``5.100-00``: rows, items and the 0-based problem number, as in ``mkcbres.txt``).
    """
    tokens = path.read_text().split()
    position = 0

    def take(count: int) -> list[float]:
        nonlocal position
        values = [float(t) for t in tokens[position : position + count]]
        if len(values) != count:
            raise ValueError(f"{path.name}: the file ends inside a problem")
        position += count
        return values

    problems = []
    for number in range(int(take(1)[0])):
        n, m, optimum = take(3)
        items, rows = int(n), int(m)
        profits = take(items)
        weights = [take(items) for _ in range(rows)]
        capacities = take(rows)
        name = f"{path.stem}-{number + 1}" if names == "index" else f"{rows}.{items}-{number:02d}"
        problems.append(Knapsack(name, profits, weights, capacities, optimum if optimum > 0 else None))
    return problems


_RESULT = re.compile(r"^\s*(\d+\.\d+-\d+)\s+([-+0-9.eE]+)\s*$")


def parse_mkcbres(path: Path) -> dict[str, tuple[float, float]]:
    """Chu and Beasley's (best feasible value, LP relaxation value) per problem name."""
    best: dict[str, float] = {}
    lp: dict[str, float] = {}
    for line in path.read_text().splitlines():
        match = _RESULT.match(line)
        if match:
            table = lp if match[1] in best else best
            table[match[1]] = float(match[2])
    return {name: (value, lp[name]) for name, value in best.items() if name in lp}


def parse_sm(path: Path) -> Rcpsp:
    """A PSPLIB single-mode ``.sm`` file."""
    lines = path.read_text().splitlines()
    horizon = next(int(line.split(":")[1]) for line in lines if line.lower().startswith("horizon"))
    successors = {int(r[0]): [int(s) for s in r[3:]] for r in _section(lines, "PRECEDENCE RELATIONS:", skip=1)}
    durations: dict[int, int] = {}
    requests: dict[int, list[int]] = {}
    for row in _section(lines, "REQUESTS/DURATIONS:", skip=2):
        durations[int(row[0])] = int(row[2])
        requests[int(row[0])] = [int(v) for v in row[3:]]
    availability = _section(lines, "RESOURCEAVAILABILITIES:", skip=1)
    capacities = [int(v) for v in availability[0]]
    return Rcpsp(path.stem, horizon, durations, successors, requests, capacities)


def _section(lines: list[str], title: str, *, skip: int) -> list[list[str]]:
    """The rows of a ``.sm`` section, split into fields, after ``skip`` header lines."""
    start = next(n for n, line in enumerate(lines) if line.strip().startswith(title)) + 1 + skip
    rows = []
    for line in lines[start:]:
        if line.startswith("*"):
            break
        if line.strip():
            rows.append(line.split())
    return rows


def parse_j30opt(path: Path) -> dict[str, int]:
    """Proven optimal makespans by instance name (``j30<parameter>_<instance>``)."""
    optima = {}
    for line in path.read_text().splitlines():
        fields = line.split()
        if len(fields) == 4 and fields[0].isdigit() and fields[1].isdigit():
            optima[f"j30{fields[0]}_{fields[1]}"] = int(fields[2])
    return optima
