"""Rights are checked on the stored rows inside the save, never on the caller's base (issue 35, item 4).

On SQLite and PostgreSQL (``engines``). The small portfolio (tests/conftest.py): regions A and
B; X (cost key ``lead``) and Z (``equal``) led by A, Y (``population``, A taking part) led by B;
benefit BX of X with measurement BX/2027; capacity pool SUP.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from planning.domain.loading import build_portfolio
from planning.domain.portfolio import Portfolio
from planning.store.access import PermissionDenied, User
from planning.store.database import load_portfolio, save_portfolio
from planning.store.shared import ConflictError, import_portfolio_as, load_snapshot, save_portfolio_as
from tests.conftest import small_raw_portfolio
from tests.test_access import ADMIN, COORDINATOR, EDITOR_A, EDITOR_B, STEERING, VIEWER, changed

SEED = build_portfolio(small_raw_portfolio())


@pytest.fixture
def engine(engines: Engine) -> Engine:
    import_portfolio_as(engine=engines, portfolio=SEED, user=ADMIN, note="seed")
    return engines


def _doctored(portfolio: Portfolio, initiative: str, region: str) -> Portfolio:
    """``portfolio`` with ``initiative`` shown as led by ``region`` (what an attacker passes as its base)."""
    return changed(portfolio, "initiative", initiative, lead_region=region)


def _save(engine: Engine, user: User, base: Portfolio, after: Portfolio) -> None:
    snapshot = load_snapshot(engine)
    save_portfolio_as(engine=engine, portfolio=after, user=user, expected_versions=snapshot.versions, base=base)


def test_a_doctored_base_portfolio_lends_no_rights_to_another_regions_measurement(engine: Engine) -> None:
    """The attack from the issue: B's editor shows A's initiative X as B's in the base and the edit."""
    base = _doctored(load_snapshot(engine).portfolio, "X", "B")
    after = changed(base, "measurement", "BX/2027", value=99.0)
    with pytest.raises(PermissionDenied, match=r"rolf \(Region editor for B\).*measurement 'BX/2027'.*belongs to A"):
        _save(engine, EDITOR_B, base, after)
    assert load_portfolio(engine=engine).measurements.at["BX/2027", "value"] == 1.5


def test_a_doctored_base_cannot_hand_over_another_regions_initiative(engine: Engine) -> None:
    base = _doctored(load_snapshot(engine).portfolio, "X", "B")
    with pytest.raises((PermissionDenied, ConflictError)):
        _save(engine, EDITOR_B, base, changed(base, "initiative", "X", total_cost=1.0))
    assert load_portfolio(engine=engine).initiatives.at["X", "total_cost"] == 10.0


@pytest.mark.parametrize(
    ("fields", "refusal"),
    [
        ({"cost_sharing": "custom", "custom_shares": {"A": 0.0, "B": 1.0}}, "larger share of the cost to B"),
        ({"cost_sharing": "population", "participating_regions": ["B"]}, "larger share of the cost to B"),
        ({"mandatory": True}, "mark an initiative mandatory"),
        ({"capacity_usage": {"SUP": 2.0}}, "more of the shared capacity SUP"),
    ],
    ids=["custom-shares", "more-payers", "mandatory", "capacity"],
)
def test_a_region_editor_may_not_bind_other_regions_but_a_coordinator_may(
    engine: Engine, fields: dict[str, Any], refusal: str
) -> None:
    base = load_snapshot(engine).portfolio
    after = changed(base, "initiative", "X", **fields)
    with pytest.raises(PermissionDenied, match=refusal):
        _save(engine, EDITOR_A, base, after)
    assert load_portfolio(engine=engine).initiatives.at["X", "cost_sharing"] == "lead"
    _save(engine, COORDINATOR, base, after)
    stored = load_portfolio(engine=engine).initiatives.loc["X"]
    assert all(stored[name] == value for name, value in fields.items())


