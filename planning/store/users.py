"""People and their roles: the local user store, password sign-in and the development switch.

Production sign-in is OpenID Connect (Microsoft Entra ID through Streamlit's ``st.login``);
:func:`identify` maps the signed-in identity to a role through this same table, by
username or e-mail. Small installations sign in with a password kept here as an argon2id
hash (:func:`authenticate`). Without either, the app is read-only unless the development
switch ``VEIKART_DEV_USER`` names a user or a role (:func:`dev_user`).

Only an admin manages users, except that the very first admin may be added to a store
that has none (bootstrap). Every change is in the audit trail (never the password hash).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Engine, func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Field, Session, SQLModel, col, select

from planning.domain.models import FundingPool
from planning.store.access import ADMIN, MANAGE_USERS, REGIONAL_ROLES, ROLES, VIEWER, PermissionDenied, User, authorize
from planning.store.audit import record
from planning.store.database import transaction
from planning.store.signed_in import SYSTEM_USERNAME, SignedIn, issue

DEV_USER_VARIABLE = "VEIKART_DEV_USER"
FIRST_ADMIN = "admin"
"""The username of the local administrator made on a first start (:func:`create_first_admin`)."""
FIRST_PASSWORD_BYTES = 15
"""Random bytes of the first administrator's password: 20 characters, letters, digits, - and _."""
USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._@+-]{0,199}$")
MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024
_HASHER = PasswordHasher()


class SignInFailed(PermissionError):
    """Wrong username or password (the message never says which)."""


class AppUser(SQLModel, table=True):
    """A person who may sign in, and the role they act in."""

    __tablename__ = "app_user"
    username: str = Field(primary_key=True, max_length=200, description="Sign-in name or e-mail, lower case.")
    display_name: str = Field(default="", max_length=200)
    role: str = Field(max_length=32, description="One of planning.store.access.ROLES, for example region_editor.")
    region: str | None = Field(default=None, max_length=64, description="Funding pool of a region editor.")
    password_hash: str | None = Field(default=None, max_length=512, description="argon2id hash; none for OIDC only.")
    created_at: dt.datetime = Field(description="When added (UTC).")
    updated_at: dt.datetime = Field(description="Last change (UTC).")

    def as_user(self) -> User:
        return User(username=self.username, role=self.role, region=self.region, display_name=self.display_name)

    def public(self) -> dict[str, Any]:
        """The row without its password hash, as written to the audit trail."""
        return {
            "username": self.username,
            "display_name": self.display_name,
            "role": self.role,
            "region": self.region,
            "has_password": self.password_hash is not None,
        }


def normalise_username(name: str) -> str:
    """``name`` stripped and in lower case.

    Raises
    ------
    ValueError
        When it is empty, longer than 200 characters, or has characters other than
        letters, digits and ``. _ @ + -``.
    """
    cleaned = str(name).strip().lower()
    if not USERNAME_PATTERN.match(cleaned):
        shown = cleaned if len(cleaned) <= 40 else cleaned[:37] + "..."
        raise ValueError(
            f"'{shown}' is not a valid username: use 1 to 200 letters, digits and . _ @ + - "
            "(for example an e-mail address), starting with a letter or digit"
        )
    return cleaned


def hash_password(password: str) -> str:
    """An argon2id hash of ``password``.

    Raises
    ------
    ValueError
        When the password is shorter than 12 or longer than 1024 characters.
    """
    if not MIN_PASSWORD_LENGTH <= len(password) <= MAX_PASSWORD_LENGTH:
        raise ValueError(f"a password needs {MIN_PASSWORD_LENGTH} to {MAX_PASSWORD_LENGTH} characters")
    return _HASHER.hash(password)


def _check_role(engine: Engine, role: str, region: str | None) -> str | None:
    if role not in ROLES:
        raise ValueError(f"unknown role '{role}'; use one of: {', '.join(ROLES)}")
    if role not in REGIONAL_ROLES:
        if region:
            raise ValueError(f"only a region editor or a board secretary has a region; leave it out for {role}")
        return None
    if not region:
        raise ValueError(f"a {role} needs a region: give the funding pool id, for example --region HV")
    with Session(engine) as session:
        regions = list(session.exec(select(FundingPool.id).where(FundingPool.kind == "region")))
    if regions and region not in regions:
        raise ValueError(f"'{region}' is not a region of the portfolio; use one of: {', '.join(sorted(regions))}")
    return region


def has_admin(engine: Engine) -> bool:
    with Session(engine) as session:
        count = session.exec(select(func.count()).select_from(AppUser).where(AppUser.role == ADMIN)).one()
    return bool(count)


