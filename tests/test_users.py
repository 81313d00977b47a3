"""The local user store, password sign-in, OIDC mapping and the development switch."""

from __future__ import annotations

import json

import pytest
from argon2 import PasswordHasher
from sqlalchemy import Engine

from planning.domain.loading import build_portfolio
from planning.store import users
from planning.store.access import PermissionDenied, User
from planning.store.audit import audit_log
from planning.store.shared import import_portfolio_as
from planning.store.users import (
    DEV_USER_VARIABLE,
    SignInFailed,
    add_user,
    authenticate,
    dev_user,
    get_user,
    identify,
    list_users,
    set_password,
    set_role,
)
from tests.conftest import small_raw_portfolio

PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2 with little memory and one pass: the same code path, a fraction of the time."""
    monkeypatch.setattr(users, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def engine(engines: Engine) -> Engine:
    """A store with the small portfolio (regions A and B) and its first admin, ada."""
    add_user(engines, username="Ada@Helse.no", role="admin", by=None, password=PASSWORD, display_name="Ada")
    admin = get_user(engines, "ada@helse.no")
    import_portfolio_as(engine=engines, portfolio=build_portfolio(small_raw_portfolio()), user=admin)
    return engines


def ada(engine: Engine) -> User:
    user = get_user(engine, "ada@helse.no")
    assert user is not None
    return user


def test_the_first_admin_bootstraps_then_only_admins_manage_users(engine: Engine) -> None:
    assert ada(engine) == User("ada@helse.no", "admin", None, "Ada")
    with pytest.raises(PermissionDenied, match="sign in to manage users"):
        add_user(engine, username="eve", role="admin", by=None)
    cora = add_user(engine, username="cora", role="coordinator", by=ada(engine))
    with pytest.raises(PermissionDenied, match="cora \\(Coordinator\\) may not manage users"):
        add_user(engine, username="dan", role="viewer", by=cora)
    with pytest.raises(PermissionDenied):
        set_role(engine, username="cora", role="admin", by=cora)
    reka = add_user(engine, username="reka", role="region_editor", region="A", by=ada(engine))
    assert reka.region == "A"
    assert set_role(engine, username="reka", role="viewer", by=ada(engine)) == User("reka", "viewer")


def test_roles_and_regions_are_checked(engine: Engine) -> None:
    admin = ada(engine)
    with pytest.raises(ValueError, match="needs a region"):
        add_user(engine, username="reka", role="region_editor", by=admin)
    with pytest.raises(ValueError, match="'Q' is not a region of the portfolio; use one of: A, B"):
        add_user(engine, username="reka", role="region_editor", region="Q", by=admin)
    with pytest.raises(ValueError, match="only a region editor or a board secretary has a region"):
        add_user(engine, username="cora", role="coordinator", region="A", by=admin)
    with pytest.raises(ValueError, match="unknown role 'root'"):
        add_user(engine, username="cora", role="root", by=admin)
    with pytest.raises(ValueError, match="exists already"):
        add_user(engine, username="ADA@helse.no", role="viewer", by=admin)
    with pytest.raises(ValueError, match="last admin"):
        set_role(engine, username="ada@helse.no", role="viewer", by=admin)
    with pytest.raises(KeyError, match="no user 'nobody'"):
        set_role(engine, username="nobody", role="viewer", by=admin)


BAD_USERNAMES = ["", "   ", "robert'); DROP TABLE app_user;--", "a" * 201, "=cmd|' /C calc'!A0", "ola nordmann", "-rf"]


def test_bad_usernames_get_a_clear_error(engine: Engine) -> None:
    for name in BAD_USERNAMES:
        with pytest.raises(ValueError, match="is not a valid username"):
            add_user(engine, username=name, role="viewer", by=ada(engine))
    assert len(list_users(engine)) == 1


def test_passwords_are_argon2_hashes_checked_on_sign_in(engine: Engine) -> None:
    assert authenticate(engine, "ADA@helse.no", PASSWORD) == ada(engine)
    for username, password in [("ada@helse.no", "wrong password!"), ("nobody", PASSWORD), ("' OR 1=1 --", PASSWORD)]:
        with pytest.raises(SignInFailed, match=r"^wrong username or password$"):
            authenticate(engine, username, password)
    add_user(engine, username="cora", role="coordinator", by=ada(engine))
    with pytest.raises(SignInFailed):  # OIDC-only users have no password
        authenticate(engine, "cora", "")
    with pytest.raises(ValueError, match="12 to 1024 characters"):
        set_password(engine, username="cora", password="short", by=ada(engine))
    with pytest.raises(PermissionDenied):
        set_password(engine, username="ada@helse.no", password="x" * 20, by=get_user(engine, "cora"))
    set_password(engine, username="cora", password="cora's long password", by=get_user(engine, "cora"))
    assert authenticate(engine, "cora", "cora's long password").role == "coordinator"


def test_user_changes_are_audited_without_the_password_hash(engine: Engine) -> None:
    add_user(engine, username="cora", role="coordinator", by=ada(engine), password="another long password")
    set_role(engine, username="cora", role="steering", by=ada(engine))
    log = audit_log(engine, table="app_user")
    assert log[["actor", "action", "row_id"]].values.tolist() == [
        ["ada@helse.no", "insert", "ada@helse.no"],
        ["ada@helse.no", "insert", "cora"],
        ["ada@helse.no", "update", "cora"],
    ]
    assert log.at[2, "before"]["role"] == "coordinator" and log.at[2, "after"]["role"] == "steering"
    assert "argon2" not in json.dumps(log[["before", "after"]].to_dict("records"))
    assert "argon2" not in list_users(engine).to_json()


def test_oidc_identities_map_to_roles_by_email_and_unknown_ones_only_read(engine: Engine) -> None:
    add_user(engine, username="ola@helse-vest.no", role="region_editor", region="B", by=ada(engine))
    found = identify(engine, {"email": "Ola@Helse-Vest.no", "name": "Ola Nordmann"})
    assert (found.username, found.role, found.region) == ("ola@helse-vest.no", "region_editor", "B")
    by_upn = identify(engine, {"preferred_username": "ola@helse-vest.no"})
    assert by_upn.role == "region_editor"
    stranger = identify(engine, {"email": "kari@example.no", "name": "Kari"})
    assert (stranger.username, stranger.role, stranger.display_name) == ("kari@example.no", "viewer", "Kari")
    assert identify(engine, {}).role == "viewer"


def test_the_development_switch(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(DEV_USER_VARIABLE, raising=False)
    assert dev_user(engine) is None
    monkeypatch.setenv(DEV_USER_VARIABLE, "ada@helse.no")
    assert dev_user(engine) == ada(engine)
    assert dev_user(engine, "coordinator") == User("dev-coordinator", "coordinator", None, "Development coordinator")
    assert dev_user(None, "region_editor:HV") == User(
        "dev-region_editor", "region_editor", "HV", "Development region_editor"
    )
    for spec in ("root", "region_editor", "viewer:A"):
        with pytest.raises(ValueError, match=DEV_USER_VARIABLE):
            dev_user(engine, spec)
