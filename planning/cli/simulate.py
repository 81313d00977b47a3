"""``planning simulate``: how likely a plan is to hold its envelopes and deliver on time."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
import pandas as pd

from planning.cli.common import refuse
from planning.cli.helptext import Command, filled
from planning.cli.language import N_, _, error, num, plain_num, share
from planning.cli.plan import portfolio_from, progress_printer
from planning.cli.users import opened, stored_portfolio
from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.domain.problems import InvalidPortfolio
from planning.optimise import Plan, optimise
from planning.uncertainty import (
    DEFAULT_CORRELATION,
    DEFAULT_SAMPLES,
    DISTRIBUTIONS,
    GROUPINGS,
    MAX_SAMPLES,
    POLICIES,
    Simulation,
    SimulationOptions,
    simulate_plan,
)


def what_to_simulate(
    database_url: str | None, source: Path | None, scenario: str | None, plan_id: int | None
) -> tuple[Portfolio, Plan, Scenario | None]:
    """The portfolio, the plan (stored, or the scenario's optimised now) and the scenario as it was run."""
    if source is not None:
        if plan_id is not None:
            raise click.UsageError(_("--plan reads the database; leave out --from"))
        portfolio = portfolio_from(None, source)
        return portfolio, optimised(portfolio, scenario), None
    with opened(database_url, migrate=True) as engine:
        portfolio = stored_portfolio(engine)
        if plan_id is None:
            return portfolio, optimised(portfolio, scenario), None
        from planning.plans.runs import get_plan

        try:
            stored = get_plan(engine, plan_id)
        except KeyError as exc:
            refuse(error(exc))
        return portfolio, stored.plan, stored.scenario


def optimised(portfolio: Portfolio, scenario: str | None) -> Plan:
    try:
        return optimise(portfolio, scenario, explain=False, progress=progress_printer())
    except (KeyError, InvalidPortfolio) as exc:
        refuse(error(exc))


def describe(result: Simulation) -> str:
    """The simulation for people: headline, money per pool and year, delivery, steps, value, drivers."""
    s, o = result.summary, result.options
    heading = _("Scenario {scenario}: {samples} futures, seed {seed}, policy {policy}, {distribution}, "
                "correlation {correlation} by {correlate_by}")  # fmt: skip
    spend = _(
        "Spend in the horizon: plan {plan} MNOK, P50 (styringsramme) {p50}, P85 (kostnadsramme) {p85}; "
        "mean overrun {overrun} MNOK; {deferred} initiatives deferred out of the horizon on average."
    )
    within = _("Every pool-year within its envelope in {share} of futures.")
    lines = [
        heading.format(scenario=result.scenario, samples=o.samples, seed=o.seed, policy=o.policy,
                       distribution=o.distribution, correlation=plain_num(o.correlation), correlate_by=o.correlate_by),
        "  " + within.format(share=share(s["p_all_within"], 1)),
        "  " + spend.format(plan=num(s["planned_spend"], 0), p50=num(s["spend_p50"], 0), p85=num(s["spend_p85"], 0),
                            overrun=num(s["mean_overrun"], 1), deferred=num(s["mean_deferred"], 1)),
        "",
        "  " + _("Pool-years (MNOK): envelope, plan, P50, P85, chance of holding"),
    ]  # fmt: skip
    for r in result.pool_periods.itertuples():
        figures = " ".join(f"{num(float(v), 1):>8}" for v in (r.envelope, r.planned, r.p50, r.p85))
        lines.append(f"    {r.pool:<6} {r.label:<7} {figures} {share(float(r.p_within), 1):>7}")
    delivery = _("Delivery (least likely on time first): planned finish, on time, <= 1 late, deferred, stopped")
    lines += ["", "  " + delivery]
    for i, r in result.initiatives.iterrows():
        chances = (r["p_on_time"], r["p_on_time"] + r["p_one_late"], r["p_deferred"], r["p_stopped"])
        lines.append(f"    {i:<16} {r['finish']:<7} " + " ".join(f"{share(float(p), 1):>7}" for p in chances))
    lines += ["", "  " + _("Steps: deadline, all delivered on time")]
    lines += [f"    {r.step:<10} {r.deadline:<7} {share(float(r.p_on_time), 1):>7}" for r in result.steps.itertuples()]
    measures = {"npv": _("NPV"), "benefit": _("benefit")}
    lines += ["", "  " + _("Value (MNOK): plan, P10, P50, P90")]
    lines += [
        f"    {measures.get(str(r.measure), str(r.measure)):<14} "
        + " ".join(f"{num(float(v), 0):>9}" for v in (r.planned, r.p10, r.p50, r.p90))
        for r in result.value.itertuples()
    ]
    lines += _drivers(result.drivers)
    if result.left_out:
        left_out = _("Not simulated (no longer plannable in the scenario): {initiatives}")
        lines.append("  " + left_out.format(initiatives=", ".join(result.left_out)))
    return "\n".join(lines)


def _drivers(drivers: pd.DataFrame) -> list[str]:
    if drivers.empty:
        return ["", "  " + _("Drivers: no future overruns an envelope.")]
    heading = _("What drives the overruns: mean overrun (MNOK) with its cost in the lowest / highest {tenth}")
    lines = ["", "  " + heading.format(tenth=share(0.1))]
    lines += [
        f"    {i:<16} {num(r['overrun_low'], 1):>8} {num(r['overrun_high'], 1):>8}" for i, r in drivers.iterrows()
    ]
    return lines


@click.command(cls=Command)
@click.option("--scenario", default=None, help="Simulate this scenario's optimised plan (not stored).")
@click.option("--plan", "plan_id", type=int, default=None, help="Simulate this stored plan (see 'planning plans').")
@click.option(
    "--samples",
    type=int,
    default=DEFAULT_SAMPLES,
    show_default=True,
    help=filled(N_("Sampled futures, 1 to {most}."), most=MAX_SAMPLES),
)
@click.option("--seed", type=int, default=1, show_default=True, help="The same seed gives the same futures.")
@click.option(
    "--policy",
    default=POLICIES[0],
    show_default=True,
    help="When a pool-year would overrun: 'defer' what has not started, lowest value first, or 'report' the overrun.",
)
@click.option("--distribution", default=DISTRIBUTIONS[0], show_default=True, help="triangular or pert.")
@click.option(
    "--correlation",
    type=float,
    default=DEFAULT_CORRELATION,
    show_default=True,
    help="Correlation of overruns that share a factor, 0 to 0.99.",
)
@click.option("--correlate-by", default=GROUPINGS[0], show_default=True, help="lead_region or area.")
@click.option("--from", "source", type=click.Path(path_type=Path), default=None, help="Portfolio from files.")
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
@click.option("--database-url", envvar="DATABASE_URL", help="Database (default: SQLite in ./var).")
def simulate(
    scenario: str | None,
    plan_id: int | None,
    samples: int,
    seed: int,
    policy: str,
    distribution: str,
    correlation: float,
    correlate_by: str,
    source: Path | None,
    as_json: bool,
    database_url: str | None,
) -> None:
    """Simulate a plan under its uncertain estimates: the chance each pool-year holds its
    envelope, each initiative and step is delivered on time, NPV and benefit P10/P50/P90,
    and which initiatives drive the overruns. Reads only; nothing is stored.

    The JSON has options, summary, pool_periods (pool, period, label, year, envelope,
    planned, mean, p10, p50, p85, p90, p_within), initiatives, steps, value and drivers.

    \b
    Example:
      planning simulate --scenario Basis --samples 2000 --seed 1
      planning simulate --plan 3 --policy report --json
      planning simulate --from data/sample --scenario Kutt20 --distribution pert
    Exit codes: 0 simulated, 1 invalid input or no plan, 2 usage, 3 error.
    """
    if (scenario is None) == (plan_id is None):
        raise click.UsageError(_("give either --scenario NAME or --plan ID"))
    options = SimulationOptions(samples, seed, policy, distribution, correlation, correlate_by)
    try:
        options.checked()
    except ValueError as exc:
        refuse(error(exc))
    portfolio, plan, as_run = what_to_simulate(database_url, source, scenario, plan_id)
    try:
        result = simulate_plan(portfolio, plan, as_run, options, progress=progress_printer())
    except (ValueError, KeyError) as exc:
        refuse(error(exc))
    click.echo(json.dumps(result.to_json(), indent=2, ensure_ascii=False) if as_json else describe(result))
    sys.exit(0)


COMMANDS = [simulate]
