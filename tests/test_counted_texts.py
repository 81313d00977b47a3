"""No bracketed plurals (issue 33 item 11): counted nouns agree with their number in the app,
the command line and the domain's messages, in bokmål and English."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from planning.messages.counts import counted, plural
from veikart_ui import i18n

ROOT = Path(__file__).resolve().parents[1]
BRACKETED = re.compile(r"[A-Za-zæøåÆØÅ]\((er|e|r|s|ene|en|es)\)")


def test_counted_nouns() -> None:
    assert [counted(n, "row", "rows") for n in (0, 1, 2)] == ["0 rows", "1 row", "2 rows"]
    assert plural(1, "beslutning", "beslutninger") == "beslutning"


@pytest.mark.parametrize(
    ("key", "language", "one", "two"),
    [
        ("edit.saved", "nb", "Lagret (1 rad).", "Lagret (2 rader)."),
        ("edit.saved", "en", "Saved (1 row).", "Saved (2 rows)."),
        ("alert.behind", "nb", "1 gevinst ligger bak plan", "2 gevinster ligger bak plan"),
        ("kpi.left_out", "en", "1 initiative is left out", "2 initiatives are left out"),
    ],
)
def test_app_texts_agree_with_their_count(key: str, language: str, one: str, two: str) -> None:
    assert (i18n.text(key, language, n=1), i18n.text(key, language, n=2)) == (one, two)


def test_every_singular_has_its_plural_and_the_same_values() -> None:
    for key in [k for k in i18n.TEXTS if k.endswith(".one")]:
        assert key[: -len(".one")] in i18n.TEXTS, key


def test_no_text_in_the_sources_writes_a_bracketed_plural() -> None:
    found = []
    for folder in ("planning", "veikart_ui"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix not in (".py", ".j2") or "migrations" in path.parts:
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                quoted = re.findall(r"[\"']([^\"']*)[\"']", line) if path.suffix == ".py" else [line]
                found += [f"{path.relative_to(ROOT)}:{number}" for text in quoted if BRACKETED.search(text)]
    assert found == []
