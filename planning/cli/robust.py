"""``planning robust`` and ``planning price``: a plan at a confidence level, and what certainty costs."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from planning.cli.common import refuse
from planning.cli.plan import portfolio_from, progress_printer
from planning.domain.models import CONFIDENCE_SCOPES
from planning.domain.portfolio import Portfolio
from planning.domain.problems import InvalidPortfolio
from planning.optimise.inputs import resolve_scenario
from planning.robust import LEVELS, METHODS, TOLERANCE, RobustOptions, RobustPlan, price_of_predictability, robust_plan
from planning.robust.options import DEFAULT_CHECK_SAMPLES, DEFAULT_CONFIDENCE, DEFAULT_PLANNING_SAMPLES


def options_for(
    portfolio: Portfolio, scenario: str, confidence: float | None, scope: str | None, **given: Any
) -> RobustOptions:
    """The options asked for; confidence and scope default to the scenario's own (else 0.85, envelope)."""
    try:
        stored = resolve_scenario(portfolio, scenario)
    except KeyError as exc:
        refuse(str(exc.args[0]))
    level = confidence if confidence is not None else stored.confidence or DEFAULT_CONFIDENCE
    options = RobustOptions(confidence=level, scope=scope or stored.confidence_scope, **given)
    try:
        return options.checked()
    except ValueError as exc:
        refuse(str(exc))


def verdict_line(made: RobustPlan) -> str:
    """The out-of-sample check in one plain sentence."""
    o, achieved = made.options, made.achieved
    where = f"the weakest {'envelope' if o.scope == 'envelope' else 'pool total'} ({made.check.weakest})"
    held = f"{where} held in {achieved:.1%} of {o.check_samples} fresh futures (seed {o.check_seed})"
    if made.verdict == "reached":
        return f"Target {o.confidence:.0%} reached: {held}, within {TOLERANCE:.0%} points."
    if made.verdict == "below":
        return (
            f"WARNING: target {o.confidence:.0%} NOT reached: {held}, {o.confidence - achieved:.1%} points short. "
            "Do not promise this confidence; plan at a higher level or with more futures."
        )
    return (
        f"Target {o.confidence:.0%} exceeded: {held}, {achieved - o.confidence:.1%} points above: "
        "the plan is more cautious than asked and gives up NPV for it."
    )


def describe(made: RobustPlan) -> str:
    facts, o = made.plan.facts, made.options
    gap = "n/a" if facts.gap is None else f"{facts.gap:.2%}"
    lines = [
        f"Scenario {made.scenario} at confidence {o.confidence:.0%} ({o.scope}), method {o.method}, "
        f"{o.samples} planning futures (seed {o.seed}), policy {o.policy}",
        f"  Solver: {facts.status}, proven gap {gap}, {facts.solve_seconds:.1f} s of a {facts.time_limit:g} s limit "
        f"({facts.solver} {facts.solver_version}); {made.seconds:.1f} s in all"
        + (f"; {facts.message}" if facts.message else ""),
    ]
    if made.plan.has_plan:
        lines.append(f"  NPV {made.plan.npv:,.1f} MNOK, {len(made.plan.starts)} initiatives in the plan")
        if made.reserve is not None:
            lines.append(f"  Reserve held back from every envelope: {made.reserve:.1%}")
        lines.append(f"  In the planning futures the weakest row held in {made.in_sample:.1%}")
        lines.append("  " + verdict_line(made))
        for i, _start in sorted(made.plan.starts.items(), key=lambda kv: (kv[1], kv[0])):
            lines.append(f"    {i:<16} starts {made.plan.initiatives.at[i, 'start_label']}")
    return "\n".join(lines)


def loaded(database_url: str | None, source: Path | None) -> Portfolio:
    return portfolio_from(database_url, source)


COMMON = [
    click.option("--scenario", required=True, help="The stored scenario to plan."),
    click.option("--scope", type=click.Choice(CONFIDENCE_SCOPES), default=None,
                 help="What must hold: each envelope (pool-year) or each pool's total (default: the scenario's)."),
    click.option("--method", type=click.Choice(METHODS), default=METHODS[0], show_default=True,
                 help="contingency: reserve calibrated by simulation; saa: the scenario-based MILP."),
    click.option("--samples", type=int, default=DEFAULT_PLANNING_SAMPLES, show_default=True,
                 help="Futures to plan (and calibrate) with."),
    click.option("--seed", type=int, default=1, show_default=True, help="Seed of the planning futures."),
    click.option("--check-samples", type=int, default=DEFAULT_CHECK_SAMPLES, show_default=True,
                 help="Fresh futures the plan is checked on (another seed)."),
    click.option("--time-limit", type=float, default=None, help="Solver seconds (default: the scenario's)."),
    click.option("--from", "source", type=click.Path(path_type=Path), default=None, help="Portfolio from files."),
    click.option("--json", "as_json", is_flag=True, help="Print the results as JSON."),
    click.option("--database-url", envvar="DATABASE_URL", help="Database (default: SQLite in ./var)."),
]  # fmt: skip


