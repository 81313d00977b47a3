"""``planning report``: the steering committee report as HTML and PDF."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click
from sqlalchemy import Engine

from planning.cli.common import refuse
from planning.cli.helptext import Command
from planning.cli.language import _, document_language, error, say
from planning.cli.plan import portfolio_from, progress_printer
from planning.cli.users import acting_user, acting_user_option
from planning.cli.words import word
from planning.domain.portfolio import Portfolio
from planning.domain.problems import InvalidPortfolio
from planning.optimise import Plan
from planning.realisation.review import Thresholds, benefit_review, default_as_of
from planning.realisation.rollup import portfolio_with_reforecast
from planning.report import ApprovedPlan, build_report, write_report
from planning.robust.scenario import ScenarioPlan, plan_scenario, scenario_plan
from planning.store.access import User
from planning.store.database import make_engine, upgrade
from planning.uncertainty import DEFAULT_SAMPLES, SimulationOptions, simulate_plan
from planning.uncertainty.core_index import CoreIndex

FORMATS = {"html": ("html",), "pdf": ("pdf",), "both": ("html", "pdf")}


def approved_plan(engine: Engine) -> ApprovedPlan | None:
    """The plan of record from the plan store, or ``None`` when none is approved."""
    from planning.plans.baseline import current_baseline

    baseline = current_baseline(engine)
    if baseline is None:
        return None
    approval = baseline.approval
    return ApprovedPlan(
        plan=baseline.stored.plan,
        plan_id=baseline.stored.id,
        approved_by=approval.approved_by,
        approved_at=approval.approved_at,
        comment=approval.comment,
    )


def choose_scenario(portfolio: Portfolio, scenario: str | None, approved: ApprovedPlan | None) -> str | None:
    """The scenario asked for, else the approved plan's, else Basis when there is one."""
    if scenario is not None:
        return scenario
    if approved is not None and approved.plan.scenario in portfolio.scenarios.index:
        return approved.plan.scenario
    return "Basis" if "Basis" in portfolio.scenarios.index else None


def propose(
    portfolio: Portfolio,
    scenario: str | None,
    engine: Engine | None,
    time_limit: float | None,
    user: User | None = None,
    *,
    point_estimates: bool = False,
) -> ScenarioPlan:
    """The scenario's plan now, at its confidence level where it has one (as ``planning optimize``
    makes it) unless ``point_estimates``: from the plan store (stored when ``user`` may run
    scenarios) or made for files."""
    if engine is not None:
        return scenario_plan(engine, portfolio, scenario, user=user, point_estimates=point_estimates,
                             time_limit=time_limit)  # fmt: skip
    return plan_scenario(portfolio, scenario, point_estimates=point_estimates, time_limit=time_limit)


@click.command("report", cls=Command)
@click.option("--scenario", default=None, help="Scenario to plan (default: the approved plan's, else Basis).")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), default=Path("reports"),
              show_default=True, help="Folder to write the report to.")  # fmt: skip
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="both", show_default=True,
              help="HTML, PDF or both.")  # fmt: skip
@click.option("--name", default="styringsgrupperapport", show_default=True, help="File name without extension.")
@click.option("--as-of", type=int, default=None, help="Last year of realised data (default: latest measured).")
@click.option("--green", type=float, default=0.9, show_default=True, help="Share of plan realised for green.")
@click.option("--yellow", type=float, default=0.7, show_default=True, help="Share of plan realised for yellow.")
@click.option("--reforecast", is_flag=True, help="Plan with re-forecast benefit estimates instead of the original.")
@click.option("--decision", "decisions", multiple=True, help="A decision to ask for (repeat for more).")
@click.option("--time-limit", type=float, default=None, help="Seconds for the solver (default: the scenario's).")
@click.option(
    "--samples",
    type=int,
    default=DEFAULT_SAMPLES,
    show_default=True,
    help="Futures to simulate the roadmap in, for the section on predictability; 0 leaves it out.",
)
@click.option("--seed", type=int, default=1, show_default=True, help="Seed of the simulation.")
@click.option("--price-samples", type=int, default=0, show_default=True,
              help="Futures each plan of the price of predictability is made with; 0 leaves it out.")  # fmt: skip
@click.option(
    "--core-index",
    "core_samples",
    type=int,
    default=0,
    show_default=True,
    help="Futures to re-optimise the scenario in for the Core Index (0 leaves it out; see core-index).",
)
@click.option("--workers", type=int, default=None,
              help="Worker processes for the Core Index (default: one per core; 0: in this process).")  # fmt: skip
@click.option("--from", "source", type=click.Path(path_type=Path), default=None,
              help="Portfolio from files instead of the database (no approved plan then).")  # fmt: skip
@click.option("--point-estimates", is_flag=True,
              help="Plan on the point estimates even where the scenario asks for a confidence level.")  # fmt: skip
