"""Tables and Streamlit's chrome in a real headless Chromium at 1440 x 900 (issue 33 items 9 and 10).

No Deploy button; the initiative grid's key columns within the grid's width (no scrolling
sideways to read them), an area's chip whole, a filtered grid as tall as its rows; the
comparison's tables never wider than the page. ``VEIKART_SCREENSHOTS=folder`` keeps the
screenshots (``tiltak_1440.png``, ``tiltak_filtrert.png``, ``scenarier_sammenlign.png``).

Runs with the browser tests (``pytest -m browser``); the server and sign-in are
:mod:`tests.test_app_browser`'s.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from tests.test_app_browser import (
    app_url,
    choose,
    full_page,
    open_page,
    open_tab,
    page,
    pytestmark,
    wait_for_script,
)
from veikart_ui.components import ROW_PIXELS
from veikart_ui.grid_layout import GRID_AT_1440, KEY_WIDTHS, ROW_MARKER

__all__ = ["app_url", "page", "pytestmark"]  # fixtures and marks shared with test_app_browser

KEY_HEADERS = ["ID", "Navn", "Område", "Ansvarlig region", "Status"]


def headers_in_view(tab: Any) -> list[str]:
    """The initiative grid's column headers that the grid draws in its visible width."""
    found: list[str] = tab.get_by_test_id("stDataFrame").first.evaluate(
        "(grid) => [...grid.querySelectorAll('[role=columnheader]')].map((n) => n.textContent.trim())"
    )
    return found


def test_no_deploy_button_and_the_initiative_grid_is_read_without_scrolling_sideways(page: Any, tmp_path: Path) -> None:
    folder = Path(os.environ.get("VEIKART_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1440, "height": 900})
    assert page.get_by_test_id("stAppDeployButton").count() == 0
    assert page.get_by_role("button", name="Deploy").count() == 0

    open_page(page, "Tiltak")
    grid = page.get_by_test_id("stDataFrame").first
    width = grid.bounding_box()["width"]
    assert width >= GRID_AT_1440 - 2, width  # the layout the widths were chosen for
    assert ROW_MARKER + sum(KEY_WIDTHS.values()) <= width
    assert headers_in_view(page)[: len(KEY_HEADERS)] == KEY_HEADERS
    page.screenshot(path=str(folder / "tiltak_1440.png"))

    multiselect = page.get_by_test_id("stMultiSelect").filter(has_text="Område")
    multiselect.get_by_role("combobox").click()
    page.get_by_role("option", name="Digital hjemmeoppfølging", exact=True).click()
    page.keyboard.press("Escape")
    wait_for_script(page)
    chip = multiselect.locator("span[data-tag] span[title]").first
    assert chip.inner_text() == "Digital hjemmeoppfølging"
    cut = chip.evaluate("(text) => text.scrollWidth > text.clientWidth + 1")
    assert not cut, "the area's chip is cut off"
    rows = page.get_by_test_id("stDataFrame").first.evaluate(
        "(grid) => grid.querySelectorAll('[role=row]').length - 1"  # the header row is a row too
    )
    height = page.get_by_test_id("stDataFrame").first.bounding_box()["height"]
    assert height <= ROW_PIXELS * (rows + 2) + 6, (rows, height)  # header, rows, the row for adding; no blank rows
    page.screenshot(path=str(folder / "tiltak_filtrert.png"))


def test_the_comparison_never_cuts_text_or_columns(page: Any, tmp_path: Path) -> None:
    folder = Path(os.environ.get("VEIKART_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1440, "height": 900})
    open_page(page, "Budsjett og ambisjonsnivå")
    choose(page, "Helse Nord RHF (HN)", "Lav")  # an unsaved working copy
    open_page(page, "Scenarier")
    open_tab(page, "Sammenlign")
    page.get_by_text("Basis (arbeidskopi, ikke lagret)").first.wait_for()
    page.get_by_role("button", name="Sammenlign", exact=True).click()
    wait_for_script(page)
    tables = page.get_by_test_id("stTable")
    tables.nth(1).wait_for()
    for n in range(tables.count()):
        overflow = tables.nth(n).evaluate("(t) => t.scrollWidth - t.clientWidth")
        assert overflow <= 1, f"table {n} is {overflow} px wider than the page"
    assert "Hvorfor" in tables.nth(1).inner_text()
    full_page(page, folder / "scenarier_sammenlign.png")
