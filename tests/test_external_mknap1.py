"""OR-Library mknap1 through the planning model: all 7 proven optima reproduced exactly."""

from __future__ import annotations

import pytest

from bench.external import benchmarks_root, knapsack_portfolio, load_cases, run_external
from bench.formats import parse_mkcbres, parse_mknap

PROVEN = [3800, 8706.1, 4015, 6120, 12400, 10618, 16537]

pytestmark = pytest.mark.skipif(
    not (benchmarks_root() / "mknap" / "mknap1.txt").is_file(),
    reason=f"no OR-Library data at {benchmarks_root()} (set VEIKART_BENCHMARKS)",
)


def test_all_seven_proven_optima_reproduced() -> None:
    records = run_external("mknap1", time_limit=60)
    assert [r["name"] for r in records] == [f"mknap1-{k}" for k in range(1, 8)]
    for record, optimum in zip(records, PROVEN, strict=True):
        assert record["status"] == "optimal", record
        assert record["found"] == pytest.approx(optimum, abs=1e-6), record
        assert record["objective"] == pytest.approx(optimum, abs=1e-6), record
        assert record["verdict"] == "match", record


def test_mapping_pays_each_weight_from_its_own_pool() -> None:
    case = load_cases("mknap1")[1]
    portfolio = knapsack_portfolio(case.instance)  # type: ignore[arg-type]
    assert len(portfolio.initiatives) == 10
    assert len(portfolio.funding_pools) == 10
    item = portfolio.initiatives.loc["I001"]
    shares = item["custom_shares"]
    weights = [row[0] for row in case.instance.weights]  # type: ignore[union-attr]
    for k, weight in enumerate(weights):
        assert shares.get(f"K{k + 1}", 0.0) * item["total_cost"] == pytest.approx(weight)


def test_chu_beasley_files_and_bounds_read() -> None:
    root = benchmarks_root() / "mknap"
    problems = parse_mknap(root / "mknapcb1.txt", names="chu-beasley")
    bounds = parse_mkcbres(root / "mkcbres.txt")
    assert len(problems) == 30
    assert (len(problems[0].profits), len(problems[0].capacities)) == (100, 5)
    assert bounds["5.100-00"] == (24381, pytest.approx(24585.902722))
    assert all(best <= lp for best, lp in bounds.values())
