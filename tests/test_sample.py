"""The illustrative sample portfolio in data/sample loads cleanly and has the shape the docs promise."""

from __future__ import annotations

from pathlib import Path

import pytest

from planning.domain.portfolio import Portfolio
from planning.io import load_path

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"
YEARS = range(2026, 2034)
LEVELS = ("Lav", "Basis", "Høy")


@pytest.fixture(scope="module")
def sample() -> Portfolio:
    result = load_path(SAMPLE)
    assert result.problems == [], "\n".join(str(p) for p in result.problems)
    assert result.ok and result.portfolio is not None
    return result.portfolio


def test_sample_loads_without_problems(sample: Portfolio) -> None:
    assert sample.summary()["initiative"] > 0


def test_sample_has_40_to_60_initiatives_and_at_least_5_started(sample: Portfolio) -> None:
    assert 40 <= len(sample.initiatives) <= 60
    assert (sample.initiatives["status"] == "started").sum() >= 5


def test_sample_has_an_alternative_group_with_two_or_more_options(sample: Portfolio) -> None:
    options = sample.initiatives["alternative_group_id"].dropna().value_counts()
    assert (options >= 2).any()
    required = sample.alternative_groups.index[sample.alternative_groups["required"].astype(bool)]
    assert all(options.get(group, 0) >= 2 for group in required)


def test_sample_has_envelopes_for_every_region_year_and_level(sample: Portfolio) -> None:
    env = sample.envelopes
    given = set(zip(env["funding_pool_id"], env["year"].astype(int), env["ambition_level_id"], strict=True))
    assert set(sample.ambition_levels.index) == set(LEVELS)
    missing = [(r, y, lvl) for r in sample.regions for y in YEARS for lvl in LEVELS if (r, y, lvl) not in given]
    assert sorted(sample.regions) == ["HMN", "HN", "HSO", "HV"]
    assert missing == []


def test_sample_measures_only_benefits_of_started_or_completed_initiatives(sample: Portfolio) -> None:
    benefit_initiative = sample.benefits["initiative_id"]
    measured = benefit_initiative[sample.measurements["benefit_id"].unique()]
    statuses = sample.initiatives.loc[measured.to_numpy(), "status"]
    assert len(sample.measurements) > 0
    assert set(statuses) <= {"started", "completed"}


def test_sample_uses_all_four_cost_sharing_keys(sample: Portfolio) -> None:
    assert set(sample.initiatives["cost_sharing"]) == {"population", "equal", "lead", "custom"}


def test_started_initiatives_wait_only_on_started_or_completed_ones(sample: Portfolio) -> None:
    status = sample.initiatives["status"]
    deps = sample.dependencies
    successors_started = deps[deps["successor_id"].map(status) == "started"]
    assert set(successors_started["predecessor_id"].map(status)) <= {"started", "completed"}
