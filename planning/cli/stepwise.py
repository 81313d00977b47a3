"""Commands for stepwise planning: ladder, compare, frontier, steps (and, from
:mod:`planning.cli.baseline`, run, plans, approve and diff).

Every command reads the portfolio from the database (``--database-url`` or
``$DATABASE_URL``). Progress lines for long runs go to stderr; ``--json`` prints the
result as JSON on stdout. These commands only read: ``compare`` adds its runs to the plan
store when the ``--as`` user may run scenarios, and otherwise reuses stored plans or
solves without storing.
"""

from __future__ import annotations

import sys
from typing import Any

import click
import pandas as pd

from planning.cli import baseline
from planning.cli.baseline import (
    PLANNED,
    emit,
    json_option,
    opened,
    plan_ref,
    progress,
    records,
    solver_option,
    table,
    time_limit_option,
)
from planning.cli.common import EXIT_INVALID, database_option, refuse
from planning.cli.helptext import Command
from planning.cli.language import _, error, num, say, share
from planning.cli.users import acting_user, acting_user_option, stored_portfolio
from planning.cli.words import word, worded
from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.domain.problems import InvalidPortfolio
from planning.optimise import Plan
from planning.optimise.checker import check_plan
from planning.optimise.inputs import resolve_scenario
from planning.plans.compare import STORAGE_COMPARISON, compare_scenarios
from planning.plans.frontier import DEFAULT_FACTORS, optimiser_gain
from planning.plans.ladder import ladder_by_pool, ladder_summary, nesting_violations, parse_levels, solve_ladder
from planning.plans.steps import DEFAULT_STEPS, parse_steps, plan_steps
from planning.robust.scenario import AtConfidence, scenario_frontier, scenario_plan, scenario_solver


def _split(values: tuple[str, ...]) -> list[str]:
    return [v for value in values for v in value.replace(",", " ").split()]


