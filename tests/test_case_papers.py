"""The four board papers (saksframlegg) on the sample portfolio: written as HTML and A4 PDF,
their text read back (pypdf) and checked against the case and the plan."""

from __future__ import annotations

import re
from collections.abc import Iterator
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from pypdf import PdfReader
from sqlalchemy import Engine

from planning.approval.cases import open_case, revise_case
from planning.approval.conditions import make_condition
from planning.approval.confidence import papers_with_confidence
from planning.approval.paper import Confidence, RegionPaper, region_paper, region_papers
from planning.approval.status import case_status
from planning.cli.data import SAMPLE
from planning.domain.timeline import Timeline
from planning.io import load_path
from planning.plans.runs import run_scenario
from planning.report.paper import file_stem, render_paper_html, write_papers
from planning.report.text import num
from planning.store.database import load_portfolio, make_engine, save_portfolio, upgrade
from planning.uncertainty.results import pool_years
from planning.uncertainty.run import SimulationOptions
from tests.cases import COORDINATOR
from tests.test_approval_chain import BOARDS, ITD, LM, decide

REGIONS = ("HSO", "HV", "HMN", "HN")


def flat(text: str) -> str:
    """Text with every run of white space (line breaks, no-break spaces in numbers) as one space."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " "))


@pytest.fixture(scope="module")
def store() -> Iterator[tuple[Engine, int]]:
    """The sample stored; a case where ITD and LM passed the plan, HSO approved, and HV
    approved on a condition the plan does not hold."""
    engine = make_engine("sqlite://")
    upgrade(engine)
    sample = load_path(SAMPLE).portfolio
    assert sample is not None
    save_portfolio(engine=engine, portfolio=sample)
    basis = run_scenario(engine, load_portfolio(engine=engine), "Basis", explain=False, user=COORDINATOR)
    case = open_case(engine, basis.id, user=COORDINATOR)
    decide(engine, case.id, "ITD", ITD, "2026-09-10", "Sak 12-2026")
    decide(engine, case.id, "LM", LM, "2026-09-21", "Sak 30-2026")
    decide(engine, case.id, "HSO", BOARDS["HSO"], "2026-10-15", "Sak 045-2026")
    decide(engine, case.id, "HV", BOARDS["HV"], "2026-10-16", "Sak 101-2026", outcome="approved_with_conditions",
           condition=make_condition("Godkjent forutsatt at 2028 er høyst 90 MNOK", "HV", 2028, 90.0))  # fmt: skip
    yield engine, case.id
    engine.dispose()


@pytest.fixture(scope="module")
def papers(store: tuple[Engine, int]) -> list[RegionPaper]:
    engine, case_id = store
    return region_papers(case_status(engine, case_id), load_portfolio(engine=engine))


@pytest.fixture(scope="module")
def pdf_texts(papers: list[RegionPaper], tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("papers")
    written = write_papers(papers, folder)
    assert sorted(p.name for p in written) == sorted(
        f"saksframlegg-sak1-v1-{r}.{ext}" for r in REGIONS for ext in ("html", "pdf")
    )
    texts = {}
    for region in REGIONS:
        reader = PdfReader(folder / f"saksframlegg-sak1-v1-{region}.pdf")
        assert reader.pages[0].mediabox.width == pytest.approx(595, abs=1)  # A4 portrait, points
        texts[region] = flat("\n".join(page.extract_text() for page in reader.pages))
    return texts


def test_each_paper_is_its_boards_with_the_proposed_decision(pdf_texts: dict[str, str]) -> None:
    assert "SAKSFRAMLEGG · STYRET I HELSE VEST RHF" in pdf_texts["HV"]
    for region, name in [("HSO", "Helse Sør-Øst RHF"), ("HV", "Helse Vest RHF"), ("HMN", "Helse Midt-Norge RHF"),
                         ("HN", "Helse Nord RHF")]:  # fmt: skip
        text = pdf_texts[region]
        assert "1. Forslag til vedtak" in text
        assert f"Styret i {name} godkjenner «Felles plan for e-helse 2026–2033 (scenario Basis)», versjon 1" in text
        assert "Interregionalt IKT-direktørmøte anbefalte planen 10. sep. 2026 (Sak 12-2026)" in text
        assert "Ledermøtet behandlet planen 21. sep. 2026 (Sak 30-2026)" in text
    assert "Saksnummer Sak 045-2026" in pdf_texts["HSO"] and "Saksnummer Sak 101-2026" in pdf_texts["HV"]
    assert "Saksnummer Sak -2026" in pdf_texts["HN"]  # not yet recorded: a blank to fill in


def test_the_commitments_are_the_regions_own(papers: list[RegionPaper], pdf_texts: dict[str, str]) -> None:
    for paper in papers:
        c, text = paper.commitments, pdf_texts[str(paper.body.region)]
        spend = paper.status.plan.plan.spend
        assert c.investment == pytest.approx(float(spend[spend["pool"] == c.region]["amount"].sum()))
        assert flat(f"investeringer på til sammen {num(c.investment, 0)} MNOK i 2026–2033") in text
        assert flat(f"investeringsrammen på {num(c.envelope, 0)} MNOK") in text
        for row in c.spend.itertuples():
            assert flat(f"{row.year} {num(row.amount, 1)} {num(row.envelope, 1)}") in text
        assert f"sin andel av {len(c.joint)} felles tiltak" in text
        for iid in c.led["id"]:
            assert iid in text
        assert c.led["id"].isin(paper.status.plan.plan.starts).all()
    hv = next(p for p in papers if p.body.region == "HV").commitments
    assert set(hv.led["id"]) >= {"PLL-HV", "DHO-HV"} and "PLL-HSO" not in set(hv.go_lives["id"])
    shared = hv.joint.set_index("id")
    assert shared.at["INNB-TIMER", "share"] == pytest.approx(0.21)  # population key: HV's 21 %
    assert "Gevinstene er ikke registrert per region" in pdf_texts["HV"]


def test_the_treatment_so_far_and_the_condition_that_fails(pdf_texts: dict[str, str]) -> None:
    text = pdf_texts["HN"]
    assert "Behandlingen så langt" in text
    assert "Helse Sør-Øst RHF godkjenner Godkjent 15. okt. 2026 Sak 045-2026 HSO: vedtak i Sak 045-2026." in text
    assert "Godkjent med forbehold – forbeholdet holder ikke" in text
    assert "Forbehold planen ikke holder, og hva de betyr for Helse Nord RHF" in text
    assert "Styret i Helse Vest RHF: «Godkjent forutsatt at 2028 er høyst 90 MNOK»" in text
    assert "HV bruker 105,9 MNOK i 2028, høyst 90,0 MNOK" in text
    assert "Helse Vest RHF betaler da -" in pdf_texts["HV"]  # HV pays less in 2028 under its own condition
    assert "Til behandling" in text and "P50" not in text  # no simulation given: no confidence section


def test_the_confidence_section_is_fed_by_the_simulation_when_given(
    store: tuple[Engine, int], papers: list[RegionPaper]
) -> None:
    engine, case_id = store
    body = next(p.body for p in papers if p.body.region == "HV")
    confidence = Confidence(
        spend=pd.DataFrame({"year": [2027, 2028], "p50": [80.0, 110.0], "p85": [95.5, 131.0]}),
        delivery=pd.DataFrame({"id": ["PLL-HV"], "name": ["PLL i Helse Vest"], "go_live": ["2030"], "on_time": [0.62]}),
        note="2000 trekk, frø 7",
    )  # fmt: skip
    status = case_status(engine, case_id)
    html = render_paper_html(region_paper(status, load_portfolio(engine=engine), body, confidence=confidence))
    assert "Usikkerhet: P50 / P85 og leveransesikkerhet" in html
    assert "95,5" in html and "62\u00a0%" in html and "2000 trekk, frø 7" in html


def test_a_revision_shows_what_changed_since_the_earlier_version(store: tuple[Engine, int]) -> None:
    engine, case_id = store
    case = revise_case(engine, case_id, user=COORDINATOR, reason="HVs forbehold lagt inn",
                       scenario=case_status(engine, case_id).party("HV").decision.check.derived_scenario())  # type: ignore[union-attr]  # fmt: skip
    status = case_status(engine, case_id)
    portfolio = load_portfolio(engine=engine)
    hv = region_paper(status, portfolio, next(b for b in case.bodies if b.id == "HV"))
    assert file_stem(hv) == "saksframlegg-sak1-v2-HV"
    html = render_paper_html(hv)
    assert "Endringer fra tidligere versjoner" in html and "Versjon 1 (plan 1) mot versjon 2" in html
    assert "Grunn til ny versjon: HVs forbehold lagt inn" in html
    assert "Vedtak om versjon 1 (gjelder den versjonen, ikke denne)" in html
    assert "HV godkjent med forbehold 16. okt. 2026 (Sak 101-2026)" in html


@pytest.fixture(scope="module")
def confident(store: tuple[Engine, int]) -> list[RegionPaper]:
    """The papers with the simulation of the case's plan (a small, seeded run)."""
    engine, case_id = store
    options = SimulationOptions(samples=400, seed=11)
    return papers_with_confidence(case_status(engine, case_id), load_portfolio(engine=engine), options)


