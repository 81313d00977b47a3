"""veikart_ui.auth in a headless app: read-only without sign-in, the development switch, password sign-in."""

from __future__ import annotations

from pathlib import Path

import pytest
from argon2 import PasswordHasher
from streamlit.testing.v1 import AppTest

from planning.store import users
from planning.store.database import make_engine, upgrade
from planning.store.users import DEV_USER_VARIABLE, add_user


def page() -> None:
    import os

    import streamlit as st

    from planning.store.database import make_engine
    from veikart_ui import auth

    user = auth.sidebar(make_engine(os.environ["DATABASE_URL"]))
    st.write("user:", "anonymous" if user is None else f"{user.username}/{user.role}")


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'veikart.db'}"
    engine = make_engine(url)
    upgrade(engine)
    monkeypatch.setattr(users, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    add_user(engine, username="ada", role="admin", by=None, password="ada's long password")
    engine.dispose()
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.delenv(DEV_USER_VARIABLE, raising=False)
    return url


def shown(app: AppTest) -> str:
    return " ".join(str(m.value) for m in app.markdown)


def test_without_sign_in_the_app_is_read_only(database: str) -> None:
    app = AppTest.from_function(page).run()
    assert "user: anonymous" in shown(app)
    assert any("bare lesetilgang" in str(c.value) for c in app.sidebar.caption)


def test_the_development_switch_acts_as_a_role_and_says_so(database: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DEV_USER_VARIABLE, "coordinator")
    app = AppTest.from_function(page).run()
    assert "user: dev-coordinator/coordinator" in shown(app)
    assert any(DEV_USER_VARIABLE in str(w.value) for w in app.sidebar.warning)


def test_password_sign_in(database: str) -> None:
    app = AppTest.from_function(page).run()
    app.sidebar.text_input(key="auth_username").input("ada")
    app.sidebar.text_input(key="auth_password_field").input("wrong password!!")
    app.sidebar.button[0].click().run()
    assert "wrong username or password" in str(app.error[0].value)
    app.sidebar.text_input(key="auth_password_field").input("ada's long password")
    app.sidebar.button[0].click().run()
    assert "user: ada/admin" in shown(app)
