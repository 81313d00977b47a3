"""The app in a real headless Chromium (Debian's ``/usr/bin/chromium``) through Playwright.

``streamlit run app.py`` serves a temporary SQLite database loaded with the sample
portfolio on a free localhost port. The main flow: open the app, change a region's
ambition level, run the optimiser, and see the roadmap change.

``VEIKART_SCREENSHOTS=docs/screenshots pytest -m browser tests/test_app_browser.py``
also writes a screenshot of every page there (see the README).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from planning.cli.data import SAMPLE
from planning.io import load_path
from planning.io.memory import plan_bytes, portfolio_bytes
from planning.optimise import optimise
from planning.store.database import make_engine, save_portfolio, upgrade
from planning.store.users import DEV_USER_VARIABLE, add_user

try:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
except ImportError:  # the page fixture skips with the reason
    PlaywrightTimeout = TimeoutError  # type: ignore[misc,assignment]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ROOT = Path(__file__).resolve().parents[1]
USERNAME, PASSWORD = "kari", "et langt passord for testen"
STARTUP_SECONDS = 60
SOLVE_SECONDS = 180

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is missing: apt-get install chromium"),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def sample_database(folder: Path) -> str:
    url = f"sqlite:///{folder / 'veikart.db'}"
    engine = make_engine(url)
    upgrade(engine)
    result = load_path(SAMPLE)
    assert result.portfolio is not None, result.problems
    save_portfolio(engine=engine, portfolio=result.portfolio)
    add_user(engine, username=USERNAME, role="admin", by=None, display_name="Kari Nordmann", password=PASSWORD)
    engine.dispose()
    return url


def wait_until_healthy(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"streamlit stopped with exit code {server.returncode}")
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"streamlit did not answer on {base} within {STARTUP_SECONDS} s")


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app served by ``streamlit run`` on a free port against a fresh sample database."""
    folder = tmp_path_factory.mktemp("browser")
    port = free_port()
    env = {**os.environ, "DATABASE_URL": sample_database(folder), "VEIKART_DATA_DIR": str(folder)}
    env.pop(DEV_USER_VARIABLE, None)  # sign in with a password, as people do
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
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@pytest.fixture
def page(app_url: str) -> Iterator[Any]:
    """A fresh browser tab (its own Streamlit session) on the app's first page, signed in as an administrator."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright (dev extra)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="nb-NO")
        tab = context.new_page()
        tab.set_default_timeout(STARTUP_SECONDS * 1000)
        tab.goto(app_url)
        tab.get_by_role("heading", name="Oversikt").wait_for()
        sidebar = tab.get_by_test_id("stSidebar")
        sidebar.get_by_label("Brukernavn").fill(USERNAME)
        sidebar.get_by_label("Passord", exact=True).fill(PASSWORD)
        sidebar.get_by_role("button", name="Logg inn").click()
        sidebar.get_by_text("Innlogget: Kari Nordmann (administrator)").wait_for()  # the role in bokmål too
        wait_for_script(tab)
        yield tab
        context.close()
        browser.close()


def open_page(tab: Any, title: str) -> None:
    """Go to a page through the sidebar menu (a new URL would start a new session)."""
    tab.get_by_test_id("stSidebarNav").get_by_text(title, exact=True).click()
    tab.get_by_role("heading", name=title).first.wait_for()
    wait_for_script(tab)


def wait_for_script(tab: Any) -> None:
    """Until Streamlit has finished running the page's script (its running indicator has come and gone)."""
    indicator = tab.get_by_test_id("stStatusWidget")
    with contextlib.suppress(PlaywrightTimeout):
        indicator.wait_for(state="attached", timeout=2500)
    indicator.wait_for(state="detached", timeout=SOLVE_SECONDS * 1000)


