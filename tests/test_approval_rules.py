"""Bad input to a decision case gets a clear message, and nothing stored changes.

On the small store of tests/cases.py (regions A and B), on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Engine

from planning.approval.bodies import Body, bodies_from_json
from planning.approval.cases import list_cases, open_case, revise_case
from planning.approval.conditions import make_condition
from planning.approval.status import case_status
from planning.approval.words import MESSAGES, CaseError
from planning.domain.editing import upsert_row
from planning.messages.render import datetime_text
from planning.plans.baseline import current_baseline
from planning.plans.runs import run_scenario
from planning.store.access import PermissionDenied, User
from planning.store.database import load_portfolio, save_portfolio
from tests.cases import COORDINATOR, decide, small_portfolio, stored_case, stored_counts


@pytest.fixture
def treated(engines: Engine) -> tuple[Engine, int]:
    """A case on the small store with the IT directors and the leaders' meeting done."""
    case, _ = stored_case(engines)
    decide(engines, case.id, "ITD")
    decide(engines, case.id, "LM")
    return engines, case.id


def refused(engine: Engine, expected: str, attempt: Callable[[], Any]) -> CaseError:
    """Run ``attempt``; it must raise the CaseError ``expected`` and store nothing."""
    before = stored_counts(engine)
    with pytest.raises(CaseError) as raised:
        attempt()
    assert raised.value.key == expected, str(raised.value)
    assert stored_counts(engine) == before
    return raised.value


def test_an_unknown_body_names_the_bodies_there_are(treated: tuple[Engine, int]) -> None:
    engine, case_id = treated
    error = refused(engine, "unknown_body", lambda: decide(engine, case_id, "HV"))
    assert "case 1 has no body 'HV'; use one of: ITD" in str(error) and "A (Board of A)" in str(error)


def test_a_date_before_the_previous_stage_is_refused(treated: tuple[Engine, int]) -> None:
    engine, case_id = treated
    error = refused(engine, "before_previous_stage", lambda: decide(engine, case_id, "A", meeting_date="2026-09-20"))
    assert "2026-09-20 is before Leaders' meeting decided on 2026-09-21 (Sak LM-2026)" in str(error)
    assert "20 Sept 2026 is before Leaders' meeting decided on 21 Sept 2026 (Sak LM-2026)" in error.told("en")
    bokmal = error.told("nb", {"Leaders' meeting": "Ledermøtet"})
    assert bokmal.startswith("Møtedatoen 20. sep. 2026 er før Ledermøtet behandlet planen 21. sep. 2026 (Sak LM-2026)")
    refused(engine, "future_date", lambda: decide(engine, case_id, "A", meeting_date="2026-12-05"))
    refused(engine, "bad_date", lambda: decide(engine, case_id, "A", meeting_date="15.10.2026"))


def test_a_decision_on_a_superseded_version_is_refused(treated: tuple[Engine, int]) -> None:
    engine, case_id = treated
    refused(engine, "nothing_changed", lambda: revise_case(engine, case_id, user=COORDINATOR, reason="again"))
    portfolio = small_portfolio(cost_z=18.0)
    save_portfolio(engine=engine, portfolio=portfolio)
    refused(engine, "inputs_changed", lambda: decide(engine, case_id, "A"))
    revise_case(engine, case_id, user=COORDINATOR, reason="Z costs 18", time_limit=10)
    error = refused(engine, "superseded_version", lambda: decide(engine, case_id, "A", version=1))
    assert "version 1 of case 1 is superseded by version 2" in str(error)
    made = case_status(engine, case_id).current.created_at
    assert f"(made {made:%Y-%m-%d %H:%M} UTC)" in str(error)  # a naive stored time is UTC
    assert f"(laget {datetime_text(made, 'nb')})" in error.told("nb")
    refused(engine, "unknown_version", lambda: decide(engine, case_id, "ITD", version=7))
    refused(engine, "stage_not_done", lambda: decide(engine, case_id, "A"))  # version 2 starts over


def test_a_condition_on_another_regions_envelope_is_refused(treated: tuple[Engine, int]) -> None:
    engine, case_id = treated
    conditioned: dict[str, Any] = {"outcome": "approved_with_conditions"}
    error = refused(engine, "condition_other_region",
                    lambda: decide(engine, case_id, "A", condition=make_condition("B 2027 at most 5", "B", 2027, 5),
                                   **conditioned))  # fmt: skip
    assert "names the envelope of B, but Board of A sets conditions only on its own envelope (A)" in str(error)
    refused(
        engine,
        "condition_year",
        lambda: decide(engine, case_id, "A", condition=make_condition("x", "A", 2031, 5), **conditioned),
    )
    refused(engine, "condition_needs_text", lambda: decide(engine, case_id, "A", **conditioned))
    refused(
        engine,
        "condition_without_outcome",
        lambda: decide(engine, case_id, "A", condition=make_condition("A 2027 at most 5", "A", 2027, 5)),
    )
    with pytest.raises(CaseError, match="missing: year, max_mnok"):
        make_condition("x", "A")
    with pytest.raises(CaseError, match="at or above 0, not -1"):
        make_condition("x", "A", 2027, -1)


def test_a_joint_meeting_has_no_envelope_to_set_a_condition_on(engines: Engine) -> None:
    case, _ = stored_case(engines)
    refused(engines, "condition_no_envelope",
            lambda: decide(engines, case.id, "ITD", outcome="approved_with_conditions",
                           condition=make_condition("x", "A", 2027, 5)))  # fmt: skip
    decide(engines, case.id, "ITD", outcome="approved_with_conditions", condition=make_condition("Les merknadene"))
    assert case_status(engines, case.id).party("LM").state == "pending"  # a condition in words only passes