def add_user(
    engine: Engine,
    *,
    username: str,
    role: str,
    by: User | None,
    region: str | None = None,
    display_name: str = "",
    password: str | None = None,
) -> User:
    """Add a user; only an admin may, except for the first admin of an empty store.

    Raises
    ------
    PermissionDenied
        When ``by`` may not manage users.
    ValueError
        For an invalid username, role, region, display name or password, or a taken username.
    """
    name = normalise_username(username)
    region = _check_role(engine, role, region)
    bootstrap = role == ADMIN and not has_admin(engine)
    if not bootstrap:
        authorize(by, MANAGE_USERS)
    if len(display_name) > 200:
        raise ValueError("the display name is longer than 200 characters")
    at = dt.datetime.now(dt.UTC)
    row = AppUser(
        username=name,
        display_name=display_name.strip(),
        role=role,
        region=region,
        password_hash=None if password is None else hash_password(password),
        created_at=at,
        updated_at=at,
    )
    actor = by or User(username=name, role=ADMIN)
    with transaction(engine) as session:
        if session.get(AppUser, name) is not None:
            raise ValueError(f"user '{name}' exists already; change the role with planning users set-role")
        session.add(row)
        note = "first admin (bootstrap)" if bootstrap else ""
        record(session, user=actor, action="insert", table="app_user", row_id=name, after=row.public(), note=note)
        return row.as_user()


@dataclass(frozen=True)
class FirstAdmin:
    """The local administrator made on a first start, with the password to give once to whoever started it."""

    username: str
    password: str


def has_users(engine: Engine) -> bool:
    """Whether any user is stored at all."""
    with Session(engine) as session:
        count = session.exec(select(func.count()).select_from(AppUser)).one()
    return bool(count)


def create_first_admin(engine: Engine, *, sign_in_configured: bool) -> FirstAdmin | None:
    """On a first start, a local administrator ``admin`` with a random password; else ``None``.

    Made only when the user table is empty and no sign-in is configured (``sign_in_configured``:
    OpenID Connect in ``.streamlit/secrets.toml``, or the development switch), so a newcomer
    who started the app can sign in and work. The password is returned once, to be printed
    where the app was started; only its argon2 hash is stored, and the insert is audited as
    the first admin (bootstrap). Two processes starting at once make one administrator:
    the second finds the name taken and gets ``None``.
    """
    if sign_in_configured or has_users(engine):
        return None
    return _insert_first_admin(engine, secrets.token_urlsafe(FIRST_PASSWORD_BYTES))


def _insert_first_admin(engine: Engine, password: str) -> FirstAdmin | None:
    try:
        add_user(engine, username=FIRST_ADMIN, role=ADMIN, by=None, display_name="Administrator", password=password)
    except (ValueError, IntegrityError, PermissionDenied):  # another process was first
        return None
    return FirstAdmin(FIRST_ADMIN, password)


def set_role(engine: Engine, *, username: str, role: str, by: User | None, region: str | None = None) -> User:
    """Change a user's role (and region); only an admin may, and never removing the last admin.

    Raises
    ------
    PermissionDenied
        When ``by`` may not manage users.
    KeyError
        When there is no such user.
    ValueError
        For an invalid role or region, or when the last admin would lose the role.
    """
    authorize(by, MANAGE_USERS)
    name = normalise_username(username)
    region = _check_role(engine, role, region)
    with transaction(engine) as session:
        row = session.get(AppUser, name)
        if row is None:
            raise KeyError(f"no user '{name}'; add one with planning users add")
        if row.role == ADMIN and role != ADMIN:
            admins = session.exec(select(func.count()).select_from(AppUser).where(AppUser.role == ADMIN)).one()
            if admins <= 1:
                raise ValueError(f"'{name}' is the last admin; make another user admin first")
        before = row.public()
        row.role, row.region, row.updated_at = role, region, dt.datetime.now(dt.UTC)
        record(session, user=by, action="update", table="app_user", row_id=name, before=before, after=row.public())
        return row.as_user()


def set_password(engine: Engine, *, username: str, password: str, by: User | None) -> None:
    """Set a user's password; users may set their own, admins anyone's.

    Raises
    ------
    PermissionDenied, KeyError, ValueError
        As for :func:`set_role`, and for a password of the wrong length.
    """
    name = normalise_username(username)
    if by is None or by.username != name:
        authorize(by, MANAGE_USERS)
    hashed = hash_password(password)
    with transaction(engine) as session:
        row = session.get(AppUser, name)
        if row is None:
            raise KeyError(f"no user '{name}'; add one with planning users add")
        row.password_hash, row.updated_at = hashed, dt.datetime.now(dt.UTC)
        note = "password changed"
        record(session, user=by, action="update", table="app_user", row_id=name, after=row.public(), note=note)


