"""Commands on stored plans and the approved baseline: run, plans, approve, diff.

Every command reads the portfolio from the database (``--database-url`` or
``$DATABASE_URL``); runs are stored, so asking again on unchanged inputs answers at once.
Commands that store (a new run, an approval) act as the user given with ``--as`` (or
``$VEIKART_USER``, or the development switch) and obey that user's role; reading is open.
Progress lines for long runs go to stderr; ``--json`` prints the result as JSON on stdout.
The helpers here are shared with :mod:`planning.cli.stepwise`.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click
import pandas as pd
from sqlalchemy import Engine

from planning.cli.common import EXIT_INVALID, database_option, refuse
from planning.cli.helptext import Command
from planning.cli.language import _, error, moment, num, say, share, signed, stage
from planning.cli.plan import progress_printer
from planning.cli.users import acting_user, acting_user_option, stored_portfolio
from planning.cli.words import word, worded
from planning.domain.problems import InvalidPortfolio
from planning.messages.counts import counted
from planning.optimise.plan import PLANNED_STATUSES
from planning.optimise.solve import SOLVERS
from planning.plans.baseline import approvals, approve_plan, baseline_stability, current_baseline
from planning.plans.diff import diff_plans
from planning.plans.runs import StoredPlan, get_plan, list_plans
from planning.robust.scenario import run_scenario
from planning.store.access import PermissionDenied, who
from planning.store.database import has_schema, make_engine, upgrade
from planning.store.plan_records import ImmutablePlan
from planning.store.shared import ConflictError

PLANNED = PLANNED_STATUSES
ANONYMOUS = who(None)

json_option = click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
time_limit_option = click.option(
    "--time-limit", type=float, default=None, help="Seconds per solve (default: scenario's)."
)
solver_option = click.option(
    "--solver",
    type=click.Choice(SOLVERS),
    default="auto",
    show_default=True,
    help="auto: CP-SAT for earliest completion where it takes the model, else HiGHS.",
)


def progress(line: str) -> None:
    """A progress line on stderr, in the command's language where it is a message or a stage."""
    click.echo(stage(line), err=True)


@contextmanager
def opened(database_url: str | None) -> Iterator[Engine]:
    """The migrated database; invalid data, unknown names, refusals and conflicts exit with 1."""
    engine = make_engine(database_url)
    try:
        if not has_schema(engine):
            refuse(_("the database holds no portfolio; run 'planning init' or 'planning import' first"))
        upgrade(engine)
        yield engine
    except PermissionDenied as exc:
        hint = " " + _("(act as a stored user with --as USERNAME)") if ANONYMOUS in str(exc) else ""
        refuse("; ".join(say(reason) for reason in exc.reasons) + hint)
    except ConflictError as exc:
        refuse("; ".join(str(conflict) for conflict in exc.conflicts) + " " + _("(nothing was written)"))
    except (InvalidPortfolio, ImmutablePlan, LookupError, ValueError) as exc:
        refuse(error(exc))
    finally:
        engine.dispose()


