"""A stored plan keeps the solver's note as a message (code and values) and every reader renders it
in its own language; the ``message`` column beside it is the English text, for reading the table
directly (issue 34)."""

from __future__ import annotations

from typing import Any

from factories import benefit, initiative, tiny_portfolio
from sqlmodel import Session, select

from planning.messages.message import Message, joined
from planning.messages.phrases import phrase
from planning.messages.render import render
from planning.optimise import optimise
from planning.optimise.inputs import input_hash, resolve_scenario
from planning.plans.runs import get_plan, store_plan
from planning.store.access import COORDINATOR, User
from planning.store.database import save_portfolio
from planning.store.plan_records import PlanRun


def test_a_stored_note_is_read_back_as_a_message_and_said_in_each_language(sqlite_engine: Any) -> None:
    portfolio = tiny_portfolio([initiative("A")], periods=1, budget=20.0, benefits=[benefit("bA", "A", 30)])
    save_portfolio(engine=sqlite_engine, portfolio=portfolio)
    scenario = resolve_scenario(portfolio, None)
    plan = optimise(portfolio, scenario, explain=False)
    plan.facts.message = joined(("time limit reached", phrase("core_searched", rounds=11, improvements=1)))
    stored = store_plan(
        sqlite_engine, plan, scenario, {}, input_hash=input_hash(portfolio, scenario), user=User("kari", COORDINATOR)
    )
    note = get_plan(sqlite_engine, stored.id).plan.facts.message
    assert isinstance(note, Message)
    assert render(note, "nb") == "time limit reached; kjernesøk: 11 kjerner søkt, 1 forbedret planen"
    assert render(note, "en") == "time limit reached; core search: 11 cores searched, 1 improved the plan"
    with Session(sqlite_engine) as session:
        column = session.exec(select(PlanRun.message).where(PlanRun.id == stored.id)).one()
    assert column == "time limit reached; core search: 11 cores searched, 1 improved the plan"
