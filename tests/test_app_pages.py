"""Every page of the app runs headless (``streamlit.testing.v1.AppTest``) without an exception.

The app works on ``$DATABASE_URL``; each test points it at its own temporary SQLite copy
of the sample portfolio, set before the app runs.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from planning.cli.data import SAMPLE
from planning.io import load_path
from planning.store.database import load_portfolio, make_engine, save_portfolio, upgrade
from planning.store.users import DEV_USER_VARIABLE

APP = str(Path(__file__).resolve().parents[1] / "app.py")
TIMEOUT = 180
PAGES = {
    "oversikt": ("Oversikt", "Overview"),
    "tiltak": ("Tiltak", "Initiatives"),
    "avhengigheter": ("Avhengigheter", "Dependencies"),
    "budsjett": ("Budsjett og ambisjonsnivå", "Budget and ambition level"),
    "veikart": ("Veikart", "Roadmap"),
    "scenarier": ("Scenarier", "Scenarios"),
    "forutsigbarhet": ("Forutsigbarhet", "Predictability"),
    "behandling": ("Behandling", "Approval"),
    "gevinster": ("Gevinster", "Benefits"),
    "import_eksport": ("Import/eksport", "Import/export"),
}


@pytest.fixture(scope="session")
def sample_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite file holding the sample portfolio, made once per test run."""
    path = tmp_path_factory.mktemp("sample") / "sample.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    result = load_path(SAMPLE)
    assert result.portfolio is not None, result.problems
    save_portfolio(engine=engine, portfolio=result.portfolio)
    engine.dispose()
    return path


@pytest.fixture
def database(sample_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """This test's own copy of the sample database, as ``$DATABASE_URL``, used by an administrator
    (the development switch; :func:`read_only` takes it away)."""
    copy = tmp_path / "veikart.db"
    shutil.copy(sample_file, copy)
    url = f"sqlite:///{copy}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv(DEV_USER_VARIABLE, "admin")
    yield url


@pytest.fixture
def read_only(database: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The sample database opened by someone who has not signed in."""
    monkeypatch.delenv(DEV_USER_VARIABLE)
    return database


def start(page: str = "oversikt", language: str = "nb") -> AppTest:
    """The app after its first run, switched to ``page`` and run again."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if language != "nb":
        at.session_state["language"] = language
    at.run()
    if page != "oversikt":
        at.switch_page(f"veikart_ui/pages/{page}.py").run()
    return at


def no_errors(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_runs(database: str, page: str) -> None:
    at = start(page)
    no_errors(at)
    assert at.title[0].value == PAGES[page][0]


def test_every_page_runs_in_english(database: str) -> None:
    at = start("oversikt", language="en")
    no_errors(at)
    assert at.title[0].value == "Overview"
    assert at.radio(key="language").value == "en"
    for page, (_, english) in PAGES.items():
        at.switch_page(f"veikart_ui/pages/{page}.py").run()
        no_errors(at)
        assert at.title[0].value == english


def test_overview_shows_the_portfolio_and_alerts(database: str) -> None:
    at = start()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Tiltak"] == "59"
    assert re.fullmatch(r"\d[\d\u202f]*", metrics["Gjenstående investering (MNOK)"])  # the whole amount
    assert any("gevinster ligger bak plan" in w.value for w in at.warning)
    assert any("Ingen plan er godkjent" in i.value for i in at.info)


def test_decimals_are_shown_in_the_readers_locale(database: str) -> None:
    at = start()
    alerts = next(d for d in at.dataframe if "Planlagt" in d.value.columns)
    config = json.loads(alerts.proto.columns)
    assert config["Planlagt"]["type_config"]["format"] == "localized"  # "29,6" in a Norwegian browser
    assert "År" not in config  # years are whole numbers: no "2 025"


def test_editors_leave_cells_without_a_value_blank(database: str) -> None:
    at = start("tiltak")
    editors = [e for e in at.dataframe if e.proto.editing_mode]
    assert editors and all(e.proto.placeholder == "" and e.proto.HasField("placeholder") for e in editors)


def test_tables_show_a_dash_for_a_missing_value(database: str) -> None:
    """Not Streamlit's English "None": a plan's missing start, a benefit not yet measured."""
    at = start()
    tables = []
    for page in PAGES:
        at.switch_page(f"veikart_ui/pages/{page}.py").run()
        tables += [d for d in at.dataframe if not d.proto.editing_mode]
    assert len(tables) >= 8  # enough to mean something; pages whose tables need a run first have none here
    assert all(d.proto.placeholder == "–" for d in tables), [list(d.value.columns)[:3] for d in tables]


def test_an_empty_database_offers_the_sample(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv(DEV_USER_VARIABLE, "admin")
    at = start()
    no_errors(at)
    assert "ingen portefølje" in at.info[0].value
    at.button(key="load_sample").click().run()
    no_errors(at)
    assert at.title[0].value == "Oversikt"
    assert len(load_portfolio(engine=make_engine(url)).initiatives) == 59


def test_without_sign_in_everything_can_be_seen_and_tried_but_not_saved(read_only: str) -> None:
    at = start("tiltak")
    no_errors(at)
    assert at.button(key="save_initiatives").disabled
    assert any("ikke logget inn" in c.value for c in at.caption)
    at.switch_page("veikart_ui/pages/veikart.py").run()
    at.button(key="run_optimiser").click().run()
    no_errors(at)
    assert at.success[0].value.startswith("Optimal plan")  # the plan is made for the reader ...
    assert at.session_state["plan_id"] is None  # ... and not stored
    at.switch_page("veikart_ui/pages/scenarier.py").run()
    assert at.button(key="save_scenario").disabled
    assert not at.exception


def test_a_lost_database_connection_shows_a_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/veikart?connect_timeout=2")
    for page in ("oversikt", "tiltak", "veikart"):
        at = start(page)
        assert not at.exception, [e.value for e in at.exception]
        assert "Får ikke kontakt med databasen" in at.error[0].value
        assert "tatt vare på" in at.caption[-1].value
