"""Scenario versions, restores and drafts on SQLite and PostgreSQL (``engines``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, select

from planning.domain.loading import build_portfolio
from planning.domain.models import Scenario
from planning.store.access import PermissionDenied
from planning.store.audit import SYSTEM, audit_log, record
from planning.store.database import MIGRATIONS, load_portfolio, make_engine, save_portfolio, transaction, upgrade
from planning.store.scenario_drafts import discard_draft, load_draft, save_draft
from planning.store.scenario_history import (
    HistoryIsAppendOnly,
    ScenarioVersion,
    names_with_history,
    scenario_history,
    version_changes,
)
from planning.store.scenarios import (
    ScenarioExists,
    delete_scenario,
    free_name,
    restore_scenario,
    save_scenario,
    scenario_changes,
    working_changes,
)
from planning.store.shared import ConflictError, import_portfolio_as, load_snapshot
from tests.conftest import small_raw_portfolio
from tests.test_access import ADMIN, COORDINATOR, EDITOR_A, VIEWER

S = {"id": "S", "ambition": {"A": "Lav"}, "forced_in": ["X"]}
"""Scenario S of the small portfolio, as stored."""


@pytest.fixture
def engine(engines: Engine) -> Engine:
    """A database holding the small portfolio, imported by the admin (scenario S at version 1)."""
    import_portfolio_as(engine=engines, portfolio=build_portfolio(small_raw_portfolio()), user=ADMIN, note="seed")
    return engines


def kept(engine: Engine, name: str = "S") -> list[tuple[int, str, str, float | None]]:
    """(version, kind, saved by, budget factor) of each kept version of ``name``."""
    return [
        (v.version, v.kind, v.saved_by, None if v.content is None else v.content["budget_factor"])
        for v in scenario_history(engine, name)
    ]


def test_every_save_keeps_a_version_with_who_and_when_and_the_earlier_ones_stay(engine: Engine) -> None:
    assert kept(engine) == [(1, "insert", "ada", 1.0)]
    save_scenario(engine, {**S, "budget_factor": 0.8}, user=COORDINATOR)
    save_scenario(engine, {**S, "budget_factor": 0.8, "ambition": {"A": "Basis"}}, user=EDITOR_A)  # own region
    assert kept(engine) == [(1, "insert", "ada", 1.0), (2, "update", "cora", 0.8), (3, "update", "reka", 0.8)]
    history = scenario_history(engine, "S")
    assert history[1].saved_at is not None and history[1].row_version == 2
    assert history[1].batch == audit_log(engine, table="scenario", action="update").at[0, "batch"]
    changes = version_changes(history)
    assert [str(c) for c in changes[1]] == ["budget_factor: 1.0 → 0.8"]
    assert [str(c) for c in changes[2]] == ["ambition.A: 'Lav' → 'Basis'"]
    assert history[0].content == {**Scenario.model_validate(S).model_dump(), "forced_in": ["X"]}


def test_a_refused_save_keeps_no_version(engine: Engine) -> None:
    with pytest.raises(PermissionDenied):
        save_scenario(engine, {**S, "budget_factor": 0.5}, user=VIEWER)
    assert kept(engine) == [(1, "insert", "ada", 1.0)]


def test_save_as_new_never_replaces_a_stored_scenario(engine: Engine) -> None:
    save_scenario(engine, {"id": "Ny", "budget_factor": 0.9}, user=COORDINATOR, new=True)
    with pytest.raises(ScenarioExists, match="'S' is already stored"):
        save_scenario(engine, {**S, "budget_factor": 0.1}, user=COORDINATOR, new=True)
    assert load_portfolio(engine=engine).scenarios.at["S", "budget_factor"] == 1.0
    assert kept(engine, "Ny") == [(1, "insert", "cora", 0.9)]


def test_an_overwrite_from_a_stale_read_is_refused_and_names_the_other_change(engine: Engine) -> None:
    read = load_snapshot(engine).version("scenario", "S")
    save_scenario(engine, {**S, "budget_factor": 0.8}, user=ADMIN, expected_version=read)
    with pytest.raises(ConflictError, match="changed by ada") as refused:
        save_scenario(engine, {**S, "budget_factor": 0.5}, user=COORDINATOR, expected_version=read)
    assert "budget_factor: 1.0 → 0.8" in str(refused.value)
    with pytest.raises(ConflictError):  # "new" read as version 0, but someone stored it meanwhile
        save_scenario(engine, {"id": "S", "budget_factor": 0.5}, user=COORDINATOR, expected_version=0)
    assert kept(engine)[-1] == (2, "update", "ada", 0.8)


def test_restoring_makes_a_new_version_audited_as_a_restore(engine: Engine) -> None:
    save_scenario(engine, {**S, "budget_factor": 0.8, "description": "cut"}, user=COORDINATOR)
    restored = restore_scenario(engine, "S", 1, user=ADMIN)
    assert restored is not None and (restored.version, restored.restored_from) == (3, 1)
    assert kept(engine) == [(1, "insert", "ada", 1.0), (2, "update", "cora", 0.8), (3, "update", "ada", 1.0)]
    stored = load_portfolio(engine=engine).scenarios.loc["S"]
    assert (stored["budget_factor"], stored["description"]) == (1.0, "")
    entry = audit_log(engine, table="scenario", action="update").iloc[-1]
    assert (entry["actor"], entry["version"], entry["note"]) == ("ada", 3, "restored from version 1")
    assert entry["after"]["budget_factor"] == 1.0 and entry["before"]["budget_factor"] == 0.8
    assert restore_scenario(engine, "S", 3, user=ADMIN) is None  # already that version: nothing new
    with pytest.raises(LookupError, match="no version 9; kept versions: 1, 2, 3"):
        restore_scenario(engine, "S", 9, user=ADMIN)
    with pytest.raises(PermissionDenied):
        restore_scenario(engine, "S", 2, user=VIEWER)
    assert len(scenario_history(engine, "S")) == 3


def test_a_restore_from_a_stale_read_is_refused(engine: Engine) -> None:
    read = load_snapshot(engine).version("scenario", "S")
    save_scenario(engine, {**S, "budget_factor": 0.8}, user=COORDINATOR)
    with pytest.raises(ConflictError):
        restore_scenario(engine, "S", 1, user=ADMIN, expected_version=read)
    assert kept(engine)[-1][3] == 0.8


def test_a_deleted_scenario_keeps_its_history_and_can_be_restored(engine: Engine) -> None:
    delete_scenario(engine, "S", user=COORDINATOR)
    assert kept(engine) == [(1, "insert", "ada", 1.0), (2, "delete", "cora", None)]
    assert "S" in names_with_history(engine) and "S" not in load_portfolio(engine=engine).scenarios.index
    with pytest.raises(ValueError, match="is its deletion"):
        restore_scenario(engine, "S", 2, user=COORDINATOR)
    restore_scenario(engine, "S", 1, user=COORDINATOR)
    assert kept(engine)[-1] == (3, "insert", "cora", 1.0)
    assert load_portfolio(engine=engine).scenarios.at["S", "ambition"] == {"A": "Lav"}


def test_a_scenario_stored_without_history_is_kept_before_its_first_versioned_change(engines: Engine) -> None:
    save_portfolio(engine=engines, portfolio=build_portfolio(small_raw_portfolio()))  # no versions, no audit
    assert scenario_history(engines, "S") == []
    save_scenario(engines, {**S, "budget_factor": 0.6}, user=COORDINATOR)
    assert kept(engines) == [(1, "unrecorded", "", 1.0), (2, "update", "cora", 0.6)]
    assert scenario_history(engines, "S")[0].saved_at is None
    restore_scenario(engines, "S", 1, user=COORDINATOR)
    assert load_portfolio(engine=engines).scenarios.at["S", "budget_factor"] == 1.0


def test_kept_versions_can_be_neither_changed_nor_deleted(engine: Engine) -> None:
    with Session(engine) as session:
        version = session.exec(select(ScenarioVersion)).first()
        assert version is not None
        version.note = "rewritten"
        with pytest.raises(HistoryIsAppendOnly):
            session.flush()
    for statement in ("UPDATE scenario_version SET note = 'x'", "DELETE FROM scenario_version"):
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
            connection.execute(text(statement))
    assert len(scenario_history(engine, "S")) == 1


def test_an_existing_database_gets_its_history_from_the_audit_trail_and_the_stored_rows(engines: Engine) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    raw = small_raw_portfolio()
    raw["scenario"].append({"id": "T", "budget_factor": 0.9})
    save_portfolio(engine=engines, portfolio=build_portfolio(raw))
    # added by later migrations: never in a trail written under 0004
    later = ("confidence", "confidence_scope", "release_obligations")
    dumped = Scenario.model_validate(S).model_dump()
    stored = {**{k: v for k, v in dumped.items() if k not in later}, "budget_factor": 1.0}
    with transaction(engines) as session:  # an entry as the store's own write paths append it
        record(
            session,
            user=COORDINATOR,
            action="update",
            table="scenario",
            row_id="S",
            before={**stored, "budget_factor": 0.5},
            after=stored,
            version=1,
        )
    # the rows and the audit trail as 0004 knew them (a raw save writes no history), then upgraded
    with engines.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0004")
    with engines.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    assert kept(engines) == [(1, "unrecorded", "", 0.5), (2, "update", "cora", 1.0)]  # S as stored now: no third
    assert kept(engines, "T") == [(1, "unrecorded", "", 0.9)]
    save_scenario(engines, {**S, "budget_factor": 0.7}, user=SYSTEM)
    assert [v.version for v in scenario_history(engines, "S")] == [1, 2, 3]


def test_what_a_save_would_change_is_told_field_by_field() -> None:
    stored = Scenario.model_validate({"id": "Basis", "ambition": {"HSO": "Basis", "HN": "Basis"}})
    working = Scenario.model_validate({"id": "Basis", "ambition": {"HSO": "Lav", "HN": "Basis"}, "budget_factor": 0.8})
    assert [str(c) for c in scenario_changes(stored, working)] == [
        "ambition.HSO: 'Basis' → 'Lav'",
        "budget_factor: 1.0 → 0.8",
    ]
    portfolio = build_portfolio(small_raw_portfolio())
    same = Scenario.model_validate({"id": "S", "ambition": {"A": "Lav"}, "forced_in": ["X"]})
    assert working_changes(portfolio, same) == []
    assert [c.name for c in working_changes(portfolio, same.model_copy(update={"forced_in": []})) or []] == [
        "forced_in"
    ]
    assert working_changes(portfolio, same.model_copy(update={"id": "Ny"})) is None  # not stored


def test_a_free_name_for_a_copy() -> None:
    assert free_name(["Basis"], "Basis", "kopi") == "Basis (kopi)"
    assert free_name(["Basis", "Basis (kopi)", "Basis (kopi 2)"], "Basis", "kopi") == "Basis (kopi 3)"
    assert free_name(["Basis", "Basis (kopi)"], "Basis (kopi)", "kopi") == "Basis (kopi 2)"  # not "(kopi) (kopi)"
    long = free_name([], "x" * 64, "copy")
    assert len(long) == 64 and long.endswith(" (copy)")


def test_a_draft_per_user_is_kept_replaced_and_discarded(engine: Engine) -> None:
    working = Scenario.model_validate({**S, "budget_factor": 0.8})
    save_draft(engine, COORDINATOR, working)
    save_draft(engine, ADMIN, Scenario.model_validate(S))
    save_draft(engine, None, working)  # anonymous: nothing kept
    draft = load_draft(engine, COORDINATOR)
    assert draft is not None and draft.scenario == working
    save_draft(engine, COORDINATOR, working.model_copy(update={"budget_factor": 0.7}))
    assert (again := load_draft(engine, COORDINATOR)) is not None and again.scenario.budget_factor == 0.7
    assert (other := load_draft(engine, ADMIN)) is not None and other.scenario.budget_factor == 1.0
    assert load_draft(engine, None) is None and load_draft(engine, VIEWER) is None
    discard_draft(engine, COORDINATOR)
    assert load_draft(engine, COORDINATOR) is None and load_draft(engine, ADMIN) is not None
    assert audit_log(engine, table="scenario_draft").empty  # personal working state, not audited


def test_a_draft_that_no_longer_fits_the_rules_is_not_restored(engine: Engine) -> None:
    save_draft(engine, COORDINATOR, Scenario.model_validate(S))
    with engine.begin() as connection:
        connection.execute(text("""UPDATE scenario_draft SET scenario = '{"id": "S", "budget_factor": -1}'"""))
    assert load_draft(engine, COORDINATOR) is None


def test_drafts_survive_a_new_engine(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/drafts.db"
    first = make_engine(url)
    upgrade(first)
    save_draft(first, COORDINATOR, Scenario.model_validate({**S, "budget_factor": 0.8}))
    first.dispose()
    second = make_engine(url)
    draft = load_draft(second, COORDINATOR)
    assert draft is not None and draft.scenario.budget_factor == 0.8
    second.dispose()
