"""Who is using the app: OIDC sign-in (``st.login``), local passwords, or the development switch.

Pages never decide rights themselves: they get the user here and hand it to the domain
(:func:`planning.store.shared.save_portfolio_as`, :func:`planning.store.access.allowed`), which
enforces the same rules as the command line and imports. See docs/security.md.

Use in a page::

    from veikart_ui import auth

    user = auth.sidebar(engine)               # once per page run: shows who is signed in
    if auth.can(user, "update"):              # only to hide or disable edit widgets
        ...
    if st.button("Save"):
        session.save(edited_portfolio)        # authorises, checks versions, audits

Edits are built on ``session.snapshot().portfolio``, the portfolio as this session read it,
so a save knows what the user started from.
"""

from __future__ import annotations

import os
from typing import Any

import streamlit as st
from sqlalchemy import Engine

from planning.store.access import EDITING_ROLES, ROW_ACTIONS, User, allowed
from planning.store.users import DEV_USER_VARIABLE, SignInFailed, authenticate, dev_user, get_user, identify
from veikart_ui.i18n import DEFAULT_LANGUAGE, text
from veikart_ui.phrases import user_label
from veikart_ui.plain import plain

LOCAL_USER = "auth_local_user"


def oidc_configured() -> bool:
    """True when ``.streamlit/secrets.toml`` has an ``[auth]`` section for ``st.login``."""
    try:
        return "auth" in st.secrets
    except (FileNotFoundError, OSError):
        return False


def _oidc_claims() -> dict[str, Any] | None:
    if not oidc_configured():
        return None
    claims = st.user.to_dict()
    return claims if claims.get("is_logged_in") else None


def current_user(engine: Engine) -> User | None:
    """The signed-in user, the development user, or ``None`` (anonymous: read-only).

    Order: an OIDC identity (mapped to a role through the user table), then a local
    password sign-in in this session, then ``$VEIKART_DEV_USER``.
    """
    claims = _oidc_claims()
    if claims is not None:
        return identify(engine, claims)
    local = st.session_state.get(LOCAL_USER)
    if local:
        return get_user(engine, str(local))
    try:
        return dev_user(engine)
    except ValueError as exc:
        st.error(plain(exc))
        return None


def can(user: User | None, action: str) -> bool:
    """Whether ``user`` may do ``action`` at all (to show or hide widgets; the domain still checks).

    Row actions (insert, update, delete) are true for every role that may edit some rows;
    the save itself refuses rows that are not the user's.
    """
    if action in ROW_ACTIONS:
        return user is not None and user.role in EDITING_ROLES
    return allowed(user, action)


def sidebar(engine: Engine, language: str = DEFAULT_LANGUAGE) -> User | None:
    """Show who is signed in (with sign-in and sign-out) in the sidebar; return the user."""
    user = current_user(engine)
    with st.sidebar:
        if user is not None:
            st.caption(text("auth.signed_in", language, who=plain(user_label(user.label, language))))
            if user.username.startswith("dev-") or os.environ.get(DEV_USER_VARIABLE):
                st.warning(text("auth.dev_switch", language, variable=DEV_USER_VARIABLE))
            if _oidc_claims() is not None and st.button(text("auth.sign_out", language), key="auth_sign_out"):
                st.logout()
            elif st.session_state.get(LOCAL_USER) and st.button(text("auth.sign_out", language), key="auth_sign_out"):
                del st.session_state[LOCAL_USER]
                st.rerun()
            return user
        st.caption(text("auth.not_signed_in", language))
        if oidc_configured():
            if st.button(text("auth.sign_in", language), key="auth_sign_in", type="primary"):
                st.login()
        else:
            _password_form(engine, language)
    return None


def _password_form(engine: Engine, language: str) -> None:
    with st.form("auth_password", border=False):
        username = st.text_input(text("auth.username", language), key="auth_username")
        password = st.text_input(text("auth.password", language), type="password", key="auth_password_field")
        if st.form_submit_button(text("auth.sign_in", language)):
            try:
                user = authenticate(engine, username, password)
            except SignInFailed as exc:
                st.error(plain(exc))
                return
            st.session_state[LOCAL_USER] = user.username
            st.rerun()
