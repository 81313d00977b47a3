"""Commands that measure the optimiser: ``planning bench run|profile|external|report``.

The benchmark code lives in the top-level ``bench`` package; it is imported when a
command runs, so the rest of the command line starts without it. Only ``bench.limits``,
the external sets and their default time limits, is read at once, for the help.
"""

from __future__ import annotations

import json
import shlex
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from bench.limits import KINDS, TIME_LIMITS
from planning.cli.helptext import Group, filled
from planning.cli.language import N_, _, num, plain_num, share
from planning.cli.words import word
from planning.messages.counts import counted

SIZES = (50, 200, 1000)
T = TypeVar("T")


def _say(line: str) -> None:
    click.echo(line, err=True)


def _command() -> str:
    return shlex.join(["planning", *sys.argv[1:]])


def _saved(part: str, produce: Callable[[], T], save: bool) -> T:
    """Run one part; with ``save``, store it under bench/results/ and rewrite docs/performance.md."""
    from bench.report import write_report
    from bench.results import run_and_save

    data = run_and_save(part, _command(), produce, save_it=save)
    if save:
        _say(_("Saved {results}; wrote {report}").format(results=f"bench/results/{part}.json", report=write_report()))
    return data


@click.group(name="bench", cls=Group)
def bench() -> None:
    """Benchmarks: solvers compared on generated portfolios, and published results reproduced.

    \b
    Example:
      planning bench external mknap1
      planning bench run --sizes 50,200 --time-limit 30
    Results saved with --save go to bench/results/ and into docs/performance.md.
    """


