"""Commands that plan: optimize and check-plan."""

from __future__ import annotations

import json
import math
import sys
import time
from dataclasses import asdict
from pathlib import Path

import click
import pandas as pd

from planning.cli.files import EXIT_USAGE, problem_line
from planning.cli.helptext import Command
from planning.cli.language import _, error, num, plain_num, say, share, signed, told
from planning.cli.language import stage as stage_words
from planning.cli.users import stored_portfolio
from planning.cli.words import word
from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.domain.problems import InvalidPortfolio, Problem
from planning.io import load_path
from planning.io.limits import FileRefused, read_limited
from planning.io.plan_file import read_plan_file
from planning.messages.counts import counted
from planning.messages.message import Message, said
from planning.optimise import Plan
from planning.optimise.checker import CheckedPlan, check_edited_plan
from planning.optimise.inputs import resolve_scenario
from planning.optimise.reasons import quick_reasons
from planning.optimise.solve import SOLVERS, Progress
from planning.plans.baseline import baseline_starts, current_baseline
from planning.plans.compare import plan_difference
from planning.plans.obligations import ObligationCost, left_out_obligations, obligation_cost
from planning.robust.scenario import plan_scenario, robust_options
from planning.store.database import make_engine, upgrade

SOLVER_LINE_SECONDS = 5.0
"""The solver's running reports (best plan and gap, initiative being explained) show this often on a terminal."""
RUNNING_REPORTS = ("solving_", "explaining")
"""Keys of the phrases that report a running stage, rather than name a new one."""


def portfolio_from(database_url: str | None, source: Path | None) -> Portfolio:
    """The portfolio in ``source`` (a CSV folder, JSON or workbook) or else in the database."""
    if source is not None:
        result = load_path(source)
        if result.portfolio is None:
            for problem in result.problems:
                click.echo(told(problem), err=True)
            sys.exit(1)
        return result.portfolio
    engine = make_engine(database_url)
    try:
        upgrade(engine)
        return stored_portfolio(engine)
    finally:
        engine.dispose()  # no pooled connection outlives the command


def progress_printer(every: float = SOLVER_LINE_SECONDS) -> Progress:
    """Progress on stderr: every stage, and of each kind of running report (the solver's, the
    explanations') the first and then at most one every ``every`` seconds."""
    last: dict[str, float] = {}

    def show(stage: str, fraction: float) -> None:
        code = stage.code if isinstance(stage, Message) else ""
        kind = next((k for k in RUNNING_REPORTS if code.startswith(k)), None)
        if kind is not None:  # a few a second: not all shown
            if time.monotonic() - last.get(kind, -math.inf) < every:
                return
            last[kind] = time.monotonic()
        click.echo(f"[{share(fraction):>4}] {stage_words(stage)}", err=True)

    return show


def describe(plan: Plan) -> str:
    """The plan for people: solver facts first, then the roadmap and what was left out."""
    f = plan.facts
    gap = _("n/a") if f.gap is None else share(f.gap, 4)
    heading = _(
        "Scenario {scenario}: {status}; solver {solver} {version}, {seconds} s of {limit} s limit, proven gap {gap}"
    )
    lines = [
        heading.format(
            scenario=plan.scenario, status=word("plan_status", f.status), solver=f.solver, version=f.solver_version,
            seconds=num(f.solve_seconds, 2), limit=plain_num(f.time_limit), gap=gap,
        ),
    ]  # fmt: skip
    if f.status == "time_limit":
        lines.append(
            "  " + _("Stopped at the time limit: the plan is feasible but NOT proven optimal.")
            if plan.has_plan
            else "  " + _("Stopped at the time limit before any plan was found; allow more time.")
        )
    if f.status == "work_limit":
        lines.append(
            "  " + _("Stopped at the node limit: the plan is feasible but NOT proven optimal (the same every run).")
        )
    if f.message:
        lines.append("  " + _("Solver: {message}").format(message=say(f.message)))
    if plan.npv is not None:
        bound = _("none") if f.bound is None else num(f.bound, 2)
        lines.append(
            "  "
            + _("Net present value {npv} MNOK; objective {objective}, bound {bound}").format(
                npv=num(plan.npv, 1), objective="-" if f.objective is None else num(f.objective, 2), bound=bound
            )
        )
    for line in plan.diagnosis:
        lines.append(f"  - {say(line)}")
    rows = plan.initiatives
    chosen = rows[rows["selected_opt"].astype(bool)].sort_values("start_opt")
    lines.append("  " + _("In the plan ({count}):").format(count=len(chosen)))
    lines += [
        f"    {i:<16} {r['start_label']}-{r['finish_label']}  {say(r['reason'])}".rstrip() for i, r in chosen.iterrows()
    ]
    out = rows[~rows["selected_opt"].astype(bool) & ~rows["done_before"].astype(bool)]
    if len(out):
        lines.append("  " + _("Left out ({count}):").format(count=len(out)))
        lines += [f"    {i:<16} {say(r['reason'])}" for i, r in out.iterrows()]
    return "\n".join(lines)


