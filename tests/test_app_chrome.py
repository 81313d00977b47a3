"""Streamlit's chrome and leftovers, and the tables (issue 33 items 9 and 10), headless, in nb and en.

No Deploy button from the first view (config, not a runtime option); no English "Select
all"; the uploaders explained in the reader's language; capacity units in bokmål; the
scenario ``Hoy`` read as ``Høy``; headers never cut; a filtered grid without blank rows.
(The same in a real browser at 1440 x 900: tests/test_app_browser_tables.py.)
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.test_app_flows import open_tab
from tests.test_app_pages import database, no_errors, sample_file, start
from veikart_ui.components import header_width, table_height
from veikart_ui.display import scenario_label
from veikart_ui.grid_layout import KEY_WIDTHS

__all__ = ["database", "sample_file"]  # fixtures shared with test_app_pages

ROOT = Path(__file__).resolve().parents[1]


def test_the_deploy_button_is_hidden_by_the_config_from_the_first_view() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["toolbarMode"] == "viewer"
    assert "toolbarMode" not in (ROOT / "app.py").read_text(encoding="utf-8")  # not a runtime option


@pytest.mark.parametrize("language", ["nb", "en"])
def test_no_multiselect_offers_streamlits_english_select_all(database: str, language: str) -> None:
    at = start("tiltak", language=language)
    boxes = list(at.multiselect)
    at.switch_page("veikart_ui/pages/scenarier.py").run()
    open_tab(at, "scenario_tabs", "Sammenlign" if language == "nb" else "Compare")
    no_errors(at)
    boxes += list(at.multiselect)
    assert len(boxes) == 4
    assert all(box.proto.select_all == 0 for box in boxes)


@pytest.mark.parametrize(("language", "hint"), [("nb", "Dra filen hit"), ("en", "Drag the file here")])
def test_each_uploader_says_what_to_do_in_the_readers_language(database: str, language: str, hint: str) -> None:
    at = start("import_eksport", language=language)
    no_errors(at)
    assert sum(hint in caption.value for caption in at.caption) == 2  # the import and the plan check
    at.switch_page("veikart_ui/pages/gevinster.py").run()
    assert any(hint in caption.value for caption in at.caption)


@pytest.mark.parametrize("language", ["nb", "en"])
def test_capacity_units_are_in_bokmal_in_the_sample(database: str, language: str) -> None:
    at = start("budsjett", language=language)
    no_errors(at)
    units = next(e.value for e in at.dataframe if "unit" in e.value.columns)["unit"]
    assert set(units) == {"produksjonssettinger", "utviklingsteam"}


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_scenario_hoy_reads_hoy_and_keeps_its_id(database: str, language: str) -> None:
    at = start("scenarier", language=language)
    load = at.selectbox(key="load_scenario")
    assert "Høy" in load.options and "Hoy" not in load.options
    load.set_value("Hoy").run()
    at.button(key="load_scenario_button").click().run()
    no_errors(at)
    assert at.session_state["working_scenario"]["id"] == "Hoy"  # the id is unchanged
    assert any(m.value.endswith("** Høy — Alle finansieringskilder på Høy ambisjon.") for m in at.markdown)


def test_a_scenario_id_is_shown_as_its_ambition_level_only_when_it_is_that_level_spelled_plainly(
    database: str,
) -> None:
    from planning.store.database import load_portfolio, make_engine

    portfolio = load_portfolio(engine=make_engine(database))
    assert [scenario_label(portfolio, s) for s in ("Hoy", "hoy", "Høy", "Lav", "Basis", "Kutt20", "Hoyere")] == [
        "Høy", "Høy", "Høy", "Lav", "Basis", "Kutt20", "Hoyere"
    ]  # fmt: skip


def header_cut(at: AppTest) -> list[str]:
    """The headers of the page's read-only tables that are wider than their column."""
    cut = []
    for element in at.dataframe:
        frame: pd.DataFrame = element.value
        config = json.loads(element.proto.columns or "{}")
        for column in frame.columns:
            entry = config.get(str(column), {})
            label = entry.get("label") or str(column)
            needed = header_width(label, frame[column].head(200))
            if needed is not None and (entry.get("width") or 0) < needed:
                cut.append(label)
    return cut


@pytest.mark.parametrize("language", ["nb", "en"])
def test_no_table_header_is_cut(database: str, language: str) -> None:
    at = start("oversikt", language=language)
    for page in ("oversikt", "budsjett", "gevinster", "tiltak"):
        at.switch_page(f"veikart_ui/pages/{page}.py").run()
        no_errors(at)
        assert not header_cut(at), page


def test_header_width_is_given_only_where_the_cells_are_narrower() -> None:
    assert header_width("Mangler måling", [0, 1, 12]) is not None  # "Mangler..." was cut above a count
    assert header_width("Navn", ["Digital hjemmeoppfølging – felles plattform"]) is None  # the cells size it


def test_a_table_is_as_tall_as_its_rows_up_to_a_limit() -> None:
    assert table_height(7, most=14, extra_rows=1) == 35 * 9 + 3  # header, seven rows, the row for adding one
    assert table_height(59, most=14) == 35 * 15 + 3  # then it scrolls
    assert table_height(0) == 35 * 2 + 3  # room for the "no rows" line
    # the filtered grid in a real browser: tests/test_app_browser_tables.py


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_initiative_grid_shows_its_key_columns_first(database: str, language: str) -> None:
    at = start("tiltak", language=language)
    (grid,) = [e for e in at.dataframe if "lead_region" in e.value.columns]
    order = list(grid.proto.column_order)
    assert order[:5] == ["id", "name", "area", "lead_region", "status"]
    config = json.loads(grid.proto.columns)
    assert [config[c]["width"] for c in order[:5]] == list(KEY_WIDTHS.values())
