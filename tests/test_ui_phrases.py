"""The optimiser's explanations in bokmål: every phrase has a translation, nested ones too."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import highspy
import pytest

from planning.domain.changes import FieldChange, RowChange
from planning.domain.columns import column_specs
from planning.domain.loading import parse_portfolio
from planning.domain.models import TABLE_MODELS
from planning.domain.problems import Problem
from planning.io import load_path
from planning.io.memory import load_upload
from planning.messages.message import joined
from planning.messages.phrases import PHRASES, phrase
from planning.messages.words import SOLVER_WORDS
from planning.optimise import optimise
from planning.optimise.watch import Incumbent, solving_line
from planning.store.access import (
    APPROVE,
    COORDINATOR,
    INSERT,
    REGION_EDITOR,
    UPDATE,
    VIEWER,
    PermissionDenied,
    User,
    refusal,
)
from planning.store.versions import OUTSIDER, Conflict, ConflictError
from tests.conftest import small_raw_portfolio
from veikart_ui import i18n
from veikart_ui.column_help import DESCRIPTIONS
from veikart_ui.phrases import (
    conflict_line,
    conflict_lines,
    problem_line,
    problem_lines,
    refusal_lines,
    translate,
    translate_message,
    translate_problem,
    user_label,
)


def test_a_reason_in_bokmal_with_a_decimal_comma() -> None:
    text = phrase("budget_full", pool="HSO", period="2028", amount=Decimal("58.5"))
    assert translate(text, "nb") == "rammen til HSO i 2028 er brukt opp (58,5 MNOK mangler)"
    assert translate(text, "en") == text


def test_a_phrase_inside_a_phrase_is_translated_too() -> None:
    inner = phrase("waits_until_ready", predecessor="HELSENETT-NG", period="2030")
    text = phrase("first_room", blocker=inner, period="2031")
    assert translate(text, "nb") == "venter på HELSENETT-NG (klar 2030); første periode med plass er 2031"
    excluded = phrase(
        "required_but", initiative="P", reason=phrase("waits_for_excluded", predecessor="X", reason=phrase("stopped"))
    )
    assert translate(excluded, "nb") == "P er påkrevd, men venter på X, som er stoppet"


def test_the_solvers_progress_reads_in_bokmal_on_the_progress_bar() -> None:
    line = solving_line(Incumbent(2399.2, 2411.2), elapsed=12.4, time_limit=30)
    assert i18n.stage(line, "nb") == "Løser (12 av 30 s): den beste planen så langt er høyst 0,50 % fra den best mulige"
    assert i18n.stage(line, "en") == line
    assert i18n.stage("Solving", "nb") == i18n.text("stage.Solving", "nb")
    explaining = phrase("explaining", done=3, total=40, initiative="PLL-HV")
    assert i18n.stage(explaining, "nb") == "Forklarer tiltak 3 av 40: PLL-HV"


def test_every_stage_of_a_run_reads_in_bokmal() -> None:
    sample = load_path(Path(__file__).resolve().parents[1] / "data" / "sample").portfolio
    assert sample is not None
    heard: list[str] = []
    optimise(sample, "Trinn1-raskest", progress=lambda line, _done: heard.append(line))
    stages = [line for line in heard if not line.startswith(("Solving (", "Explaining initiative"))]
    assert "Finding a starting plan" in stages
    untranslated = [line for line in stages if i18n.stage(line, "nb") == line]
    assert untranslated == []


def test_numbers_have_a_decimal_comma_in_bokmal_and_a_point_in_english() -> None:
    assert i18n.number(2399.172, 1, "nb") == "2\u202f399,2"
    assert i18n.number(2399.172, 1, "en") == "2\u202f399.2"
    assert (i18n.percent(0.04, 1, "nb"), i18n.percent(0.04, 1, "en")) == ("4,0 %", "4.0 %")
    assert (i18n.seconds(1.5, "nb"), i18n.seconds(30.0, "nb"), i18n.seconds(1.5, "en")) == ("1,5", "30", "1.5")


def test_negative_values_and_ids_are_kept() -> None:
    text = phrase("does_not_pay_off", npv=Decimal("-7.3"))
    assert translate(text, "nb") == "lønner seg ikke: netto nåverdi -7,3 MNOK ved tidligste start"
    assert translate(phrase("alternative_chosen", chosen="DOC-SRC", group="G1"), "nb") == (
        "alternativet DOC-SRC ble valgt (gruppe G1)"
    )


@pytest.mark.parametrize(
    "text", ["", "something the domain did not template", "no plan: 3 rows", PHRASES["budget_full"]]
)
def test_other_text_is_shown_as_is(text: str) -> None:
    assert translate(text, "nb") == text


def test_solver_message_parts_are_translated_one_by_one() -> None:
    message = joined(["time limit reached", phrase("polished", improvements=5, rounds=10)])
    assert translate_message(message, "nb") == "tidsgrensen nådd; polering: 10 nabolag søkt, 5 forbedret planen"
    assert translate_message(message, "en") == message
    assert translate_message("a word HiGHS has not used before", "nb") == "a word HiGHS has not used before"


def test_every_highs_status_word_has_a_bokmal_text() -> None:
    highs = highspy.Highs()
    words = {highs.modelStatusToString(status).lower() for status in highspy.HighsModelStatus.__members__.values()}
    assert words - set(SOLVER_WORDS) == set()
    assert all(translate_message(w, "nb") != w for w in words - {"optimal"})  # each has its bokmål in the catalogs


def broken_raw() -> dict[str, list[dict[str, Any]]]:
    """The small portfolio with one of many kinds of problem in each of its rows."""
    raw = small_raw_portfolio()
    raw["unknown_table"] = [{"id": "x"}]
    x, y, z = raw["initiative"]
    x.update(cost_profile=[5, -1], total_cost=9, earliest_start="2028", latest_finish="2027", colour="red")
    y.update(custom_shares={"A": 0.5}, lead_region="Q", latest_finish="2040")
    z.update(cost_sharing="custom", custom_shares={"A": 0.3, "B": 0.3}, duration="two")
    raw["initiative"].append(dict(z, id="W", duration=0, alternative_group_id="NOPE", capacity_usage="SUP=lots"))
    raw["initiative"].append(dict(z, id="Z"))  # a duplicate id
    raw["dependency"] += [{"predecessor_id": "Y", "successor_id": "X"}, {"predecessor_id": "Z", "successor_id": "Z"}]
    raw["benefit"][0].update(lifetime=0, ramp_up=[1.5])
    raw["envelope"].append({"funding_pool_id": "A", "year": 2040, "ambition_level_id": "Basis", "amount": 1})
    raw["scenario"][0].update(forced_out=["X"], envelope_overrides={"A-2027": 5}, locked_starts={"Z": "2026Q1"})
    return raw


def test_every_problem_in_a_broken_portfolio_reads_in_bokmal() -> None:
    problems = parse_portfolio(broken_raw()).problems
    assert len(problems) >= 15
    assert "list of numbers" in " ".join(p.fix for p in problems) or "pairs (KEY=number" in " ".join(
        p.fix for p in problems
    )
    untranslated = [text for p in problems for text in (p.message, p.fix) if text and translate(text, "nb") == text]
    assert untranslated == []


@pytest.mark.parametrize(
    ("name", "data", "start"),
    [
        ("notes.txt", b"hello", "notes.txt er verken en arbeidsbok"),
        ("broken.json", b"{", ": ikke gyldig JSON ("),
        ("rows.json", b'{"initiative": [1]}', ": hver rad må være et objekt med kolonne -> verdi"),
        ("broken.xlsx", b"not a zip", "broken.xlsx er ikke en lesbar .xlsx-arbeidsbok"),
        ("empty.zip", b"PK\x05\x06" + bytes(18), "empty.zip har ingen .csv-filer"),
    ],
)
def test_a_refused_upload_reads_in_bokmal(name: str, data: bytes, start: str) -> None:
    (problem,) = load_upload(name, data).problems
    shown = translate_problem(problem, "nb")
    assert start in shown.message
    assert shown.fix != problem.fix  # the fix is translated too


def test_problems_are_one_a_line_and_the_ones_past_the_limit_are_counted_in_bokmal() -> None:
    problems = parse_portfolio(broken_raw()).problems
    shown = problem_lines(problems, "nb", limit=3).splitlines()
    assert len(shown) == 4
    assert shown[:3] == [problem_line(p, "nb") for p in problems[:3]]
    assert shown[3] == f"... og {len(problems) - 3} til"
    assert problem_lines(problems[:2], "en").splitlines() == [problem_line(p, "en") for p in problems[:2]]


def test_rows_and_columns_by_number_are_translated_but_ids_and_column_names_stay() -> None:
    numbered = Problem(
        "initiative",
        phrase("row_number", line=3),
        phrase("column_letter", letter="C"),
        phrase("blank_header", column="C"),
        phrase("fix_blank_header"),
    )
    shown = translate_problem(numbered, "nb")
    assert (shown.row, shown.field, shown.message) == ("rad 3", "kolonne C", "kolonne C har data, men ingen overskrift")
    named = translate_problem(Problem("envelope", "year", "year", phrase("year_outside_horizon", year=2040)), "nb")
    assert (named.row, named.field, named.message) == ("year", "year", "2040 er utenfor horisonten")


def test_every_column_description_has_a_bokmal_text() -> None:
    described = {spec.description for table in TABLE_MODELS for spec in column_specs(table)}
    assert set(DESCRIPTIONS) == described
    assert all(text and text != english for english, text in DESCRIPTIONS.items())


def test_the_fix_for_a_missing_cell_quotes_the_column_description_in_bokmal() -> None:
    raw = small_raw_portfolio()
    del raw["initiative"][0]["lead_region"]
    (problem,) = parse_portfolio(raw).problems
    assert problem.fix == "fill in lead_region: Funding pool that leads (hovedsamarbeidspart)."
    assert (
        translate_problem(problem, "nb").fix
        == "fyll inn lead_region: Finansieringskilden som leder (hovedsamarbeidspart)."
    )
    assert translate_problem(problem, "en").fix == problem.fix


def test_the_access_rules_refuse_in_bokmal_with_roles_and_actions_translated() -> None:
    measurement = RowChange("measurement", "KJ-TID/2024", "update", {"value": 1}, {"value": 2}, "NHN", "NHN")
    editor = User("ola", REGION_EDITOR, region="HV", display_name="Ola")
    assert translate(refusal(editor, UPDATE, measurement) or "", "nb") == (
        "Ola (regional redaktør for HV) kan ikke endre measurement 'KJ-TID/2024': regionale redaktører kan bare "
        "endre gevinstmålinger for tiltak som egen region leder (denne raden hører til NHN)"
    )
    assert translate(refusal(None, UPDATE, measurement) or "", "nb") == (
        "logg inn for å endre: en anonym bruker (ikke logget inn) kan bare lese"
    )
    assert translate(refusal(User("vera", VIEWER), APPROVE) or "", "nb") == (
        "vera (leser) kan ikke godkjenne planer: bare administrator og styringsgruppemedlem kan det"
    )
    coordinator = refusal(User("kari", COORDINATOR), UPDATE, measurement) or ""
    assert translate(coordinator, "nb").startswith("kari (IT-koordinator) kan ikke endre measurement 'KJ-TID/2024': ")
    assert translate(coordinator, "en") == coordinator


def test_every_refused_row_is_a_line_of_its_own_in_bokmal() -> None:
    changes = [RowChange("measurement", f"B/{year}", "insert", None, {"value": 1}) for year in range(2000, 2025)]
    refused = PermissionDenied(refusal(None, INSERT, change) or "" for change in changes)
    lines = refusal_lines(refused, "nb").splitlines()
    assert lines[0] == "logg inn for å legge til: en anonym bruker (ikke logget inn) kan bare lese"
    assert (len(lines), lines[-1]) == (21, "... og 5 til")


def test_a_users_role_is_named_in_the_readers_language() -> None:
    editor = User("ola", REGION_EDITOR, region="HV", display_name="Ola Nordmann")
    assert user_label(editor.label, "nb") == "Ola Nordmann (regional redaktør for HV)"
    assert user_label(editor.label, "en") == "Ola Nordmann (Region editor for HV)"
    assert user_label("someone (an unknown role)", "nb") == "someone (an unknown role)"


def test_a_conflict_says_who_changed_what_and_when_in_bokmal() -> None:
    conflict = Conflict(
        table="initiative",
        row_id="X",
        expected_version=1,
        current_version=3,
        changed_by="ola",
        changed_at=dt.datetime(2026, 11, 27, 9, 5, tzinfo=dt.UTC),
        fields=[FieldChange("total_cost", 10.0, 20.5), FieldChange("name", "X", None)],
        current={"id": "X"},
        mine=[FieldChange("total_cost", 10.0, 11.0)],
    )
    assert conflict_line(conflict, "nb") == (
        "initiative 'X' ble endret 2 ganger siden du åpnet den, sist av ola 27. nov. 2026 10:05: "
        "total_cost: 10,0 → 20,5; name: 'X' → (tom) (din endring, ikke lagret: total_cost: 10,0 → 11,0)"
    )
    assert conflict_line(conflict, "en") == str(conflict)
    outside = dataclasses.replace(conflict, changed_by=OUTSIDER, changed_at=None, current=None, mine=[])
    assert conflict_lines(ConflictError([outside]), "nb") == (
        "initiative 'X' ble endret 2 ganger siden du åpnet den, sist av noen utenfor den versjonerte lagringen "
        "på et ukjent tidspunkt: raden ble slettet"
    )
    assert str(outside).endswith("by someone outside the versioned store at an unknown time: the row was deleted")


def test_many_conflicts_show_the_first_and_say_how_many_more() -> None:
    conflicts = [Conflict("initiative", f"X{n}", 1, 2, "ola", None, fields=[], current=None) for n in range(5)]
    shown = conflict_lines(ConflictError(conflicts), "nb", limit=3).splitlines()
    assert shown[:3] == [conflict_line(c, "nb") for c in conflicts[:3]]
    assert shown[3:] == ["... og 2 til"]
    assert conflict_lines(ConflictError(conflicts), "en", limit=4).splitlines()[4:] == ["... and 1 more"]
    assert len(conflict_lines(ConflictError(conflicts), "en").splitlines()) == 5