@click.command(cls=Command)
@click.option("--scenario", default=None, help="Scenario name (default: the model's defaults, all at reference level).")
@click.option("--time-limit", type=float, default=None, help="Seconds for the solver (default: the scenario's).")
@click.option(
    "--solver",
    type=click.Choice(SOLVERS),
    default="auto",
    show_default=True,
    help="auto: CP-SAT for earliest completion where it takes the model, else HiGHS.",
)
@click.option(
    "--from",
    "source",
    type=click.Path(path_type=Path),
    default=None,
    help="Plan a portfolio from files instead of the database.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the plan as JSON.")
@click.option(
    "--what-if",
    is_flag=True,
    help="Also price forcing each initiative left out or deferred in at its earliest start "
    "(npv_if_forced in the JSON): one re-solve each, so slow on large portfolios.",
)
@click.option(
    "--obligation-cost",
    is_flag=True,
    help="Also solve once more with the statutory and equity obligations released, and print what keeping "
    "them costs (obligation_cost in the JSON).",
)
@click.option(
    "--point-estimates",
    is_flag=True,
    help="Plan on the point estimates even where the scenario asks for a confidence level.",
)
@click.option("--database-url", envvar="DATABASE_URL", help="Database (default: SQLite in ./var).")
def optimize(
    scenario: str | None,
    time_limit: float | None,
    solver: str,
    source: Path | None,
    as_json: bool,
    what_if: bool,
    obligation_cost: bool,
    point_estimates: bool,
    database_url: str | None,
) -> None:
    """Propose a delivery plan for a scenario and explain it.

    The JSON has status (optimal, time_limit, infeasible, error), objective, bound, gap,
    solve_seconds, solver, initiatives (id, selected, start, finish, reason, extra_budget,
    and with --what-if npv_if_forced and what_if_proven), spend (pool, period, amount,
    envelope), obligations_left_out (statutory or equity obligations the plan leaves out,
    also said first in the text), with --obligation-cost obligation_cost, and confidence:
    null for a plan on the point estimates, else the plan's promise (confidence, scope, method,
    achieved, verdict, check_samples, in_sample, reserve, weakest).

    A scenario with a confidence level (its confidence option) is planned at it, as
    'planning robust' does, and the plan is checked on fresh sampled futures; --point-estimates
    plans on the point estimates instead.

    \b
    Example:
      planning optimize --scenario Basis --time-limit 30
      planning optimize --from data/sample --scenario Kutt20 --json
      planning optimize --scenario Kutt20 --what-if
      planning optimize --from data/sample --scenario Basis --obligation-cost
      planning optimize --scenario Sikker85 --point-estimates
    Exit codes: 0 a plan (optimal or time-limited), 1 no plan (infeasible, or none found in
    time) or invalid input, 3 error.
    """
    portfolio = portfolio_from(database_url, source)
    try:
        at_confidence = not point_estimates and robust_options(resolve_scenario(portfolio, scenario)) is not None
        if at_confidence and (what_if or obligation_cost):
            line = _(
                "scenario {scenario} plans at a confidence level; --what-if and --obligation-cost price "
                "point-estimate plans: add --point-estimates"
            )
            raise click.UsageError(line.format(scenario=scenario))
        made = plan_scenario(
            portfolio,
            scenario,
            point_estimates=point_estimates,
            time_limit=time_limit,
            solver=solver,
            progress=progress_printer(),
            explain=what_if,
        )
    except KeyError as exc:
        raise click.UsageError(error(exc)) from exc
    plan = made.plan
    if not what_if:  # the same reasons, without a re-solve per initiative
        plan.initiatives = quick_reasons(portfolio, plan, scenario)
    left_out = left_out_obligations(portfolio, plan)
    priced = price_obligations(portfolio, scenario, plan, time_limit, solver) if obligation_cost else None
    if as_json:
        found = plan.to_json(words=say)
        found["obligations_left_out"] = [{"id": str(i), **row} for i, row in left_out.iterrows()]
        if obligation_cost:
            found["obligation_cost"] = None if priced is None else {**asdict(priced), "cost": priced.cost}
        found["confidence"] = None if made.confidence is None else made.confidence.to_json()
        click.echo(json.dumps(found, indent=2, ensure_ascii=False, default=str))
    else:
        promise = [] if made.confidence is None else [say(made.confidence.sentence())]
        lines = [*obligation_warning(left_out), *promise, describe(plan), *cost_lines(priced, obligation_cost)]
        click.echo("\n".join(lines))
    sys.exit(0 if plan.has_plan else 1)


