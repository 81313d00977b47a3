"""The Forutsigbarhet page's section on plans at a confidence level, headless on a copy of the sample.

The page's calls run for real, with few futures and a short time limit so the suite stays fast.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

import veikart_ui.robust as section
from planning.robust import RobustOptions, price_of_predictability, robust_plan
from tests.test_app_flows import chart, table_with
from tests.test_app_pages import database, sample_file, start

__all__ = ["database", "sample_file"]  # fixtures shared with test_app_pages


def quick(options: RobustOptions) -> RobustOptions:
    return replace(options, method="saa", samples=20, check_samples=200, time_limit=4.0)


@pytest.fixture
def fast(monkeypatch: pytest.MonkeyPatch) -> None:
    def plan(portfolio: Any, scenario: Any, options: RobustOptions, **kw: Any) -> Any:
        return robust_plan(portfolio, scenario, quick(options), **kw)

    def price(portfolio: Any, scenario: Any, options: RobustOptions, **kw: Any) -> Any:
        return price_of_predictability(portfolio, scenario, (0.5, 0.9), quick(options), **kw)

    monkeypatch.setattr(section, "robust_plan", plan)
    monkeypatch.setattr(section, "price_of_predictability", lambda p, s, options, **kw: price(p, s, options, **kw))


def test_a_plan_at_a_confidence_states_the_solver_and_the_out_of_sample_verdict(database: str, fast: None) -> None:
    at = start("forutsigbarhet")
    assert at.slider(key="robust_confidence").value == 0.85
    at.button(key="robust_button").click().run()
    no_errors_but_verdict(at)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Holdt i nye utfall"].endswith(" %") and "Tiltak i planen" in metrics
    said = [*(s.value for s in at.success), *(i.value for i in at.info), *(e.value for e in at.error),
            *(w.value for w in at.warning)]  # fmt: skip
    assert any("Målet 85 %" in s or "forsiktigere enn bedt om" in s for s in said)


def no_errors_but_verdict(at: Any) -> None:
    """No exception, and no error but a verdict of 'not reached' (a true answer, not a failure)."""
    assert not at.exception, [e.value for e in at.exception]
    assert all("IKKE nådd" in e.value or "NOT reached" in e.value for e in at.error), [e.value for e in at.error]


def test_the_price_of_predictability_in_english(database: str, fast: None) -> None:
    at = start("forutsigbarhet", language="en")
    at.button(key="robust_price_button").click().run()
    no_errors_but_verdict(at)
    figure = chart(at, "robust_price_chart")
    assert figure.layout.title.text.startswith("The price of predictability")
    assert list(figure.data[0].x) == ["Point estimate", "50%", "90%"]
    table = table_with(at, "Envelopes held")
    assert len(table) == 3 and table["Plan"].iloc[0] == "Point estimate"
    assert "Proven gap" in table.columns and "Cost (MNOK)" in table.columns
