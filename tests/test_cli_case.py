"""planning case: open, decide, status, revise and paper through click's test runner, as the --as users.

On an SQLite file with the small store of tests/cases.py (regions A and B).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from planning.cli import main
from planning.cli.case import parse_cap
from planning.plans.runs import run_scenario
from planning.store.database import load_portfolio, make_engine, save_portfolio, upgrade
from planning.store.users import DEV_USER_VARIABLE, add_user
from tests.cases import COORDINATOR, small_portfolio, stored_counts


@pytest.fixture
def url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The small store with plan 1 of scenario S and users for every role that takes part."""
    monkeypatch.delenv(DEV_USER_VARIABLE, raising=False)
    monkeypatch.delenv("VEIKART_USER", raising=False)
    engine = make_engine(f"sqlite:///{tmp_path / 'veikart.db'}")
    upgrade(engine)
    save_portfolio(engine=engine, portfolio=small_portfolio())
    run_scenario(engine, load_portfolio(engine=engine), "S", explain=False, time_limit=10, user=COORDINATOR)
    admin = add_user(engine, username="ada", role="admin", by=None)
    for name, role, region in [("cora", "coordinator", None), ("ida", "it_directors_secretary", None),
                               ("leo", "leaders_secretary", None), ("sara", "board_secretary", "A"),
                               ("stig", "board_secretary", "B")]:  # fmt: skip
        add_user(engine, username=name, role=role, region=region, by=admin)
    engine.dispose()
    return f"sqlite:///{tmp_path / 'veikart.db'}"


def run(url: str, *args: str) -> Result:
    return CliRunner().invoke(main, [*args, "--database-url", url])


def decide(url: str, body: str, who: str, date: str, *extra: str) -> Result:
    return run(url, "case", "decide", "1", "--body", body, "--outcome", "approved", "--case-no", f"Sak {body}-2026",
               "--date", date, "--text", f"Vedtak i {body}.", "--as", who, *extra)  # fmt: skip


def test_the_chain_on_the_command_line(url: str, tmp_path: Path) -> None:
    opened = run(url, "case", "open", "1", "--as", "cora")
    assert opened.exit_code == 0 and "Case 1 opened" in opened.output and "ITD (stage 1, recommends)" in opened.output
    assert decide(url, "ITD", "ida", "2026-09-10").exit_code == 0
    assert decide(url, "LM", "leo", "2026-09-21").exit_code == 0
    first = decide(url, "A", "sara", "2026-10-15")
    assert first.exit_code == 0 and "stage 3 B     pending" in first.output
    conditional = run(url, "case", "decide", "1", "--body", "B", "--outcome", "approved_with_conditions",
                      "--case-no", "Sak 77-2026", "--date", "2026-10-16", "--text", "Godkjent med forbehold.",
                      "--condition", "Godkjent forutsatt at 2027 er høyst 29 MNOK", "--cap", "B/2027=29",
                      "--as", "stig", "--json")  # fmt: skip
    data = json.loads(conditional.output)
    assert conditional.exit_code == 0 and data["case_state"] == "approved" and data["plan_of_record"]
    assert data["decision"]["check"]["holds"] and data["decision"]["condition"]["max_mnok"] == 29.0
    status = json.loads(run(url, "case", "status", "1", "--json").output)
    assert [p["state"] for p in status["parties"]] == ["approved", "approved", "approved", "approved_with_conditions"]
    text = run(url, "case", "status", "1").output
    assert "Plan of record: plan 1 (this version)" in text and "holds" in text
    papers = run(url, "case", "paper", "1", "--out", str(tmp_path / "papers"), "--format", "html",
                 "--samples", "200", "--seed", "3")  # fmt: skip
    assert papers.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "papers").iterdir()) == [
        "saksframlegg-sak1-v1-A.html", "saksframlegg-sak1-v1-B.html"
    ]  # fmt: skip
    paper_a = (tmp_path / "papers" / "saksframlegg-sak1-v1-A.html").read_text(encoding="utf-8")
    assert "P85 (kostnadsramme)" in paper_a and "200 mulige utfall (frø 3" in paper_a
    plain = run(url, "case", "paper", "1", "--out", str(tmp_path / "plain"), "--format", "html", "--samples", "0")
    assert plain.exit_code == 0
    assert "kostnadsramme" not in (tmp_path / "plain" / "saksframlegg-sak1-v1-A.html").read_text(encoding="utf-8")
    refused = run(url, "case", "paper", "1", "--out", str(tmp_path / "bad"), "--samples", "-5")
    assert refused.exit_code == 2 and "samples" in refused.output
    listed = json.loads(run(url, "case", "list", "--json").output)
    assert listed[0]["id"] == 1 and listed[0]["decisions"] == 4


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--body", "HV"), "case 1 has no body 'HV'; use one of: ITD"),
        (("--date", "2026-09-01"), "before Leaders' meeting decided on 21 Sept 2026"),
        (("--cap", "B/2027=20", "--condition", "x", "--outcome", "approved_with_conditions"),
         "names the envelope of B, but Board of A sets conditions only on its own envelope (A)"),
        (("--cap", "A/2027=20", "--outcome", "approved_with_conditions"), "needs the condition as text"),
        (("--date", "10.10.2026"), "is not a date: write it as YYYY-MM-DD"),
        (("--cap", "A-2027=20",), "write POOL/YEAR=MNOK"),
    ],
)  # fmt: skip
def test_bad_input_exits_1_with_a_clear_line_and_stores_nothing(url: str, args: tuple[str, ...], words: str) -> None:
    assert run(url, "case", "open", "1", "--as", "cora").exit_code == 0
    assert decide(url, "ITD", "ida", "2026-09-10").exit_code == 0
    assert decide(url, "LM", "leo", "2026-09-21").exit_code == 0
    engine = make_engine(url)
    before = stored_counts(engine)
    result = run(url, "case", "decide", "1", "--body", "A", "--outcome", "approved", "--case-no", "Sak 45-2026",
                 "--date", "2026-10-15", "--text", "Godkjent.", "--as", "sara", *args)  # fmt: skip
    assert result.exit_code in (1, 2) and words in result.output, result.output
    assert stored_counts(engine) == before
    engine.dispose()


