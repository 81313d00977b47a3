"""The profile times every stage of ``optimise`` on a small generated portfolio."""

from __future__ import annotations

import pytest

from bench.generator import Spec
from bench.profile import profile
from planning.optimise import model as model_module
from planning.optimise import stall


def test_profile_times_every_stage_of_optimise() -> None:
    result = profile(Spec(50, 8, 2, 1), time_limit=5)
    assert list(result["stages"]) == [
        "validate portfolio",
        "plan inputs",
        "greedy starting plan",
        "build model (PuLP)",
        "LP-guided starting plan",
        "hand-over to HiGHS (PuLP -> highspy)",
        "HiGHS run",
        "PuLP before and after HiGHS",
        "read the plan",
    ]
    assert all(seconds >= 0 for seconds in result["stages"].values())
    assert result["stages"]["HiGHS run"] <= 5 + 1
    assert result["variables"] > 0 and result["constraints"] > 0
    cumulative = [f["cumulative"] for f in result["top_functions"]]
    assert cumulative == sorted(cumulative, reverse=True)
    assert any("build_model" in f["function"] for f in result["top_functions"])


def test_profile_times_polishing_where_optimise_polishes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model_module, "LARGE_MODEL_BINARIES", 0)  # polish this small portfolio as if it were large
    monkeypatch.setattr(stall, "LEAST_SECONDS", 0.5)  # and let HiGHS stall sooner than it may on a real one
    result = profile(Spec(50, 8, 2, 1), time_limit=4)
    assert result["status"] != "Optimal"  # HiGHS does not prove it before it stalls
    stages = list(result["stages"])
    assert stages[stages.index("PuLP before and after HiGHS") + 1] == "polishing (sub-models)"
    assert result["stages"]["HiGHS run"] <= 4 + 1