def common(command: Any) -> Any:
    for option in reversed(COMMON):
        command = option(command)
    return command


@click.command()
@click.option("--confidence", type=float, default=None, help="0.5 to 0.99 (default: the scenario's, else 0.85).")
@common
def robust(confidence: float | None, scenario: str, scope: str | None, source: Path | None, as_json: bool,
           database_url: str | None, **given: Any) -> None:  # fmt: skip
    """Plan a scenario at a confidence level: each envelope (or each pool's total) holds in at
    least that share of sampled futures. The plan is then lived through fresh futures (another
    seed) and the tool says plainly whether the target was reached within 2 points.
    Reads only; nothing is stored.

    \b
    Example:
      planning robust --scenario Basis --confidence 0.85
      planning robust --scenario Basis --confidence 0.9 --scope pool_total --json
      planning robust --from data/sample --scenario Kutt20 --method saa --samples 100
    Exit codes: 0 planned (read the verdict), 1 invalid input or no plan, 2 usage, 3 error.
    """
    portfolio = loaded(database_url, source)
    options = options_for(portfolio, scenario, confidence, scope, **given)
    try:
        made = robust_plan(portfolio, scenario, options, progress=progress_printer())
    except (ValueError, KeyError, InvalidPortfolio) as exc:
        refuse(str(exc.args[0]) if isinstance(exc, KeyError) else str(exc))
    click.echo(json.dumps(made.to_json(), indent=2, ensure_ascii=False) if as_json else describe(made))
    sys.exit(0 if made.plan.has_plan else 1)


def price_table(rows: list[dict[str, Any]]) -> str:
    lines = ["confidence  method       status      gap      NPV  cost  initiatives  delivered  held  verdict"]
    for r in rows:
        level = "point" if r["confidence"] is None else f"{r['confidence']:.0%}"
        gap = "n/a" if r["gap"] is None else f"{r['gap']:.2%}"
        npv = "n/a" if r["npv"] is None else f"{r['npv']:,.0f}"
        cost = "n/a" if r["npv_cost"] is None else f"{r['npv_cost']:,.0f}"
        lines.append(
            f"{level:<11} {r['method']:<12} {r['status']:<10} {gap:>6} {npv:>8} {cost:>5} {r['initiatives']:>12} "
            f"{r['delivered_mean']:>10.1f} {r['achieved']:>5.0%}  {r['verdict']}"
        )
    return "\n".join(lines)


@click.command()
@click.option("--levels", default=",".join(f"{level:g}" for level in LEVELS), show_default=True,
              help="Confidence levels, comma-separated.")  # fmt: skip
@common
def price(levels: str, scenario: str, scope: str | None, source: Path | None, as_json: bool,
          database_url: str | None, **given: Any) -> None:  # fmt: skip
    """The price of predictability: the point-estimate plan beside plans at each confidence
    level, with NPV, what it costs against the point plan, initiatives, delivered initiatives
    on average and the share of fresh futures in which the weakest envelope held.

    \b
    Example:
      planning price --scenario Basis
      planning price --scenario Basis --levels 0.5,0.85 --samples 100 --json
    Exit codes: 0 compared, 1 invalid input, 2 usage, 3 error.
    """
    try:
        chosen = [float(level) for level in levels.split(",") if level.strip()]
    except ValueError:
        raise click.UsageError("--levels takes numbers separated by commas, for example 0.5,0.85") from None
    portfolio = loaded(database_url, source)
    options = options_for(portfolio, scenario, chosen[0] if chosen else None, scope, **given)
    try:
        for level in chosen:
            options.at(level).checked()
        rows = price_of_predictability(portfolio, scenario, chosen, options, progress=progress_printer())
    except (ValueError, KeyError, InvalidPortfolio) as exc:
        refuse(str(exc.args[0]) if isinstance(exc, KeyError) else str(exc))
    if as_json:
        click.echo(json.dumps({"scenario": scenario, "scope": options.scope, "rows": rows}, indent=2))
    else:
        click.echo(f"Scenario {scenario}: the price of predictability ({options.scope}, method {options.method})")
        click.echo(price_table(rows))
    sys.exit(0)


COMMANDS = [robust, price]
