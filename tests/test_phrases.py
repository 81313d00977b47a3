"""The optimiser's words come from one table of templates and read back into kind and values."""

from __future__ import annotations

import string

import pytest

from planning.domain.columns import column_specs
from planning.domain.models import TABLE_MODELS
from planning.domain.timeline import PERIODS_PER_YEAR
from planning.io import load_path
from planning.messages.phrases import PHRASES, phrase, read_phrase
from planning.optimise import optimise
from planning.optimise.reasons import quick_reasons


def placeholders(template: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(template) if name]


@pytest.mark.parametrize("key", list(PHRASES))
def test_every_phrase_reads_back(key: str) -> None:
    values = {name: f"V{n}" for n, name in enumerate(placeholders(PHRASES[key]))}
    assert read_phrase(phrase(key, **values)) == (key, values)


def test_a_missing_predecessor_is_not_read_as_an_excluded_one() -> None:
    assert read_phrase("waits for X, which is not in the plan") == ("waits_for_one_missing", {"missing": "X"})
    assert read_phrase("waits for X, which is stopped") == (
        "waits_for_excluded",
        {"predecessor": "X", "reason": "stopped"},
    )


def test_nested_phrases_read_outside_in() -> None:
    inner = phrase("budget_full", pool="HSO", period="2028", amount="1.5")
    key, values = read_phrase(phrase("first_room", blocker=inner, period="2030")) or ("", {})
    assert key == "first_room" and values == {"blocker": inner, "period": "2030"}
    assert read_phrase(inner) == ("budget_full", {"pool": "HSO", "period": "2028", "amount": "1.5"})


def test_other_text_is_no_phrase() -> None:
    assert read_phrase("time limit reached") is None
    assert read_phrase("") is None


def test_every_reason_on_the_sample_is_a_phrase() -> None:
    """No reason bypasses the templates (the app translates them by reading them back)."""
    portfolio = load_path("data/sample").portfolio
    assert portfolio is not None
    for scenario in ("Basis", "Kutt20"):
        plan = optimise(portfolio, scenario, explain=False)
        reasons = quick_reasons(portfolio, plan, scenario)["reason"]
        given = [str(r) for r in reasons if isinstance(r, str) and r]
        assert len(given) > 5
        assert [r for r in given if read_phrase(r) is None] == []


def test_every_unit_period_length_and_kind_of_value_is_a_phrase() -> None:
    """Units, period lengths and kinds of value stand inside problem sentences; the app translates them as phrases."""
    specs = [spec for table in TABLE_MODELS for spec in column_specs(table)]
    units = {spec.unit for spec in specs if spec.unit and spec.unit != "MNOK"}
    assert [u for u in sorted(units | set(PERIODS_PER_YEAR)) if read_phrase(u) is None] == []
    kinds = {spec.type_label for spec in specs if spec.kind not in ("boolean", "integer", "number", "date", "datetime")}
    assert [k for k in sorted(kinds) if read_phrase(k) is None] == []  # what to enter, in words


def test_a_value_used_twice_must_read_the_same_both_times() -> None:
    text = phrase(
        "only_roles_change", who="kari (Coordinator)", action="update", table="envelope", row="HV", roles="Admin"
    )
    assert read_phrase(text) == (
        "only_roles_change",
        {"who": "kari (Coordinator)", "action": "update", "table": "envelope", "row": "HV", "roles": "Admin"},
    )
    other = read_phrase(text.replace("change envelope rows", "change initiative rows"))
    assert other is None or other[0] != "only_roles_change"
