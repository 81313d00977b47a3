"""The Gevinster page, headless: status, charts and report against the approved plan; measurement entry."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from planning.io import load_path
from planning.optimise.inputs import resolve_scenario
from planning.plans.baseline import approve_plan
from planning.plans.runs import store_plan
from planning.store.access import COORDINATOR, STEERING, User
from planning.store.database import load_portfolio, make_engine, save_portfolio, upgrade
from planning.store.users import DEV_USER_VARIABLE
from tests.test_app_plain_text import read
from tests.test_report import SAMPLE, earliest_plan
from veikart_ui.planner import PlanRequest
from veikart_ui.session import LANGUAGE

ROOT = Path(__file__).parent.parent
PAGE = ROOT / "veikart_ui" / "pages" / "gevinster.py"


@pytest.fixture
def unapproved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The sample in a fresh SQLite file that the page reads, with no plan approved."""
    url = f"sqlite:///{tmp_path / 'veikart.db'}"
    engine = make_engine(url)
    upgrade(engine)
    portfolio = load_path(SAMPLE).portfolio
    assert portfolio is not None
    save_portfolio(engine=engine, portfolio=portfolio)
    engine.dispose()
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.syspath_prepend(str(ROOT))
    return url


@pytest.fixture
def database(unapproved: str) -> str:
    """The sample with its earliest-start plan approved."""
    engine = make_engine(unapproved)
    portfolio = load_portfolio(engine=engine)
    plan = earliest_plan(portfolio, "Basis")
    runner, approver = User(username="kari", role=COORDINATOR), User(username="ola", role=STEERING)
    stored = store_plan(engine, plan, resolve_scenario(portfolio, "Basis"), {}, input_hash="test", user=runner)
    approve_plan(engine, stored.id, by="Styringsgruppen", user=approver)
    engine.dispose()
    return unapproved


def run_page() -> AppTest:
    app = AppTest.from_file(str(PAGE), default_timeout=120)
    app.run()
    assert not app.exception, app.exception
    return app


def save(app: AppTest) -> None:
    next(b for b in app.button if b.label == "Lagre måling").click().run()


def test_the_page_reviews_and_takes_measurements(database: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DEV_USER_VARIABLE, "admin")
    app = run_page()
    assert [s.value for s in app.subheader] == [
        "Status per gevinst", "Per region, område og type", "Styringsgrupperapport", "Registrer måling"
    ]  # fmt: skip
    assert "Styringsgruppen" in app.caption[1].value  # reviewed against the approved plan
    status = app.dataframe[0].value
    assert status["benefit_id"].iloc[0] == "PJD-NAT-TID"  # red first
    assert (status["status"].iloc[0], list(status.columns[:2])) == ("🔴 Rød", ["status", "benefit_id"])
    assert '"label": "Andel av plan"' in app.dataframe[0].proto.columns  # headers for people, not code
    regions = app.dataframe[1].value
    assert set(regions["status"]) <= {"🟢 Grønn", "🟡 Gul", "🔴 Rød", "⚪ Mangler måling", "· Ikke forfalt"}
    assert set(regions["ratio"]) == {"–", "89,8 %"}  # a decimal comma in bokmål; empty shares read "–", never "None"
    money = json.loads(app.dataframe[1].proto.columns)["remaining_planned"]["type_config"]
    assert (money["format"], money["step"]) == ("localized", 0.1)  # "4 911,5" beside "220,0", not a bare "220"
    app.selectbox(key="entry_benefit").set_value("KJ-TID")
    app.number_input(key="entry_year").set_value(2024)
    assert app.text_input(key="entry_value").value == ""  # empty, never a 0.00 that saves as measured
    assert app.text_input(key="entry_who").value == "Development admin"  # the signed-in person, to overwrite
    before = load_portfolio(engine=make_engine(database)).measurements
    save(app)
    assert [e.value for e in app.error] == [
        "Fyll inn feltet «Verdi (MNOK/år)» med den målte verdien før du lagrer; ingenting er lagret."
    ]
    assert load_portfolio(engine=make_engine(database)).measurements.equals(before)
    app.text_input(key="entry_value").set_value("6000")
    app.text_input(key="entry_who").set_value("Kari")
    save(app)
    assert not app.success
    assert any("over 10 ganger det planlagte" in frame.value.to_csv() for frame in app.dataframe)  # in bokmål
    app.text_input(key="entry_value").set_value("48")
    save(app)
    assert [s.value for s in app.success] == ["Lagret KJ-TID/2024."]
    stored = load_portfolio(engine=make_engine(database)).measurements.loc["KJ-TID/2024"]
    assert (stored["value"], stored["entered_by"]) == (48.0, "Kari")


def test_measurements_are_read_only_without_signing_in(database: str) -> None:
    app = run_page()
    submit = next(b for b in app.button if b.label == "Lagre måling")
    assert submit.disabled
    assert any("ikke logget inn med rett til å endre" in c.value for c in app.caption)
    assert app.text_input(key="entry_who").value == ""


