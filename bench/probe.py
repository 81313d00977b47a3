"""How fast the machine runs just before a benchmark part: two fixed pieces of work, timed.

The same machine kind has run Python about 2.5 times slower on some days than on others,
and one evening HiGHS proved benchmark instances more slowly than that morning while the
Python loop read fast, so each saved part records both: a
pure-Python loop (:func:`python_seconds`) and HiGHS's dual simplex on a fixed random linear
programme (:func:`highs_lp`), whose iteration count shows it did the same work each time.
"""

from __future__ import annotations

import time
from typing import Any

import highspy
import numpy as np

from planning.optimise.solve import silence_highs_banner

PROBE_ADDITIONS = 5_000_000
"""Additions in the Python loop."""
LP_ROWS, LP_COLUMNS, LP_DENSITY, LP_SEED = 400, 4000, 0.02, 0
"""The fixed linear programme: a knapsack-like relaxation with this many rows and columns,
this share of nonzero weights, drawn from this seed (about 2 650 simplex iterations)."""


def machine_probe() -> dict[str, Any]:
    """Both probes, as a saved part records them."""
    seconds, iterations = highs_lp()
    return {
        "additions": PROBE_ADDITIONS,
        "seconds": round(python_seconds(), 2),
        "lp_iterations": iterations,
        "lp_seconds": round(seconds, 2),
    }


def python_seconds() -> float:
    """Seconds a loop of :data:`PROBE_ADDITIONS` additions takes."""
    began = time.perf_counter()
    total = 0
    for k in range(PROBE_ADDITIONS):
        total += k
    return time.perf_counter() - began


def highs_lp() -> tuple[float, int]:
    """Seconds and simplex iterations HiGHS takes on the fixed linear programme."""
    silence_highs_banner()
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    highs.passModel(_fixed_lp())
    began = time.perf_counter()
    highs.run()
    seconds = time.perf_counter() - began
    if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        raise RuntimeError(f"the probe's linear programme ended {highs.modelStatusToString(highs.getModelStatus())}")
    return seconds, int(highs.getInfo().simplex_iteration_count)


def _fixed_lp() -> highspy.HighsLp:
    """Maximise value over items in [0, 1] within rows that hold half their items' weight."""
    rng = np.random.default_rng(LP_SEED)
    weights = np.where(rng.random((LP_ROWS, LP_COLUMNS)) < LP_DENSITY, rng.integers(1, 100, (LP_ROWS, LP_COLUMNS)), 0)
    values = weights.sum(axis=0) / LP_ROWS + rng.integers(1, 50, LP_COLUMNS)
    columns, rows = np.nonzero(weights.T)
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = LP_COLUMNS, LP_ROWS
    lp.col_cost_ = -values.astype(float)  # HiGHS minimises
    lp.col_lower_, lp.col_upper_ = np.zeros(LP_COLUMNS), np.ones(LP_COLUMNS)
    lp.row_lower_ = np.full(LP_ROWS, -highspy.kHighsInf)
    lp.row_upper_ = weights.sum(axis=1) / 2.0
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = np.concatenate([[0], np.cumsum(np.bincount(columns, minlength=LP_COLUMNS))]).astype(np.int32)
    lp.a_matrix_.index_ = rows.astype(np.int32)
    lp.a_matrix_.value_ = weights.T[columns, rows].astype(float)
    return lp