def get_user(engine: Engine, username: str) -> User | None:
    """The stored user, or ``None`` (also for a name that cannot be a username)."""
    try:
        name = normalise_username(username)
    except ValueError:
        return None
    with Session(engine) as session:
        row = session.get(AppUser, name)
        return None if row is None else row.as_user()


def list_users(engine: Engine) -> pd.DataFrame:
    """Every user by username: display name, role, region, whether a password is set (never the hash)."""
    with Session(engine) as session:
        rows = [row.public() for row in session.exec(select(AppUser).order_by(col(AppUser.username)))]
    return pd.DataFrame(rows, columns=["username", "display_name", "role", "region", "has_password"])


def authenticate(engine: Engine, username: str, password: str) -> User:
    """The user whose stored argon2 hash matches ``password``; the hash is renewed when outdated.

    Raises
    ------
    SignInFailed
        For an unknown user, a user without a password, or a wrong password (one message for all).
    """
    failed = SignInFailed("wrong username or password")
    try:
        name = normalise_username(username)
    except ValueError:
        raise failed from None
    with transaction(engine) as session:
        row = session.get(AppUser, name)
        if row is None or row.password_hash is None or len(password) > MAX_PASSWORD_LENGTH:
            raise failed
        try:
            _HASHER.verify(row.password_hash, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            raise failed from None
        if _HASHER.check_needs_rehash(row.password_hash):
            row.password_hash = _HASHER.hash(password)
        return row.as_user()


def open_session(engine: Engine, username: str, password: str) -> SignedIn:
    """Sign in with a password (:func:`authenticate`): the session audit entries take their user from.

    Raises
    ------
    SignInFailed
        For an unknown user, a user without a password, or a wrong password.
    """
    return issue(authenticate(engine, username, password).username)


def session_for(engine: Engine, user: User) -> SignedIn:
    """The session of a user already identified by OpenID Connect (:func:`identify`) or the
    development switch, when the store holds them; the ``system`` user for the application's own work.

    Raises
    ------
    SignInFailed
        When the store does not hold ``user``.
    """
    if user.username == SYSTEM_USERNAME:
        return issue(SYSTEM_USERNAME)
    stored = get_user(engine, user.username)
    if stored is None:
        raise SignInFailed(f"'{user.username}' is not a stored user: add them with 'planning users add'")
    return issue(stored.username)


def identify(engine: Engine, claims: Mapping[str, Any]) -> User:
    """The user behind an OpenID Connect identity (``st.user``), by e-mail or preferred username.

    An identity not in the user table is a Viewer: signed in, reading only.
    """
    candidates = [claims.get(key) for key in ("email", "preferred_username", "upn")]
    for candidate in candidates:
        if isinstance(candidate, str) and candidate.strip():
            found = get_user(engine, candidate)
            if found is not None:
                return found
    label = next((c for c in candidates if isinstance(c, str) and c.strip()), "unknown")
    name = str(claims.get("name") or "")
    return User(username=str(label).strip().lower()[:200], role=VIEWER, display_name=name[:200])


def dev_user(engine: Engine | None, spec: str | None = None) -> User | None:
    """The development user named by ``spec`` (default ``$VEIKART_DEV_USER``), or ``None``.

    ``spec`` is a stored username, or a role (``coordinator``), or ``region_editor:HV`` (a
    regional role with its region, as ``board_secretary:HV``).
    Never set it on a shared server: whoever opens the app acts as this user.

    Raises
    ------
    ValueError
        When ``spec`` is neither a stored user nor a role.
    """
    spec = (os.environ.get(DEV_USER_VARIABLE, "") if spec is None else spec).strip()
    if not spec:
        return None
    if engine is not None:
        found = get_user(engine, spec)
        if found is not None:
            return found
    role, _, region = spec.partition(":")
    if role not in ROLES:
        raise ValueError(f"{DEV_USER_VARIABLE}='{spec}' is neither a stored user nor a role ({', '.join(ROLES)})")
    if (role in REGIONAL_ROLES) != bool(region):
        raise ValueError(
            f"{DEV_USER_VARIABLE}: write {role}:REGION for a regional role "
            f"({', '.join(sorted(REGIONAL_ROLES))}), a plain role otherwise"
        )
    return User(username=f"dev-{role}", role=role, region=region or None, display_name=f"Development {role}")
