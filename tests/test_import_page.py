"""The Import/eksport page, headless: downloads offered, an upload checked, then stored all or nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from planning.domain.portfolio import Portfolio
from planning.domain.problems import Problem
from planning.io import importing, load_path
from planning.io.memory import plan_bytes, portfolio_bytes
from planning.messages.phrases import phrase
from planning.optimise import Plan, optimise
from planning.optimise.checker import check_edited_plan
from planning.optimise.inputs import resolve_scenario
from planning.plans.baseline import approve_plan
from planning.plans.runs import store_plan
from planning.store.access import COORDINATOR, STEERING, User
from planning.store.audit import audit_log
from planning.store.database import load_portfolio, make_engine, save_portfolio, upgrade
from planning.store.users import DEV_USER_VARIABLE
from tests.conftest import small_raw_portfolio
from tests.test_report import SAMPLE, earliest_plan
from tests.test_workbook import TABLES
from veikart_ui import i18n, session
from veikart_ui.planner import PlanRequest

ROOT = Path(__file__).parent.parent
PAGE = ROOT / "veikart_ui" / "pages" / "import_eksport.py"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TARGET = "io_check_target"  # what an uploaded plan is checked against, and its choices
WORKING, APPROVED, STORED = "working", "approved", "stored:"


@pytest.fixture(scope="module")
def sample() -> Portfolio:
    portfolio = load_path(SAMPLE).portfolio
    assert portfolio is not None
    return portfolio


@pytest.fixture
def database(sample: Portfolio, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The sample in a fresh SQLite file, used by an administrator (the development switch)."""
    url = f"sqlite:///{tmp_path / 'veikart.db'}"
    engine = make_engine(url)
    upgrade(engine)
    save_portfolio(engine=engine, portfolio=sample)
    engine.dispose()
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv(DEV_USER_VARIABLE, "admin")
    monkeypatch.syspath_prepend(str(ROOT))
    return url


def assert_same_rows(left: Portfolio, right: Portfolio) -> None:
    """The same rows in every table, in any order (the store keeps its own order)."""
    for table in TABLES:
        assert sorted(map(repr, left.records(table))) == sorted(map(repr, right.records(table))), table


def run_page() -> AppTest:
    app = AppTest.from_file(str(PAGE), default_timeout=120)
    app.run()
    no_errors(app)
    return app


def no_errors(app: AppTest) -> None:
    assert not app.exception, [e.value for e in app.exception]


def stored(url: str) -> Portfolio:
    engine = make_engine(url)
    try:
        return load_portfolio(engine=engine)
    finally:
        engine.dispose()


def test_the_page_offers_the_portfolio_and_the_template(database: str) -> None:
    app = run_page()
    assert [tab.label for tab in app.tabs] == ["Eksport", "Import", "Sjekk en plan"]
    labels = [b.label for b in app.get("download_button")]
    assert labels == ["Last ned porteføljen", "Last ned malen"]
    assert "Ingen planer er lagret ennå" in app.info[0].value
    assert app.radio(key="io_portfolio_format").options == ["Excel (.xlsx)", "JSON", "CSV-filer i .zip"]


def test_a_stored_plan_can_be_chosen_for_download(database: str, sample: Portfolio) -> None:
    engine = make_engine(database)
    plan = earliest_plan(sample, "Basis")
    runner = User(username="kari", role=COORDINATOR)
    run = store_plan(engine, plan, resolve_scenario(sample, "Basis"), {}, input_hash="test", user=runner)
    engine.dispose()
    app = run_page()
    choice = app.selectbox(key="io_plan")
    assert choice.value == run.id
    assert choice.format_func(run.id).startswith(f"#{run.id} · Basis · ")
    assert [b.label for b in app.get("download_button")][-1] == "Last ned planen"


