"""Every write path obeys the role rules and leaves an audit entry, through the API and the CLI.

The paths: importing a file, loading the sample (``planning init``), saving and deleting a
scenario, running a scenario and approving a plan. For each, a role that may (stored, one
audit entry naming the user) and roles that may not (refused, nothing stored, no entry).
Domain tests run on SQLite and, where ``PLANNING_TEST_DATABASE_URL`` is set, on PostgreSQL.

The small portfolio (tests/conftest.py): regions A and B, initiatives X, Y, Z, scenario S.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine

from planning.cli import main
from planning.domain.loading import build_portfolio
from planning.domain.portfolio import Portfolio
from planning.io import write_csv_folder, write_json
from planning.io.importing import import_into_store
from planning.plans.baseline import approvals, approve_plan
from planning.plans.runs import delete_plan, list_plans, run_scenario
from planning.store.access import PermissionDenied, User
from planning.store.audit import audit_log
from planning.store.database import is_empty, load_portfolio, make_engine, upgrade
from planning.store.scenarios import delete_scenario, save_scenario
from planning.store.shared import import_portfolio_as, load_snapshot
from planning.store.users import add_user
from tests.conftest import small_raw_portfolio
from tests.test_access import ADMIN, COORDINATOR, EDITOR_A, STEERING, VIEWER

FAST: dict[str, Any] = {"explain": False, "time_limit": 10}
NOT_RUNNERS = [pytest.param(u, id=u.role if u else "anonymous") for u in (VIEWER, STEERING, EDITOR_A, None)]
NOT_APPROVERS = [pytest.param(u, id=u.role if u else "anonymous") for u in (COORDINATOR, VIEWER, EDITOR_A, None)]


def small(**extra: list[dict[str, Any]]) -> Portfolio:
    return build_portfolio({**small_raw_portfolio(), **extra})


@pytest.fixture
def engine(engines: Engine) -> Engine:
    """A database holding the small portfolio, imported by the admin."""
    import_portfolio_as(engine=engines, portfolio=small(), user=ADMIN, note="seed")
    return engines


def entries(engine: Engine, action: str) -> list[tuple[str, str, str]]:
    """(actor, table, row id) of each audit entry of ``action``, oldest first."""
    log = audit_log(engine, action=action)
    return list(zip(log["actor"], log["table"], log["row_id"], strict=True))


# --- the domain API -------------------------------------------------------------------


def test_an_import_by_an_admin_stores_versions_and_audits(engines: Engine, tmp_path: Path) -> None:
    path = tmp_path / "small.json"
    write_json(small(), path)
    outcome = import_into_store(engine=engines, path=path, user=ADMIN)
    assert outcome.stored
    assert load_portfolio(engine=engines).records("initiative") == small().records("initiative")
    assert load_snapshot(engines).version("initiative", "X") == 1
    log = audit_log(engines, action="import")
    assert log[["actor", "table", "note"]].values.tolist() == [["ada", "portfolio", str(path)]]
    assert log.at[0, "after"]["initiative"] == {"insert": 3}


@pytest.mark.parametrize("user", [VIEWER, STEERING, EDITOR_A, None], ids=["viewer", "steering", "editor_a", "anon"])
def test_an_import_by_a_role_that_may_not_stores_nothing(engines: Engine, tmp_path: Path, user: User | None) -> None:
    path = tmp_path / "small.json"
    write_json(small(), path)
    with pytest.raises(PermissionDenied):  # a region editor may import, but not other regions' rows
        import_into_store(engine=engines, path=path, user=user)
    assert is_empty(engines) and audit_log(engines).empty


def test_a_run_by_a_coordinator_is_stored_and_audited_and_readable_by_all(engine: Engine) -> None:
    stored = run_scenario(engine, load_portfolio(engine=engine), "S", user=COORDINATOR, **FAST)
    assert entries(engine, "run") == [("cora", "plan_run", str(stored.id))]
    after = audit_log(engine, action="run").at[0, "after"]
    assert after["scenario"] == "S" and after["status"] == stored.plan.facts.status
    again = run_scenario(engine, load_portfolio(engine=engine), "S", user=VIEWER, **FAST)
    assert again.from_cache and again.id == stored.id  # reading the stored plan needs no right
    assert len(entries(engine, "run")) == 1


@pytest.mark.parametrize("user", NOT_RUNNERS)
def test_a_run_by_a_role_that_may_not_stores_nothing(engine: Engine, user: User | None) -> None:
    with pytest.raises(PermissionDenied, match=r"may not run|sign in to run"):
        run_scenario(engine, load_portfolio(engine=engine), "S", user=user, **FAST)
    assert list_plans(engine).empty and entries(engine, "run") == []


def test_a_viewer_may_neither_refresh_nor_delete_a_stored_plan_and_a_coordinator_may(engine: Engine) -> None:
    stored = run_scenario(engine, load_portfolio(engine=engine), "S", user=COORDINATOR, **FAST)
    with pytest.raises(PermissionDenied):
        run_scenario(engine, load_portfolio(engine=engine), "S", user=VIEWER, refresh=True, **FAST)
    with pytest.raises(PermissionDenied):
        delete_plan(engine, stored.id, user=VIEWER)
    assert len(list_plans(engine)) == 1 and entries(engine, "delete") == []
    delete_plan(engine, stored.id, user=COORDINATOR)
    assert list_plans(engine).empty and entries(engine, "delete") == [("cora", "plan_run", str(stored.id))]


def test_an_approval_by_a_steering_member_is_audited_with_what_it_superseded(engine: Engine) -> None:
    portfolio = load_portfolio(engine=engine)
    first = run_scenario(engine, portfolio, "S", user=COORDINATOR, **FAST)
    second = run_scenario(engine, portfolio, "S", user=COORDINATOR, refresh=True, **FAST)
    a1 = approve_plan(engine, first.id, by="Styringsgruppen", comment="Vedtatt", user=STEERING)
    a2 = approve_plan(engine, second.id, by="Styringsgruppen", user=STEERING)
    assert entries(engine, "approve") == [
        ("stein", "plan_approval", str(a1.id)),
        ("stein", "plan_approval", str(a2.id)),
    ]
    log = audit_log(engine, action="approve")
    assert log.at[0, "after"] == {"plan_id": first.id, "comment": "Vedtatt", "superseded": []}
    assert log.at[1, "after"]["superseded"] == [a1.id]


@pytest.mark.parametrize("user", NOT_APPROVERS)
def test_an_approval_by_a_role_that_may_not_stores_nothing(engine: Engine, user: User | None) -> None:
    stored = run_scenario(engine, load_portfolio(engine=engine), "S", user=COORDINATOR, **FAST)
    with pytest.raises(PermissionDenied, match=r"may not approve|sign in to approve"):
        approve_plan(engine, stored.id, by="Styringsgruppen", user=user)
    assert approvals(engine) == [] and entries(engine, "approve") == []


def test_scenario_saves_and_deletes_are_versioned_and_audited(engine: Engine) -> None:
    save_scenario(engine, {"id": "Ny", "budget_factor": 0.8}, user=COORDINATOR)
    save_scenario(engine, {"id": "S", "ambition": {"A": "Basis"}, "forced_in": ["X"]}, user=EDITOR_A)  # own region
    delete_scenario(engine, "Ny", user=COORDINATOR)
    log = audit_log(engine, table="scenario")
    rows = log[["actor", "action", "row_id", "version"]].values.tolist()
    assert rows[1:] == [["cora", "insert", "Ny", 1], ["reka", "update", "S", 2], ["cora", "delete", "Ny", 2]]
    assert log.at[2, "before"]["ambition"] == {"A": "Lav"} and log.at[2, "after"]["ambition"] == {"A": "Basis"}
    assert list(load_portfolio(engine=engine).scenarios.index) == ["S"]


@pytest.mark.parametrize(
    ("user", "row"),
    [
        pytest.param(VIEWER, {"id": "Ny"}, id="viewer-new"),
        pytest.param(STEERING, {"id": "S", "budget_factor": 0.5, "ambition": {"A": "Lav"}}, id="steering"),
        pytest.param(EDITOR_A, {"id": "S", "budget_factor": 0.5, "ambition": {"A": "Lav"}}, id="editor-not-ambition"),
        pytest.param(None, {"id": "Ny"}, id="anonymous"),
    ],
)
def test_a_scenario_save_or_delete_by_a_role_that_may_not_stores_nothing(
    engine: Engine, user: User | None, row: dict[str, Any]
) -> None:
    before = load_snapshot(engine)
    with pytest.raises(PermissionDenied):
        save_scenario(engine, {"forced_in": ["X"], **row}, user=user)
    with pytest.raises(PermissionDenied):
        delete_scenario(engine, "S", user=user)
    after = load_snapshot(engine)
    assert after.portfolio.records("scenario") == before.portfolio.records("scenario")
    assert after.versions == before.versions and audit_log(engine, table="scenario").shape[0] == 1


# --- the command line -----------------------------------------------------------------


def cli(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """An SQLite file with the users ada (admin), kari (coordinator), ola (steering), vera (viewer)."""
    monkeypatch.delenv("VEIKART_USER", raising=False)
    monkeypatch.delenv("VEIKART_DEV_USER", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    address = f"sqlite:///{tmp_path / 'veikart.db'}"
    engine = make_engine(address)
    upgrade(engine)
    admin = add_user(engine, username="ada", role="admin", by=None)
    for name, role in (("kari", "coordinator"), ("ola", "steering"), ("vera", "viewer")):
        add_user(engine, username=name, role=role, by=admin)
    engine.dispose()
    return address


def audit(url: str, action: str) -> list[tuple[str, str, str]]:
    engine = make_engine(url)
    try:
        return entries(engine, action)
    finally:
        engine.dispose()


def test_planning_import_needs_a_user_who_may(url: str, tmp_path: Path) -> None:
    write_csv_folder(small(), tmp_path / "csv")
    for who in ([], ["--as", "vera"], ["--as", "kari"]):  # a coordinator may not change funding pools
        code, _, err = cli("import", tmp_path / "csv", "--database-url", url, *who)
        assert code == 1 and len(err.strip().splitlines()) == 1 and err.startswith("error: not imported:"), err
        assert "Traceback" not in err
    assert "--as USERNAME" in cli("import", tmp_path / "csv", "--database-url", url)[2]
    code, out, _ = cli("import", tmp_path / "csv", "--database-url", url, "--as", "vera", "--json")
    assert code == 1 and json.loads(out)["stored"] is False and "vera (Viewer) may not import" in out
    assert audit(url, "import") == [] and [e for e in audit(url, "insert") if e[1] != "app_user"] == []
    code, out, _ = cli("import", tmp_path / "csv", "--database-url", url, "--as", "ada")
    assert code == 0 and "Imported" in out
    assert audit(url, "import") == [("ada", "portfolio", "*")]
    code, _, err = cli("import", tmp_path / "csv", "--database-url", url, "--as", "nobody")
    assert code == 1 and "no such user" in err


def test_planning_run_approve_and_compare_obey_roles(url: str, tmp_path: Path) -> None:
    write_json(
        small(scenario=[{"id": "S", "forced_in": ["X"]}, {"id": "T", "budget_factor": 0.8}]), tmp_path / "p.json"
    )
    assert cli("import", tmp_path / "p.json", "--database-url", url, "--as", "ada")[0] == 0
    code, _, err = cli("compare", "S", "T", "--database-url", url)  # read-only: open, but stores nothing
    assert code == 0 and audit(url, "run") == [], err
    for who in ([], ["--as", "vera"], ["--as", "ola"]):
        code, _, err = cli("run", "S", "--time-limit", "10", "--database-url", url, *who)
        assert code == 1 and len(err.strip().splitlines()) == 1 and "run" in err, err
    assert audit(url, "run") == []
    code, out, _ = cli("run", "S", "--time-limit", "10", "--database-url", url, "--as", "kari")
    assert code == 0 and out.startswith("Plan 1 for S")
    assert audit(url, "run") == [("kari", "plan_run", "1")]
    approve = ("approve", "1", "--by", "Styringsgruppen", "--comment", "Vedtatt", "--database-url", url)
    code, _, err = cli(*approve, "--as", "kari")
    assert code == 1 and "may not approve" in err and len(err.strip().splitlines()) == 1
    assert audit(url, "approve") == []
    code, out, _ = cli(*approve, "--as", "ola")
    assert code == 0 and "plan of record" in out
    assert audit(url, "approve") == [("ola", "plan_approval", "1")]


def test_planning_init_imports_the_sample_as_the_system_user_once(url: str, tmp_path: Path) -> None:
    write_csv_folder(small(), tmp_path / "sample")
    init = ("init", "--database-url", url, "--sample", tmp_path / "sample")
    assert cli(*init)[0] == 0
    engine = make_engine(url)
    try:
        assert audit_log(engine, action="import")[["actor", "note"]].values.tolist() == [["system", "sample"]]
        assert load_snapshot(engine).version("initiative", "X") == 1
        count = len(audit_log(engine))
        assert cli(*init) == (0, "The database already holds a portfolio; nothing loaded.\n", "")
        assert len(audit_log(engine)) == count
    finally:
        engine.dispose()
