"""The roadmap's solver summary states a node limit as honestly as a time limit, in both languages."""

from __future__ import annotations

from unittest.mock import patch

import pytest

from planning.messages.phrases import phrase
from planning.optimise.deterministic import work_limit_message
from planning.optimise.plan import SolverFacts
from veikart_ui import components


def facts(status: str, message: str = "") -> SolverFacts:
    return SolverFacts(status, 100.0, 101.0, 0.0099, 1.2, 0.1, 60.0, "HiGHS", "1.16.0", "", message=message)


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("nb", ["Nodegrensen ble nådd (nodegrensen nådd (2000 noder)", "IKKE bevist", "Samme data gir alltid"]),
        ("en", ["The node limit was reached (node limit reached (2000 nodes)", "NOT proven", "always give the same"]),
    ],
)
def test_a_plan_stopped_by_the_node_limit_is_a_warning_that_names_the_limit_and_the_gap(
    language: str, words: list[str]
) -> None:
    with patch.object(components.session, "language", return_value=language):
        kind, text = components.solver_summary(facts("work_limit", work_limit_message(2000, 0.0099)))
    assert kind == "warning"
    assert all(w in text for w in words), text
    assert "0,99 %" in text if language == "nb" else "0.99 %" in text


def test_no_plan_within_the_node_limit_is_an_error_that_says_so() -> None:
    stopped = facts("work_limit", phrase("work_limit_no_plan", nodes=5))
    stopped.objective = None
    with patch.object(components.session, "language", return_value="nb"):
        kind, text = components.solver_summary(stopped)
    assert kind == "error" and "nodegrensen nådd (5 noder) før noen plan ble funnet" in text and "nodegrense" in text