def test_a_broken_upload_is_reported_by_sheet_row_and_column_and_nothing_is_stored(
    database: str, sample: Portfolio
) -> None:
    import io

    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(portfolio_bytes(sample, "xlsx")))
    book["initiative"]["E3"] = "XX"
    buffer = io.BytesIO()
    book.save(buffer)
    app = run_page()
    app.file_uploader[0].set_value(("endret.xlsx", buffer.getvalue(), XLSX)).run()
    no_errors(app)
    assert app.error[0].value.startswith("endret.xlsx kan ikke leses inn: 1 feil. Ingenting er lagret.")
    report = app.dataframe[0].value
    assert list(report.iloc[0][["Tabell", "Rad i filen", "Felt", "Problem"]]) == [
        "initiative", "3", "lead_region", "ukjent finansieringskilde 'XX'"
    ]  # fmt: skip
    assert report.iloc[0]["Slik retter du det"].startswith("bruk en av: HDIR, HMN, HN, HSO")
    assert not [b for b in app.button if b.key == "io_replace"]
    assert_same_rows(sample, stored(database))


def test_a_value_the_database_cannot_hold_is_refused_in_bokmal_and_nothing_is_stored(
    database: str, sample: Portfolio, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file's checks bound every integer, so the store's last check is reached only by a
    value they let through; stand one in, as the store would report it."""
    first = str(sample.benefits.index[0])
    too_large = Problem(
        "benefit",
        first,
        "lifetime",
        phrase("too_large_to_store", value=10**12, limit=2**31 - 1),
        phrase("fix_plain_number"),
    )
    monkeypatch.setattr(importing, "storage_problems", lambda portfolio: [too_large, too_large])
    app = run_page()
    app.file_uploader[0].set_value(("stor.xlsx", portfolio_bytes(sample, "xlsx"), XLSX)).run()
    app.checkbox[0].check().run()
    app.button(key="io_replace").click().run()
    (message,) = [e.value for e in app.error]
    line = f"benefit/{first}/lifetime: 1000000000000 er for stort til å lagres"
    assert message.startswith(f"Ikke lagret:   \n{line}"), message
    assert message.count(line) == 2 and message.count("  \n") == 2, message
    assert_same_rows(sample, stored(database))


def test_a_valid_upload_replaces_the_portfolio_once_confirmed(database: str, sample: Portfolio) -> None:
    edited = load_path(SAMPLE).portfolio
    assert edited is not None
    first = edited.initiatives.index[0]
    edited.initiatives.loc[first, "name"] = "Nytt navn fra regnearket"
    app = run_page()
    app.file_uploader[0].set_value(("ny.xlsx", portfolio_bytes(edited, "xlsx"), XLSX)).run()
    no_errors(app)
    assert app.success[0].value.startswith("ny.xlsx er gyldig.")
    counts = app.dataframe[0].value.set_index("Tabell (ark)")
    assert counts.loc["initiative"].tolist() == [len(sample.initiatives), len(edited.initiatives)]
    replace = app.button(key="io_replace")
    assert replace.disabled  # not before the box is ticked
    app.checkbox[0].check().run()
    app.button(key="io_replace").click().run()
    no_errors(app)
    assert app.success[0].value.startswith("ny.xlsx er lest inn og har erstattet porteføljen")
    assert app.file_uploader[0].value is None  # a fresh uploader for the next file
    assert not app.checkbox
    assert stored(database).initiatives.at[first, "name"] == "Nytt navn fra regnearket"
    engine = make_engine(database)
    try:
        notes = audit_log(engine)["note"].tolist()
    finally:
        engine.dispose()
    assert "upload ny.xlsx" in notes


def test_someone_not_signed_in_sees_the_check_but_may_not_replace(
    database: str, sample: Portfolio, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(DEV_USER_VARIABLE)
    app = run_page()
    app.file_uploader[0].set_value(("ny.json", portfolio_bytes(sample, "json"), "application/json"))
    app.run()
    no_errors(app)
    assert app.success[0].value.startswith("ny.json er gyldig.")
    assert "Du kan ikke lese inn" in app.info[-1].value
    assert not [b for b in app.button if b.key == "io_replace"]


def test_the_page_speaks_english(database: str) -> None:
    app = AppTest.from_file(str(PAGE), default_timeout=120)
    app.session_state["language"] = "en"
    app.run()
    no_errors(app)
    assert [tab.label for tab in app.tabs] == ["Export", "Import", "Check a plan"]
    assert [b.label for b in app.get("download_button")] == ["Download the portfolio", "Download the template"]


def test_problems_are_reported_in_the_readers_language(database: str) -> None:
    """Row problems (pydantic's words) and cross-table problems, in bokmål and in English, in one round."""
    raw = small_raw_portfolio()
    raw["initiative"][0]["total_cost"] = -5
    raw["initiative"][1]["lead_region"] = "Q"
    upload = ("feil.json", json.dumps(raw).encode(), "application/json")
    texts = {}
    for language in ("nb", "en"):
        app = AppTest.from_file(str(PAGE), default_timeout=120)
        app.session_state["language"] = language
        app.run()
        app.file_uploader[0].set_value(upload).run()
        no_errors(app)
        texts[language] = app.dataframe[0].value.iloc[:, -2:].values.tolist()
    assert texts["nb"] == [
        ["verdien må være større enn eller lik 0", "skriv et tall fra 0 til 1\u00a0000\u00a0000 (MNOK)"],
        ["ukjent finansieringskilde 'Q'", "bruk en av: A, B, N"],
    ]
    assert texts["en"] == [
        ["Input should be greater than or equal to 0", "enter a number from 0 to 1000000 (MNOK)"],
        ["unknown funding pool 'Q'", "use one of: A, B, N"],
    ]


def edited_plan(sample: Portfolio, moves: dict[str, object]) -> bytes:
    """The plan export's workbook of the sample's earliest plan, with starts moved in Excel."""
    import io

    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(plan_bytes(earliest_plan(sample, "Basis"), sample, "xlsx")))
    sheet = book["roadmap"]
    header = [cell.value for cell in sheet[1]]
    for row in range(2, sheet.max_row + 1):
        initiative = sheet.cell(row, header.index("id") + 1).value
        if initiative in moves:
            sheet.cell(row, header.index("start") + 1).value = moves[initiative]
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def check_upload(app: AppTest) -> AppTest:
    return next(u for u in app.file_uploader if u.key == "io_check_upload")  # type: ignore[no-any-return]


def test_a_plan_edited_by_hand_is_checked_against_the_working_scenario(database: str, sample: Portfolio) -> None:
    plan = earliest_plan(sample, "Basis")
    table = sample.initiatives
    mandatory = next(i for i in plan.starts if table.at[i, "mandatory"] and table.at[i, "status"] != "started")
    app = run_page()
    check_upload(app).set_value(("plan.xlsx", edited_plan(sample, {mandatory: None}), XLSX)).run()
    no_errors(app)
    assert app.error[0].value.startswith("Planen bryter ")
    lines = list(app.dataframe[-1].value["Brudd"])
    assert f"{mandatory}: obligatorisk (eller tvunget inn), men ikke i planen" in lines
    assert [m.label for m in app.metric][:3] == ["Tiltak i planen", "Brudd", "Netto nåverdi (MNOK)"]
    assert app.metric[0].value == str(len(plan.starts) - 1)
    assert app.metric[1].value == str(len(lines))
    assert len(app.get("plotly_chart")) == 1  # spend against the envelopes
    assert any(m.value.startswith("**Sjekkes mot scenario:** Basis") for m in app.markdown)  # the working one
    assert app.selectbox(key=TARGET).options == ["Arbeidsscenarioet (Basis)"] + [
        f"Lagret scenario: {name}" for name in stored(database).scenarios.index
    ]  # no plan is approved, so there is none to check against
    assert_same_rows(sample, stored(database))


def test_one_broken_rule_is_told_in_the_singular(database: str, sample: Portfolio) -> None:
    plan = optimise(sample, "Basis", time_limit=20, explain=False)
    table = sample.initiatives
    mandatory = next(i for i in plan.starts if table.at[i, "mandatory"] and table.at[i, "status"] != "started")
    without = {i: sample.timeline.label(t) for i, t in plan.starts.items() if i != mandatory}
    rows = "\n".join(f"{i},{start}" for i, start in without.items())
    app = run_page()
    check_upload(app).set_value(("plan.csv", f"id,start\n{rows}\n".encode(), "text/csv")).run()
    no_errors(app)
    assert app.error[0].value == "Planen bryter én regel. Linjen sier hva som må endres."
    expected = f"{mandatory}: obligatorisk (eller tvunget inn), men ikke i planen"
    assert list(app.dataframe[-1].value["Brudd"]) == [expected]


def test_an_edited_plan_is_set_against_the_optimisers_plan_of_the_same_scenario(
    database: str, sample: Portfolio
) -> None:
    plan = optimise(sample, "Basis", time_limit=20, explain=False)
    moved = next(i for i, t in plan.starts.items() if sample.initiatives.at[i, "status"] != "started" and t > 0)
    earlier = sample.timeline.label(plan.starts[moved] - 1)
    rows = "\n".join(f"{i},{earlier if i == moved else sample.timeline.label(t)}" for i, t in plan.starts.items())
    app = AppTest.from_file(str(PAGE), default_timeout=120)
    app.session_state[session.PLAN] = plan
    current = stored(database)  # the portfolio as the app reads it, which the request's key hashes
    app.session_state[session.PLAN_REQUEST] = PlanRequest(database, current, resolve_scenario(current, "Basis"), 20.0)
    app.run()
    check_upload(app).set_value(("plan.csv", f"id,start\n{rows}\n".encode(), "text/csv")).run()
    no_errors(app)
    against = [i.value for i in app.info if i.value.startswith("Mot planen fra optimeringen")]
    assert len(against) == 1 and against[0].endswith("1 tiltak flyttet, lagt til eller tatt ut.")
    moves = app.dataframe[-1].value
    assert moves.to_dict("records") == [
        {
            "Tiltak": moved,
            "Navn": sample.initiatives.at[moved, "name"],
            "Optimeringens start": sample.timeline.label(plan.starts[moved]),
            "Start i filen": earlier,
        }
    ]
    unchanged = "\n".join(f"{i},{sample.timeline.label(t)}" for i, t in plan.starts.items())
    check_upload(app).set_value(("same.csv", f"id,start\n{unchanged}\n".encode(), "text/csv")).run()
    assert "Planen starter hvert tiltak der planen fra optimeringen på Veikart-siden (samme scenario) gjør." in [
        i.value for i in app.info
    ]
    other = PlanRequest(database, current, resolve_scenario(current, "Kutt20"), 20.0)
    app.session_state[session.PLAN_REQUEST] = other  # the plan shown was made for another scenario
    app.run()
    assert [m.label for m in app.metric][:1] == ["Tiltak i planen"]  # the file is still checked
    assert not [i for i in app.info if i.value.startswith("Mot planen fra optimeringen")]


def test_a_plan_can_be_checked_against_a_stored_scenario(database: str, sample: Portfolio) -> None:
    """The Basis optimum spends more than Kutt20's envelopes, cut by a fifth, allow."""
    plan = optimise(sample, "Basis", time_limit=20, explain=False)
    rows = "\n".join(f"{i},{sample.timeline.label(t)}" for i, t in plan.starts.items())
    app = run_page()
    app.selectbox(key=TARGET).set_value(f"{STORED}Kutt20").run()
    check_upload(app).set_value(("plan.csv", f"id,start\n{rows}\n".encode(), "text/csv")).run()
    no_errors(app)
    assert any(m.value.startswith("**Sjekkes mot scenario:** Kutt20") for m in app.markdown)
    lines = list(app.dataframe[-1].value["Brudd"])
    assert lines and all(line.startswith("ramme ") for line in lines), lines
    app.selectbox(key=TARGET).set_value(WORKING).run()  # the same file in Basis keeps every rule
    assert app.success[-1].value == f"Planen holder alle reglene ({len(plan.starts)} tiltak i planen)."


def approve(url: str, plan: Plan, scenario: str) -> None:
    engine = make_engine(url)
    try:
        portfolio = load_portfolio(engine=engine)
        runner, approver = User(username="kari", role=COORDINATOR), User(username="ola", role=STEERING)
        kept = store_plan(engine, plan, resolve_scenario(portfolio, scenario), {}, input_hash="test", user=runner)
        approve_plan(engine, kept.id, by="Styringsgruppen", user=approver)
    finally:
        engine.dispose()


def test_an_edited_plan_is_set_against_the_approved_plan_in_its_scenario(database: str, sample: Portfolio) -> None:
    plan = optimise(sample, "Kutt20", time_limit=20, explain=False)
    approve(database, plan, "Kutt20")
    moved = next(i for i, t in plan.starts.items() if sample.initiatives.at[i, "status"] != "started" and t > 0)
    edited = {i: t - 1 if i == moved else t for i, t in plan.starts.items()}
    rows = "\n".join(f"{i},{sample.timeline.label(t)}" for i, t in edited.items())
    app = run_page()
    assert (
        app.selectbox(key=TARGET)
        .options[1]
        .startswith("Den godkjente planen (scenario Kutt20, godkjent av Styringsgruppen ")
    )
    app.selectbox(key=TARGET).set_value(APPROVED).run()
    check_upload(app).set_value(("plan.csv", f"id,start\n{rows}\n".encode(), "text/csv")).run()
    no_errors(app)
    assert any(m.value.startswith("**Sjekkes mot scenario:** Kutt20") for m in app.markdown)
    current, scenario = stored(database), resolve_scenario(sample, "Kutt20")
    worth = [check_edited_plan(current, scenario, starts).npv for starts in (edited, plan.starts)]
    assert None not in worth
    delta = i18n.number(worth[0] - worth[1], 0, "nb")  # both valued in Kutt20 on today's data
    against = [i.value for i in app.info if i.value.startswith("Mot den godkjente planen")]
    assert against == [
        f"Mot den godkjente planen: netto nåverdi {'+' if worth[0] > worth[1] else ''}{delta} MNOK, "
        "1 tiltak flyttet, lagt til eller tatt ut."
    ]
    assert app.dataframe[-1].value.to_dict("records") == [
        {
            "Tiltak": moved,
            "Navn": sample.initiatives.at[moved, "name"],
            "Start i den godkjente planen": sample.timeline.label(plan.starts[moved]),
            "Start i filen": sample.timeline.label(edited[moved]),
        }
    ]


def test_an_unreadable_plan_is_named_by_row_and_field(database: str, sample: Portfolio) -> None:
    first = next(iter(earliest_plan(sample, "Basis").starts))
    app = run_page()
    check_upload(app).set_value(("plan.xlsx", edited_plan(sample, {first: "snart"}), XLSX)).run()
    no_errors(app)
    assert app.error[0].value.startswith("plan.xlsx kan ikke leses: 1 feil.")
    report = app.dataframe[-1].value
    assert list(report.iloc[0][["Felt", "Problem"]]) == [
        "start",
        "'snart' er ikke en periode; skriv et år, for eksempel 2026",
    ]
    assert report.iloc[0]["Slik retter du det"].startswith("skriv en periode fra 2026 til 2033")
    assert not app.metric


def test_a_plan_that_keeps_every_rule_says_so_in_english(database: str, sample: Portfolio) -> None:
    plan = optimise(sample, "Basis", time_limit=20, explain=False)
    app = AppTest.from_file(str(PAGE), default_timeout=120)
    app.session_state["language"] = "en"
    app.run()
    first = stored(database).scenarios.index[0]
    assert app.selectbox(key=TARGET).options[:2] == ["The working scenario (Basis)", f"Stored scenario: {first}"]
    assert any(m.value.startswith("**Checked against scenario:** Basis") for m in app.markdown)
    exported = plan_bytes(plan, sample, "json")
    check_upload(app).set_value(("plan.json", exported, "application/json")).run()
    no_errors(app)
    assert app.success[-1].value == f"The plan keeps every rule ({len(plan.starts)} initiatives in the plan)."
    assert float(app.metric[2].value.replace("\u202f", "").replace(",", "")) == pytest.approx(plan.npv, abs=1)
