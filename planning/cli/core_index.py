"""``planning core-index``: which initiatives are safe to commit now, across sampled futures."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import click

from planning.cli.common import refuse
from planning.cli.plan import portfolio_from
from planning.domain.problems import InvalidPortfolio
from planning.optimise import optimise
from planning.optimise.deterministic import NODE_LIMIT
from planning.sweeps import SCHEDULER_ENV, engine_for
from planning.uncertainty import DEFAULT_CORRELATION, DISTRIBUTIONS, GROUPINGS
from planning.uncertainty.core_index import (
    CORE,
    DEFAULT_GAP,
    DEFAULT_SAMPLES,
    EXTERIOR,
    MAX_SAMPLES,
    CoreIndex,
    CoreIndexOptions,
    core_index,
)


def _year(value: float) -> str:
    return "-" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.0f}"


def describe(result: CoreIndex, starts: dict[str, int]) -> str:
    """The index for people: what was run, the sentence about the recommended plan, then one line per initiative."""
    o = result.options
    lines = [
        f"Scenario {result.scenario}: Core Index over {len(result.futures)} of {result.requested} futures "
        f"(seed {o.seed}, {o.distribution}, correlation {o.correlation:g} by {o.correlate_by}, gap {o.gap:.1%}, "
        f"engine {result.engine}).",
        f"  Futures with a plan: {result.planned}; stopped by the node limit (gap open, the same on any machine): "
        f"{result.stopped_by_work}; stopped by the time limit (a safety net; may differ by machine): "
        f"{result.stopped_by_limit}.",
    ]
    if result.cancelled:
        lines.append("  Cancelled: the index is over the futures that finished.")
    safe, depends = result.commitment(starts)
    lines += [
        f"  Of the recommended plan's {len(starts)} initiatives: these {len(safe)} are safe to commit now "
        f"(chosen in at least {CORE:.0%} of futures); these {len(depends)} depend on how the estimates turn out.",
        f"    safe:    {', '.join(safe) or '-'}",
        f"    depends: {', '.join(depends) or '-'}",
        "",
        f"  Initiative, share of futures that choose it, class (core >= {CORE:.0%}, exterior <= {EXTERIOR:.0%}), "
        "planned start, start year min / median / max",
    ]
    for i, r in result.initiatives.iterrows():
        planned = "-" if r["planned"] is None or r["planned"] != r["planned"] else f"{int(r['planned'])}"
        lines.append(
            f"    {i:<18} {r['share']:6.1%} {r['klass']:<10} {planned:>5}   "
            f"{_year(r['start_min'])} / {_year(r['start_median'])} / {_year(r['start_max'])}"
        )
    return "\n".join(lines)


@click.command("core-index")
@click.option("--scenario", required=True, help="The scenario to re-optimise in each sampled future.")
@click.option("--samples", type=int, default=DEFAULT_SAMPLES, show_default=True, help=f"Futures, 1 to {MAX_SAMPLES}.")
@click.option("--seed", type=int, default=1, show_default=True, help="The same seed gives the same index.")
@click.option(
    "--workers",
    type=int,
    default=None,
    help="Worker processes of a local Dask cluster (default: one per core); 0 solves in this process.",
)
@click.option(
    "--scheduler",
    envvar=SCHEDULER_ENV,
    default=None,
    help=f"A Dask scheduler's address (tcp://host:8786) to solve on; default ${SCHEDULER_ENV}.",
)
@click.option("--distribution", default=DISTRIBUTIONS[0], show_default=True, help="triangular or pert.")
@click.option("--correlation", type=float, default=DEFAULT_CORRELATION, show_default=True, help="0 to 0.99.")
@click.option("--correlate-by", default=GROUPINGS[0], show_default=True, help="lead_region or area.")
@click.option(
    "--time-limit", type=float, default=None, help="Seconds per future, a safety net only (default: the scenario's)."
)
@click.option(
    "--nodes",
    type=int,
    default=NODE_LIMIT,
    show_default=True,
    help="Node limit per future: what stops a solve, so the index is the same on any machine.",
)
@click.option(
    "--gap", type=float, default=DEFAULT_GAP, show_default=True, help="Relative gap each future is solved to."
)
@click.option("--from", "source", type=click.Path(path_type=Path), default=None, help="Portfolio from files.")
@click.option("--json", "as_json", is_flag=True, help="Print the index as JSON.")
@click.option("--database-url", envvar="DATABASE_URL", help="Database (default: SQLite in ./var).")
def core_index_command(
    scenario: str,
    samples: int,
    seed: int,
    workers: int | None,
    scheduler: str | None,
    distribution: str,
    correlation: float,
    correlate_by: str,
    time_limit: float | None,
    gap: float,
    nodes: int,
    source: Path | None,
    as_json: bool,
    database_url: str | None,
) -> None:
    """Re-optimise a scenario in sampled futures (costs, durations and benefits drawn from the
    three-point estimates) and show, per initiative, the share of futures that choose it:
    core (safe to commit now), borderline or exterior, with the spread of its start year.
    Reads only; nothing is stored. Ctrl-C stops early and keeps the futures already solved.

    Each future is solved to a node limit, not a time limit, so the same seed gives the same
    index on any engine and machine; the time limit is only a safety net.

    The JSON has options, requested, finished, planned, stopped_by_time_limit,
    stopped_by_node_limit, cancelled,
    engine, initiatives (id, name, share, selected, klass, planned, start_min, start_p25,
    start_median, start_p75, start_max), futures and recommended (safe, depends).

    \b
    Example:
      planning core-index --scenario Basis --samples 200 --seed 1
      planning core-index --from data/sample --scenario Basis --samples 20 --workers 0 --json
      planning core-index --scenario Basis --scheduler tcp://10.0.0.5:8786
    Exit codes: 0 done, 1 invalid input, 2 usage, 3 error.
    """
    options = CoreIndexOptions(samples, seed, distribution, correlation, correlate_by, time_limit, gap, nodes)
    try:
        options.checked()
    except ValueError as exc:
        refuse(str(exc))
    portfolio = portfolio_from(database_url, source)
    try:
        plan = optimise(portfolio, scenario, explain=False, time_limit=time_limit)
        starts = plan.starts if plan.has_plan else {}
        with (
            engine_for(workers, scheduler) as engine,
            click.progressbar(length=samples, label="Solving futures", file=sys.stderr) as bar,
        ):
            result = core_index(
                portfolio, scenario, options, engine=engine, planned=starts, progress=lambda _d, _n: bar.update(1)
            )
    except (KeyError, InvalidPortfolio, ValueError) as exc:
        refuse(str(exc.args[0]) if isinstance(exc, KeyError) else str(exc))
    if as_json:
        safe, depends = result.commitment(starts)
        data = result.to_json() | {"recommended": {"status": plan.facts.status, "safe": safe, "depends": depends}}
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        click.echo(describe(result, starts))
    sys.exit(0)


COMMANDS = [core_index_command]