@bench.command()
@click.argument("kind", type=click.Choice(KINDS))
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Only the first N instances.")
@click.option(
    "--time-limit",
    type=click.FloatRange(min=0, min_open=True),
    default=None,
    help=filled(
        N_("Solver seconds per instance.  [default: {limits}]"),
        limits=", ".join(f"{kind} {seconds:g}" for kind, seconds in TIME_LIMITS.items()),
    ),
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON record per line, per instance.")
@click.option("--save", is_flag=True, help="Store the records under bench/results/ and rewrite docs/performance.md.")
def external(kind: str, limit: int | None, time_limit: float | None, as_json: bool, save: bool) -> None:
    """Solve published instances through the planning model and compare with their reference values.

    mknap1: 7 knapsacks with proven optima; mknapcb1/2: 30 knapsacks each, checked against
    [best known, LP bound]; j30: 480 PSPLIB J30 projects with proven optimal makespans (the
    instances come as instance 1 of every parameter group, then 2, ..., so --limit gives a
    varied subset). Data from ../shared/benchmarks or $VEIKART_BENCHMARKS. Progress goes to
    stderr, one line per instance; records (name, reference, found, status, bound, gap,
    seconds, verdict) to stdout.

    \b
    Example:
      planning bench external j30 --limit 48 --time-limit 20 --json
    Exit codes: 0 every plan agrees with the literature, 1 a plan contradicts it (better than
    a proven optimum or an LP bound, infeasible on the raw instance, or misreported), or no data.
    """
    from bench.external import load_cases, run_external

    try:
        load_cases(kind)
    except FileNotFoundError as exc:
        _say(_("error: {error}").format(error=exc))
        sys.exit(1)
    records = _saved(
        f"external-{kind}", lambda: run_external(kind, limit, time_limit, progress=_say, strict=False), save
    )
    line = _("found {found} reference {reference} {status} gap {gap} {seconds} s {note}")
    for r in records:
        if as_json:
            click.echo(json.dumps(r))
        else:
            found = line.format(found=figure(r["found"]), reference=figure(r["reference"]), status=status_word(r),
                                gap=figure(r["gap"], share), seconds=num(r["seconds"], 1), note=r["note"])  # fmt: skip
            click.echo(f"{r['name']:<12} {r['verdict']:<8} {found}".rstrip())
    bugs = [r for r in records if r["verdict"] == "bug"]
    proven = sum(r["status"] == "optimal" for r in records)
    agree = sum(r["verdict"] in ("match", "within") for r in records)
    summary = _("{kind}: {instances}, {proven} proven optimal, {agree} agree with the reference, {bugs}")
    _say(summary.format(kind=kind, instances=counted(len(records), _("instance"), _("instances")), proven=proven,
                        agree=agree, bugs=counted(len(bugs), _("bug"), _("bugs"))))  # fmt: skip
    if bugs:
        sys.exit(1)


def figure(value: Any, shown: Callable[[float], str] = plain_num) -> str:
    """A number of a record the reader's way; anything else (no value, a word) as it is."""
    return shown(value) if isinstance(value, int | float) and not isinstance(value, bool) else str(value)


def target_line(row: dict[str, Any]) -> str:
    """One speed target: met or not, what it asks, how the solve went."""
    verdict = _("met") if row["met"] else _("NOT MET")
    return f"{verdict}: {row['target']} ({status_word(row)}, {num(row['solve_seconds'], 2)} s)"


def status_word(record: dict[str, Any]) -> str:
    """A record's solver status in the command's language (``optimal (proven)``); a code without words as it is."""
    return word("plan_status", str(record.get("status")))


def _sizes(value: str) -> tuple[int, ...]:
    try:
        sizes = tuple(int(v) for v in value.split(","))
    except ValueError:
        raise click.BadParameter(_("write sizes as numbers separated by commas, for example 50,200")) from None
    if not set(sizes) <= set(SIZES):
        raise click.BadParameter(_("sizes are {sizes}").format(sizes=", ".join(map(str, SIZES))))
    return sizes


@bench.command()
@click.option("--sizes", default="50,200,1000", show_default=True, help="Portfolio sizes to compare (50, 200, 1000).")
@click.option("--time-limit", type=click.FloatRange(min=0, min_open=True), default=60.0, show_default=True,
              help="Solver seconds per instance and method.")  # fmt: skip
@click.option("--seed", type=int, default=1, show_default=True, help="Generator seed.")
@click.option("--targets/--no-targets", default=True, show_default=True, help="Also check issue 3's speed targets.")
@click.option("--json", "as_json", is_flag=True, help="Print the records as JSON.")
@click.option("--save", is_flag=True, help="Store the records under bench/results/ and rewrite docs/performance.md.")
def run(sizes: str, time_limit: float, seed: int, targets: bool, as_json: bool, save: bool) -> None:
    """Compare Veikart, the greedy ranking, CBC and the cumulative and start-time formulations on generated portfolios.

    Every method gets the same instances and time limit; every plan is re-checked by the
    independent plan checker. Beside them, Veikart's model with HiGHS's default options and
    with Veikart's own HiGHS options at every size shows what choosing them by size buys.
    With --targets, also times the sample portfolio and a 200-initiative portfolio against
    issue 3's targets. Progress goes to stderr.

    \b
    Example:
      planning bench run --sizes 50,200 --time-limit 30 --save
    Exit codes: 0 done (whatever the gaps), 1 a plan broke a rule.
    """
    import dataclasses

    from bench.compare import SPECS, compare, speed_targets

    chosen = [dataclasses.replace(s, seed=seed) for s in SPECS if s.initiatives in _sizes(sizes)]
    records = _saved("compare", lambda: compare(chosen, time_limit, progress=_say), save)
    rows: list[dict[str, Any]] = _saved("targets", speed_targets, save) if targets else []
    for row in rows:
        _say(target_line(row))
    if as_json:
        click.echo(json.dumps({"compare": records, "targets": rows}, indent=1, default=str))
    else:
        figures = _("NPV {npv} gap {gap}")
        for r in records:
            npv = "-" if r["npv"] is None else num(r["npv"], 1)
            shown, status = figures.format(npv=f"{npv:>10}", gap=r["gap"]), status_word(r)
            click.echo(f"{r['instance']:<24} {r['method']:<11} {status:<10} {shown}")
    if any(r["violations"] for r in records):
        sys.exit(1)


@bench.command()
@click.option("--json", "as_json", is_flag=True, help="Print the rows as JSON.")
@click.option("--save", is_flag=True, help="Store the rows under bench/results/ and rewrite docs/performance.md.")
def targets(as_json: bool, save: bool) -> None:
    """Check issue 3's speed targets alone: the sample's scenarios and a 200-initiative portfolio.

    Each sample scenario is solved three times (the median solver time is judged), and the
    generated 200 x 16 x 5 portfolio three times with a 10 s limit. Progress goes to stderr.

    \b
    Example:
      planning bench targets --save
    Exit codes: 0 done (met or not).
    """
    from bench.compare import speed_targets

    rows: list[dict[str, Any]] = _saved("targets", speed_targets, save)
    for row in rows:
        _say(target_line(row))
    if as_json:
        click.echo(json.dumps(rows, indent=1, default=str))


@bench.command()
@click.option(
    "--initiatives",
    type=click.Choice([str(s) for s in SIZES]),
    default="1000",
    show_default=True,
    help="Initiatives in the generated portfolio.",
)
@click.option(
    "--periods", type=click.IntRange(8, 40), default=40, show_default=True, help="Periods in the generated portfolio."
)
@click.option("--time-limit", type=click.FloatRange(min=0, min_open=True), default=60.0, show_default=True,
              help="Solver seconds per formulation.")  # fmt: skip
@click.option("--save", is_flag=True, help="Store the profile under bench/results/ and rewrite docs/performance.md.")
def profile(initiatives: str, periods: int, time_limit: float, save: bool) -> None:
    """Time every stage of optimise (validate, inputs, build, hand-over, HiGHS, read) on one portfolio.

    Profiles every formulation on a generated portfolio with 8 funding and 8 capacity pools.

    \b
    Example:
      planning bench profile --initiatives 1000 --periods 40 --save
    Exit codes: 0 done.
    """
    from bench.generator import Spec
    from bench.profile import profile as run_profile
    from planning.optimise.model import FORMULATIONS

    spec = Spec(int(initiatives), periods, 8, 8)
    results = _saved("profile", lambda: [run_profile(spec, time_limit, f) for f in FORMULATIONS], save)
    for r in results:
        size = _("{variables}, {constraints}").format(
            variables=counted(r["variables"], _("variable"), _("variables")),
            constraints=counted(r["constraints"], _("constraint"), _("constraints")),
        )
        click.echo(f"{r['instance']} {r['formulation']}: {size}")
        for stage, seconds in r["stages"].items():
            click.echo(f"  {stage:<40} {num(seconds, 2):>8} s")


@bench.command()
@click.option("--json", "as_json", is_flag=True, help="Print the rows as JSON.")
@click.option("--save", is_flag=True, help="Store the rows under bench/results/ and rewrite docs/performance.md.")
def simulate(as_json: bool, save: bool) -> None:
    """Time 10,000 simulated futures of the sample's Basis plan and of a generated 1000-initiative plan.

    Each plan three times (the median is judged), then once more for its peak memory.
    Progress goes to stderr.

    \b
    Example:
      planning bench simulate --save
    Exit codes: 0 done (met or not).
    """
    from bench.simulation import simulation_benchmark

    rows: list[dict[str, Any]] = _saved("simulate", lambda: simulation_benchmark(_say), save)
    for row in rows:
        verdict = "" if row["met"] is None else (_("met") if row["met"] else _("NOT MET")) + ": "
        figures = _("{seconds} s, {cpu} s CPU, {peak} MiB").format(
            seconds=num(row["seconds"], 2), cpu=num(row["cpu_seconds"], 2), peak=row["peak_mib"]
        )
        _say(f"{verdict}{row['target']} ({figures})")
    if as_json:
        click.echo(json.dumps(rows, indent=1, default=str))


@bench.command()
def report() -> None:
    """Rewrite docs/performance.md from the results saved under bench/results/.

    \b
    Example:
      planning bench report
    Exit codes: 0 written.
    """
    from bench.report import write_report

    click.echo(_("Wrote {path}").format(path=write_report()))


COMMANDS = [bench]