def run_optimiser(tab: Any) -> dict[str, Any]:
    """Press the run button, wait for the plan, and read the roadmap chart's bars."""
    tab.get_by_role("button", name="Kjør optimering").click()
    tab.get_by_text("Optimal plan:").or_(tab.get_by_text("Tidsgrensen på")).first.wait_for(timeout=SOLVE_SECONDS * 1000)
    wait_for_script(tab)
    chart = tab.locator(".js-plotly-plot").first
    chart.wait_for()
    bars: dict[str, Any] = chart.evaluate(
        """(node) => Object.fromEntries(node.data.filter((t) => t.type === 'bar' && t.customdata)
             .flatMap((t) => t.customdata.map((id, k) => [id, t.base[k]])))"""
    )
    return bars


def test_change_ambition_and_see_the_roadmap_change(page: Any) -> None:
    open_page(page, "Veikart")
    before = run_optimiser(page)
    assert len(before) > 10

    open_page(page, "Budsjett og ambisjonsnivå")
    page.get_by_test_id("stSelectbox").filter(has_text="Helse Sør-Øst RHF (HSO)").get_by_role("combobox").click()
    page.get_by_role("option", name="Lav", exact=True).click()
    wait_for_script(page)

    open_page(page, "Veikart")
    page.get_by_text("Helse Sør-Øst RHF (HSO): Lav").first.wait_for()
    after = run_optimiser(page)

    assert after != before, "the roadmap did not change when Helse Sør-Øst's ambition went from Basis to Lav"
    page.get_by_role("tab", name="Forbruk mot ramme").click()
    page.get_by_text("Forbruk mot investeringsramme per finansieringskilde og år").first.wait_for()


def full_page(tab: Any, path: Path) -> None:
    """A screenshot of the whole page: Streamlit scrolls inside its main block, so grow the window to fit."""
    height = tab.evaluate(
        """() => Math.max(...[...document.querySelectorAll(
             '[data-testid=stMain], [data-testid=stAppViewContainer], [data-testid=stMainBlockContainer]')]
             .map((node) => node.scrollHeight))"""
    )
    tab.set_viewport_size({"width": 1440, "height": max(900, int(height) + 40)})
    tab.wait_for_timeout(1500)  # charts redraw at the new size
    tab.screenshot(path=str(path), full_page=True)
    tab.set_viewport_size({"width": 1440, "height": 1000})
    assert path.stat().st_size > 10_000


def open_tab(tab: Any, label: str) -> None:
    """Open a tab and wait until its content is drawn: a keyed tab runs the script again to draw
    it, a plain one is there at once (waiting for a script run would time out on those)."""
    tab.get_by_role("tab", name=label).click()
    tab.get_by_role("tab", name=label, selected=True).wait_for()
    tab.get_by_role("tabpanel", name=label).locator("[data-testid='stElementContainer']").first.wait_for()
    tab.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for()


def choose(tab: Any, label: str, option: str) -> None:
    """Pick ``option`` in the selectbox labelled ``label`` (typing filters long, virtualised lists)."""
    box = tab.get_by_test_id("stSelectbox").filter(has_text=label).get_by_role("combobox")
    box.click()
    box.type(option[:6])
    tab.get_by_role("option", name=option, exact=True).click()
    wait_for_script(tab)


@pytest.mark.slow
def broken_workbook(folder: Path) -> Path:
    """The sample as a workbook with two wrong cells, as a planner might upload it."""
    portfolio = load_path(SAMPLE).portfolio
    assert portfolio is not None
    book = openpyxl.load_workbook(io.BytesIO(portfolio_bytes(portfolio, "xlsx")))
    book["initiative"]["E3"] = "XX"
    book["initiative"]["F5"] = "to år"
    path = folder / "endret-portefolje.xlsx"
    book.save(path)
    return path


def edited_plan(folder: Path) -> Path:
    """The plan export of the sample's Basis plan with two starts moved earlier in Excel."""
    portfolio = load_path(SAMPLE).portfolio
    assert portfolio is not None
    plan = optimise(portfolio, "Basis", time_limit=20, explain=False)
    book = openpyxl.load_workbook(io.BytesIO(plan_bytes(plan, portfolio, "xlsx")))
    sheet = book["roadmap"]
    start = [cell.value for cell in sheet[1]].index("start") + 1
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row, 1).value in ("INNB-DIALOG", "KI-JOURNAL"):
            sheet.cell(row, start).value = 2026
    path = folder / "redigert-plan.xlsx"
    book.save(path)
    return path