def as_shares(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """``frame`` with the shares in ``columns`` as percentages in the command's language ("85 %",
    "73.3%"): a table rounds numbers to one decimal, which would show 0.85 as 0.8."""
    shown = frame.copy()
    for column in columns:
        if column in shown.columns:
            shown[column] = [share(float(v), 1) if pd.notna(v) else "" for v in shown[column]]
    return shown


def confidence_line(scenario: Scenario, promise: AtConfidence | None = None) -> str:
    """That the plans of ``scenario`` are made at its confidence, and what the check found where known."""
    level = f"{num(float(scenario.confidence or 0) * 100, 0)} %"
    line = _("Scenario {scenario}: planned at {confidence} confidence: {what} must hold in that share of futures.")
    line = line.format(scenario=scenario.id, confidence=level, what=word("scope", scenario.confidence_scope))
    if promise is None:
        return line
    checked = _("It held in {achieved} of {samples} fresh futures.").format(
        achieved=f"{num(promise.achieved * 100, 1)} %", samples=promise.check_samples
    )
    return f"{line} {checked}"


@click.command("ladder", cls=Command)
@click.option("--scenario", default="Basis", show_default=True, help="Scenario to climb from.")
@click.option("--levels", multiple=True, help="Ambition levels (Lav,Basis,Høy) or budget factors (0.6,0.8,1,1.2).")
@click.option(
    "--pools", default=None, help="Funding pools the ambition level applies to, comma-separated (default all)."
)
@click.option("--no-independent", is_flag=True, help="Skip the plans optimised per level (no price of nesting).")
@click.option("--point-estimates", is_flag=True, help="Plan on the point estimates even where the scenario asks "
              "for a confidence level.")  # fmt: skip
@time_limit_option
@solver_option
@database_option
@json_option
def ladder_command(
    scenario: str,
    levels: tuple[str, ...],
    pools: str | None,
    no_independent: bool,
    point_estimates: bool,
    time_limit: float | None,
    solver: str,
    database_url: str | None,
    as_json: bool,
) -> None:
    """Solve a scenario at rising ambition levels, each step holding the one below (nested).

    Prints per level the plan's NPV, that of the plan optimised for the level alone (the
    difference is the price of nesting), and what each step up adds per funding pool. A
    scenario with a confidence level is planned at it at every level, as 'planning optimize'
    plans it (the confidence column; --point-estimates plans on the point estimates).

    \b
    Example:
      planning ladder --scenario Basis --levels Lav,Basis,Høy
      planning ladder --levels 0.6,0.8,1,1.2,1.4 --json
    Exit codes: 0 every level has a plan, 1 a level is infeasible or input invalid, 2 usage, 3 unexpected.
    """
    with opened(database_url) as engine:
        portfolio = stored_portfolio(engine)
    try:
        rungs = parse_levels(portfolio, _split(levels))
    except (KeyError, ValueError) as exc:
        raise click.BadParameter(error(exc), param_hint="--levels") from exc
    try:
        ladder = solve_ladder(
            portfolio,
            scenario,
            rungs,
            pools=_split((pools,)) if pools else None,
            independent=not no_independent,
            report=progress,
            solve=scenario_solver(portfolio, point_estimates=point_estimates, time_limit=time_limit, solver=solver),
        )
    except (KeyError, InvalidPortfolio) as exc:
        refuse(error(exc))
    summary, by_pool = ladder_summary(ladder), ladder_by_pool(ladder)
    base = ladder.steps[0].scenario if ladder.steps else None
    at_confidence = base is not None and base.confidence is not None and not point_estimates
    violations = nesting_violations(ladder) + _checker_violations(portfolio, ladder.steps)
    ok = all(step.has_plan for step in ladder.steps)
    if as_json:
        emit(
            {"scenario": scenario, "levels": records(summary), "additions": records(by_pool), "violations": violations}
        )
    else:
        if at_confidence:
            assert base is not None
            click.echo(confidence_line(base.model_copy(update={"id": ladder.scenario})))
        click.echo(table(as_shares(worded(summary.drop(columns=["note"]), status="plan_status"), "confidence")))
        for note in summary["note"][summary["note"] != ""]:
            click.echo(_("warning: {note}").format(note=say(note)), err=True)
        click.echo("\n" + _("What each step up adds, per funding pool (MNOK; NPV split by cost share):"))
        click.echo(table(by_pool))
        price = ladder.price_of_nesting
        nesting = _("Price of nesting: {price} MNOK over all levels.")
        click.echo("\n" + nesting.format(price="-" if price is None else num(price, 1)))
        click.echo(
            "\n".join(say(v) for v in violations)
            if violations
            else _("Every step holds the one below and passes the plan checker.")
        )
    sys.exit(0 if ok and not violations else EXIT_INVALID)


def _checker_violations(portfolio: Portfolio, steps: list[Any]) -> list[str]:
    """The independent plan checker on every step with a plan."""
    out = []
    for step in steps:
        if step.has_plan:
            out += [f"{step.level.name}: {say(v)}" for v in check_plan(portfolio, step.scenario, step.plan.starts)]
    return out


@click.command("compare", cls=Command)
@click.argument("scenarios", nargs=-1)
@time_limit_option
@solver_option
@acting_user_option
@database_option
@json_option
def compare_command(
    scenarios: tuple[str, ...],
    time_limit: float | None,
    solver: str,
    acting: str | None,
    database_url: str | None,
    as_json: bool,
) -> None:
    """Compare scenarios side by side: KPIs, spend against envelopes, roadmap differences.

    Without names, the ready-made comparison of the storage alternatives:
    Basis, Sentral-lagring and Dokumenter-ved-kilden. Stored plans are reused; new runs
    are stored (and audited) when the --as user may run scenarios, else solved unstored.
    A scenario with a confidence level is planned at it, as 'planning optimize' plans it
    (the confidence column, and a line saying what its plan held in fresh futures).

    \b
    Example:
      planning compare
      planning compare Basis Kutt20 Hoy --json
    Exit codes: 0 compared, 1 unknown scenario, invalid input or a scenario without plan, 2 usage, 3 unexpected.
    """
    names = list(scenarios) or list(STORAGE_COMPARISON)
    if len(names) < 2:
        raise click.BadParameter(_("name at least two scenarios"), param_hint="SCENARIOS")
    with opened(database_url) as engine:
        user = acting_user(engine, acting)
        portfolio = stored_portfolio(engine)

        promises: dict[str, AtConfidence] = {}

        def solve(name: str) -> Plan:
            made = scenario_plan(engine, portfolio, name, user=user, time_limit=time_limit, solver=solver)
            if made.confidence is not None:
                promises[name] = made.confidence
            return made.plan

        comparison = compare_scenarios(portfolio, names, solve=solve, report=progress)
    if as_json:
        found = comparison.to_json()
        found["confidence"] = {name: promise.to_json() for name, promise in promises.items()}
        emit(found)
    else:
        for name, promise in promises.items():
            click.echo(confidence_line(resolve_scenario(portfolio, name), promise))
        click.echo(table(worded(comparison.kpis, status="plan_status"), 1))
        click.echo("\n" + _("Spend against envelopes over the horizon (MNOK):"))
        click.echo(table(_spend_use(comparison.spend, names)))
        click.echo("\n" + _("Roadmap differences (start period; empty: not in the plan):"))
        click.echo(table(comparison.differences()))
    planned = comparison.kpis["status"].isin(PLANNED).all()
    sys.exit(0 if planned else EXIT_INVALID)


def _spend_use(spend: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    """Per pool and scenario: "spent of envelope (use %)" over the horizon."""
    total = spend.groupby(["pool", "scenario"], sort=True)[["amount", "envelope"]].sum()
    of = _("{spent} of {envelope} ({use})")
    cells = [
        of.format(spent=num(a, 0), envelope=num(e, 0), use=share(a / e)) if e > 0 else num(a, 0)
        for a, e in zip(total["amount"], total["envelope"], strict=True)
    ]
    wide = pd.Series(cells, index=total.index).unstack("scenario")
    return wide.reindex(columns=names).reset_index()


@click.command("frontier", cls=Command)
@click.option("--scenario", default="Basis", show_default=True, help="Scenario to plan at each budget level.")
@click.option("--factors", multiple=True, help="Budget factors, for example 0.6,0.8,1,1.2.")
@click.option("--point-estimates", is_flag=True, help="Plan on the point estimates even where the scenario asks "
              "for a confidence level.")  # fmt: skip
@time_limit_option
@solver_option
@database_option
@json_option
def frontier_command(
    scenario: str,
    factors: tuple[str, ...],
    point_estimates: bool,
    time_limit: float | None,
    solver: str,
    database_url: str | None,
    as_json: bool,
) -> None:
    """NPV and benefit against investment across budget levels, beside a benefit/cost ranking.

    A scenario with a confidence level is planned at it at every budget level, as 'planning
    optimize' plans it (the confidence column; the ranking, made on the point estimates, is
    then left out; --point-estimates plans on the point estimates).

    \b
    Example:
      planning frontier --factors 0.6,0.8,1,1.2,1.4
    Exit codes: 0 done, 1 unknown scenario or invalid input, 2 usage, 3 unexpected.
    """
    try:
        chosen = [float(f) for f in _split(factors)] or list(DEFAULT_FACTORS)
    except ValueError as exc:
        raise click.BadParameter(_("give numbers such as 0.8,1,1.2"), param_hint="--factors") from exc
    with opened(database_url) as engine:
        portfolio = stored_portfolio(engine)
        try:
            frame = scenario_frontier(portfolio, scenario, chosen, point_estimates=point_estimates,
                                      time_limit=time_limit, solver=solver, report=progress)  # fmt: skip
        except (KeyError, InvalidPortfolio) as exc:
            refuse(error(exc))
    ranked = bool((frame["method"] == "greedy").any())
    if as_json:
        gain = records(optimiser_gain(frame)) if ranked else []  # no ranking beside plans at a confidence
        emit({"scenario": scenario, "frontier": records(frame), "gain": gain})
        return
    base = resolve_scenario(portfolio, scenario)
    if base.confidence is not None and not point_estimates:
        click.echo(confidence_line(base))
        click.echo(_("The ranking is made on the point estimates, so it is left out beside plans at a confidence."))
    shown = frame if base.confidence is not None and not point_estimates else frame.drop(columns=["held", "verdict"])
    click.echo(
        table(as_shares(worded(shown, method="method", status="plan_status", verdict="verdict"), "confidence", "held"))
    )
    if ranked:
        click.echo("\n" + _("NPV the optimiser adds over the ranking (MNOK):"))
        click.echo(table(optimiser_gain(frame)))


@click.command("steps", cls=Command)
@click.argument("plan")
@click.option("--steps", "spec", default=None, help="Steps as 'Trinn 1=2026-2027;Trinn 2=2028-2029;Trinn 3=2030-'.")
@database_option
@json_option
def steps_command(plan: str, spec: str | None, database_url: str | None, as_json: bool) -> None:
    """Show a stored plan (id or 'baseline') as delivery steps: deliveries, cost per region, benefits.

    \b
    Example:
      planning steps baseline
      planning steps 12 --steps "Trinn 1=2026-2028;Trinn 2=2029-"
    Exit codes: 0 shown, 1 unknown plan, 2 usage (steps unreadable), 3 unexpected.
    """
    try:
        steps = parse_steps(spec) if spec else DEFAULT_STEPS
    except ValueError as exc:
        raise click.BadParameter(error(exc), param_hint="--steps") from exc
    with opened(database_url) as engine:
        stored = plan_ref(engine, plan)
        portfolio = stored_portfolio(engine)
    result = plan_steps(stored.plan, portfolio, steps)
    if as_json:
        emit({"plan": stored.id, **{k: records(getattr(result, k)) for k in ("deliveries", "costs", "benefits")}})
        return
    click.echo(table(result.summary()))
    for step, rows in result.deliveries.groupby("step", sort=False):
        click.echo(f"\n{step}: " + ", ".join(map(str, rows["initiative"])))
    click.echo("\n" + _("Cost per step and funding pool (MNOK):"))
    click.echo(table(result.costs.pivot(index="pool", columns="step", values="amount").reset_index()))


COMMANDS = [
    *baseline.COMMANDS,
    ladder_command,
    compare_command,
    frontier_command,
    steps_command,
]