def price_obligations(
    portfolio: Portfolio, scenario: str | None, plan: Plan, time_limit: float | None, solver: str
) -> ObligationCost | None:
    """What keeping the obligations costs (one more solve), or ``None`` when nothing is kept."""
    return obligation_cost(portfolio, scenario, plan if plan.has_plan else None, time_limit=time_limit, solver=solver)


def obligation_warning(left_out: pd.DataFrame) -> list[str]:
    """The lines that open the plan's text when it leaves out a statutory or equity obligation."""
    if left_out.empty:
        return []
    noun = counted(len(left_out), _("statutory or equity obligation"), _("statutory or equity obligations"))
    lines = [_("WARNING: this plan leaves out {count}:").format(count=noun)]
    for i, row in left_out.iterrows():
        note = f", {row['obligation_note']}" if row["obligation_note"] else ""
        reason = say(left_out.at[i, "reason"]) or _("not in the plan")
        lines.append(f"  {i} {row['name']} ({row['obligation']}{note}): {reason}")
    return lines


def cost_lines(priced: ObligationCost | None, asked: bool) -> list[str]:
    """What keeping the obligations costs, in words, with how sure the figure is."""
    if not asked:
        return []
    if priced is None:
        none = _("Obligations: none kept by this scenario (none marked, all forced out, or released), so nothing to "
                 "price.")  # fmt: skip
        return [none]
    if priced.cost is None:
        missing = _("Obligations: no price, a plan is missing ({with_them} with them, {without_them} without).")
        return [missing.format(with_them=word("plan_status", priced.status_with),
                               without_them=word("plan_status", priced.status_without))]  # fmt: skip
    sure = _("both plans proven optimal") if priced.proven else _("NOT both proven optimal: an estimate")
    line = _(
        "Keeping {count} ({kept}) costs {cost} MNOK of net present value: {with_them} with them, {without_them} "
        "without ({sure}); without the rule the plan would leave out: {dropped}."
    )
    assert priced.npv_with is not None and priced.npv_without is not None  # both known where the cost is
    return [
        line.format(
            count=counted(len(priced.kept), _("obligation"), _("obligations")), kept=", ".join(priced.kept),
            cost=num(priced.cost, 1), with_them=num(priced.npv_with, 1), without_them=num(priced.npv_without, 1),
            sure=sure, dropped=", ".join(priced.left_out_without) or _("none"),
        )
    ]  # fmt: skip