def test_screenshots_of_every_page(page: Any, tmp_path: Path) -> None:
    """Every page with content: a plan approved, then a change against it, the comparisons made."""
    folder = Path(os.environ.get("VEIKART_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    open_page(page, "Veikart")
    run_optimiser(page)
    open_page(page, "Scenarier")
    open_tab(page, "Godkjent plan")
    page.get_by_label("Godkjent av").fill("Styringsgruppen")
    page.get_by_label("Kommentar").fill("Vedtatt som plan for 2026–2033")
    page.get_by_label("Kommentar").press("Tab")
    wait_for_script(page)
    page.get_by_role("button", name="Godkjenn planen").click()
    wait_for_script(page)

    open_page(page, "Budsjett og ambisjonsnivå")
    choose(page, "Helse Sør-Øst RHF (HSO)", "Lav")
    full_page(page, folder / "budsjett.png")
    open_page(page, "Veikart")
    run_optimiser(page)
    full_page(page, folder / "veikart.png")
    for label, name in [
        ("Forbruk mot ramme", "veikart_forbruk"),
        ("Gevinstkurve", "veikart_gevinstkurve"),
        ("Trinn", "veikart_trinn"),
        ("Utelatt og utsatt", "veikart_utelatt"),
    ]:
        open_tab(page, label)
        full_page(page, folder / f"{name}.png")

    open_page(page, "Scenarier")
    open_tab(page, "Godkjent plan")
    full_page(page, folder / "scenarier_godkjent.png")
    open_tab(page, "Sammenlign")
    page.get_by_role("button", name="Sammenlign", exact=True).click()
    wait_for_script(page)
    full_page(page, folder / "scenarier.png")
    open_tab(page, "Ambisjonsstige")
    page.get_by_role("button", name="Beregn ambisjonsstigen").click()
    wait_for_script(page)
    full_page(page, folder / "scenarier_stige.png")
    open_tab(page, "Effektiv front")
    page.get_by_role("button", name="Beregn effektiv front").click()
    wait_for_script(page)
    full_page(page, folder / "scenarier_front.png")

    open_page(page, "Oversikt")
    full_page(page, folder / "oversikt.png")
    open_page(page, "Tiltak")
    full_page(page, folder / "tiltak.png")
    open_page(page, "Avhengigheter")
    choose(page, "Fremhev et tiltak", "PLL-HV – PLL – innføring i helsefellesskapene i Helse Vest")
    full_page(page, folder / "avhengigheter.png")
    for name, title in [("gevinster", "Gevinster"), ("import_eksport", "Import/eksport")]:
        open_page(page, title)
        full_page(page, folder / f"{name}.png")
    open_tab(page, "Import")
    page.locator("input[type=file]").first.set_input_files(broken_workbook(tmp_path))
    page.get_by_text("kan ikke leses inn").wait_for()
    full_page(page, folder / "import_eksport_kontroll.png")
    open_tab(page, "Sjekk en plan")
    target = page.get_by_test_id("stSelectbox").filter(has_text="Sjekk mot").get_by_role("combobox")
    target.click()
    page.get_by_role("option", name=re.compile("^Den godkjente planen")).click()  # approved at the start
    wait_for_script(page)
    page.locator("input[type=file]").last.set_input_files(edited_plan(tmp_path))
    page.get_by_text("Planen bryter").wait_for()
    page.get_by_text("Mot den godkjente planen:").wait_for()
    full_page(page, folder / "import_eksport_sjekk.png")

    page.get_by_test_id("stSidebar").get_by_text("English").click()
    wait_for_script(page)
    open_page(page, "Roadmap")
    full_page(page, folder / "en_roadmap.png")
