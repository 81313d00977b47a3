"""Every page shows names, descriptions, ids, scenario names and usernames as plain text (issue 35, item 6).

The sample portfolio gets hostile names: every table's ``name`` starts with Markdown and HTML
that would render as a link, an image, bold text, HTML, autolinks, maths and a colour, every
description starts with a heading, a scenario's id is a link, and the signed-in user is
``a@evil.example`` with a link for a display name. Each page and tab is run headless and every
text Streamlit renders as Markdown (texts, alerts, headings, widget labels and help, radio and
pill options, expander and tab titles, ``st.table`` cells) is checked to hold none of it
unescaped; chart texts are checked for raw HTML. What Streamlit shows literally
(``st.dataframe``, selectbox and multiselect options, ``st.text``) is left as typed.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

import veikart_ui.robust as robust_section
from planning.approval.cases import open_case
from planning.cli.data import SAMPLE
from planning.domain.loading import parse_portfolio
from planning.io.files import read_csv_folder
from planning.plans.baseline import approve_plan
from planning.plans.runs import run_scenario
from planning.robust import RobustOptions, price_of_predictability, robust_plan
from planning.store.database import load_portfolio, make_engine, save_portfolio, upgrade
from planning.store.users import DEV_USER_VARIABLE, add_user, get_user
from tests.test_app_flows import open_tab
from tests.test_app_pages import APP, PAGES, TIMEOUT
from tests.test_app_plain_text import ESCAPED, read
from veikart_ui.i18n import text

HOSTILE = (
    "[klikk](https://evil.example) ![x](https://evil.example/x.png) **fet** <b>x</b> "
    "www.evil.example a@evil.example $x$ :red[x]"
)
HEADING = "# Overskrift"
SCENARIO = "[s](https://evil.example/s) **S**"
USERNAME = "a@evil.example"
OBLIGATION = "HN-INNB-SAMI"
"""An obligation of the sample, left out by the hostile scenario (so the plan warns of it)."""

MARKUP = {
    "link": re.compile(r"(?<!\\)\[[^\]\n]*(?<!\\)\]\("),
    "image": re.compile(r"(?<!\\)!(?<!\\)\["),
    "bold": re.compile(r"(?<!\\)\*\*fet(?<!\\)\*\*|(?<!\\)\*\*S(?<!\\)\*\*"),
    "html": re.compile(r"(?<!\\)<b>"),
    "maths": re.compile(r"(?<!\\)\$x(?<!\\)\$"),
    "colour": re.compile(r"(?<!\\):red(?<!\\)\["),
    "heading": re.compile(r"^\s*#+ Overskrift", re.MULTILINE),
}
"""Markup from the hostile names that Markdown would act on, written without escapes."""
AUTOLINK = re.compile(r"(?i)(https?://|www\.)evil|[\w.+-]@evil")
"""GFM autolink literals, found in the text after escapes are read (as Streamlit's Markdown does)."""
MARKDOWN_ELEMENTS = {"markdown", "caption", "info", "warning", "error", "success", "title", "header", "subheader"}
"""Elements whose value is Markdown."""
NOT_MARKDOWN = {"selectbox", "multiselect", "text_input", "text_area", "text", "code", "json", "number_input"}
"""Elements whose options and values Streamlit shows as typed (labels and help are still checked)."""


def markup_in(source: str) -> list[str]:
    """The kinds of hostile markup that ``source`` would render."""
    found = [kind for kind, pattern in MARKUP.items() if pattern.search(source)]
    return found + (["autolink"] if AUTOLINK.search(ESCAPED.sub(r"\1", source)) else [])


@pytest.fixture(scope="session")
def hostile_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite file with the sample portfolio under hostile names, a hostile scenario and user."""
    raw = {table: [dict(row) for row in rows] for table, rows in read_csv_folder(SAMPLE).items()}
    for rows in raw.values():
        for row in rows:
            if row.get("name"):
                row["name"] = f"{HOSTILE} {row['name']}"[:200]
            if "description" in row:
                row["description"] = f"{HEADING}\n{HOSTILE}\n{row['description'] or ''}"[:2000]
            if row.get("obligation_note"):
                row["obligation_note"] = f"{HOSTILE} {row['obligation_note']}"[:500]
    basis = next(row for row in raw["scenario"] if row["id"] == "Basis")
    raw["scenario"].append({**basis, "id": SCENARIO, "forced_out": OBLIGATION})  # a plan that leaves it out
    result = parse_portfolio(raw)
    assert result.portfolio is not None, result.problems[:5]
    path = tmp_path_factory.mktemp("hostile") / "hostile.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    save_portfolio(engine=engine, portfolio=result.portfolio)
    add_user(engine, username=USERNAME, role="admin", by=None, display_name=HOSTILE[:120])
    engine.dispose()
    return path


@pytest.fixture
def hostile(hostile_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """This test's own copy of the hostile database as ``$DATABASE_URL``, used by the hostile user."""
    copy = tmp_path / "veikart.db"
    shutil.copy(hostile_file, copy)
    url = f"sqlite:///{copy}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv(DEV_USER_VARIABLE, USERNAME)
    monkeypatch.setenv("VEIKART_CORE_INDEX_WORKERS", "0")
    yield url


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def markdown_texts(at: AppTest) -> list[tuple[str, str]]:
    """Every (element type, text) on the page that Streamlit renders as Markdown."""
    found: list[tuple[str, str]] = []

    def walk(node: Any) -> None:
        kind = getattr(node, "type", "")
        proto = getattr(node, "proto", None)
        if kind in {"expander", "tab"}:
            found.append((kind, proto.label))
        elif kind == "popover":
            found.append((kind, proto.popover.label))
        elif kind in MARKDOWN_ELEMENTS:
            found.append((kind, str(node.value)))
        elif kind == "table":
            frame = node.value
            found.extend(("table", str(cell)) for cell in [*frame.columns, *frame.to_numpy().ravel()])
        elif proto is not None and kind not in {"plotly_chart", "arrow_data_frame", "tab_container"}:
            for field in ("label", "help", "body", "caption"):
                written = getattr(proto, field, None)
                if isinstance(written, str) and written:
                    found.append((kind, written))
            if kind not in NOT_MARKDOWN:
                for option in getattr(proto, "options", None) or []:
                    content = option if isinstance(option, str) else getattr(option, "content", None)
                    if isinstance(content, str):
                        found.append((kind, content))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return found


def chart_texts(at: AppTest) -> list[str]:
    """Every text in the page's plotly figures (which render a subset of HTML)."""
    return [text for element in at.get("plotly_chart") for text in _strings(json.loads(element.proto.spec))]


def assert_plain(at: AppTest, where: str) -> str:
    """No hostile markup anywhere on the page; what a reader sees of it, joined."""
    assert not at.exception, [e.value for e in at.exception]
    texts = markdown_texts(at)
    rendered = [(kind, markup_in(text), text[:160]) for kind, text in texts if markup_in(text)]
    assert not rendered, f"{where}: {rendered[:40]}"
    raw_html = [text[:160] for text in chart_texts(at) if "<b>x" in text or "<a " in text]
    assert not raw_html, f"{where} charts: {raw_html[:5]}"
    return "\n".join(read(text) for _, text in texts)


@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_shows_hostile_names_as_plain_text(hostile: str, page: str) -> None:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    if page != "oversikt":
        at.switch_page(f"veikart_ui/pages/{page}.py").run()
    seen = assert_plain(at, page)
    if page == "oversikt":
        assert HOSTILE[:120] in seen, "the signed-in user's name is shown, readably"


def test_the_initiatives_page_shows_the_names_readably(hostile: str) -> None:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    at.switch_page("veikart_ui/pages/tiltak.py").run()
    assert HOSTILE in assert_plain(at, "tiltak")


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_scenario_tabs_and_the_comparison_show_plain_text(hostile: str, language: str) -> None:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.session_state["language"] = language
    at.run()
    at.switch_page("veikart_ui/pages/scenarier.py").run()
    assert_plain(at, "scenarier")
    for tab in ("store", "ladder", "frontier", "baseline"):
        open_tab(at, "scenario_tabs", text(f"scenarios.tab.{tab}", language))
        assert_plain(at, f"scenarier/{tab}")
    compare = {"nb": "Sammenlign", "en": "Compare"}[language]
    open_tab(at, "scenario_tabs", compare)
    at.multiselect(key="compare_scenarios").set_value([SCENARIO, "Basis"]).run()
    at.button(key="compare_button").click().run()
    seen = assert_plain(at, "compare")
    assert SCENARIO in seen and HOSTILE in seen


def test_the_roadmap_after_a_run_and_the_approval_of_its_case(hostile: str) -> None:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["scenario"] = SCENARIO  # the hostile scenario is the working one
    at.run()
    at.switch_page("veikart_ui/pages/veikart.py").run()
    at.button(key="run_optimiser").click().run()
    seen = assert_plain(at, "veikart after a run")
    assert SCENARIO in seen and OBLIGATION in seen, "the working scenario, and the obligation the plan leaves out"
    for tab in ("roadmap", "spend", "benefits", "steps", "explain", "facts"):
        open_tab(at, "roadmap_tabs", text(f"tab.{tab}"))
        assert_plain(at, f"veikart/{tab}")
    engine = make_engine(hostile)
    user = get_user(engine, USERNAME)
    assert user is not None
    plan = run_scenario(engine, load_portfolio(engine=engine), SCENARIO, explain=False, user=user)
    open_case(engine, plan.id, user=user)
    approve_plan(engine, plan.id, by=HOSTILE[:100], comment=HOSTILE, user=user)
    engine.dispose()
    at.switch_page("veikart_ui/pages/behandling.py").run()
    assert_plain(at, "behandling")
    at.switch_page("veikart_ui/pages/gevinster.py").run()
    assert_plain(at, "gevinster against the approved plan")
    at.switch_page("veikart_ui/pages/scenarier.py").run()
    open_tab(at, "scenario_tabs", text("scenarios.tab.baseline"))
    assert HOSTILE in assert_plain(at, "the approved plan")


def _quick(options: RobustOptions) -> RobustOptions:
    return replace(options, method="saa", samples=10, check_samples=100, time_limit=3.0)


def test_simulation_robust_plan_and_core_index_show_plain_text(hostile: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(robust_section, "robust_plan", lambda p, s, o, **kw: robust_plan(p, s, _quick(o), **kw))
    monkeypatch.setattr(
        robust_section,
        "price_of_predictability",
        lambda p, s, o, **kw: price_of_predictability(p, s, (0.5, 0.9), _quick(o), **kw),
    )
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    at.switch_page("veikart_ui/pages/forutsigbarhet.py").run()
    at.number_input(key="sim_samples").set_value(100)
    at.button(key="sim_button").click().run()
    assert_plain(at, "simulation")
    for tab in ("spend", "delivery", "steps", "value", "drivers", "estimates"):
        open_tab(at, "sim_tabs", text(f"sim.tab.{tab}"))
        assert_plain(at, f"simulation/{tab}")
    at.button(key="robust_button").click().run()
    assert_plain(at, "robust plan")
    at.button(key="robust_price_button").click().run()
    assert_plain(at, "price of predictability")
    at.number_input(key="core_samples").set_value(2)
    at.button(key="core_button").click().run()
    assert_plain(at, "core index")