def test_roles_are_enforced_on_the_command_line(url: str) -> None:
    refused = run(url, "case", "open", "1", "--as", "sara")
    assert refused.exit_code == 1 and "may not prepare case" in refused.output
    assert run(url, "case", "open", "1", "--as", "cora").exit_code == 0
    assert decide(url, "ITD", "ida", "2026-09-10").exit_code == 0
    assert decide(url, "LM", "leo", "2026-09-21").exit_code == 0
    other = decide(url, "B", "sara", "2026-10-15")
    assert other.exit_code == 1 and "records only the decisions of the board of its own region (A)" in other.output
    nobody = run(url, "case", "decide", "1", "--body", "A", "--outcome", "approved", "--case-no", "Sak 1",
                 "--date", "2026-10-15", "--text", "x")  # fmt: skip
    assert nobody.exit_code == 1 and "act as a stored user with --as" in nobody.output


def test_revise_makes_a_new_version_and_old_decisions_stay(url: str) -> None:
    assert run(url, "case", "open", "1", "--as", "cora").exit_code == 0
    assert decide(url, "ITD", "ida", "2026-09-10").exit_code == 0
    revised = run(url, "case", "revise", "1", "--reason", "Ny kjøring", "--as", "cora")
    assert revised.exit_code == 1 and "neither the plan nor its data changed since version 1" in revised.output
    engine = make_engine(url)
    portfolio = small_portfolio(cost_z=18.0)
    save_portfolio(engine=engine, portfolio=portfolio)
    engine.dispose()
    stale = run(url, "case", "status", "1").output
    assert "The data changed since version 1" in stale
    revised = run(url, "case", "revise", "1", "--reason", "Z koster 18", "--as", "cora", "--time-limit", "10")
    assert revised.exit_code == 0 and "version 2" in revised.output
    status = json.loads(run(url, "case", "status", "1", "--json").output)
    assert status["version"]["number"] == 2 and status["earlier_versions"][0]["decisions"][0]["body"] == "ITD"
    assert [p["state"] for p in status["parties"]][:2] == ["pending", "waiting"]


def test_the_case_commands_speak_bokmal_and_write_dates_the_readers_way(url: str) -> None:
    opened = run(url, "--lang", "nb", "case", "open", "1", "--as", "cora")
    assert opened.output.startswith("Sak 1 åpnet: ") and "Organer: ITD (ledd 1, anbefaler)" in opened.output
    assert "LM (ledd 2, behandler), A (ledd 3, godkjenner)" in opened.output
    decided = run(url, "--lang", "nb", "case", "decide", "1", "--body", "ITD", "--outcome", "approved",
                  "--case-no", "Sak 12-2026", "--date", "2026-09-10", "--text", "Anbefalt.", "--as", "ida")  # fmt: skip
    assert "Ført: ITD godkjent versjon 1 10. sep. 2026 (Sak 12-2026)." in decided.output
    assert "ledd 3 A     venter" in decided.output and "Styret i A" in decided.output
    assert "Board of" not in decided.output
    assert "Styrende plan: ingen ennå" in decided.output and "ledd 2 LM    til behandling" in decided.output
    assert "Sak 1: " in decided.output and " - til behandling" in decided.output and ", laget " in decided.output
    english = decide(url, "LM", "leo", "2026-09-21")
    assert "Recorded: LM approved version 1 on 21 Sept 2026 (Sak LM-2026)." in english.output
    assert "Plan of record: none yet" in english.output and "stage 2 LM    approved" in english.output
    assert "Board of A" in english.output and "Styret i" not in english.output
    early = run(url, "--lang", "nb", "case", "decide", "1", "--body", "A", "--outcome", "approved",
                "--case-no", "Sak 1-2026", "--date", "2026-09-01", "--text", "x", "--as", "sara")  # fmt: skip
    assert early.exit_code == 1 and "feil: Møtedatoen 1. sep. 2026 er før " in early.output
    assert "behandlet planen 21. sep. 2026 (Sak LM-2026)" in early.output


