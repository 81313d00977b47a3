"""Role rules through the domain API: every role against every kind of change.

The small portfolio (tests/conftest.py): regions A and B, initiatives X and Z led by A,
Y led by B, envelope A/2026/Basis, benefit BX on X with measurement BX/2027, scenario S.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from planning.domain.editing import replace_rows, upsert_row
from planning.domain.loading import build_portfolio
from planning.domain.portfolio import Portfolio
from planning.store.access import (
    ACTIONS,
    APPROVE,
    IMPORT,
    MANAGE_USERS,
    READ,
    RUN,
    PermissionDenied,
    User,
    allowed,
    authorize,
    changes_allowed,
)
from tests.conftest import small_raw_portfolio

ADMIN = User("ada", "admin")
COORDINATOR = User("cora", "coordinator")
EDITOR_A = User("reka", "region_editor", region="A")
EDITOR_B = User("rolf", "region_editor", region="B")
STEERING = User("stein", "steering")
VIEWER = User("vera", "viewer")
ALL: dict[str, User | None] = {
    "admin": ADMIN,
    "coordinator": COORDINATOR,
    "editor_a": EDITOR_A,
    "editor_b": EDITOR_B,
    "steering": STEERING,
    "viewer": VIEWER,
    "anonymous": None,
}


@pytest.fixture(scope="module")
def base() -> Portfolio:
    return build_portfolio(small_raw_portfolio())


def changed(base: Portfolio, table: str, row_id: str, **values: Any) -> Portfolio:
    """``base`` with one row's fields set (or the row added when new)."""
    current = next((r for r in base.records(table) if r["id"] == row_id), {})
    result = upsert_row(base, table, {**current, **values, "id": row_id})
    assert result.portfolio is not None, result.problems
    return result.portfolio


def without(base: Portfolio, table: str, row_id: str) -> Portfolio:
    result = replace_rows(base, table, [r for r in base.records(table) if r["id"] != row_id])
    assert result.portfolio is not None, result.problems
    return result.portfolio


EDITS: dict[str, Callable[[Portfolio], Portfolio]] = {
    "initiative X (A) cost": lambda p: changed(p, "initiative", "X", total_cost=11.0),
    "initiative Y (B) cost": lambda p: changed(p, "initiative", "Y", total_cost=7.0),
    "initiative X handed to B": lambda p: changed(p, "initiative", "X", lead_region="B"),
    "new initiative W led by A": lambda p: changed(
        p, "initiative", "W", name="W", area="citizen_services", lead_region="A", duration=1, total_cost=1.0
    ),
    "delete initiative Z (A)": lambda p: without(p, "initiative", "Z"),
    "envelope of A": lambda p: changed(p, "envelope", "A/2026/Basis", amount=120.0),
    "scenario S: A's ambition": lambda p: changed(p, "scenario", "S", ambition={"A": "Basis"}),
    "scenario S: B's ambition": lambda p: changed(p, "scenario", "S", ambition={"A": "Lav", "B": "Lav"}),
    "scenario S: budget factor": lambda p: changed(p, "scenario", "S", budget_factor=0.9),
    "measurement of X (A)": lambda p: changed(p, "measurement", "BX/2027", value=2.0),
    "benefit BX": lambda p: changed(p, "benefit", "BX", annual_value=4.0),
    "dependency X->Y": lambda p: without(p, "dependency", "X->Y"),
    "funding pool A": lambda p: changed(p, "funding_pool", "A", name="Region Alpha"),
    "ambition level Lav": lambda p: changed(p, "ambition_level", "Lav", factor=0.7),
    "horizon": lambda p: changed(p, "horizon", "default", periods=5),
}

EXPECTED: dict[str, set[str]] = {
    "initiative X (A) cost": {"admin", "coordinator", "editor_a"},
    "initiative Y (B) cost": {"admin", "coordinator", "editor_b"},
    "initiative X handed to B": {"admin", "coordinator"},
    "new initiative W led by A": {"admin", "coordinator", "editor_a"},
    "delete initiative Z (A)": {"admin", "coordinator", "editor_a"},
    "envelope of A": {"admin", "editor_a"},
    "scenario S: A's ambition": {"admin", "coordinator", "editor_a"},
    "scenario S: B's ambition": {"admin", "coordinator", "editor_b"},
    "scenario S: budget factor": {"admin", "coordinator"},
    "measurement of X (A)": {"admin", "editor_a"},
    "benefit BX": {"admin", "coordinator"},
    "dependency X->Y": {"admin", "coordinator"},
    "funding pool A": {"admin"},
    "ambition level Lav": {"admin"},
    "horizon": {"admin"},
}
"""Who may make each edit; everyone else is refused."""


@pytest.mark.parametrize("edit", list(EDITS))
def test_each_role_may_make_exactly_the_edits_its_rules_allow(base: Portfolio, edit: str) -> None:
    after = EDITS[edit](base)
    outcome = {}
    for name, user in ALL.items():
        try:
            changes_allowed(user, base, after)
            outcome[name] = True
        except PermissionDenied:
            outcome[name] = False
    assert {name for name, ok in outcome.items() if ok} == EXPECTED[edit]


def test_a_refusal_names_the_user_the_row_and_the_rule(base: Portfolio) -> None:
    with pytest.raises(PermissionDenied) as refused:
        changes_allowed(EDITOR_B, base, EDITS["initiative X (A) cost"](base))
    message = str(refused.value)
    assert "rolf (Region editor for B)" in message
    assert "initiative 'X'" in message
    assert "initiatives its region leads" in message and "belongs to A" in message


def test_one_refused_row_refuses_the_whole_multi_row_change(base: Portfolio) -> None:
    after = changed(changed(base, "initiative", "X", total_cost=11.0), "initiative", "Y", total_cost=7.0)
    with pytest.raises(PermissionDenied) as refused:
        changes_allowed(EDITOR_A, base, after)
    assert refused.value.reasons == [
        "reka (Region editor for A) may not update initiative 'Y': region editors may only change "
        "initiatives its region leads (this row belongs to B)"
    ]


def test_anonymous_users_only_read(base: Portfolio) -> None:
    authorize(None, READ)
    with pytest.raises(PermissionDenied, match="sign in"):
        changes_allowed(None, base, EDITS["initiative X (A) cost"](base))


def test_a_region_editor_without_a_region_may_not_write(base: Portfolio) -> None:
    with pytest.raises(PermissionDenied, match="no region set"):
        changes_allowed(User("nora", "region_editor"), base, EDITS["initiative X (A) cost"](base))


def test_unchanged_portfolio_needs_no_rights(base: Portfolio) -> None:
    assert changes_allowed(VIEWER, base, base.copy()) == []


@pytest.mark.parametrize(
    ("action", "roles"),
    [
        (READ, {"admin", "coordinator", "editor_a", "editor_b", "steering", "viewer", "anonymous"}),
        (IMPORT, {"admin", "coordinator", "editor_a", "editor_b"}),
        (RUN, {"admin", "coordinator"}),
        (APPROVE, {"admin", "steering"}),
        (MANAGE_USERS, {"admin"}),
    ],
)
def test_actions_that_are_not_row_edits(action: str, roles: set[str]) -> None:
    assert {name for name, user in ALL.items() if allowed(user, action)} == roles


def test_unknown_actions_and_roles_are_clear_errors() -> None:
    with pytest.raises(ValueError, match="unknown action 'drop'"):
        authorize(ADMIN, "drop")
    with pytest.raises(PermissionDenied, match="unknown role 'root'"):
        authorize(User("x", "root"), READ)
    assert "manage_users" in ACTIONS
