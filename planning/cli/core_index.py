"""``planning core-index``: which initiatives are safe to commit now, across sampled futures."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import click

from planning.cli.common import refuse
from planning.cli.helptext import Command, filled
from planning.cli.language import N_, _, error, plain_num, share
from planning.cli.plan import portfolio_from
from planning.domain.problems import InvalidPortfolio
from planning.messages.counts import counted, plural
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


def commitment_lines(result: CoreIndex, starts: dict[str, int]) -> list[str]:
    """Which of the recommended plan's initiatives are safe to commit now, and which depend on the estimates."""
    safe, depends = result.commitment(starts)
    sentence = _("Of the recommended plan's {count}: {safe} (chosen in at least {core} of futures); {depends}.")
    safe_words = plural(len(safe), _("{count} is safe to commit now"), _("{count} are safe to commit now"))
    depends_words = plural(len(depends), _("{count} depends on how the estimates turn out"),
                           _("{count} depend on how the estimates turn out"))  # fmt: skip
    labels = [_("safe:"), _("depends:")]
    width = max(map(len, labels)) + 1
    return [
        "  " + sentence.format(count=counted(len(starts), _("initiative"), _("initiatives")),
                               safe=safe_words.format(count=len(safe)), core=share(CORE),
                               depends=depends_words.format(count=len(depends))),
        f"    {labels[0]:<{width}}{', '.join(safe) or '-'}",
        f"    {labels[1]:<{width}}{', '.join(depends) or '-'}",
    ]  # fmt: skip


def describe(result: CoreIndex, starts: dict[str, int]) -> str:
    """The index for people: what was run, the sentence about the recommended plan, then one line per initiative."""
    o = result.options
    heading = _("Scenario {scenario}: Core Index over {finished} of {requested} futures (seed {seed}, {distribution}, "
                "correlation {correlation} by {correlate_by}, gap {gap}, engine {engine}).")  # fmt: skip
    stopped = _("Futures with a plan: {planned}; stopped by the node limit (gap open, the same on any machine): "
                "{nodes}; stopped by the time limit (a safety net; may differ by machine): {times}.")  # fmt: skip
    lines = [
        heading.format(scenario=result.scenario, finished=len(result.futures), requested=result.requested,
                       seed=o.seed, distribution=o.distribution, correlation=plain_num(o.correlation),
                       correlate_by=o.correlate_by, gap=share(o.gap, 1), engine=result.engine),
        "  " + stopped.format(planned=result.planned, nodes=result.stopped_by_work, times=result.stopped_by_limit),
    ]  # fmt: skip
    if result.cancelled:
        lines.append("  " + _("Cancelled: the index is over the futures that finished."))
    lines += commitment_lines(result, starts)
    columns = _("Initiative, share of futures that choose it, class (core >= {core}, exterior <= {exterior}), "
                "planned start, start year min / median / max")  # fmt: skip
    lines += ["", "  " + columns.format(core=share(CORE), exterior=share(EXTERIOR))]
    classes = {"core": _("core"), "borderline": _("borderline"), "exterior": _("exterior")}
    width = max(map(len, classes.values()))
    for i, r in result.initiatives.iterrows():
        planned = "-" if r["planned"] is None or r["planned"] != r["planned"] else f"{int(r['planned'])}"
        klass = classes.get(r["klass"], r["klass"])
        lines.append(
            f"    {i:<18} {share(r['share'], 1):>7} {klass:<{width}} {planned:>5}   "
            f"{_year(r['start_min'])} / {_year(r['start_median'])} / {_year(r['start_max'])}"
        )
    return "\n".join(lines)


@click.command("core-index", cls=Command)
@click.option("--scenario", required=True, help="The scenario to re-optimise in each sampled future.")
@click.option(
    "--samples",
    type=int,
    default=DEFAULT_SAMPLES,
    show_default=True,
    help=filled(N_("Futures, 1 to {most}."), most=MAX_SAMPLES),
)
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
    help=filled(
        N_("A Dask scheduler's address (tcp://host:8786) to solve on; default ${variable}."), variable=SCHEDULER_ENV
    ),
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
        refuse(error(exc))
    portfolio = portfolio_from(database_url, source)
    try:
        plan = optimise(portfolio, scenario, explain=False, time_limit=time_limit)
        starts = plan.starts if plan.has_plan else {}
        with (
            engine_for(workers, scheduler) as engine,
            click.progressbar(length=samples, label=_("Solving futures"), file=sys.stderr) as bar,
        ):
            result = core_index(
                portfolio, scenario, options, engine=engine, planned=starts, progress=lambda _d, _n: bar.update(1)
            )
    except (KeyError, InvalidPortfolio, ValueError) as exc:
        refuse(error(exc))
    if as_json:
        safe, depends = result.commitment(starts)
        data = result.to_json() | {"recommended": {"status": plan.facts.status, "safe": safe, "depends": depends}}
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        click.echo(describe(result, starts))
    sys.exit(0)


COMMANDS = [core_index_command]