def test_each_paper_carries_its_regions_p50_and_p85_from_the_simulation(confident: list[RegionPaper]) -> None:
    assert [p.body.region for p in confident] == list(REGIONS)
    for paper in confident:
        confidence = paper.confidence
        assert confidence is not None
        spend = confidence.spend
        years = paper.commitments.spend["year"].tolist()
        assert spend["year"].tolist() == years
        envelopes = paper.commitments.spend.set_index("year")["envelope"]
        assert spend.set_index("year")["envelope"].to_dict() == pytest.approx(envelopes.to_dict())
        assert (spend["p50"] <= spend["p85"] + 1e-9).all() and (spend["p50"] >= 0).all()
        assert spend["p_within"].between(0, 1).all()
        assert set(confidence.delivery["id"]) <= set(paper.commitments.go_lives["id"])
        assert confidence.delivery["on_time"].between(0, 1).all()
        assert "400 mulige utfall (frø 11" in confidence.note


def test_the_simulated_section_is_in_every_rendered_paper(confident: list[RegionPaper]) -> None:
    for paper in confident:
        html = flat(render_paper_html(paper))
        assert paper.confidence is not None
        assert "Usikkerhet: P50 / P85 og leveransesikkerhet" in html and "Sannsynlighet for å holde rammen" in html
        first = paper.confidence.spend.iloc[0]
        assert f"<td>{int(first['year'])}</td>" in html and num(float(first["p85"]), 1) in html
        assert "P85 er" in html and "rammen" in html


def test_a_year_spend_percentile_is_taken_over_each_futures_sum() -> None:
    """Two periods a year: a year's P85 is the P85 of the year's total, not the sum of the periods' P85."""
    timeline = Timeline(first_year=2027, periods=4, period_length="half-year")
    model = SimpleNamespace(timeline=timeline, pools=["HV"], envelopes=np.full((1, 4), 10.0))
    rng = np.random.default_rng(5)
    spend = rng.uniform(0, 12, size=(1000, 1, 4))
    outcomes = SimpleNamespace(spend=spend, within=spend <= 10.0)
    years = pool_years(model, outcomes)  # type: ignore[arg-type]
    totals = spend[:, 0, :2].sum(axis=1)
    first = years.iloc[0]
    assert first["year"] == 2027 and first["envelope"] == 20.0
    assert first["p85"] == pytest.approx(np.quantile(totals, 0.85))
    assert first["p85"] < np.quantile(spend[:, 0, 0], 0.85) + np.quantile(spend[:, 0, 1], 0.85)
    assert first["p_within"] == pytest.approx(((spend[:, 0, 0] <= 10) & (spend[:, 0, 1] <= 10)).mean())
