"""``planning robust`` and ``planning price``: a plan at a confidence level, and what certainty costs."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
import pandas as pd

from planning.cli.common import refuse
from planning.cli.helptext import Command
from planning.cli.language import _, error, num, plain_num, say, share
from planning.cli.plan import portfolio_from, progress_printer
from planning.cli.words import word
from planning.domain.models import CONFIDENCE_SCOPES
from planning.domain.portfolio import Portfolio
from planning.domain.problems import InvalidPortfolio
from planning.messages.counts import counted
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
        refuse(error(exc))
    level = confidence if confidence is not None else stored.confidence or DEFAULT_CONFIDENCE
    options = RobustOptions(confidence=level, scope=scope or stored.confidence_scope, **given)
    try:
        return options.checked()
    except ValueError as exc:
        refuse(error(exc))


def points(share_: float) -> str:
    """A difference of shares in percentage points: ``2 percentage points``, ``2 prosentpoeng``."""
    return _("{points} percentage points").format(points=num(share_ * 100, 1))


def verdict_line(made: RobustPlan) -> str:
    """The out-of-sample check in one plain sentence."""
    o, achieved = made.options, made.achieved
    weakest = _("the weakest envelope") if o.scope == "envelope" else _("the weakest pool total")
    held = _("{weakest} ({row}) held in {achieved} of {samples} fresh futures (seed {seed})").format(
        weakest=weakest, row=made.check.weakest, achieved=share(achieved, 1), samples=o.check_samples,
        seed=o.check_seed,
    )  # fmt: skip
    target = share(o.confidence)
    if made.verdict == "reached":
        line = _("Target {target} reached: {held}, within {tolerance}.")
        return line.format(target=target, held=held, tolerance=points(TOLERANCE))
    if made.verdict == "below":
        line = _(
            "WARNING: target {target} NOT reached: {held}, {short} short. "
            "Do not promise this confidence; plan at a higher level or with more futures."
        )
        return line.format(target=target, held=held, short=points(o.confidence - achieved))
    line = _(
        "Target {target} exceeded: {held}, {above} above: the plan is more cautious than asked and gives up NPV for it."
    )
    return line.format(target=target, held=held, above=points(achieved - o.confidence))


def describe(made: RobustPlan) -> str:
    facts, o = made.plan.facts, made.options
    gap = _("n/a") if facts.gap is None else share(facts.gap, 2)
    heading = _(
        "Scenario {scenario} at confidence {confidence}, {scope} must hold; method {method}, {samples} planning "
        "futures (seed {seed}), policy {policy}"
    )
    solver = _(
        "Solver: {status}, proven gap {gap}, {seconds} s of a {limit} s limit ({solver} {version}); {total} s in all"
    )
    lines = [
        heading.format(scenario=made.scenario, confidence=share(o.confidence), scope=word("scope", o.scope),
                       method=word("method", o.method), samples=o.samples, seed=o.seed, policy=o.policy),
        "  " + solver.format(status=word("plan_status", facts.status), gap=gap, seconds=num(facts.solve_seconds, 1),
                             limit=plain_num(facts.time_limit), solver=facts.solver, version=facts.solver_version,
                             total=num(made.seconds, 1))
        + (f"; {say(facts.message)}" if facts.message else ""),
    ]  # fmt: skip
    if made.plan.has_plan:
        count = counted(len(made.plan.starts), _("initiative"), _("initiatives"))
        lines.append(
            "  " + _("NPV {npv} MNOK, {count} in the plan").format(npv=num(made.plan.npv or 0, 1), count=count)
        )
        if made.reserve is not None:
            lines.append(
                "  " + _("Reserve held back from every envelope: {reserve}").format(reserve=share(made.reserve, 1))
            )
        held = _("In the planning futures the weakest row held in {share}").format(share=share(made.in_sample, 1))
        lines += ["  " + held, "  " + verdict_line(made)]
        starts = _("starts {period}")
        for i, _start in sorted(made.plan.starts.items(), key=lambda kv: (kv[1], kv[0])):
            lines.append(f"    {i:<16} " + starts.format(period=made.plan.initiatives.at[i, "start_label"]))
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


@click.command(cls=Command)
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
        refuse(error(exc))
    click.echo(json.dumps(made.to_json(), indent=2, ensure_ascii=False) if as_json else describe(made))
    sys.exit(0 if made.plan.has_plan else 1)


def price_table(rows: list[dict[str, Any]]) -> str:
    """The price of predictability as aligned text, its headings and numbers in the reader's language."""
    verdicts = {"reached": _("reached"), "below": _("below"), "above": _("above"), "no_plan": _("no plan")}
    missing = _("n/a")
    frame = pd.DataFrame(
        {
            _("confidence"): [_("point") if r["confidence"] is None else share(r["confidence"]) for r in rows],
            _("method"): [word("method", r["method"]) for r in rows],
            _("status"): [word("plan_status", r["status"]) for r in rows],
            _("gap"): [missing if r["gap"] is None else share(r["gap"], 2) for r in rows],
            _("NPV"): [missing if r["npv"] is None else num(r["npv"], 0) for r in rows],
            _("cost"): [missing if r["npv_cost"] is None else num(r["npv_cost"], 0) for r in rows],
            _("initiatives"): [str(r["initiatives"]) for r in rows],
            _("delivered"): [num(r["delivered_mean"], 1) for r in rows],
            _("held"): [share(r["achieved"]) for r in rows],
            _("verdict"): [verdicts.get(r["verdict"], r["verdict"]) for r in rows],
        }
    )
    return frame.to_string(index=False)


@click.command(cls=Command)
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
        raise click.UsageError(_("--levels takes numbers separated by commas, for example 0.5,0.85")) from None
    portfolio = loaded(database_url, source)
    options = options_for(portfolio, scenario, chosen[0] if chosen else None, scope, **given)
    try:
        for level in chosen:
            options.at(level).checked()
        rows = price_of_predictability(portfolio, scenario, chosen, options, progress=progress_printer())
    except (ValueError, KeyError, InvalidPortfolio) as exc:
        refuse(error(exc))
    if as_json:
        click.echo(json.dumps({"scenario": scenario, "scope": options.scope, "rows": rows}, indent=2))
    else:
        heading = _("Scenario {scenario}: the price of predictability; {scope} must hold, method {method}")
        click.echo(heading.format(scenario=scenario, scope=word("scope", options.scope),
                                  method=word("method", options.method)))  # fmt: skip
        click.echo(price_table(rows))
    sys.exit(0)


COMMANDS = [robust, price]