def test_a_region_editor_may_still_take_cost_from_others_and_free_capacity(engine: Engine) -> None:
    base = load_snapshot(engine).portfolio
    _save(
        engine,
        COORDINATOR,
        base,
        changed(base, "initiative", "Z", participating_regions=["B"], capacity_usage={"SUP": 1.0}),
    )
    base = load_snapshot(engine).portfolio
    _save(
        engine,
        EDITOR_A,
        base,
        changed(base, "initiative", "Z", participating_regions=[], capacity_usage={}, total_cost=5.0),
    )
    stored = load_portfolio(engine=engine).initiatives.loc["Z"]
    assert stored["participating_regions"] == [] and stored["capacity_usage"] == {} and stored["total_cost"] == 5.0


# The role matrix as a property: any user, any of these edits of any initiative, with an honest
# or a doctored base; the save lands exactly when the rules allow it on the STORED rows.
USERS = {"admin": ADMIN, "coordinator": COORDINATOR, "editor_a": EDITOR_A, "editor_b": EDITOR_B}
USERS |= {"steering": STEERING, "viewer": VIEWER}
LEADS = {"X": "A", "Y": "B", "Z": "A"}
EDIT_KINDS = ("cost", "mandatory", "custom_shares", "capacity", "measurement", "hand_over")


def _edit(portfolio: Portfolio, kind: str, initiative: str, region: str) -> Portfolio:
    other = "B" if region == "A" else "A"
    values: dict[str, Any] = {
        "cost": {"total_cost": 3.0},
        "mandatory": {"mandatory": True},
        "custom_shares": {"cost_sharing": "custom", "custom_shares": {region: 0.0, other: 1.0}},
        "capacity": {"capacity_usage": {"SUP": 1.0}},
        "hand_over": {"lead_region": "B" if LEADS[initiative] == "A" else "A"},
    }.get(kind, {})
    if kind == "measurement":
        return changed(portfolio, "measurement", "BX/2027", value=7.0)
    return changed(portfolio, "initiative", initiative, **values)


def _oracle(user: str, kind: str, initiative: str) -> bool:
    """The rule of docs/security.md, written out independently of planning.store.access."""
    if user in ("admin",):
        return True
    if user == "coordinator":
        return kind != "measurement"
    if not user.startswith("editor_"):
        return False
    region = user[-1].upper()
    own = LEADS["X" if kind == "measurement" else initiative] == region
    return own and kind in ("cost", "measurement")


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@example(user="editor_a", kind="hand_over", initiative="Y", doctor=True)  # the doctored base already has the edit
@given(
    user=st.sampled_from(sorted(USERS)),
    kind=st.sampled_from(EDIT_KINDS),
    initiative=st.sampled_from(sorted(LEADS)),
    doctor=st.booleans(),
)
def test_role_matrix_through_the_domain_api_with_honest_and_doctored_bases(
    engine: Engine, user: str, kind: str, initiative: str, doctor: bool
) -> None:
    save_portfolio(engine=engine, portfolio=SEED)  # every example starts from the seed
    acting = USERS[user]
    region = acting.region or LEADS[initiative]
    base = load_snapshot(engine).portfolio
    target = "X" if kind == "measurement" else initiative
    if doctor and acting.region is not None:
        base = _doctored(base, target, acting.region)
    after = _edit(base, kind, initiative, region)
    if after.initiatives.equals(base.initiatives) and after.measurements.equals(base.measurements):
        _save(engine, acting, base, after)  # no change from the (doctored) base: nothing to write, no refusal
        stored = load_portfolio(engine=engine)
        assert stored.initiatives.equals(SEED.initiatives) and stored.measurements.equals(SEED.measurements)
        return
    try:
        _save(engine, acting, base, after)
        landed = True
    except (PermissionDenied, ConflictError):
        landed = False
    stored = load_portfolio(engine=engine)
    unchanged = stored.initiatives.equals(SEED.initiatives) and stored.measurements.equals(SEED.measurements)
    assert landed != unchanged
    allowed = _oracle(user, kind, initiative)
    if not allowed:
        assert not landed, f"{user} made a {kind} edit of {initiative} the rules refuse"
    else:
        assert landed, f"{user} was refused a {kind} edit of {initiative} the rules allow"
