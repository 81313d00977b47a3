"""The Behandling page in a real headless Chromium: a board secretary signs in with a password
and records her board's decision through the form.

``VEIKART_SCREENSHOTS=docs/screenshots pytest -m browser tests/test_app_approval_browser.py``
also writes the page's screenshots for the README.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from planning.approval.cases import open_case
from planning.approval.conditions import make_condition
from planning.approval.decisions import record_decision
from planning.approval.status import case_status
from planning.cli.data import SAMPLE
from planning.io import load_path
from planning.plans.runs import run_scenario
from planning.store.database import load_portfolio, make_engine, save_portfolio, upgrade
from planning.store.users import DEV_USER_VARIABLE, add_user
from tests.test_app_browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    STARTUP_SECONDS,
    free_port,
    full_page,
    open_page,
    wait_for_script,
    wait_until_healthy,
)
from tests.test_approval_chain import BOARDS, COORDINATOR, ITD, LM

USERNAME, PASSWORD = "hanne@helse-mn.no", "et langt passord for styresekretæren"
TODAY = dt.date(2026, 12, 4)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is missing: apt-get install chromium"),
]


def case_database(folder: Path) -> str:
    """The sample with a case under way (ITD, LM and HSO passed, HV on a condition that fails)
    and Helse Midt-Norge's board secretary as a user with a password."""
    url = f"sqlite:///{folder / 'veikart.db'}"
    engine = make_engine(url)
    upgrade(engine)
    sample = load_path(SAMPLE).portfolio
    assert sample is not None
    save_portfolio(engine=engine, portfolio=sample)
    basis = run_scenario(engine, load_portfolio(engine=engine), "Basis", explain=False, user=COORDINATOR)
    case = open_case(engine, basis.id, user=COORDINATOR)
    for body, user, date, number, text in [
        ("ITD", ITD, "2026-09-10", "Sak 12-2026", "IKT-direktørmøtet anbefaler planen for 2026–2033."),
        ("LM", LM, "2026-09-21", "Sak 30-2026", "Ledermøtet har behandlet planen og slutter seg til anbefalingen."),
        ("HSO", BOARDS["HSO"], "2026-10-15", "Sak 045-2026", "Styret godkjenner planen."),
    ]:
        record_decision(engine, case.id, body, outcome="approved", meeting_date=date, case_number=number, text=text,
                        user=user, today=TODAY)  # fmt: skip
    condition = make_condition("Godkjent forutsatt at 2028 er høyst 90 MNOK", "HV", 2028, 90.0)
    record_decision(engine, case.id, "HV", outcome="approved_with_conditions", meeting_date="2026-10-16",
                    case_number="Sak 101-2026", text="Styret godkjenner planen med forbehold om rammen for 2028.",
                    condition=condition, user=BOARDS["HV"], today=TODAY)  # fmt: skip
    add_user(engine, username="ada", role="admin", by=None)
    add_user(engine, username=USERNAME, role="board_secretary", region="HMN", display_name="Hanne Berg",
             password=PASSWORD, by=_admin(engine))  # fmt: skip
    engine.dispose()
    return url


def _admin(engine: Any) -> Any:
    from planning.store.users import get_user

    return get_user(engine, "ada")


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    folder = tmp_path_factory.mktemp("approval-browser")
    url = case_database(folder)
    port = free_port()
    env = {**os.environ, "DATABASE_URL": url, "VEIKART_DATA_DIR": str(folder)}
    env.pop(DEV_USER_VARIABLE, None)
    streamlit = shutil.which("streamlit", path=str(Path(sys.executable).parent)) or "streamlit"
    command = [
        streamlit,
        "run",
        "app.py",
        "--server.headless=true",
        f"--server.port={port}",
        "--server.address=127.0.0.1",
        "--browser.gatherUsageStats=false",
        "--server.fileWatcherType=none",
    ]
    log = (folder / "streamlit.log").open("wb")
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base, server)
        yield base, url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def test_a_board_secretary_records_the_boards_decision(app: tuple[str, str], tmp_path: Path) -> None:
    base, url = app
    folder = Path(os.environ.get("VEIKART_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright (dev extra)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="nb-NO")
        tab = context.new_page()
        tab.set_default_timeout(STARTUP_SECONDS * 1000)
        tab.goto(base)
        tab.get_by_role("heading", name="Oversikt").wait_for()
        sidebar = tab.get_by_test_id("stSidebar")
        sidebar.get_by_label("Brukernavn").fill(USERNAME)
        sidebar.get_by_label("Passord", exact=True).fill(PASSWORD)
        sidebar.get_by_role("button", name="Logg inn").click()
        sidebar.get_by_text("Innlogget: Hanne Berg (styresekretær for HMN)").wait_for()
        wait_for_script(tab)
        open_page(tab, "Behandling")
        tab.get_by_text("Forbeholdet holder ikke").first.wait_for()
        full_page(tab, folder / "behandling.png")

        form = tab.get_by_test_id("stForm")
        for part, value in (("day", "20"), ("month", "10")):
            form.get_by_role("spinbutton", name=f"{part}, Møtedato").click()
            tab.keyboard.type(value)
        form.get_by_label("Saksnummer").fill("Sak 088-2026")
        form.get_by_label("Vedtak").fill("Styret i Helse Midt-Norge RHF godkjenner planen.")
        form.get_by_role("button", name="Før vedtaket").click()
        tab.get_by_text("Vedtaket til Styret i Helse Midt-Norge RHF er ført.").wait_for()
        wait_for_script(tab)
        full_page(tab, folder / "behandling_vedtak.png")

        tab.get_by_test_id("stSidebar").get_by_text("English").click()
        wait_for_script(tab)
        open_page(tab, "Approval")
        full_page(tab, folder / "en_behandling.png")
        context.close()
        browser.close()
    engine = make_engine(url)
    decision = case_status(engine, 1).party("HMN").decision
    engine.dispose()
    assert decision is not None and decision.case_number == "Sak 088-2026" and decision.recorded_by == USERNAME