def emit(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def table(frame: pd.DataFrame, digits: int = 1) -> str:
    """A frame as aligned text; its column names are the data's (as in --json), times ISO in UTC,
    numbers the reader's way (``1 234,5`` in bokmål)."""
    if frame.empty:
        return _("(none)")
    frame = frame.copy()
    for name in frame.columns:
        if not pd.api.types.is_float_dtype(frame[name]):
            frame[name] = frame[name].astype(object).where(frame[name].notna(), "-")
    return frame.to_string(index=False, float_format=lambda v: num(v, digits), na_rep="-")


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    cleaned = frame.astype(object).where(frame.notna(), None)
    return [{str(k): v for k, v in row.items()} for row in cleaned.to_dict("records")]


def plan_ref(engine: Engine, ref: str) -> StoredPlan:
    """A stored plan by id, or ``baseline`` for the plan of record."""
    if ref.lower() == "baseline":
        baseline = current_baseline(engine)
        if baseline is None:
            raise LookupError(_("no plan has been approved yet; approve one with 'planning approve'"))
        return baseline.stored
    if not ref.isdigit():
        raise click.BadParameter(_("'{ref}' is neither a plan id nor 'baseline'").format(ref=ref))
    return get_plan(engine, int(ref))


def headline(stored: StoredPlan) -> str:
    plan = stored.plan
    npv = "-" if plan.npv is None else f"{num(plan.npv, 1)} MNOK"
    cached = " " + _("(stored plan, inputs unchanged)") if stored.from_cache else ""
    gap = "" if plan.facts.gap is None else ", " + _("gap {gap}").format(gap=share(plan.facts.gap, 2))
    count = counted(len(plan.starts), _("initiative"), _("initiatives"))
    line = _("Plan {plan} for {scenario}: {status}{gap}, {count}, NPV {npv}{cached}")
    status = word("plan_status", plan.facts.status)
    return line.format(plan=stored.id, scenario=stored.scenario_id, status=status, gap=gap, count=count, npv=npv,
                       cached=cached)  # fmt: skip


@click.command("run", cls=Command)
@click.argument("scenario")
@click.option("--refresh", is_flag=True, help="Solve again even when a stored plan matches.")
@click.option("--against-baseline", is_flag=True, help="Tie the plan to the approved baseline.")
@click.option(
    "--drop-penalty", type=float, default=100.0, show_default=True, help="MNOK per baseline initiative left out."
)
@click.option("--move-penalty", type=float, default=10.0, show_default=True, help="MNOK per period a start moves.")
@click.option("--keep", is_flag=True, help="Keep every baseline initiative, starting no later (hard limit).")
@click.option(
    "--point-estimates",
    is_flag=True,
    help="Plan on the point estimates even where the scenario asks for a confidence level.",
)
@time_limit_option
@solver_option
@acting_user_option
@database_option
@json_option
def run_command(
    scenario: str,
    refresh: bool,
    against_baseline: bool,
    drop_penalty: float,
    move_penalty: float,
    keep: bool,
    point_estimates: bool,
    time_limit: float | None,
    solver: str,
    acting: str | None,
    database_url: str | None,
    as_json: bool,
) -> None:
    """Optimise a stored scenario as the --as user and store the plan (unchanged inputs: the stored plan).

    A new run needs the Admin or Coordinator role and is recorded in the audit trail; the
    stored plan for unchanged inputs is shown to anyone. A scenario with a confidence level is
    planned at it (as 'planning robust' does, checked on fresh sampled futures) unless
    --point-estimates; the JSON's confidence is then the plan's promise, else null.

    \b
    Example:
      planning run Basis --as kari@helse-vest.no
      planning run Kutt20 --against-baseline --move-penalty 20 --as kari@helse-vest.no
      planning run Sikker85 --point-estimates --as kari@helse-vest.no
    Exit codes: 0 a plan, 1 unknown scenario, invalid portfolio, infeasible or refused (role),
    2 usage, 3 unexpected.
    """
    with opened(database_url) as engine:
        user = acting_user(engine, acting)
        portfolio = stored_portfolio(engine)
        stability = None
        if against_baseline:
            baseline = current_baseline(engine)
            if baseline is None:
                raise LookupError(_("no plan has been approved yet; approve one with 'planning approve'"))
            stability = baseline_stability(
                portfolio,
                scenario,
                baseline.stored.plan,
                drop_penalty=drop_penalty,
                move_penalty=move_penalty,
                keep=keep,
            )
        made = run_scenario(
            engine,
            portfolio,
            scenario,
            point_estimates=point_estimates,
            time_limit=time_limit,
            solver=solver,
            stability=stability,
            refresh=refresh,
            progress=None if as_json else progress_printer(),
            user=user,
        )
    stored, promise = made.stored, made.confidence
    assert stored is not None
    if as_json:
        confidence = None if promise is None else promise.to_json()
        emit({"id": stored.id, "from_cache": stored.from_cache, **stored.plan.to_json(), "confidence": confidence})
    else:
        click.echo(headline(stored))
        if promise is not None:
            click.echo(say(promise.sentence()))
    sys.exit(0 if stored.plan.facts.status in PLANNED else EXIT_INVALID)


@click.command("plans", cls=Command)
@click.option("--scenario", default=None, help="Only plans of this scenario.")
@database_option
@json_option
def plans_command(scenario: str | None, database_url: str | None, as_json: bool) -> None:
    """List stored plans, newest first, with their approval state.

    \b
    Example:
      planning plans --scenario Basis
    Exit codes: 0 listed, 1 no portfolio in the database, 2 usage, 3 unexpected.
    """
    with opened(database_url) as engine:
        frame = list_plans(engine, scenario)
        history = approvals(engine)
    if as_json:
        emit({"plans": records(frame), "approvals": [a.to_json() for a in history]})
        return
    shown = frame.assign(created_at=frame["created_at"].map(lambda t: t.strftime("%Y-%m-%d %H:%M")))
    approval = {"baseline": _("plan of record"), "superseded": _("superseded")}
    if "approval" in shown.columns:
        shown["approval"] = [approval.get(v, v) if isinstance(v, str) else v for v in shown["approval"]]
    click.echo(table(worded(shown.drop(columns=["input_hash"]), status="plan_status")))


@click.command("approve", cls=Command)
@click.argument("plan_id", type=int)
@click.option("--by", "approved_by", required=True, help="Who approves, for example 'Styringsgruppen'.")
@click.option("--comment", required=True, help="Why, or the decision's reference.")
@acting_user_option
@database_option
@json_option
def approve_command(
    plan_id: int, approved_by: str, comment: str, acting: str | None, database_url: str | None, as_json: bool
) -> None:
    """Make a stored plan the approved baseline (plan of record) as the --as user; it can no longer change.

    Needs the Admin or Steering member role; the approval is recorded in the audit trail.
    The earlier baseline's approval is kept as history, marked superseded. This is a direct
    approval by one body; the joint treatment by the IT directors, the leaders' meeting and
    the four RHF boards is 'planning case', which makes the plan of record the same way.

    \b
    Example:
      planning approve 12 --by Styringsgruppen --comment "Vedtatt i møte 3/2027" --as ola@helse-vest.no
    Exit codes: 0 approved, 1 unknown plan, no schedule, already the baseline or refused (role),
    2 usage, 3 unexpected.
    """
    with opened(database_url) as engine:
        user = acting_user(engine, acting)
        approval = approve_plan(engine, plan_id, by=approved_by, comment=comment, user=user)
    if as_json:
        emit(approval.to_json())
    else:
        line = _("Plan {plan} is the plan of record: approved by {who} at {when}.")
        click.echo(line.format(plan=plan_id, who=approval.approved_by, when=moment(approval.approved_at)))


@click.command("diff", cls=Command)
@click.argument("plan_a")
@click.argument("plan_b")
@database_option
@json_option
def diff_command(plan_a: str, plan_b: str, database_url: str | None, as_json: bool) -> None:
    """Show what plan B changes against plan A (ids, or 'baseline').

    \b
    Example:
      planning diff baseline 14
    Exit codes: 0 shown, 1 unknown plan or no baseline, 2 usage, 3 unexpected.
    """
    with opened(database_url) as engine:
        a, b = plan_ref(engine, plan_a), plan_ref(engine, plan_b)
    diff = diff_plans(a.plan, b.plan)
    if as_json:
        emit({"a": a.id, "b": b.id, **diff.to_json()})
        return
    s = diff.summary()
    npv = "-" if s["npv_change"] is None else f"{signed(s['npv_change'], 1)} MNOK"
    click.echo(_("Plan {b} against plan {a}: NPV {npv}").format(b=b.id, a=a.id, npv=npv))
    words = {"added": _("added"), "dropped": _("dropped"), "earlier": _("earlier"), "later": _("later")}
    click.echo(", ".join(f"{s[k]} {words[k]}" for k in words))
    click.echo(table(diff.changed.reset_index(), 0))
    click.echo("\n" + _("Change in cost per funding pool (MNOK):"))
    click.echo(table(diff.cost_by_pool()))


COMMANDS = [run_command, plans_command, approve_command, diff_command]
