"""planning users / rows / audit through click's test runner: roles, conflicts, bad input, exports.

Runs on an SQLite file and, where configured, on a fresh PostgreSQL schema.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from argon2 import PasswordHasher
from click.testing import CliRunner, Result
from sqlalchemy import Engine, inspect

from planning.cli import main
from planning.domain.loading import build_portfolio
from planning.store import users
from planning.store.database import load_portfolio, make_engine, upgrade
from planning.store.shared import import_portfolio_as, load_snapshot
from planning.store.users import DEV_USER_VARIABLE, add_user, get_user
from tests.conftest import _database_params, small_raw_portfolio


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(users, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    monkeypatch.delenv(DEV_USER_VARIABLE, raising=False)
    monkeypatch.delenv("VEIKART_USER", raising=False)


@pytest.fixture(params=_database_params())
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database with the small portfolio and users ada (admin), cora (coordinator),
    reka (region editor for A), stein (steering) and vera (viewer)."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'veikart.db'}")
        upgrade(engine)
    else:
        engine = request.getfixturevalue("postgres_engine")
    address = engine.url.render_as_string(hide_password=False)
    assert (
        run(
            address, "users", "add", "ada", "--role", "admin", "--password-stdin", input="ada's long password\n"
        ).exit_code
        == 0
    )
    import_portfolio_as(engine=engine, portfolio=build_portfolio(small_raw_portfolio()), user=get_user(engine, "ada"))
    admin = get_user(engine, "ada")
    for name, role in [("cora", "coordinator"), ("reka", "region_editor"), ("stein", "steering"), ("vera", "viewer")]:
        add_user(engine, username=name, role=role, region="A" if role == "region_editor" else None, by=admin)
    yield address
    if request.param == "sqlite":
        engine.dispose()


def run(url: str, *args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(main, [*args, "--database-url", url], input=input)


def engine_of(url: str) -> Engine:
    return make_engine(url)


def test_only_an_admin_manages_users_on_the_command_line(url: str) -> None:
    refused = run(url, "users", "add", "eve", "--role", "admin")
    assert refused.exit_code == 1 and "sign in to manage users" in refused.output
    for who in ("cora", "reka", "stein", "vera"):
        result = run(url, "users", "set-role", "vera", "coordinator", "--as", who)
        assert result.exit_code == 1 and "may not manage users: only Admin may" in result.output
    assert run(url, "users", "set-role", "vera", "steering", "--as", "ada").exit_code == 0
    listed = run(url, "users", "list", "--json")
    rows = {row["username"]: row for row in json.loads(listed.output)}
    assert (rows["vera"]["role"], rows["reka"]["region"], rows["ada"]["has_password"]) == ("steering", "A", True)
    assert "argon2" not in listed.output
    unknown = run(url, "users", "list", "--as", "nobody")
    assert unknown.exit_code == 2  # list takes no --as


EDITS = [
    ("initiative", "X", "total_cost", ("11", "10"), {"ada", "cora", "reka"}),
    ("initiative", "Y", "total_cost", ("7", "6"), {"ada", "cora"}),
    ("envelope", "A/2026/Basis", "amount", ("120", "100"), {"ada", "reka"}),
    ("measurement", "BX/2027", "value", ("2", "1.5"), {"ada", "reka"}),
    ("scenario", "S", "ambition", ("A=Basis", "A=Lav"), {"ada", "cora", "reka"}),
    ("scenario", "S", "budget_factor", ("0.9", "1"), {"ada", "cora"}),
    ("funding_pool", "B", "name", ("Region Beta", "Region B"), {"ada"}),
]
"""(table, row, field, (a new value, the original), who may set it)."""


def test_each_role_edits_exactly_what_its_rules_allow_on_the_command_line(url: str) -> None:
    for table, row_id, field, values, allowed in EDITS:
        landed: set[str] = set()
        for who in ("vera", "stein", "reka", "cora", "ada"):
            value = values[len(landed) % 2]  # always a real change from what is stored
            result = run(url, "rows", "set", table, row_id, f"{field}={value}", "--as", who)
            assert result.exit_code in (0, 1), result.output
            if result.exit_code == 0:
                landed.add(who)
            else:
                assert "may not" in result.output
        assert landed == allowed, (table, field)
    anonymous = run(url, "rows", "set", "initiative", "X", "total_cost=1")
    assert anonymous.exit_code == 1 and "sign in to" in anonymous.output


def test_a_stale_version_is_refused_with_the_other_change(url: str) -> None:
    assert (
        run(url, "rows", "set", "initiative", "X", "name=X two", "--expect-version", "1", "--as", "cora").exit_code == 0
    )
    stale = run(url, "rows", "set", "initiative", "X", "total_cost=3", "--expect-version", "1", "--as", "reka")
    assert stale.exit_code == 1
    assert "initiative 'X' was changed by cora at" in stale.output and "name: 'X' → 'X two'" in stale.output
    shown = json.loads(run(url, "rows", "show", "initiative", "X").output)
    assert (shown["version"], shown["row"]["name"], shown["row"]["total_cost"]) == (2, "X two", 10.0)


def test_bad_input_gets_a_clear_error_and_changes_nothing(url: str) -> None:
    cases = [
        (("users", "add", "robert'); DROP TABLE app_user;--", "--role", "viewer"), "is not a valid username"),
        (("users", "add", "ola", "--role", "viewer", "--display-name", "x" * 201), "longer than 200 characters"),
        (("users", "add", "ola", "--role", "region_editor", "--region", "Q"), "'Q' is not a region"),
        (("rows", "set", "initiative", "X", "description=" + "d" * 4001), "at most 4000 characters"),
        (("rows", "set", "initiative", "X", "colour=red"), "is not FIELD=VALUE with a column of initiative"),
        (("rows", "set", "initiative", "X", "total_cost=lots"), "total_cost"),
        (("rows", "set", "initiative", "I" * 65, "name=Long"), "at most 64 characters"),
        (("rows", "delete", "initiative", "NOPE"), "no initiative row with id 'NOPE'"),
        (("rows", "show", "initiative", "x'; DROP TABLE initiative;--"), "no initiative row with id"),
    ]
    for args, message in cases:
        result = run(url, *args, "--as", "ada") if args[1] != "show" else run(url, *args)
        assert result.exit_code == 1, (args, result.output)
        assert message in result.output, (args, result.output)
    assert (
        run(
            url, "users", "add", "ola", "--role", "viewer", "--password-stdin", "--as", "ada", input="short\n"
        ).exit_code
        == 1
    )
    assert run(url, "rows", "set", "nosuchtable", "X", "name=x", "--as", "ada").exit_code == 2
    assert run(url, "audit", "export", "audit.txt").exit_code == 2
    engine = engine_of(url)
    assert load_portfolio(engine=engine).initiatives.at["X", "name"] == "X"
    assert "app_user" in inspect(engine).get_table_names()
    engine.dispose()


def test_injection_attempts_are_stored_as_plain_text_and_exported_as_text(url: str, tmp_path: Path) -> None:
    sql = "Robert'); DROP TABLE initiative;--"
    formula = '=HYPERLINK("http://evil.example","click")'
    assert run(url, "rows", "set", "initiative", "X", f"name={sql}", "--as", "cora").exit_code == 0
    assert run(url, "rows", "set", "initiative", "Z", f"name={formula}", "--as", "cora").exit_code == 0
    engine = engine_of(url)
    stored = load_snapshot(engine).portfolio.initiatives
    assert (stored.at["X", "name"], stored.at["Z", "name"]) == (sql, formula)
    engine.dispose()
    assert run(url, "export", str(tmp_path / "p.xlsx")).exit_code == 0
    sheet = openpyxl.load_workbook(tmp_path / "p.xlsx")["initiative"]
    cell = next(row[1] for row in sheet.iter_rows(min_row=2) if row[0].value == "Z")
    assert (cell.value, cell.data_type) == (formula, "s")  # text, never a formula
    assert run(url, "audit", "export", str(tmp_path / "a.csv"), "--table", "initiative").exit_code == 0
    with (tmp_path / "a.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    after = [row["after"] for row in rows if row["row_id"] == "Z" and row["action"] == "update"]
    assert after and all(not text.startswith(("=", "+", "-", "@")) for row in rows for text in row.values())
    assert run(url, "audit", "export", str(tmp_path / "a.json"), "--user", "cora").exit_code == 0
    entries = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert [e["after"]["name"] for e in entries] == [sql, formula]


def test_audit_show_and_export_filter_by_time_user_table_and_action(url: str, tmp_path: Path) -> None:
    run(url, "rows", "set", "initiative", "X", "total_cost=11", "--as", "cora")
    shown = json.loads(run(url, "audit", "show", "--user", "cora", "--json").output)
    assert [(e["action"], e["table"], e["row_id"], e["version"]) for e in shown] == [("update", "initiative", "X", 2)]
    assert run(url, "audit", "show", "--since", "2999-01-01").output.strip() == "No audit entries match."
    assert "ada (admin)  import portfolio *" in run(url, "audit", "show", "--action", "import").output
    result = run(url, "audit", "export", str(tmp_path / "all.csv"), "--until", "2999-01-01")
    assert result.exit_code == 0 and "Wrote 23 audit entries" in result.output