@click.command("check-plan", cls=Command)
@click.argument("plan_file", type=click.Path(exists=True, path_type=Path))
@click.option("--scenario", default=None, help="Scenario the plan is meant for.")
@click.option(
    "--against-approved",
    is_flag=True,
    help="Check in the approved plan's scenario and list each start that differs from the approved plan.",
)
@click.option("--from", "source", type=click.Path(path_type=Path), default=None, help="Portfolio from files.")
@click.option("--database-url", envvar="DATABASE_URL", help="Database (default: SQLite in ./var).")
def check_plan_command(
    plan_file: Path, scenario: str | None, against_approved: bool, source: Path | None, database_url: str | None
) -> None:
    """Check a plan edited by hand against the data: one violation a line.

    PLAN_FILE is a plan as `planning export` writes it (the roadmap sheet of the .xlsx,
    its JSON, or its roadmap.csv), edited by hand; any CSV with columns id and start (a
    period such as 2027; empty = not in the plan); or the JSON that `planning optimize
    --json` prints.

    \b
    Examples:
      planning optimize --json > plan.json && planning check-plan plan.json
      planning export plan.xlsx --scenario Basis   # move starts in Excel, then:
      planning check-plan plan.xlsx --scenario Basis
      planning export plan.xlsx --plan baseline    # the approved plan, edited, then:
      planning check-plan plan.xlsx --against-approved
    Exit codes: 0 the plan keeps every rule, 1 violations found, 2 unreadable plan file or
    usage (such as --against-approved with no plan approved).
    """
    if against_approved and (scenario is not None or source is not None):
        raise click.UsageError(
            _(
                "--against-approved checks in the approved plan's scenario, with the data in the database; "
                "leave out --scenario and --from"
            )
        )
    portfolio = portfolio_from(database_url, source)
    starts = read_plan_starts(plan_file, portfolio)
    approved = approved_reference(database_url, portfolio) if against_approved else None
    checked = check_edited_plan(portfolio, approved[0] if approved else scenario, starts)
    for line in checked.violations:
        click.echo(say(line))
    if not checked.violations:
        count = counted(len(starts), _("initiative"), _("initiatives"))
        if checked.npv is None:
            click.echo(_("The plan keeps every rule ({count}).").format(count=count))
        else:
            kept = _("The plan keeps every rule ({count}); net present value {npv} MNOK.")
            click.echo(kept.format(count=count, npv=num(checked.npv, 1)))
    if approved is not None:
        for line in approved_moves(portfolio, checked, *approved):
            click.echo(line)
    sys.exit(1 if checked.violations else 0)


def approved_reference(database_url: str | None, portfolio: Portfolio) -> tuple[Scenario, dict[str, int], str]:
    """The approved plan's scenario, its starts in today's periods, and how to name it."""
    baseline = current_baseline(make_engine(database_url))
    if baseline is None:
        raise click.UsageError(_("no plan has been approved yet; approve one with 'planning approve'"))
    scenario = baseline.stored.scenario
    name = _("the approved plan (no. {plan}, scenario {scenario})").format(
        plan=baseline.stored.id, scenario=baseline.stored.scenario_id
    )
    return scenario, baseline_starts(portfolio, scenario, baseline.stored.plan), name


def approved_moves(
    portfolio: Portfolio, checked: CheckedPlan, scenario: Scenario, reference: dict[str, int], name: str
) -> list[str]:
    """How the checked plan differs from ``reference``: the NPV (both valued by the checker in
    ``scenario``) and a line per start moved, added or left out."""
    difference = plan_difference(portfolio, scenario, checked, reference)
    moves, change = difference.moves, difference.npv_change
    if moves.empty:
        return [_("The plan starts every initiative where {name} does.").format(name=name)]
    delta = "–" if change is None else f"{signed(change, 1)} MNOK"
    count = counted(len(moves), _("initiative"), _("initiatives"))
    lines = [_("Against {name}: net present value {delta}; {count} moved, added or left out:").format(
        name=name, delta=delta, count=count)]  # fmt: skip
    for row in moves.itertuples():
        before, after = (label if label is not None else _("not in the plan") for label in (row.reference, row.edited))
        lines.append(f"  {row.initiative}: {before} -> {after}")
    return lines


def read_plan_starts(path: Path, portfolio: Portfolio) -> dict[str, int]:
    """Start periods from a plan file (:func:`read_plan_file`); an unreadable file is refused
    with one line per row and field (exit code 2)."""
    try:
        return read_plan_file(read_limited(path), path.name, portfolio.timeline)
    except FileRefused as exc:  # too large to read at all
        problems = [Problem(path.name, "-", "-", said(exc), exc.fix)]
    except InvalidPortfolio as exc:
        problems = exc.problems
    for problem in problems:
        click.echo(problem_line(problem), err=True)
    click.echo(_("{file}: not checked; fix the problems above and check again.").format(file=path.name), err=True)
    sys.exit(EXIT_USAGE)


COMMANDS = [optimize, check_plan_command]