@acting_user_option
@click.option("--database-url", envvar="DATABASE_URL", help="Database (default: SQLite in ./var).")
def report(scenario: str | None, out: Path, fmt: str, name: str, as_of: int | None, green: float, yellow: float,
           reforecast: bool, decisions: tuple[str, ...], time_limit: float | None, samples: int, seed: int,
           price_samples: int, core_samples: int, workers: int | None, source: Path | None, point_estimates: bool,
           acting: str | None, database_url: str | None) -> None:  # fmt: skip
    """Write the steering committee report: approved roadmap, spend against envelopes,
    benefit realisation, changes since the approved plan, initiatives at risk, decisions.

    The roadmap is the approved plan of record; without one, the scenario's proposed plan,
    marked as not approved. A scenario with a confidence level is planned at it, as 'planning
    optimize' plans it, and the report says so (--point-estimates: on the point estimates).
    Its section on predictability simulates the roadmap in
    --samples futures of its uncertain estimates (0 leaves the section without figures).
    Benefits are reviewed against the roadmap shown. A proposed plan is stored only when the
    --as user may run scenarios. The report is written in --lang (planning --lang en report ...),
    else in the language LANG names (nb_NO: bokmål, en_GB: English), else in bokmål.

    \b
    Example:
      planning report --scenario Basis --out reports --format both
      planning report --from data/sample --as-of 2025 --name example-report --out docs
    Exit codes: 0 written, 1 invalid input (data, scenario, thresholds, no plan), 2 usage, 3 error.
    """
    try:
        rules = Thresholds(green=green, yellow=yellow)
        options = None if samples == 0 else SimulationOptions(samples=samples, seed=seed).checked()
    except ValueError as exc:
        refuse(error(exc))
    portfolio = portfolio_from(database_url, source)
    engine: Engine | None = None
    user: User | None = None
    if source is None:
        engine = make_engine(database_url)
        upgrade(engine)
        user = acting_user(engine, acting)
    approved = None if engine is None else approved_plan(engine)
    chosen = choose_scenario(portfolio, scenario, approved)
    year = default_as_of(portfolio) if as_of is None else as_of
    try:
        planning_portfolio = portfolio
        if reforecast:
            promised = (
                approved.plan
                if approved is not None
                else propose(portfolio, chosen, engine, time_limit, user, point_estimates=point_estimates).plan
            )
            planning_portfolio = portfolio_with_reforecast(portfolio, benefit_review(portfolio, promised, as_of=year))
        made = propose(planning_portfolio, chosen, engine, time_limit, user, point_estimates=point_estimates)
        proposed = made.plan
    except (KeyError, ValueError, InvalidPortfolio) as exc:
        refuse(error(exc))
    if not proposed.has_plan:
        why = "; ".join(say(line) for line in proposed.diagnosis)
        refuse(
            _("scenario {scenario} has no plan ({status}): {why}").format(
                scenario=chosen, status=word("plan_status", proposed.facts.status), why=why
            )
        )
    roadmap = approved.plan if approved is not None else proposed
    simulated = None
    if options is not None:
        try:
            simulated = simulate_plan(portfolio, roadmap, None, options, progress=progress_printer())
        except (KeyError, ValueError) as exc:
            refuse(error(exc))
    price = None
    if price_samples:
        price = priced(portfolio, chosen, price_samples, seed, time_limit)
    core = None if core_samples == 0 else core_index_of(portfolio, chosen, roadmap, core_samples, seed, workers)
    built = build_report(portfolio, proposed, approved=approved, as_of=year, thresholds=rules, decisions=decisions,
                         predictability=simulated, price=price, core_index=core,
                         confidence=made.confidence, language=document_language())  # fmt: skip
    for path in write_report(built, out, FORMATS[fmt], stem=name):
        click.echo(str(path))


def priced(
    portfolio: Portfolio, scenario: str | None, samples: int, seed: int, time_limit: float | None
) -> list[dict[str, Any]]:
    """The price of predictability of ``scenario`` at the default levels, or a refusal naming the option."""
    from planning.robust import RobustOptions, price_of_predictability

    try:
        options = RobustOptions(samples=samples, seed=seed, time_limit=time_limit).checked()
        return price_of_predictability(portfolio, scenario, options=options, progress=progress_printer())
    except (KeyError, ValueError) as exc:
        refuse(error(exc))


def core_index_of(
    portfolio: Portfolio, scenario: str | None, roadmap: Plan, samples: int, seed: int, workers: int | None
) -> CoreIndex:
    """The Core Index of ``scenario`` with the roadmap's starts beside it, with a progress bar on stderr."""
    from planning.sweeps import engine_for
    from planning.uncertainty.core_index import CoreIndexOptions, core_index

    try:
        options = CoreIndexOptions(samples=samples, seed=seed).checked()
        with (
            engine_for(workers) as engine,
            click.progressbar(length=samples, label=_("Core Index"), file=sys.stderr) as bar,
        ):
            return core_index(portfolio, scenario, options, engine=engine, planned=roadmap.starts,
                              progress=lambda _d, _n: bar.update(1))  # fmt: skip
    except (KeyError, ValueError, InvalidPortfolio) as exc:
        refuse(error(exc))


COMMANDS = [report]
