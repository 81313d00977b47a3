"""The whole joint treatment on the sample portfolio, on SQLite and (where configured) PostgreSQL.

Open a case on the Basis plan, the IT directors recommend, the leaders' meeting treats, the
four boards approve (Helse Vest with a condition on its own envelope that the plan holds):
the plan becomes the plan of record. Then the data change, a revision makes version 2,
the approvals on version 1 stay as history and every body is asked again.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine

from planning.approval.cases import open_case, revise_case
from planning.approval.conditions import make_condition
from planning.approval.decisions import record_decision
from planning.approval.status import APPROVED, IN_TREATMENT, PENDING, WAITING, case_status
from planning.approval.words import CaseError
from planning.cli.data import SAMPLE
from planning.domain.editing import upsert_row
from planning.io import load_path
from planning.plans.baseline import approvals, current_baseline
from planning.plans.runs import run_scenario
from planning.store.access import User
from planning.store.audit import audit_log
from planning.store.database import load_portfolio, save_portfolio

TODAY = dt.date(2026, 12, 4)
COORDINATOR = User("cora", "coordinator")
ITD = User("ida", "it_directors_secretary")
LM = User("leo", "leaders_secretary")
BOARDS = {r: User(f"sek-{r.lower()}", "board_secretary", region=r) for r in ("HSO", "HV", "HMN", "HN")}


@pytest.fixture
def sample_store(engines: Engine) -> Engine:
    result = load_path(SAMPLE)
    assert result.portfolio is not None
    save_portfolio(engine=engines, portfolio=result.portfolio)
    return engines


def decide(engine: Engine, case_id: int, body: str, user: User, date: str, number: str, **extra: object) -> object:
    extra.setdefault("outcome", "approved")
    return record_decision(
        engine, case_id, body, meeting_date=date, case_number=number, text=f"{body}: vedtak i {number}.",
        user=user, today=TODAY, **extra,  # type: ignore[arg-type]
    )  # fmt: skip


def test_the_whole_chain_makes_the_plan_of_record_and_a_revision_asks_again(sample_store: Engine) -> None:
    engine = sample_store
    portfolio = load_portfolio(engine=engine)
    basis = run_scenario(engine, portfolio, "Basis", explain=False, user=COORDINATOR)
    case = open_case(engine, basis.id, user=COORDINATOR)
    assert [b.id for b in case.bodies] == ["ITD", "LM", "HSO", "HV", "HMN", "HN"]
    status = case_status(engine, case.id)
    assert [p.state for p in status.parties] == [PENDING, WAITING, WAITING, WAITING, WAITING, WAITING]

    decide(engine, case.id, "ITD", ITD, "2026-09-10", "Sak 12-2026")
    decide(engine, case.id, "LM", LM, "2026-09-21", "Sak 30-2026")
    assert case_status(engine, case.id).party("HV").state == PENDING
    for region in ("HSO", "HMN", "HN"):
        decide(engine, case.id, region, BOARDS[region], "2026-10-15", "Sak 045-2026")
    assert current_baseline(engine) is None  # three of four boards are not enough
    hv_2028 = float(basis.plan.spend.query("pool == 'HV' and year == 2028")["amount"].sum())
    condition = make_condition("Godkjent forutsatt at 2028 er høyst 107 MNOK", "HV", 2028, 107.0)
    hv = decide(engine, case.id, "HV", BOARDS["HV"], "2026-10-16", "Sak 101-2026",
                outcome="approved_with_conditions", condition=condition)  # fmt: skip
    assert hv.check is not None and hv.check.holds and hv.check.spend == pytest.approx(hv_2028)  # type: ignore[attr-defined]
    assert hv_2028 <= 107.0

    status = case_status(engine, case.id)
    assert status.state == APPROVED and status.plan_of_record
    record = current_baseline(engine)
    assert record is not None and record.stored.id == basis.id
    assert "ITD, LM, HSO, HV, HMN, HN" in record.approval.approved_by
    assert "HV Sak 101-2026 (2026-10-16)" in record.approval.comment
    trail = audit_log(engine, action="decide")
    assert len(trail) == 6 and set(trail["actor"]) == {"ida", "leo", *(u.username for u in BOARDS.values())}
    assert audit_log(engine, action="approve")["actor"].tolist() == ["sek-hv"]
    assert len(audit_log(engine, action="open_case")) == 1

    changed = upsert_row(portfolio, "initiative", {**_row(portfolio, "PLL-HV"), "total_cost": 150.0})
    assert changed.portfolio is not None
    save_portfolio(engine=engine, portfolio=changed.portfolio)
    stale = case_status(engine, case.id)
    assert not stale.inputs_current and stale.plan_of_record  # still of record, but the data moved on
    with pytest.raises(CaseError, match="the data changed since version 1"):
        decide(engine, case.id, "HN", BOARDS["HN"], "2026-11-01", "Sak 050-2026")

    revised = revise_case(engine, case.id, user=COORDINATOR, reason="PLL-HV costs 150 MNOK")
    assert [v.number for v in revised.versions] == [1, 2]
    status = case_status(engine, case.id)
    assert status.state == IN_TREATMENT and status.inputs_current and not status.plan_of_record
    assert [p.state for p in status.parties] == [PENDING, WAITING, WAITING, WAITING, WAITING, WAITING]
    (earlier,) = status.earlier
    assert earlier.version.number == 1 and len(earlier.decisions) == 6
    hv_change = next(p for p in earlier.pools if p["pool"] == "HV")
    assert hv_change["total_change"] != 0  # PLL-HV is Helse Vest's own initiative
    assert current_baseline(engine).stored.id == basis.id  # type: ignore[union-attr]
    with pytest.raises(CaseError, match="version 1 of case 1 is superseded by version 2"):
        decide(engine, case.id, "ITD", ITD, "2026-12-01", "Sak 14-2026", version=1)
    assert len(audit_log(engine, action="decide")) == 6 and len(approvals(engine)) == 1


def _row(portfolio: object, initiative: str) -> dict[str, object]:
    return next(r for r in portfolio.records("initiative") if r["id"] == initiative)  # type: ignore[attr-defined]


def test_a_condition_the_plan_does_not_hold_shows_every_region_the_consequence(sample_store: Engine) -> None:
    engine = sample_store
    portfolio = load_portfolio(engine=engine)
    basis = run_scenario(engine, portfolio, "Basis", explain=False, user=COORDINATOR)
    case = open_case(engine, basis.id, user=COORDINATOR)
    decide(engine, case.id, "ITD", ITD, "2026-09-10", "Sak 12-2026")
    decide(engine, case.id, "LM", LM, "2026-09-21", "Sak 30-2026")
    for region in ("HSO", "HMN", "HN"):
        decide(engine, case.id, region, BOARDS[region], "2026-10-15", "Sak 045-2026")
    condition = make_condition("Godkjent forutsatt at 2028 er høyst 90 MNOK", "HV", 2028, 90.0)
    hv = decide(engine, case.id, "HV", BOARDS["HV"], "2026-10-16", "Sak 101-2026",
                outcome="approved_with_conditions", condition=condition)  # fmt: skip
    check = hv.check  # type: ignore[attr-defined]
    assert not check.holds and check.limit == 90.0 and check.spend > 90.0
    assert any("HV" in line and "2028" in line for line in check.violations)
    consequence = check.consequence
    assert consequence.status == "optimal" and consequence.moves
    hv_pays = next(p for p in consequence.pools if p["pool"] == "HV")
    assert hv_pays["by_year"][2028] <= 90.0 - check.spend + 1e-6  # Helse Vest spends at most 90 in 2028
    status = case_status(engine, case.id)
    assert status.party("HV").state == "condition_not_met" and status.state == "held_up"
    assert current_baseline(engine) is None  # not adopted: a board's condition does not hold

    revised = revise_case(engine, case.id, user=COORDINATOR, reason="HVs forbehold", scenario=check.derived_scenario())
    plan_2 = case_status(engine, case.id).plan
    assert revised.current.number == 2 and plan_2.scenario.envelope_overrides == {"HV/2028": 90.0}
    spend = plan_2.plan.spend
    assert float(spend.query("pool == 'HV' and year == 2028")["amount"].sum()) <= 90.0 + 1e-6
