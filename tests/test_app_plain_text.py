"""Names and descriptions are shown as plain text, never rendered as Markdown (issue 35, item 6)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from planning.domain.loading import build_portfolio
from planning.store.database import make_engine, save_portfolio, upgrade
from planning.store.users import DEV_USER_VARIABLE
from tests.conftest import small_raw_portfolio
from tests.test_app_pages import APP, TIMEOUT
from veikart_ui.plain import plain, plain_frame

ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
"""A backslash escape: Markdown shows the sign after it."""


def read(source: str) -> str:
    """What a reader sees of Markdown ``source`` that holds only text: escapes read, joiners gone."""
    return ESCAPED.sub(r"\1", source).replace("\u2060", "").replace("  \n", "\n")


EVIL = "[x](http://evil) ![i](http://e/i.png) <b>b</b>"


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    raw = small_raw_portfolio()
    raw["initiative"][0].update(name=EVIL, description=f"*{EVIL}*")
    url = f"sqlite:///{tmp_path / 'veikart.db'}"
    engine = make_engine(url)
    upgrade(engine)
    save_portfolio(engine=engine, portfolio=build_portfolio(raw))
    engine.dispose()
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv(DEV_USER_VARIABLE, "admin")
    return url


def test_plain_escapes_every_markdown_and_html_sign() -> None:
    assert plain(EVIL) == "\\[x\\](http:\u2060//evil) \\!\\[i\\](http:\u2060//e/i.png) \\<b\\>b\\</b\\>"


def _texts(at: AppTest) -> list[str]:
    elements = [*at.markdown, *at.caption, *at.info, *at.warning, *at.error, *at.success, *at.subheader]
    return [str(element.value) for element in elements]


@pytest.mark.parametrize("page", ["tiltak", "avhengigheter"])
def test_a_name_with_a_link_an_image_and_html_is_shown_literally(database: str, page: str) -> None:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    at.switch_page(f"veikart_ui/pages/{page}.py").run()
    assert not at.exception
    texts = _texts(at)
    assert not [t for t in texts if "](http" in t and r"\](http" not in t and "\\]\\(http" not in t]
    assert not [t for t in texts if "<b>" in t]
    assert any(plain(EVIL) in t for t in texts), "the name is shown, escaped"


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("# Overskrift", r"\# Overskrift"),
        ("1. liste", r"1\. liste"),
        ("- punkt\n+ punkt", "\\- punkt  \n\\+ punkt"),
        ("tittel\n===", "tittel  \n\\==="),
        ("&amp;", r"\&amp;"),
        ("se www.x.no", "se www\u2060.x.no"),
        ("a@x.no", "a\u2060@x.no"),
        ("https://x.no", "https:\u2060//x.no"),
        (":material/warning: :smile:", ":\u2060material/warning: :\u2060smile:"),
        (":red[x] $x$ ~~x~~ a|b", ":\u2060red\\[x\\] \\$x\\$ \\~\\~x\\~\\~ a\\|b"),
        ("Tiltak (HSO): Basis → Lav", "Tiltak (HSO): Basis → Lav"),
        ("Helse Sør-Øst RHF (HSO), 4,5 %", "Helse Sør-Øst RHF (HSO), 4,5 %"),
        (None, ""),
    ],
)
def test_plain_escapes_what_markdown_and_streamlit_act_on_and_keeps_the_rest(typed: str | None, written: str) -> None:
    assert plain(typed) == written


def test_plain_frame_escapes_text_cells_and_headers_for_st_table() -> None:
    frame = pd.DataFrame({"[x](http://e)": ["**b**", "plain"], "n": [1, 2]})
    shown = plain_frame(frame)
    assert list(shown.columns) == [r"\[x\](http:" + "\u2060//e)", "n"]
    assert list(shown.iloc[:, 0]) == [r"\*\*b\*\*", "plain"] and list(shown["n"]) == [1, 2]