def test_a_refusal_names_the_bodies_by_their_bokmal_names(url: str) -> None:
    """A decision case's refusal on the command line in bokmål names the bodies as they call themselves
    (Interregionalt IKT-direktørmøte, Ledermøtet, Styret i A), in English by their English names."""
    assert run(url, "case", "open", "1", "--as", "cora").exit_code == 0
    waiting = run(url, "--lang", "nb", "case", "decide", "1", "--body", "LM", "--outcome", "approved",
                  "--case-no", "Sak 2-2026", "--date", "2026-09-12", "--text", "x", "--as", "leo")  # fmt: skip
    assert waiting.exit_code == 1, waiting.output
    assert waiting.output.startswith("feil: Ledermøtet kan ikke behandle versjon 1 ennå: Interregionalt "
                                     "IKT-direktørmøte har ikke anbefalt den"), waiting.output  # fmt: skip
    assert decide(url, "ITD", "ida", "2026-09-10").exit_code == 0
    assert decide(url, "LM", "leo", "2026-09-21").exit_code == 0
    early = run(url, "--lang", "nb", "case", "decide", "1", "--body", "A", "--outcome", "approved",
                "--case-no", "Sak 1-2026", "--date", "2026-09-01", "--text", "x", "--as", "sara")  # fmt: skip
    assert "er før Ledermøtet behandlet planen 21. sep. 2026 (Sak LM-2026): Styret i A behandler " in early.output
    unknown = run(url, "--lang", "nb", "case", "decide", "1", "--body", "HV", "--outcome", "approved",
                  "--case-no", "Sak 1-2026", "--date", "2026-10-01", "--text", "x", "--as", "sara")  # fmt: skip
    assert "bruk ett av: ITD (Interregionalt IKT-direktørmøte), LM (Ledermøtet), A (Styret i A)" in unknown.output
    assert "Board of" not in unknown.output and "meeting" not in unknown.output
    english = run(url, "--lang", "en", "case", "decide", "1", "--body", "A", "--outcome", "approved",
                  "--case-no", "Sak 1-2026", "--date", "2026-09-01", "--text", "x", "--as", "sara")  # fmt: skip
    assert "before Leaders' meeting decided on 21 Sept 2026 (Sak LM-2026): Board of A treats " in english.output


def test_help_has_examples_and_exit_codes() -> None:
    for command in ("open", "decide", "status", "revise", "paper", "list"):
        result = CliRunner().invoke(main, ["case", command, "--help"])
        assert result.exit_code == 0 and "Example:" in result.output and "Exit codes" in result.output
    assert parse_cap("HV/2027=240") == ("HV", 2027, 240.0) and parse_cap(None) is None


def test_the_access_refusal_names_the_body_in_bokmal(url: str) -> None:
    """Who may record a body's decision: the refusal names the body by its own name in bokmål (issue 34)."""
    assert run(url, "case", "open", "1", "--as", "cora").exit_code == 0
    other = ("case", "decide", "1", "--body", "A", "--outcome", "approved", "--case-no", "Sak 1-2026",
             "--date", "2026-09-01", "--text", "x")  # fmt: skip
    nb = run(url, "--lang", "nb", *other, "--as", "stig")
    assert nb.exit_code == 1, nb.output
    assert "kan ikke føre vedtaket til Styret i A (A): en styresekretær fører bare vedtakene til styret i egen " \
           "region (B)" in nb.output  # fmt: skip
    assert "Board of" not in nb.output
    secretary = run(url, "--lang", "nb", *other, "--as", "leo")
    assert secretary.exit_code == 1 and "kan ikke føre vedtaket til Styret i A (A): bare sekretæren" in secretary.output
    en = run(url, "--lang", "en", *other, "--as", "stig")
    assert en.exit_code == 1 and "may not record the decision of Board of A (A): a board secretary records" in en.output
    assert "Styret" not in en.output