def test_stages_go_in_order_and_a_decision_stands(treated: tuple[Engine, int]) -> None:
    engine, case_id = treated
    refused(engine, "already_decided", lambda: decide(engine, case_id, "LM", meeting_date="2026-09-30"))
    decide(engine, case_id, "A", outcome="returned", text="Sendt tilbake: mer om gevinstene i A.")
    assert case_status(engine, case_id).state == "held_up"
    refused(engine, "before_own_decision", lambda: decide(engine, case_id, "A", meeting_date="2026-10-01"))
    decide(engine, case_id, "A", meeting_date="2026-11-12", case_number="Sak 060-2026")
    decide(engine, case_id, "B")
    status = case_status(engine, case_id)
    assert status.state == "approved" and status.plan_of_record
    assert [d.outcome for d in status.party("A").decisions] == ["returned", "approved"]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"case_number": "  "}, "empty_field"),
        ({"text": ""}, "empty_field"),
        ({"text": "v" * 4001}, "too_long"),
        ({"case_number": "S" * 65}, "too_long"),
        ({"outcome": "maybe"}, "unknown_outcome"),
    ],
)
def test_fields_are_checked(treated: tuple[Engine, int], fields: dict[str, Any], expected: str) -> None:
    engine, case_id = treated
    refused(engine, expected, lambda: decide(engine, case_id, "A", **fields))


def test_only_a_plan_made_on_the_current_data_can_be_opened(engines: Engine) -> None:
    case, stored = stored_case(engines)
    refused(engines, "plan_in_case", lambda: open_case(engines, stored.id, user=COORDINATOR))
    portfolio = load_portfolio(engine=engines)
    edited = upsert_row(portfolio, "initiative", {**portfolio.records("initiative")[0], "name": "X renamed"})
    assert edited.portfolio is not None
    save_portfolio(engine=engines, portfolio=edited.portfolio)
    newer = run_scenario(engines, load_portfolio(engine=engines), "S", explain=False, time_limit=10, user=COORDINATOR)
    error = refused(engines, "plan_on_other_data", lambda: revise_case(engines, case.id, stored.id, user=COORDINATOR,
                                                                        reason="again"))  # fmt: skip
    assert "run scenario S again ('planning run S')" in str(error)
    refused(engines, "empty_field", lambda: revise_case(engines, case.id, newer.id, user=COORDINATOR, reason=" "))
    revise_case(engines, case.id, newer.id, user=COORDINATOR, reason="X renamed")
    refused(engines, "same_plan", lambda: revise_case(engines, case.id, newer.id, user=COORDINATOR, reason="again"))
    refused(engines, "unknown_case", lambda: case_status(engines, 99))
    with pytest.raises(PermissionDenied, match="may not prepare case"):
        open_case(engines, newer.id, user=User("reka", "region_editor", region="A"))
    frame = list_cases(engines)
    assert frame[["id", "version", "plan_id", "decisions"]].to_dict("records") == [
        {"id": case.id, "version": 2, "plan_id": newer.id, "decisions": 0}
    ]


def test_bodies_are_configurable_and_checked(engines: Engine) -> None:
    save_portfolio(engine=engines, portfolio=small_portfolio())
    stored = run_scenario(engines, load_portfolio(engine=engines), "S", explain=False, time_limit=10, user=COORDINATOR)
    bodies = bodies_from_json([
        {"id": "ITD", "name": "IKT-direktørmøtet", "stage": 1, "action": "recommend",
         "secretary": "it_directors_secretary"},
        {"id": "LM", "name": "Ledermøtet", "stage": 1, "action": "treat", "secretary": "leaders_secretary",
         "required": False},
        {"id": "A", "name": "Styret i A", "stage": 2, "action": "approve", "secretary": "board_secretary",
         "region": "A"},
        {"id": "B", "name": "Styret i B", "stage": 2, "action": "approve", "secretary": "board_secretary",
         "region": "B", "required": False},
    ])  # fmt: skip
    for broken, problem in [
        ([*bodies[:3], Body("B", "x", "x", 4, "approve", "board_secretary", "B")], "number them 1, 2, 3"),
        ([*bodies[:3], Body("B", "x", "x", 2, "approve", "board_secretary", "Q")], "'Q' is not a region"),
        ([*bodies[:3], Body("A", "x", "x", 2, "approve", "board_secretary", "B")], "named twice"),
        ([Body("LM", "x", "x", 1, "decide", "leaders_secretary")], "action 'decide'"),
        ([Body("LM", "x", "x", 1, "treat", "board_secretary")], r"a board \(board_secretary\) has a region"),
    ]:
        with pytest.raises(CaseError, match=problem):
            open_case(engines, stored.id, user=COORDINATOR, bodies=broken)
    case = open_case(engines, stored.id, user=COORDINATOR, bodies=bodies, title="Delplan")
    decide(engines, case.id, "ITD")
    decide(engines, case.id, "A", meeting_date="2026-10-15")
    status = case_status(engines, case.id)  # LM and B are heard but not required
    assert status.state == "approved" and status.party("B").state == "pending"
    refused(engines, "later_stage_decided", lambda: decide(engines, case.id, "LM", meeting_date="2026-10-20"))
    record = current_baseline(engines)
    assert record is not None and record.stored.id == stored.id and "Delplan" in record.approval.comment


def test_every_message_says_nothing_was_stored_where_something_could_have_been() -> None:
    refusals = [k for k in MESSAGES if k not in ("unknown_case", "unknown_body", "unknown_outcome", "bad_date",
                                                  "unknown_version", "bodies_invalid", "plan_without_schedule",
                                                  "plan_on_other_data", "plan_in_case", "same_plan",
                                                  "no_condition_to_apply")]  # fmt: skip
    assert all("nothing was stored" in MESSAGES[k] for k in refusals)