def test_a_region_editor_may_not_enter_another_regions_measurements(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DEV_USER_VARIABLE, "region_editor:HV")  # KJ-TID belongs to KJ, led by NHN
    app = run_page()
    before = load_portfolio(engine=make_engine(database)).measurements
    app.selectbox(key="entry_benefit").set_value("KJ-TID")
    app.number_input(key="entry_year").set_value(2024)
    app.text_input(key="entry_value").set_value("48")
    app.text_input(key="entry_who").set_value("Ola")
    save(app)
    assert not app.success
    [error] = [read(e.value) for e in app.error]  # as the reader sees it: names are plain text
    assert error.startswith(
        "Ikke lagret: Development region_editor (regional redaktør for HV) kan ikke endre measurement"
    )
    assert error.endswith("(denne raden hører til NHN)")  # in bokmål, as the rest of the page
    assert load_portfolio(engine=make_engine(database)).measurements.equals(before)


def with_session_plan(url: str, scenario: str) -> AppTest:
    """The page in a session whose latest plan was made from the stored sample under ``scenario``."""
    portfolio = load_portfolio(engine=make_engine(url))
    app = AppTest.from_file(str(PAGE), default_timeout=120)
    app.session_state["plan"] = earliest_plan(portfolio, scenario)
    app.session_state["plan_request"] = PlanRequest(url, portfolio, resolve_scenario(portfolio, scenario), 30.0)
    app.run()
    assert not app.exception, app.exception
    return app


def test_without_an_approved_plan_the_sessions_plan_is_reviewed(unapproved: str) -> None:
    app = with_session_plan(unapproved, "Basis")  # the working scenario to start with
    assert "siste plan i denne økten (scenario Basis" in app.caption[1].value
    assert "Status per gevinst" in [s.value for s in app.subheader]
    assert not [b for b in app.button if b.label == "Beregn plan for Basis"]  # nothing to ask for


def test_a_plan_of_another_scenario_is_not_reviewed_as_the_working_ones(unapproved: str) -> None:
    app = with_session_plan(unapproved, "Kutt20")
    assert any("Ingen plan er godkjent ennå" in i.value for i in app.info)
    assert [b.label for b in app.button if b.label.startswith("Beregn plan")] == ["Beregn plan for Basis"]
    assert "Status per gevinst" not in [s.value for s in app.subheader]


def test_thresholds_are_set_in_percent(database: str) -> None:
    app = run_page()
    assert (app.slider(key="benefits_green").value, app.slider(key="benefits_yellow").value) == (90, 70)
    app.slider(key="benefits_yellow").set_value(80).run()
    app.slider(key="benefits_green").set_value(85).run()
    status = app.dataframe[0].value.set_index("benefit_id")["status"]
    assert status["KJ-TID"] == "🟢 Grønn"  # 89 % of plan: yellow at the default 90 %, green from 85 %
    assert status["PJD-NAT-TID"] == "🔴 Rød"  # 48 %


def test_a_measurement_file_from_norwegian_excel_imports_and_a_broken_one_is_explained(
    unapproved: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DEV_USER_VARIABLE, "admin")
    app = run_page()
    before = load_portfolio(engine=make_engine(unapproved)).measurements
    broken = "benefit_id;år;verdi\nKJ-TID;2024;48,0\n".encode("cp1252")
    app.file_uploader(key="benefits_import").set_value(("målinger.csv", broken, "text/csv")).run()
    assert app.button(key="benefits_import_save").label == "Lagre målingene i filen"
    app.button(key="benefits_import_save").click().run()
    assert not app.exception and not app.success
    shown = [frame.value.to_csv() for frame in app.dataframe]
    assert any("målinger.csv mangler kolonnen year, value (første rad har: benefit_id, år, verdi)" in f for f in shown)
    assert load_portfolio(engine=make_engine(unapproved)).measurements.equals(before)
    excel = "benefit_id;year;value;comment\r\nKJ-TID;2024;48,0;Tidsstudie Sør-Øst\r\n".encode("cp1252")
    app.file_uploader(key="benefits_import").set_value(("målinger.csv", excel, "text/csv")).run()
    app.button(key="benefits_import_save").click().run()
    assert [s.value for s in app.success] == ["Importerte 1 måling."]  # the noun agrees with its count
    stored = load_portfolio(engine=make_engine(unapproved)).measurements.loc["KJ-TID/2024"]
    assert (stored["value"], stored["comment"], stored["entered_by"]) == (
        48.0,
        "Tidsstudie Sør-Øst",
        "Development admin",
    )


@pytest.mark.parametrize(
    ("language", "words"),
    [("nb", ("Målt i 2025:", "gevinster som var ventet", "for de samme gevinstene")),
     ("en", ("Measured in 2025:", "benefits due", "for the same benefits"))],
)  # fmt: skip
def test_the_years_coverage_is_shown_so_a_gap_is_not_read_as_a_miss(
    database: str, language: str, words: tuple[str, ...]
) -> None:
    app = AppTest.from_file(str(PAGE), default_timeout=120)
    app.session_state[LANGUAGE] = language
    app.run()
    assert not app.exception, app.exception
    note = next(i.value for i in app.info if words[0] in i.value)
    for part in words:
        assert part in note, note
    measured, due = (int(n) for n in re.findall(r"(\d+) (?:av|of) (\d+)", note)[0])
    assert 0 < measured <= due
