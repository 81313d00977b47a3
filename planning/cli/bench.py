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
        _say(f"Saved bench/results/{part}.json; wrote {write_report()}")
    return data


@click.group(name="bench")
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
    help="Solver seconds per instance.  [default: "
    + ", ".join(f"{kind} {seconds:g}" for kind, seconds in TIME_LIMITS.items())
    + "]",
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
        _say(f"error: {exc}")
        sys.exit(1)
    records = _saved(
        f"external-{kind}", lambda: run_external(kind, limit, time_limit, progress=_say, strict=False), save
    )
    for r in records:
        if as_json:
            click.echo(json.dumps(r))
        else:
            click.echo(
                f"{r['name']:<12} {r['verdict']:<8} found {r['found']} reference {r['reference']:g} "
                f"{r['status']} gap {r['gap']} {r['seconds']:.1f}s {r['note']}".rstrip()
            )
    bugs = [r for r in records if r["verdict"] == "bug"]
    proven = sum(r["status"] == "optimal" for r in records)
    agree = sum(r["verdict"] in ("match", "within") for r in records)
    _say(
        f"{kind}: {len(records)} instances, {proven} proven optimal, {agree} agree with the reference, {len(bugs)} bugs"
    )
    if bugs:
        sys.exit(1)


def _sizes(value: str) -> tuple[int, ...]:
    try:
        sizes = tuple(int(v) for v in value.split(","))
    except ValueError:
        raise click.BadParameter("write sizes as numbers separated by commas, for example 50,200") from None
    if not set(sizes) <= set(SIZES):
        raise click.BadParameter(f"sizes are {', '.join(map(str, SIZES))}")
    return sizes


@bench.command()
@click.option("--sizes", default="50,200,1000", show_default=True, help="Portfolio sizes to compare (50, 200, 1000).")
@click.option("--time-limit", type=click.FloatRange(min=0, min_open=True), default=60.0, show_default=True)
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
        _say(f"{'met' if row['met'] else 'NOT MET'}: {row['target']} ({row['status']}, {row['solve_seconds']:.2f} s)")
    if as_json:
        click.echo(json.dumps({"compare": records, "targets": rows}, indent=1, default=str))
    else:
        for r in records:
            npv = "-" if r["npv"] is None else f"{r['npv']:.1f}"
            click.echo(f"{r['instance']:<24} {r['method']:<11} {r['status']:<10} npv {npv:>10} gap {r['gap']}")
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
        _say(f"{'met' if row['met'] else 'NOT MET'}: {row['target']} ({row['status']}, {row['solve_seconds']:.2f} s)")
    if as_json:
        click.echo(json.dumps(rows, indent=1, default=str))


@bench.command()
@click.option("--initiatives", type=click.Choice([str(s) for s in SIZES]), default="1000", show_default=True)
@click.option("--periods", type=click.IntRange(8, 40), default=40, show_default=True)
@click.option("--time-limit", type=click.FloatRange(min=0, min_open=True), default=60.0, show_default=True)
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
        click.echo(f"{r['instance']} {r['formulation']}: {r['variables']} variables, {r['constraints']} constraints")
        for stage, seconds in r["stages"].items():
            click.echo(f"  {stage:<40} {seconds:8.2f} s")


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
        verdict = "" if row["met"] is None else "met: " if row["met"] else "NOT MET: "
        figures = f"{row['seconds']:.2f} s, {row['cpu_seconds']:.2f} s CPU, {row['peak_mib']} MiB"
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

    click.echo(f"Wrote {write_report()}")


COMMANDS = [bench]
