"""Each signed-in user's working scenario, kept in the store as a draft between sessions.

A draft is personal working state, not shared data: one per user, written whenever the
user's working scenario changes (an ambition level, the budget level, loading, saving,
restoring), read back when the user opens the app again. It is not audited and needs no
write right: a Viewer may explore scenarios too. Nobody reads another user's draft, and
anonymous visitors have none (their working scenario lives in the browser session only).

After a save the draft is kept, equal to what was saved, so the next session opens the
scenario last worked on; unsaved changes are exactly the draft's differences from the
stored scenario of the same name (:func:`planning.store.scenarios.working_changes`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from sqlalchemy import JSON, Column, Engine, delete
from sqlmodel import Field, Session, SQLModel

from planning.domain.changes import jsonable
from planning.domain.models import Scenario
from planning.store.access import User
from planning.store.audit import now
from planning.store.database import transaction


class ScenarioDraft(SQLModel, table=True):
    """One user's working scenario."""

    __tablename__ = "scenario_draft"
    username: str = Field(primary_key=True, max_length=200)
    scenario: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False), description="The scenario's fields.")
    saved_at: dt.datetime = Field(description="When the draft was last written (UTC).")


@dataclass(frozen=True)
class Draft:
    """A user's working scenario as last kept, and when."""

    scenario: Scenario
    saved_at: dt.datetime


def save_draft(engine: Engine, user: User | None, scenario: Scenario) -> None:
    """Keep ``scenario`` as ``user``'s working scenario (nothing for an anonymous visitor)."""
    if user is None:
        return
    values = jsonable(scenario.model_dump())
    with transaction(engine) as session:
        session.merge(ScenarioDraft(username=user.username, scenario=values, saved_at=now()))


def load_draft(engine: Engine, user: User | None) -> Draft | None:
    """``user``'s working scenario as last kept; ``None`` when there is none or it no longer
    fits the scenario's rules (it is then left for the next :func:`save_draft` to replace)."""
    if user is None:
        return None
    with Session(engine) as session:
        row = session.get(ScenarioDraft, user.username)
        if row is None:
            return None
        try:
            return Draft(Scenario.model_validate(row.scenario), row.saved_at)
        except ValidationError:
            return None


def discard_draft(engine: Engine, user: User | None) -> None:
    """Forget ``user``'s working scenario."""
    if user is None:
        return
    with transaction(engine) as session:
        session.execute(delete(ScenarioDraft).where(ScenarioDraft.username == user.username))  # type: ignore[arg-type]
