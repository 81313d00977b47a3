"""Migration 0012 (messages as data): stored plans' sentences read back into messages, the rest kept with a flag."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text

from planning.io import load_path
from planning.messages.message import JOINED, Message
from planning.messages.templates import PHRASES
from planning.plans.runs import get_plan, run_scenario
from planning.store.access import COORDINATOR as COORDINATOR_ROLE
from planning.store.access import User
from planning.store.database import save_portfolio, upgrade
from planning.store.plan_records import PlanRun
from tests.test_migration_estimates import alembic

REVISION = "0012"
COORDINATOR = User("cora", COORDINATOR_ROLE)
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"


def stored_record(engine: Engine, plan_id: int) -> dict[str, Any]:
    from sqlmodel import Session

    with Session(engine) as session:
        run = session.get(PlanRun, plan_id)
        assert run is not None
        return dict(run.record)


def reasons(record: dict[str, Any]) -> list[Any]:
    at = record["initiatives"]["columns"].index("reason")
    return [row[at] for row in record["initiatives"]["rows"] if row[at]]


@pytest.fixture
def plan_id(engines: Engine) -> int:
    portfolio = load_path(SAMPLE).portfolio
    assert portfolio is not None
    save_portfolio(engine=engines, portfolio=portfolio)
    stored = run_scenario(engines, portfolio, "Kutt20", explain=False, time_limit=10, user=COORDINATOR)
    assert stored.id is not None
    return stored.id


def test_a_stored_plan_keeps_its_reasons_as_messages(engines: Engine, plan_id: int) -> None:
    record = stored_record(engines, plan_id)
    assert reasons(record) and all(isinstance(r, dict) and "code" in r for r in reasons(record))
    plan = get_plan(engines, plan_id).plan
    shown = [r for r in plan.initiatives["reason"] if r]
    assert shown and all(isinstance(r, Message) for r in shown)


def test_older_sentences_read_back_into_messages_and_the_rest_keep_their_text(engines: Engine, plan_id: int) -> None:
    before = get_plan(engines, plan_id).plan
    alembic(engines, "downgrade", f"{REVISION}-1")
    english = stored_record(engines, plan_id)
    assert reasons(english) and all(isinstance(r, str) for r in reasons(english))
    with engines.begin() as connection:  # an older wording no template reads, and a solver's notes
        record = dict(english)
        record["diagnosis"] = ["a sentence Veikart no longer writes"]
        note = "time limit reached; polishing: 3 neighbourhoods searched, 1 improved the plan"
        record["facts"] = {**record["facts"], "message": note}
        connection.execute(
            PlanRun.__table__.update().where(PlanRun.__table__.c.id == plan_id).values(record=record)  # type: ignore[attr-defined]
        )
    upgrade(engines)
    with engines.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one() >= REVISION
    record = stored_record(engines, plan_id)
    assert record["diagnosis"] == [{"text": "a sentence Veikart no longer writes", "unread": True}]
    assert record["facts"]["message"]["code"] == JOINED
    plan = get_plan(engines, plan_id).plan
    assert plan.diagnosis == ["a sentence Veikart no longer writes"]
    note = plan.facts.message
    assert isinstance(note, Message) and note.values["parts"][0] == "time limit reached"  # type: ignore[index]
    read = [r for r in plan.initiatives["reason"] if r]
    assert read == [r for r in before.initiatives["reason"] if r]
    assert all(isinstance(r, Message) for r in read)
    assert [r.code for r in read] == [r.code for r in before.initiatives["reason"] if r]


def test_the_migration_reads_with_its_own_templates_when_the_live_ones_change(
    engines: Engine, plan_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Migration 0012 keeps a frozen copy of the templates that wrote the stored sentences:
    rewording the live templates later changes neither what it reads nor what it writes back."""
    before = get_plan(engines, plan_id).plan
    codes = [r.code for r in before.initiatives["reason"] if r]
    alembic(engines, "downgrade", f"{REVISION}-1")
    diagnosis = ["PLL-HV is required but forced out by the scenario", "HSO is 12.5 MNOK short in 2027"]
    note = "time limit reached; polishing: 3 neighbourhoods searched, 1 improved the plan"
    with engines.begin() as connection:
        record = stored_record(engines, plan_id)
        record["diagnosis"], record["facts"] = diagnosis, {**record["facts"], "message": note}
        connection.execute(
            PlanRun.__table__.update().where(PlanRun.__table__.c.id == plan_id).values(record=record)  # type: ignore[attr-defined]
        )
    english = reasons(record)
    for code, template in list(PHRASES.items()):
        monkeypatch.setitem(PHRASES, code, f"reworded later: {template}")
    alembic(engines, "upgrade", REVISION)
    record = stored_record(engines, plan_id)
    assert [r["code"] for r in reasons(record)] == codes
    assert record["diagnosis"] == [
        {"code": "required_but", "values": {"initiative": "PLL-HV", "reason": {"code": "forced_out", "values": {}}}},
        {"code": "pool_short", "values": {"pool": "HSO", "amount": 12.5, "period": "2027"}},
    ]
    assert record["facts"]["message"] == {
        "code": JOINED,
        "values": {
            "parts": ["time limit reached", {"code": "polished", "values": {"rounds": "3", "improvements": "1"}}]
        },
    }
    alembic(engines, "downgrade", f"{REVISION}-1")  # the frozen English again, not the live words
    record = stored_record(engines, plan_id)
    assert (reasons(record), record["diagnosis"], record["facts"]["message"]) == (english, diagnosis, note)
