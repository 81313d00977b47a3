"""The Forutsigbarhet page in a real headless Chromium: simulate, read the fans, the delivery
confidence and the drivers, in bokmål and English.

``VEIKART_SCREENSHOTS=docs/screenshots pytest -m browser tests/test_app_browser_predictability.py``
also writes the page's screenshots there (see the README).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from tests.test_app_browser import (
    SOLVE_SECONDS,
    app_url,
    full_page,
    open_page,
    open_tab,
    page,
    pytestmark,
    wait_for_script,
)

__all__ = ["app_url", "page", "pytestmark"]  # fixtures and marks shared with test_app_browser


def simulate(tab: Any, button: str, done: str) -> None:
    tab.get_by_role("button", name=button, exact=True).click()
    tab.get_by_text(done).first.wait_for(timeout=SOLVE_SECONDS * 1000)
    wait_for_script(tab)
    tab.locator(".js-plotly-plot").first.wait_for()


def test_simulate_the_plan_and_see_its_delivery_confidence(page: Any, tmp_path: Path) -> None:
    folder = Path(os.environ.get("VEIKART_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    open_page(page, "Forutsigbarhet")
    simulate(page, "Simuler", "Ferdig: 2000 mulige utfall simulert.")
    page.get_by_text("Forbruk mot investeringsramme: P10–P90 og P50").first.wait_for()
    full_page(page, folder / "forutsigbarhet.png")
    for label, name, words in [
        ("Leveransesikkerhet", "forutsigbarhet_leveranse", "Veikart etter leveransesikkerhet"),
        ("Drivere", "forutsigbarhet_drivere", "Hva driver overskridelsene"),
    ]:
        open_tab(page, label)
        page.get_by_text(words).first.wait_for()
        full_page(page, folder / f"{name}.png")

    page.get_by_test_id("stSidebar").get_by_text("English").click()
    wait_for_script(page)
    open_page(page, "Predictability")
    simulate(page, "Simulate", "Done: 2000 futures simulated.")
    page.get_by_text("Spend against the investment envelope: P10–P90").first.wait_for()
    full_page(page, folder / "en_predictability.png")
