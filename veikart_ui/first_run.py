"""The first start: a local administrator whose password is printed in the terminal.

On the first start of the app on a database with no users and no sign-in configured (no
OpenID Connect in ``.streamlit/secrets.toml``, no ``$VEIKART_DEV_USER``), the newcomer would
reach a read-only app with a sign-in form and nobody to sign in as. Instead the app makes a
local administrator (:func:`planning.store.users.create_first_admin`) and prints its password
once, in the terminal where ``streamlit run`` (or ``scripts/start.sh``) was started; the
sidebar says where to look. Where sign-in is configured nothing is made.
"""

from __future__ import annotations

import logging
import os

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from planning.store.users import DEV_USER_VARIABLE, FirstAdmin, create_first_admin
from veikart_ui import auth, session, state
from veikart_ui.i18n import LANGUAGES, text
from veikart_ui.plain import plain

LOGGER = logging.getLogger("veikart_ui")


def sign_in_configured() -> bool:
    """Whether people sign in some other way: OpenID Connect, or the development switch."""
    return auth.oidc_configured() or bool(os.environ.get(DEV_USER_VARIABLE, "").strip())


@st.cache_resource(show_spinner=False)
def _first_admin(url: str, configured: bool) -> FirstAdmin | None:
    """Once per process and database: the first administrator, printed in the terminal, if one was made."""
    try:
        made = create_first_admin(state.engine(url), sign_in_configured=configured)
    except SQLAlchemyError:
        LOGGER.exception("could not check for a first administrator")
        return None
    if made is not None:
        message = "\n\n".join(
            text("ux.first_admin_terminal", language, username=made.username, password=made.password)
            for language in LANGUAGES  # the terminal has no language switch: bokmål, then English
        )
        line = "=" * 72
        print(f"\n{line}\n{message}\n{line}\n", flush=True)  # the terminal the app was started in, nowhere else
    return made


def first_admin() -> None:
    """Make the first administrator if this is a first start; tell a visitor not signed in where the password is."""
    made = _first_admin(session.url(), sign_in_configured())
    if made is not None and session.user() is None:
        st.sidebar.info(session.tr("ux.first_admin_hint", username=plain(made.username)), icon=":material/key:")
