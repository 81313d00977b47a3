"""The Behandling / Approval page, headless (AppTest), in bokmål and English.

Each test gets its own copy of the sample database with a case under way: the IT
directors recommended, the leaders' meeting treated, Helse Sør-Øst approved and Helse
Vest approved on a condition the plan does not hold.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from planning.approval.cases import open_case
from planning.approval.conditions import make_condition
from planning.approval.decisions import record_decision
from planning.approval.status import case_status
from planning.plans.runs import run_scenario
from planning.store.audit import audit_log
from planning.store.database import load_portfolio, make_engine
from planning.store.users import DEV_USER_VARIABLE
from tests.test_app_pages import database, no_errors, sample_file, start
from tests.test_approval_chain import BOARDS, COORDINATOR, ITD, LM

__all__ = ["database", "sample_file"]  # fixtures shared with test_app_pages
TODAY = dt.date(2026, 12, 4)


@pytest.fixture
def case_db(database: str) -> Iterator[Engine]:
    engine = make_engine(database)
    basis = run_scenario(engine, load_portfolio(engine=engine), "Basis", explain=False, user=COORDINATOR)
    case = open_case(engine, basis.id, user=COORDINATOR)
    for body, user, date, number in [("ITD", ITD, "2026-09-10", "Sak 12-2026"), ("LM", LM, "2026-09-21", "Sak 30-2026"),
                                     ("HSO", BOARDS["HSO"], "2026-10-15", "Sak 045-2026")]:  # fmt: skip
        record_decision(engine, case.id, body, outcome="approved", meeting_date=date, case_number=number,
                        text=f"{body} godkjenner planen.", user=user, today=TODAY)  # fmt: skip
    condition = make_condition("Godkjent forutsatt at 2028 er høyst 90 MNOK", "HV", 2028, 90.0)
    record_decision(engine, case.id, "HV", outcome="approved_with_conditions", meeting_date="2026-10-16",
                    case_number="Sak 101-2026", text="Godkjent med forbehold.", user=BOARDS["HV"], today=TODAY,
                    condition=condition)  # fmt: skip
    yield engine
    engine.dispose()


def test_the_case_is_a_timeline_of_stages_with_each_bodys_state(case_db: Engine) -> None:
    at = start("behandling")
    no_errors(at)
    assert at.title[0].value == "Behandling"
    text = [m.value for m in at.markdown]
    for words in ("**Ledd 1** · anbefaler", "**Interregionalt IKT-direktørmøte**", ":green[Anbefalt]",
                  ":green[Behandlet]", "**Styret i Helse Vest RHF**", ":red[Forbeholdet holder ikke]",
                  ":blue[Til behandling]", "2 tiltak flyttes; netto nåverdi endres med -9,2 MNOK."):  # fmt: skip
        assert any(words in line for line in text), words
    assert any("Planen holder ikke forbeholdet: HV 2028 bruker 105,9, høyst 90,0 MNOK." in w.value for w in at.warning)
    assert any("Stanset" in w.value for w in at.warning)
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["HSO: HTML", "HSO: PDF", "HV: HTML", "HV: PDF", "HMN: HTML", "HMN: PDF", "HN: HTML", "HN: PDF"]


def test_in_english(case_db: Engine) -> None:
    at = start("behandling", language="en")
    no_errors(at)
    assert at.title[0].value == "Approval"
    text = [m.value for m in at.markdown]
    for words in ("**Stage 3** · approves", "**Board of Helse Vest RHF**", ":red[Condition not met]",
                  ":green[Recommended]", "2 initiatives move; net present value changes by -9.2 MNOK."):  # fmt: skip
        assert any(words in line for line in text), words


def test_a_board_secretary_records_only_its_own_board(case_db: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DEV_USER_VARIABLE, "board_secretary:HMN")
    at = start("behandling")
    assert [e.label for e in at.expander][1:] == ["Før vedtak for Styret i Helse Midt-Norge RHF"]
    at.date_input(key="decide_HMN_date").set_value(dt.date(2026, 10, 1))
    at.text_input(key="decide_HMN_number").set_value("Sak 050-2026")
    at.text_area(key="decide_HMN_text").set_value("Styret i Helse Midt-Norge RHF godkjenner planen.")
    at.button(key="decide_HMN_save").click().run()
    no_errors(at)
    assert any("Vedtaket til Styret i Helse Midt-Norge RHF er ført." in s.value for s in at.success)
    status = case_status(case_db, 1)
    assert status.party("HMN").decision.case_number == "Sak 050-2026"  # type: ignore[union-attr]
    assert audit_log(case_db, action="decide")["actor"].iloc[-1] == "dev-board_secretary"


def test_a_date_before_the_previous_stage_is_refused_in_bokmal(
    case_db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DEV_USER_VARIABLE, "board_secretary:HN")
    at = start("behandling")
    at.date_input(key="decide_HN_date").set_value(dt.date(2026, 9, 1))
    at.text_input(key="decide_HN_number").set_value("Sak 9-2026")
    at.text_area(key="decide_HN_text").set_value("Godkjent.")
    at.button(key="decide_HN_save").click().run()
    (message,) = [e.value for e in at.error]
    assert message == (
        "Møtedatoen 1. sep. 2026 er før Ledermøtet behandlet planen 21. sep. 2026 (Sak 30-2026): Styret i "
        "Helse Nord RHF behandler planen etter leddet før; sjekk datoen; ingenting er lagret"
    )
    assert case_status(case_db, 1).party("HN").decision is None


def test_readers_get_no_forms_and_coordinators_can_apply_a_condition(
    case_db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DEV_USER_VARIABLE, "viewer")
    at = start("behandling")
    assert [e.label for e in at.expander] == ["Åpne en ny behandlingssak"]
    assert at.button(key="apply_4").disabled
    monkeypatch.setenv(DEV_USER_VARIABLE, "coordinator")
    at = start("behandling")
    at.text_input(key="apply_4_reason").set_value("HVs forbehold lagt inn")
    at.button(key="apply_4").click().run()
    no_errors(at)
    status = case_status(case_db, 1)
    assert status.current.number == 2 and status.plan.scenario.envelope_overrides == {"HV/2028": 90.0}
    assert any("Versjon 1 (plan 1): gjelder ikke lenger" in e.label for e in at.expander)


def test_the_papers_are_made_when_downloaded(case_db: Engine) -> None:
    from planning.approval.bodies import default_bodies
    from veikart_ui.case_views import paper_html

    hv = next(b for b in default_bodies(load_portfolio(engine=case_db)) if b.id == "HV")
    start("behandling")  # the page's session points at this database
    html = paper_html(1, hv).decode("utf-8")
    assert "Saksframlegg · Styret i Helse Vest RHF" in html and "Forslag til vedtak" in html
    assert "P85 (kostnadsramme)" in html and "mulige utfall" in html  # the simulated section


def test_every_refusal_has_a_bokmal_text_with_the_same_values() -> None:
    """The bokmål is in the catalog (tests/test_catalogs.py checks every entry's placeholders)."""
    from planning.approval.words import MESSAGES
    from tests.test_catalogs import po
    from veikart_ui.case_texts import TEXTS

    translated = {m.context for m in po("nb") if m.context and m.string and not m.fuzzy}
    assert {f"case_error.{k}" for k in MESSAGES} - translated == set()
    assert {f"case.{k}" for k, english in TEXTS.items() if english} - translated == set()


def test_a_coordinator_opens_a_case_on_a_stored_plan(database: str, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = make_engine(database)
    basis = run_scenario(engine, load_portfolio(engine=engine), "Basis", explain=False, user=COORDINATOR)
    monkeypatch.setenv(DEV_USER_VARIABLE, "coordinator")
    at = start("behandling")
    assert any("Ingen behandlingssak er åpnet ennå." in i.value for i in at.info)
    assert at.selectbox(key="case_open_plan_nb").value == basis.id
    at.text_input(key="case_open_title").set_value("Felles plan 2027")
    at.button(key="case_open").click().run()
    no_errors(at)
    assert any("Sak 1 er åpnet." in s.value for s in at.success)
    assert [m.value for m in at.markdown if "Ledd 1" in m.value] == ["**Ledd 1** · anbefaler"]
    assert case_status(engine, 1).case.title == "Felles plan 2027"
    engine.dispose()
