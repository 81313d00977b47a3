"""A signed-in session the store issued: the only way to name the user of an audit entry from outside.

:func:`planning.store.users.open_session` signs a user in (after a password, an OpenID Connect
identity or the development switch has identified them) and returns a :class:`SignedIn`
carrying an HMAC of the username under a key that lives only in this process. Code that
builds a ``SignedIn`` itself, or changes its username, does not hold a valid token, so
:func:`planning.store.audit.record_event` refuses it; and the role recorded is the one the
store holds for the user at that moment, never one the caller states.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import text
from sqlmodel import Session

from planning.messages.phrases import phrase
from planning.store.access import PermissionDenied, User

_KEY = secrets.token_bytes(32)
SYSTEM_USERNAME = "system"


@dataclass(frozen=True)
class SignedIn:
    """A user signed in through the store (:func:`planning.store.users.open_session`)."""

    username: str
    token: str


def issue(username: str) -> SignedIn:
    """A session for ``username``; only the store's sign-in functions call this."""
    return SignedIn(username, _token(username))


def _token(username: str) -> str:
    return hmac.new(_KEY, username.encode("utf-8"), hashlib.sha256).hexdigest()


def session_user(db: Session, session: SignedIn) -> User:
    """The user of ``session`` as the store holds them now (role and region from ``app_user``).

    Raises
    ------
    PermissionDenied
        When the session was not issued by this process or its user is not stored.
    """
    if not isinstance(session, SignedIn) or not hmac.compare_digest(session.token, _token(session.username)):
        raise PermissionDenied([phrase("not_signed_in_session")])
    if session.username == SYSTEM_USERNAME:
        return User(username=SYSTEM_USERNAME, role="admin", display_name="Veikart")
    query = text("SELECT role, region, display_name FROM app_user WHERE username = :username")
    row = db.execute(query, {"username": session.username}).first()
    if row is None:
        raise PermissionDenied([phrase("session_user_gone", user=session.username)])
    return User(username=session.username, role=str(row[0]), region=row[1], display_name=str(row[2] or ""))
