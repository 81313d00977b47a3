"""Who may record what: each body's secretary, a board secretary only for its own region, admins.

The rule is checked as a property over every role, region and body (hypothesis), and
through the domain function itself, which refuses before anything is stored.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Engine

from planning.approval.bodies import Body
from planning.store.access import (
    ADMIN,
    BOARD_SECRETARY,
    EDITING_ROLES,
    IT_DIRECTORS_SECRETARY,
    LEADERS_SECRETARY,
    ROLES,
    SECRETARY_ROLES,
    PermissionDenied,
    User,
    allowed,
    decision_refusal,
)
from planning.store.database import make_engine, upgrade
from planning.store.users import add_user, dev_user
from tests.cases import decide, stored_case, stored_counts

BODIES = [
    Body("ITD", "IKT-direktørmøtet", "IT directors", 1, "recommend", IT_DIRECTORS_SECRETARY),
    Body("LM", "Ledermøtet", "Leaders' meeting", 2, "treat", LEADERS_SECRETARY),
    Body("A", "Styret i A", "Board of A", 3, "approve", BOARD_SECRETARY, region="A"),
    Body("B", "Styret i B", "Board of B", 3, "approve", BOARD_SECRETARY, region="B"),
]
users = st.builds(
    User, username=st.from_regex(r"[a-z]{1,8}", fullmatch=True), role=st.sampled_from(ROLES),
    region=st.sampled_from([None, "A", "B"]),
)  # fmt: skip


def expected(user: User | None, body: Body) -> bool:
    """The rule in plain words."""
    if user is None:
        return False
    if user.role == ADMIN:
        return True
    return user.role == body.secretary and (body.region is None or user.region == body.region)


@given(user=st.one_of(st.none(), users), body=st.sampled_from(BODIES))
def test_the_rule_holds_for_every_role_region_and_body(user: User | None, body: Body) -> None:
    reason = decision_refusal(user, body.name_en, body.secretary, body.region)
    assert (reason is None) == expected(user, body)
    if reason is not None and user is not None:
        assert body.name_en in reason or "may not record decision" in reason


@given(user=users)
def test_secretaries_edit_no_portfolio_rows_and_run_nothing(user: User) -> None:
    if user.role in SECRETARY_ROLES:
        assert user.role not in EDITING_ROLES
        assert not allowed(user, "run") and not allowed(user, "approve") and not allowed(user, "import")
        assert allowed(user, "record_decision") and not allowed(user, "prepare_case")


@pytest.fixture(scope="module")
def store() -> Iterator[Engine]:
    engine = make_engine("sqlite://")
    upgrade(engine)
    yield engine
    engine.dispose()


SAMPLES = [None] + [User(f"u{n}", role, region) for n, (role, region) in
                    enumerate(itertools.product(ROLES, [None, "A", "B"]))]  # fmt: skip


def test_the_domain_refuses_whoever_may_not_and_stores_nothing(store: Engine) -> None:
    case, _ = stored_case(store)
    for body in ("ITD", "LM", "A", "B"):
        chosen = next(b for b in BODIES if b.id == body)
        for user in SAMPLES:
            if expected(user, chosen):
                continue
            before = stored_counts(store)
            with pytest.raises(PermissionDenied, match=r"may not record the decision|sign in|may not record decision"):
                decide(store, case.id, body, user=user)
            assert stored_counts(store) == before
        decide(store, case.id, body)  # its own secretary may


def test_board_secretaries_are_stored_with_their_region(store: Engine) -> None:
    admin = add_user(store, username="ada", role="admin", by=None)
    sara = add_user(store, username="sara", role="board_secretary", region="A", by=admin)
    assert sara.label == "sara (Board secretary for A)"
    with pytest.raises(ValueError, match="a board_secretary needs a region"):
        add_user(store, username="stig", role="board_secretary", by=admin)
    with pytest.raises(ValueError, match="only a region editor or a board secretary has a region"):
        add_user(store, username="ida", role="it_directors_secretary", region="A", by=admin)
    assert dev_user(None, "board_secretary:B") == User(
        "dev-board_secretary", "board_secretary", "B", "Development board_secretary"
    )
    with pytest.raises(ValueError, match="board_secretary:REGION"):
        dev_user(None, "board_secretary")
