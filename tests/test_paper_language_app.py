"""The app's board papers (the Behandling page's downloads) in the session's language (issue 34)."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from planning.approval.bodies import default_bodies
from planning.store.database import load_portfolio
from tests.test_app_approval import case_db, database, sample_file
from tests.test_app_pages import start
from veikart_ui import case_views, session

__all__ = ["case_db", "database", "sample_file"]  # the fixtures


@pytest.mark.parametrize(
    ("language", "words", "not_words"),
    [("en", ("Board paper · Board of Helse Vest RHF", "Proposed decision", "P85 (cost frame)"),
      ("Saksframlegg", "Forslag til vedtak", "kostnadsramme")),
     ("nb", ("Saksframlegg · Styret i Helse Vest RHF", "Forslag til vedtak", "P85 (kostnadsramme)"),
      ("Board paper ·", "Proposed decision"))],
)  # fmt: skip
def test_the_papers_are_made_in_the_sessions_language(
    case_db: Engine, monkeypatch: pytest.MonkeyPatch, language: str, words: tuple[str, ...], not_words: tuple[str, ...]
) -> None:
    hv = next(b for b in default_bodies(load_portfolio(engine=case_db)) if b.id == "HV")
    start("behandling")  # the page's session points at this database
    monkeypatch.setattr(session, "language", lambda: language)
    make_html, _make_pdf = case_views.paper_makers(1, hv)
    monkeypatch.setattr(session, "language", lambda: "nb" if language == "en" else "en")  # changed after the page ran
    html = make_html().decode("utf-8")
    for part in words:
        assert part in html, part
    for part in not_words:
        assert part not in html, part
