"""The app's steering committee report (the Gevinster page) in the session's language (issue 34)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.test_benefits_page import PAGE, database, unapproved
from veikart_ui.session import LANGUAGE

__all__ = ["database", "unapproved"]  # the fixtures

REPORT = "benefits_report"


def made_report(language: str) -> tuple[AppTest, str]:
    app = AppTest.from_file(str(PAGE), default_timeout=180)
    app.session_state[LANGUAGE] = language
    app.run()
    app.button(key="benefits_make_report").click().run()
    assert not app.exception, app.exception
    made, html, pdf = app.session_state[REPORT]
    assert made == language and pdf.startswith(b"%PDF")
    return app, html


@pytest.mark.parametrize(
    ("language", "words", "not_words"),
    [
        ("en", ("<h2>1. Summary</h2>", "Plan of record: plan", "Investment per funding source", "Benefit status:"),
         ("Sammendrag", "Styrende plan", "Investering per finansieringskilde", "Gevinststatus")),
        ("nb", ("<h2>1. Sammendrag</h2>", "Styrende plan: plan", "Investering per finansieringskilde"),
         ("Summary", "Plan of record")),
    ],
)  # fmt: skip
def test_the_report_is_made_in_the_sessions_language(
    database: str, language: str, words: tuple[str, ...], not_words: tuple[str, ...]
) -> None:
    app, html = made_report(language)
    assert f'<html lang="{language}">' in html
    for part in words:
        assert part in html, part
    for part in not_words:
        assert part not in html, part
    downloads = [b.label for b in app.get("download_button")]
    assert downloads == (["Download HTML", "Download PDF"] if language == "en" else ["Last ned HTML", "Last ned PDF"])


def test_a_report_made_in_another_language_is_not_offered(database: str) -> None:
    app, _html = made_report("en")
    app.session_state[LANGUAGE] = "nb"
    app.run()
    assert not app.exception, app.exception
    assert app.get("download_button") == []  # made anew in bokmål when asked
