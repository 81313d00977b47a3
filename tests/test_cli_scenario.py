"""planning scenario history / restore through click's test runner, on SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from planning.cli import main
from planning.store.audit import audit_log
from planning.store.database import load_portfolio
from planning.store.scenario_history import scenario_history
from planning.store.scenarios import save_scenario
from planning.store.users import get_user
from tests.test_cli_users import cheap_hashes, engine_of, run, url

__all__ = ["cheap_hashes", "url"]  # fixtures shared with test_cli_users

S = {"id": "S", "ambition": {"A": "Lav"}, "forced_in": ["X"]}


@pytest.mark.parametrize("command", ["history", "restore"])
def test_help_shows_an_example_and_the_exit_codes(command: str) -> None:
    result = CliRunner().invoke(main, ["scenario", command, "--help"])
    assert result.exit_code == 0 and "Example:" in result.output and "Exit codes:" in result.output


def test_history_lists_each_version_and_restore_brings_one_back_as_the_newest(url: str) -> None:
    engine = engine_of(url)
    save_scenario(engine, {**S, "budget_factor": 0.8}, user=get_user(engine, "cora"))
    listed = run(url, "scenario", "history", "S")
    assert listed.exit_code == 0, listed.output
    lines = listed.output.splitlines()
    assert lines[1].split()[:3] == ["1", "ada", lines[1].split()[2]] and "insert" in lines[1]
    assert "cora" in lines[2] and "update" in lines[2] and "budget_factor: 1.0 → 0.8" in lines[2]
    restored = run(url, "scenario", "restore", "S", "1", "--as", "ada")
    assert restored.exit_code == 0 and "Restored version 1 of scenario S as version 3." in restored.output
    assert load_portfolio(engine=engine).scenarios.at["S", "budget_factor"] == 1.0
    again = run(url, "scenario", "restore", "S", "3", "--as", "ada")
    assert again.exit_code == 0 and "already holds version 3; nothing changed" in again.output
    data = json.loads(run(url, "scenario", "history", "S", "--json").output)
    assert [(v["version"], v["restored_from"], v["saved_by"]) for v in data["versions"]] == [
        (1, None, "ada"),
        (2, None, "cora"),
        (3, 1, "ada"),
    ]
    assert audit_log(engine, table="scenario").iloc[-1]["note"] == "restored from version 1"
    engine.dispose()


def test_restore_is_refused_for_a_viewer_an_unknown_version_and_a_stale_read(url: str) -> None:
    engine = engine_of(url)
    save_scenario(engine, {**S, "budget_factor": 0.8}, user=get_user(engine, "cora"))
    viewer = run(url, "scenario", "restore", "S", "1", "--as", "vera")
    assert viewer.exit_code == 1 and "vera" in viewer.output and "may not update scenario 'S'" in viewer.output
    unknown = run(url, "scenario", "restore", "S", "7", "--as", "ada")
    assert unknown.exit_code == 1 and "no version 7; kept versions: 1, 2" in unknown.output
    stale = run(url, "scenario", "restore", "S", "1", "--expect-version", "1", "--as", "ada")
    assert stale.exit_code == 1 and "changed by cora" in stale.output and "nothing was written" in stale.output
    missing = run(url, "scenario", "history", "Nope")
    assert missing.exit_code == 1 and "no versions of scenario 'Nope'" in missing.output
    assert len(scenario_history(engine, "S")) == 2
    engine.dispose()
