"""Saving a scenario in a real headless Chromium: the unsaved-changes marker, the working
scenario kept across a reload, save as new by default, and overwriting only after the
confirmation that lists each change (its screenshot: ``scenarier_lagre.png``).

Runs with the browser tests (``pytest -m browser``); the server and sign-in are
:mod:`tests.test_app_browser`'s.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from tests.test_app_browser import (
    PASSWORD,
    USERNAME,
    app_url,
    choose,
    full_page,
    open_page,
    page,
    pytestmark,
    wait_for_script,
)

__all__ = ["app_url", "page", "pytestmark"]  # fixtures and marks shared with test_app_browser


def sign_in(tab: Any) -> None:
    sidebar = tab.get_by_test_id("stSidebar")
    sidebar.get_by_label("Brukernavn").fill(USERNAME)
    sidebar.get_by_label("Passord", exact=True).fill(PASSWORD)
    sidebar.get_by_role("button", name="Logg inn").click()
    sidebar.get_by_text("Innlogget: Kari Nordmann").wait_for()
    wait_for_script(tab)


def test_save_as_new_by_default_and_overwrite_only_after_seeing_the_changes(page: Any, tmp_path: Path) -> None:
    folder = Path(os.environ.get("VEIKART_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    open_page(page, "Budsjett og ambisjonsnivå")
    choose(page, "Helse Sør-Øst RHF (HSO)", "Lav")
    page.get_by_text("Ambisjonsnivå Helse Sør-Øst RHF (HSO): Basis → Lav").first.wait_for()
    assert "scenario=Basis" in page.url

    page.reload()  # a new session: the signed-in user's working scenario comes back
    page.get_by_role("heading", name="Budsjett og ambisjonsnivå").wait_for()
    sign_in(page)
    open_page(page, "Veikart")
    page.get_by_text("Ulagrede endringer").first.wait_for()
    page.get_by_text("Ambisjonsnivå Helse Sør-Øst RHF (HSO): Basis → Lav").first.wait_for()

    open_page(page, "Scenarier")
    assert page.get_by_role("textbox", name="Navn på nytt scenario").input_value() == "Basis (kopi)"
    full_page(page, tmp_path / "scenarier_for_lagring.png")
    page.get_by_role("button", name="Lagre endringene i «Basis» …").click()
    wait_for_script(page)
    page.get_by_text("Overskrive «Basis»?").wait_for()
    page.get_by_role("button", name="Ja, overskriv «Basis»").wait_for()
    full_page(page, folder / "scenarier_lagre.png")
    page.get_by_role("button", name="Ja, overskriv «Basis»").click()
    wait_for_script(page)
    page.get_by_text("«Basis» er overskrevet").wait_for()
    assert page.get_by_text("Ulagrede endringer").count() == 0
