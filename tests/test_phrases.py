"""The domain's words are messages: a code of one table of templates and typed values, never read back."""

from __future__ import annotations

import json
import pickle
import string
from decimal import Decimal

import pytest

from planning.domain.columns import column_specs
from planning.domain.models import TABLE_MODELS
from planning.domain.timeline import PERIODS_PER_YEAR
from planning.io import load_path
from planning.messages.message import Message, joined
from planning.messages.phrases import PHRASES, UNIT_WORDS, phrase, unit_phrase
from planning.optimise import optimise
from planning.optimise.reasons import quick_reasons


def placeholders(template: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(template) if name]


@pytest.mark.parametrize("key", list(PHRASES))
def test_every_phrase_is_its_english_sentence_and_keeps_its_code_and_values(key: str) -> None:
    values = {name: f"V{n}" for n, name in enumerate(placeholders(PHRASES[key]))}
    message = phrase(key, **values)
    assert message == PHRASES[key].format(**values)
    assert (message.code, dict(message.values)) == (key, values)
    assert Message.from_json(json.loads(json.dumps(message.to_json()))) == message


def test_nested_messages_and_numbers_keep_their_kind_through_json_and_pickle() -> None:
    inner = phrase("budget_full", pool="HSO", period="2028", amount=Decimal("1.5"))
    outer = phrase("first_room", blocker=inner, period="2030")
    assert outer == "the budget of HSO in 2028 is full (1.5 MNOK short); the first period with room is 2030"
    data = json.loads(json.dumps(outer.to_json()))
    assert data == {
        "code": "first_room",
        "values": {
            "blocker": {"code": "budget_full", "values": {"pool": "HSO", "period": "2028", "amount": 1.5}},
            "period": "2030",
        },
    }
    back = Message.from_json(data)
    blocker = back.values["blocker"]
    assert isinstance(blocker, Message) and blocker.values["amount"] == Decimal("1.5")
    assert pickle.loads(pickle.dumps(outer)).values == outer.values


def test_a_float_becomes_an_exact_decimal_and_other_values_text() -> None:
    message = phrase("outside_range", value=0.5, low=0, high=float("inf"))
    assert message == "0.5 is outside the range 0 to inf"
    assert message.values == {"value": Decimal("0.5"), "low": 0, "high": "inf"}


def test_notes_are_joined_as_one_message_and_flattened() -> None:
    polished = phrase("polished", improvements=5, rounds=10)
    both = joined(["time limit reached", polished])
    assert both == "time limit reached; polishing: 10 neighbourhoods searched, 5 improved the plan"
    assert isinstance(both, Message) and both.values["parts"] == ("time limit reached", polished)
    assert joined([both, ""]) == both and joined([polished]) is polished and joined([]) == ""


def test_a_message_cannot_be_changed() -> None:
    with pytest.raises(AttributeError):
        phrase("stopped").code = "completed"  # type: ignore[misc]


def test_every_reason_on_the_sample_is_a_message() -> None:
    """No reason bypasses the templates (the edge words them from their code and values)."""
    portfolio = load_path("data/sample").portfolio
    assert portfolio is not None
    for scenario in ("Basis", "Kutt20"):
        plan = optimise(portfolio, scenario, explain=False)
        reasons = quick_reasons(portfolio, plan, scenario)["reason"]
        given = [r for r in reasons if isinstance(r, str) and r]
        assert len(given) > 5
        assert [r for r in given if not isinstance(r, Message)] == []


def test_every_unit_and_period_length_has_a_message() -> None:
    """Units and period lengths stand inside problem sentences; the edge words them as messages."""
    specs = [spec for table in TABLE_MODELS for spec in column_specs(table)]
    units = {spec.unit for spec in specs if spec.unit and spec.unit != "MNOK"}
    assert sorted(units | set(PERIODS_PER_YEAR)) == sorted(u for u in units | set(PERIODS_PER_YEAR) if u in UNIT_WORDS)
    assert isinstance(unit_phrase("fraction"), Message) and unit_phrase("MNOK") == "MNOK"
    kinds = {spec.type_label for spec in specs if spec.kind not in ("boolean", "integer", "number", "date", "datetime")}
    assert [k for k in sorted(kinds) if not isinstance(k, Message)] == []  # what to enter, in words
