"""A small store for decision-case tests: regions A and B, three initiatives, scenario S.

Bodies by default: ITD (stage 1), LM (stage 2), the boards of A and B (stage 3). Each
envelope is 30 MNOK a year over 2026-2028; X (A, 10), Y (B, 12) and Z (shared by
population, 16) fit, so the plan keeps all three.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Engine, func
from sqlmodel import Session, select

from planning.approval.cases import Case, open_case
from planning.approval.decisions import record_decision
from planning.plans.runs import StoredPlan, run_scenario
from planning.store.access import User
from planning.store.audit import AuditEntry
from planning.store.case_records import CaseDecision, CaseVersion, DecisionCase
from planning.store.database import load_portfolio, save_portfolio
from planning.store.plan_records import PlanApproval, PlanRun
from tests.factories import benefit, initiative, tiny_portfolio

TODAY = dt.date(2026, 12, 4)
COORDINATOR = User("cora", "coordinator")
ADMIN = User("ada", "admin")
ITD = User("ida", "it_directors_secretary")
LM = User("leo", "leaders_secretary")
BOARD_A = User("sara", "board_secretary", region="A")
BOARD_B = User("stig", "board_secretary", region="B")
SECRETARIES = {"ITD": ITD, "LM": LM, "A": BOARD_A, "B": BOARD_B}
DATES = {"ITD": "2026-09-10", "LM": "2026-09-21", "A": "2026-10-15", "B": "2026-10-16"}


def small_portfolio(cost_z: float = 16.0) -> Any:
    return tiny_portfolio(
        [initiative("X", cost=10), initiative("Y", cost=12, lead_region="B"),
         initiative("Z", cost=cost_z, duration=2, cost_sharing="population", participating_regions=["B"])],
        periods=3,
        budget={"A": 30.0, "B": 30.0},
        pools=("A", "B"),
        benefits=[benefit("bX", "X", 8, lifetime=3), benefit("bY", "Y", 9, lifetime=3),
                  benefit("bZ", "Z", 20, lifetime=3)],
        scenario=[{"id": "S", "discount_rate": 0.04}],
    )  # fmt: skip


def stored_case(engine: Engine) -> tuple[Case, StoredPlan]:
    """The small portfolio stored, scenario S run and a case opened on its plan."""
    save_portfolio(engine=engine, portfolio=small_portfolio())
    stored = run_scenario(engine, load_portfolio(engine=engine), "S", explain=False, time_limit=10, user=COORDINATOR)
    return open_case(engine, stored.id, user=COORDINATOR), stored


def decide(engine: Engine, case_id: int, body: str, **extra: Any) -> Any:
    """``body``'s decision by its secretary on its usual date, approved unless told otherwise."""
    fields: dict[str, Any] = {"outcome": "approved", "meeting_date": DATES.get(body, "2026-10-15"),
                              "case_number": f"Sak {body}-2026", "text": f"Vedtak i {body}.",
                              "user": SECRETARIES.get(body, ADMIN), "today": TODAY}  # fmt: skip
    fields.update(extra)
    return record_decision(engine, case_id, body, **fields)


def stored_counts(engine: Engine) -> dict[str, int]:
    """Rows in every table a decision case writes to."""
    with Session(engine) as session:
        return {
            model.__tablename__: int(session.exec(select(func.count()).select_from(model)).one())  # type: ignore[attr-defined]
            for model in (DecisionCase, CaseVersion, CaseDecision, PlanApproval, PlanRun, AuditEntry)
        }
