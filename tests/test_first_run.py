"""The first start: a local administrator with a password printed once in the terminal (issue 33 item 8).

The bootstrap itself on SQLite and PostgreSQL; then the app, headless, on a sample database
with no users and no sign-in configured, in bokmål and English.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import Engine

from planning.store import users
from planning.store.audit import audit_log
from planning.store.users import (
    DEV_USER_VARIABLE,
    FIRST_ADMIN,
    add_user,
    authenticate,
    create_first_admin,
    get_user,
    list_users,
)
from tests.test_app_pages import no_errors, sample_file, start

__all__ = ["sample_file"]  # the fixture shared with test_app_pages


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2 with little memory and one pass: the same code path, a fraction of the time."""
    monkeypatch.setattr(users, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


def test_an_empty_store_without_sign_in_gets_one_administrator_whose_password_works(engines: Engine) -> None:
    made = create_first_admin(engines, sign_in_configured=False)
    assert made is not None and made.username == FIRST_ADMIN == "admin"
    assert len(made.password) >= 20
    assert authenticate(engines, made.username, made.password).role == "admin"
    assert list(list_users(engines)["username"]) == ["admin"]
    stored = str(list_users(engines).to_dict("records"))
    assert made.password not in stored  # only the hash is kept
    (entry,) = audit_log(engines, table="app_user").to_dict("records")
    assert "bootstrap" in str(entry["note"])
    assert create_first_admin(engines, sign_in_configured=False) is None  # never a second one


def test_nothing_is_made_where_sign_in_is_configured_or_users_exist(engines: Engine) -> None:
    assert create_first_admin(engines, sign_in_configured=True) is None
    assert list_users(engines).empty
    add_user(engines, username="kari", role="admin", by=None)  # added with the command line, say
    assert create_first_admin(engines, sign_in_configured=False) is None
    assert get_user(engines, FIRST_ADMIN) is None


def test_two_processes_starting_at_once_make_one_administrator(engines: Engine) -> None:
    first = create_first_admin(engines, sign_in_configured=False)
    users_before = list_users(engines)
    # the second process read an empty table just before the first one wrote: it finds the name taken
    assert users._insert_first_admin(engines, "another password 123") is None
    assert first is not None and list_users(engines).equals(users_before)


@pytest.fixture
def no_users(sample_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A copy of the sample database with no users, opened with no sign-in configured."""
    copy = tmp_path / "veikart.db"
    shutil.copy(sample_file, copy)
    url = f"sqlite:///{copy}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.delenv(DEV_USER_VARIABLE, raising=False)
    return url


@pytest.mark.parametrize(
    ("language", "hint", "terminal"),
    [
        ("nb", "Første oppstart: logg inn som **admin**", "Passord:"),
        ("en", "First start: sign in as **admin**", "Password:"),
    ],
)
def test_the_app_prints_the_password_in_the_terminal_and_says_where_to_look(
    no_users: str, capsys: pytest.CaptureFixture[str], language: str, hint: str, terminal: str
) -> None:
    at = start(language=language)
    no_errors(at)
    printed = capsys.readouterr().out
    password = next(line.split(":", 1)[1].strip() for line in printed.splitlines() if line.strip().startswith(terminal))
    assert "planning users set-password admin" in printed
    assert any(hint in box.value for box in at.sidebar.info)
    at.sidebar.text_input(key="auth_username").set_value("admin")
    at.sidebar.text_input(key="auth_password_field").set_value(password)
    at.sidebar.button[0].click().run()  # the sign-in form's button
    no_errors(at)
    assert not any(hint in box.value for box in at.sidebar.info)  # signed in: the hint has done its work
    assert any("Administrator" in caption.value for caption in at.sidebar.caption)  # signed in as the first admin


def test_the_app_makes_no_administrator_when_the_development_switch_is_set(
    no_users: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(DEV_USER_VARIABLE, "coordinator")
    at = start()
    no_errors(at)
    assert "set-password" not in capsys.readouterr().out
    assert not at.sidebar.info
