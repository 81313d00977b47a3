"""Every approval action shows what it approves before the button (issue 33 item 7), headless, in nb and en.

The Scenarier page's approval and the Behandling page's decision forms both show the
scenario, NPV, the initiatives, investment per funding pool and the change from the plan
of record.
"""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from planning.plans.approval_summary import approval_summary
from planning.plans.baseline import approve_plan
from planning.plans.runs import run_scenario
from planning.store.access import User
from planning.store.database import load_portfolio, make_engine
from planning.store.users import DEV_USER_VARIABLE
from tests.test_app_approval import case_db
from tests.test_app_flows import open_tab, run_optimiser, table_with
from tests.test_app_pages import database, no_errors, sample_file, start
from tests.test_approval_chain import COORDINATOR

__all__ = ["case_db", "database", "sample_file"]  # fixtures shared with the other app tests

WORDS = {
    "nb": ("Dette godkjennes", "Netto nåverdi (MNOK)", "Tiltak i planen", "Finansieringskilde", "Denne planen"),
    "en": ("This is what is approved", "Net present value (MNOK)", "Initiatives in the plan", "Funding pool",
           "This plan"),
}  # fmt: skip


def test_the_summary_sets_the_plan_against_the_plan_of_record(database: str) -> None:
    engine = make_engine(database)
    portfolio = load_portfolio(engine=engine)
    basis = run_scenario(engine, portfolio, "Basis", explain=False, user=COORDINATOR)
    cut = run_scenario(engine, portfolio, "Kutt20", explain=False, user=COORDINATOR)
    alone = approval_summary(cut.plan, portfolio)
    assert alone.against_record is None and alone.npv_change is None
    assert len(alone.initiatives) == int(cut.plan.initiatives["selected_opt"].astype(bool).sum())
    assert alone.by_pool["amount"].sum() == pytest.approx(alone.investment)
    against = approval_summary(cut.plan, portfolio, basis.plan)
    assert against.npv_change == pytest.approx(cut.plan.npv - basis.plan.npv)
    assert list(against.by_pool.columns) == ["pool", "amount", "record", "change"]
    assert list(against.by_pool["change"]) == pytest.approx(list(against.by_pool["amount"] - against.by_pool["record"]))
    assert against.investment < against.by_pool["record"].sum()  # a 20 % cut spends less
    assert list(against.by_pool["pool"][:4]) == ["HSO", "HV", "HMN", "HN"]  # regions first, largest first


@pytest.mark.parametrize("language", ["nb", "en"])
def test_approving_on_the_scenarios_page_shows_what_is_approved(database: str, language: str) -> None:
    engine = make_engine(database)
    portfolio = load_portfolio(engine=engine)
    record = run_scenario(engine, portfolio, "Kutt20", explain=False, user=COORDINATOR)
    approve_plan(engine, record.id, by="Styringsgruppen", user=User("sg", "admin"))
    at = start(language=language)
    run_optimiser(at)
    at.switch_page("veikart_ui/pages/scenarier.py").run()
    open_tab(at, "scenario_tabs", "Godkjent plan" if language == "nb" else "Approved plan")
    no_errors(at)
    title, npv, count, pool, this_plan = WORDS[language]
    markdown = [m.value for m in at.markdown]
    assert f"**{title}**" in markdown
    assert any("Basis" in line and ("plan" in line) for line in markdown)
    assert any(f"{record.id}" in line and "Kutt20" in line for line in markdown)  # against the plan of record
    metrics = {m.label: m.value for m in at.metric}
    assert npv in metrics and count in metrics
    assert int(metrics[count]) > 20
    pools = table_with(at, pool)
    assert this_plan in pools.columns and len(pools) == len(portfolio.funding_pools)
    assert at.button(key="approve_plan").label  # the button comes after the box


@pytest.mark.parametrize("language", ["nb", "en"])
def test_a_board_sees_what_it_decides_on_before_saving(
    case_db: Engine, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    monkeypatch.setenv(DEV_USER_VARIABLE, "board_secretary:HMN")
    at = start("behandling", language=language)
    no_errors(at)
    title, npv, count, pool, _ = WORDS[language]
    markdown = [m.value for m in at.markdown]
    assert f"**{title}**" in markdown
    first = "Det finnes ingen godkjent plan ennå" if language == "nb" else "There is no approved plan yet"
    assert any(first in c.value for c in at.caption)  # no board has adopted a plan of record yet
    metrics = {m.label: m.value for m in at.metric}
    assert npv in metrics and count in metrics
    assert pool in table_with(at, pool).columns
    assert at.button(key="decide_HMN_save")
