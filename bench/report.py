"""``docs/performance.md`` from the saved results: only figures a recorded command produced."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from bench.results import DOC, load_all, machine
from planning.optimise.model import LARGE_MODEL_BINARIES

EXTERNAL_SETS = {
    "external-mknap1": "OR-Library mknap1 (Petersen): 7 problems with proven optima",
    "external-mknapcb1": "OR-Library mknapcb1 (Chu & Beasley, m = 5, n = 100): inside [best known, LP bound]",
    "external-mknapcb2": "OR-Library mknapcb2 (Chu & Beasley, m = 5, n = 250): inside [best known, LP bound]",
    "external-j30": "PSPLIB J30 (480 instances, proven optimal makespans), earliest-completion objective",
}
METHOD_NAMES = {
    "greedy": "greedy benefit/cost ranking",
    "veikart": "Veikart (HiGHS, formulation and options by size)",
    "cbc": "CBC, formulation by size",
    "cumulative": "HiGHS, cumulative at every size",
    "start_time": "HiGHS, start-time big-M",
    "highs_defaults": "HiGHS default options at every size",
    "veikart_options": "Veikart's HiGHS options at every size",
}


def write_report(path: Path = DOC) -> Path:
    """Render every saved part into ``path``."""
    parts = load_all()
    lines = [
        "# Performance and external validation",
        "",
        "Written by `python -m bench` (or `planning bench report`) from the results each benchmark command "
        "saved under `bench/results/`. Every figure below comes from the command printed with it. The machine has "
        "2 cores shared with other work, so timings are noisy: the load average before and after each run is "
        "given, and nothing here should be read to better than a factor of about two. The same kind of machine has "
        "also run about 2.5 times slower on some days than on others, and its CPU differs from day to day (an AMD "
        "EPYC read about twice as slow by the speed probe as the Intel Xeon of other days): runs since "
        "2026-11-27 name the CPU and solver versions they ran on, and runs since the speed probe was added say how "
        "fast the machine was just before: a fixed Python loop and, in later runs, a fixed linear programme in "
        "HiGHS (on 2026-11-26 an evening run proved mknapcb2 instances more slowly than the morning's while the "
        "loop read fast).",
        "",
        *_machine(),
    ]
    parts_order = (
        ("issue32", _issue32),
        ("targets", _targets),
        ("simulate", _simulate),
        ("robust", _robust),
        ("core_index", _core_index),
        ("compare", _compare),
        ("profile", _profile),
    )
    for name, render in parts_order:
        if name in parts:
            lines += render(parts[name])
    lines += ["## External validation", ""]
    for name, title in EXTERNAL_SETS.items():
        if name in parts:
            lines += _external(parts[name], title)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines).rstrip() + "\n")
    return path


def _machine() -> list[str]:
    m = machine()
    rows = [(key, value) for key, value in m.items()]
    return [
        "## Machine and software",
        "",
        "Where this report was written. Machines change from day to day: each run below names the CPU and"
        " solver it ran on where they were saved with it.",
        "",
        *_table(["", ""], rows),
        "",
    ]


def _provenance(part: dict[str, Any]) -> list[str]:
    before = ", ".join(f"{x:.1f}" for x in part["load_before"])
    after = ", ".join(f"{x:.1f}" for x in part["load_after"])
    return [
        "```",
        part["command"],
        "```",
        f"Ran {part['started']} to {part['finished']} (UTC) on code {part['code']}; "
        f"load average (1, 5, 15 min) {before} before, {after} after.{_ran_on(part)}{_probe(part)}",
        "",
    ]


def _ran_on(part: dict[str, Any]) -> str:
    """The CPU and solver the run had, as saved with it (the machine table above is the report's)."""
    ran = part.get("machine")
    if ran is None:
        return " CPU and solver versions not recorded with this run."
    cp_sat = f", {ran['ortools']} (CP-SAT)" if "ortools" in ran else ""
    return f" The machine: {ran['cpu']}, {ran['cores']} cores; {ran['highs']}, PuLP {ran['pulp']}{cp_sat}."


def _probe(part: dict[str, Any]) -> str:
    probe = part.get("probe")
    if probe is None:
        return " Machine speed not recorded (runs before the speed probe)."
    millions = probe["additions"] / 1e6
    text = f" Speed probe before the run: {millions:g} M Python additions in {probe['seconds']:.2f} s"
    if "lp_seconds" in probe:
        text += (
            f"; a fixed linear programme in HiGHS ({probe['lp_iterations']} iterations) in {probe['lp_seconds']:.2f} s"
        )
    return text + " (less is faster)."


ISSUE32_TARGETS = {
    "1": "plan quality in 10 s: NPV >= 99 % of the best known plan",
    "2": "bounds: n50-t8 within 0.1 %, n200-t16 within 3 % proven gap in 60 s",
    "3": "large: both n1000 instances within 2 % proven gap in 60 s",
    "4": "explanations: `planning optimize --scenario Kutt20` under 3 s end to end; reasons for 200 initiatives "
    "under 10 s",
    "5": "re-optimisation after an edit proves the optimum in under 0.3 s solver time",
    "6": "PSPLIB J30, earliest completion: 480 of 480 at the optimum within 20 s each",
    "7": "the time limit is a promise: wall time <= limit + 10 % + 2 s",
    "8": "more time never gives a worse plan; HiGHS proves what it can",
    "10": "progress keeps reporting the best plan and the bound (longest silence <= 2 s)",
}
HIDDEN = {"part", "target", "what", "when", "code", "load_before", "load_after", "elapsed", "met", "starts"}


UNMET = Path(__file__).with_name("issue32_unmet.md")
"""The targets of issue 32 not met: the best figure reached, what was tried and why it stops there (kept by hand)."""


def _issue32(part: dict[str, Any]) -> list[str]:
    """Issue 32's figures: one table, each figure with its own time, code and load."""
    rows = []
    records = sorted(part["data"], key=lambda r: (int(r["target"]), r["when"]))
    for r in records:
        figure = "; ".join(f"{k} {_plain(v)}" for k, v in r.items() if k not in HIDDEN)
        load = f"{r['load_before'][0]:.1f} -> {r['load_after'][0]:.1f}"
        met = "**met**" if r["met"] else "**not met**"
        rows.append((r["target"], r["what"], figure, met, load, f"{r['when']} ({r['code']})"))
    targets = sorted({r["target"] for r in records}, key=int)
    return [
        "## Issue 32: optimiser speed, second round",
        "",
        *_provenance(part),
        "Every figure of issue 32, each with the load average (1 min) just before and after it on this 2-core "
        "machine; `python -m bench.issue32` reruns them all (`--only PART` one part, keeping the others). The targets "
        "not met are summed up below the table (best figure, what was tried, why it stops there); the long account "
        "of each attempt is in `docs/model.md` (section Issue 32).",
        "",
        *[f"- target {t}: {ISSUE32_TARGETS.get(t, '')}" for t in targets],
        "",
        *_table(["target", "what", "figure", "met", "load", "when (code)"], rows),
        "",
        UNMET.read_text(encoding="utf-8").strip(),
        "",
    ]


def _plain(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4g}" if abs(value) < 1 else f"{value:,.1f}".replace(",", " ")
    if isinstance(value, list):
        return "[" + ", ".join(_plain(v) for v in value) + "]"
    return str(value)


def _targets(part: dict[str, Any]) -> list[str]:
    rows = [
        (
            r["target"],
            r["status"],
            _pct(r["gap"], 4),
            _num(r["solve_seconds"], 2),
            " ".join(_num(s, 2) for s in r["solve_seconds_all"]),
            _num(r["build_seconds"], 2),
            "**met**" if r["met"] else "**not met**",
        )
        for r in part["data"]
    ]
    return [
        "## Speed targets (issue 3)",
        "",
        *_provenance(part),
        "Solver time is `plan.facts.solve_seconds` (PuLP hands the model to HiGHS, HiGHS solves, PuLP reads "
        "the values back; on models with 1000 or more start binaries it includes the LP relaxation that "
        "guides the starting plan and the polishing after HiGHS, on smaller ones that HiGHS does not prove "
        "optimal in a fifth of the time limit the core search and HiGHS's second search); the median of "
        "the runs is judged, the gap is the worst of the runs.",
        "",
        *_table(["target", "status", "gap", "solver s (median)", "solver s (runs)", "build s", "target"], rows),
        "",
    ]


HEADERS = ["plan", "initiatives", "periods x pools", "wall s (median)", "wall s (runs)", "CPU s", "peak MiB",
           "max RSS MiB", "target"]  # fmt: skip


def _simulate(part: dict[str, Any]) -> list[str]:
    rows = [
        (
            r["target"],
            str(r["initiatives"]),
            f"{r['periods']} x {r['pools']}",
            _num(r["seconds"], 2),
            " ".join(_num(s, 2) for s in r["seconds_all"]),
            _num(r["cpu_seconds"], 2),
            _num(r["peak_mib"], 0),
            _num(r["max_rss_mib"], 0),
            "-" if r["met"] is None else "**met**" if r["met"] else "**not met**",
        )
        for r in part["data"]
    ]
    return [
        "## Monte Carlo simulation (issue 29)",
        "",
        *_provenance(part),
        "10,000 sampled futures of a fixed plan through `planning.uncertainty.simulate_plan` (default options: "
        "triangular estimates, correlation 0.3 by lead region, the defer policy), timed from the call to the "
        "tables: the plan's inputs, the futures, the plan lived period by period, the results. The median of "
        "three runs is judged on wall-clock time; CPU time is the process's own, less sensitive to the other "
        "work on the machine. *Peak* is what `tracemalloc` saw the simulation allocate at most (numpy arrays "
        "included), *max RSS* the benchmark process's high-water mark (Python, pandas, the portfolios). The issue's "
        "1000-initiative plan is the third: all 1000 generated initiatives at their earliest start, with the "
        "envelopes raised twentyfold so that the plan keeps them as an optimised plan would. The last plan has no "
        "target: the same 1000 at their earliest start within the generated envelopes, about three times what "
        "they hold, so that hundreds wait for money in every period, the overrun policy's worst case. Wall-clock "
        "times on a loaded machine (see the load average) run well above the CPU times.",
        "",
        *_table(HEADERS, rows),
        "",
    ]


def _robust(part: dict[str, Any]) -> list[str]:
    rows = [
        (
            r["method"],
            f"{r['scenario']}, {r['confidence']:.0%}, {r['samples']} futures",
            r["status"],
            _pct(r["gap"], 2),
            _num(r["plan_seconds"], 1),
            _num(r["time_limit"], 0),
            _num(r["npv"], 1),
            str(r["initiatives"]),
            "-" if r["reserve"] is None else _pct(r["reserve"], 1),
            f"{_pct(r['in_sample'], 1)} / {_pct(r['achieved'], 1)} ({r['verdict']})",
            f"{r['load_before'][0]:.1f} -> {r['load_after'][0]:.1f}",
            "n/a (proves each reserve's MILP only)" if r["met"] is None else "**met**" if r["met"] else "**not met**",
        )
        for r in part["data"]
    ]
    return [
        "## Plans at a confidence level (issue 30)",
        "",
        *_provenance(part),
        "The sample's Basis plan at confidence 0.85 (each pool-year must hold in 85 % of futures) with 200 "
        "planning futures, by both methods of `planning.robust` (`docs/model.md`, Plans at a confidence level), "
        "each with a 60 s limit, timed from the call: sampling, building, every solve and the calibration; the "
        "out-of-sample check (2000 fresh futures) is not timed. Status and gap are what the plan reports; for "
        "`contingency` they are the chosen reserve's point solve (optimal for that reserve, not for the "
        "chance-constrained problem). Goal: proven optimal or within 1 % gap in under 60 s.",
        "",
        *_table(
            [
                "method",
                "plan",
                "status",
                "gap",
                "seconds",
                "limit s",
                "NPV",
                "initiatives",
                "reserve",
                "held: planning / fresh futures",
                "load",
                "goal",
            ],
            rows,
        ),
        "",
    ]


def _core_index(part: dict[str, Any]) -> list[str]:
    """The Core Index on Dask (issue 30), from ``python -m bench.core_index``."""
    m, n = part["machine"], part["samples"]
    before = ", ".join(f"{x:.1f}" for x in part["load_before"])
    after = ", ".join(f"{x:.1f}" for x in part["load_after"])
    limit, nodes = part.get("time_limit_per_future"), part.get("nodes_per_future")
    command = (
        f"python -m bench.core_index --samples {n} --seed {part['seed']}"
        + ("" if limit is None else f" --time-limit {limit:g}")
        + ("" if nodes is None else f" --nodes {nodes}")
    )
    index = part["index"]
    stopped = f"{index['stopped_by_time_limit']} stopped by the time limit" + (
        "" if nodes is None else f", {index.get('stopped_by_node_limit', 0)} by the node limit ({nodes} nodes)"
    )
    how = "time-budgeted (before the work limit)" if nodes is None else f"to a work limit of {nodes} nodes"
    index = part["index"]
    rows = [
        ("2 workers (LocalCluster)", _num(part["two_workers_seconds"], 1), _num(part["two_workers_seconds"] / n, 2)),
        ("1 worker (LocalCluster)", _num(part["one_worker_seconds"], 1), _num(part["one_worker_seconds"] / n, 2)),
        ("plain loop, this process", _num(part["loop_seconds"], 1), _num(part["loop_seconds"] / n, 2)),
    ]
    classes = ", ".join(f"{k} {v}" for k, v in sorted(index["classes"].items()))
    return [
        "## Core Index on Dask (issue 30)",
        "",
        "```",
        command,
        "```",
        f"Ran {part['date']} on {m['cpu']}, {m['cores']} cores; load average "
        f"(1, 5, 15 min) {before} before, {after} after. Python {m['python']}, highspy {m['highspy']}, PuLP "
        f"{m['PuLP']}, dask {m['dask']}, distributed {m['distributed']}.",
        "",
        f"The sample's Basis scenario re-optimised in {n} sampled futures (seed {part['seed']}, gap "
        f"{part['gap']:.1%}, {'the scenario' + chr(39) + 's time limit' if limit is None else f'{limit:g} s'} per "
        f"future), timed from the call to the index (the cluster's start not included: "
        f"{_num(part['cluster_start_seconds']['2'], 1)} s for 2 workers). Futures with a plan: {index['planned']} of "
        f"{index['futures']}, {stopped}; classes: {classes}. Each future solved {how}.",
        "",
        *_table(("engine", "seconds", "seconds per future"), rows),
        "",
        f"- Speed-up from 1 to 2 workers: **{part['speedup']:.2f}x** (goal 1.8x: "
        f"{'met' if part['speedup_goal_met'] else 'not met'}).",
        f"- Overhead of the Dask path per solve, (1 worker - loop) / futures: "
        f"**{part['overhead_per_solve_seconds'] * 1000:.0f} ms**; an empty task's round trip on 2 workers: "
        f"{part['empty_task_seconds_two_workers'] * 1000:.1f} ms.",
        f"- The loop, 1 worker and 2 workers gave the same index: **{part['same_index_loop_1_2_workers']}**.",
        "",
        *([CORE_INDEX_SHORT_RUN, ""] if n < CORE_INDEX_SAMPLES else []),
        *([CORE_INDEX_BEFORE_WORK_LIMIT, ""] if nodes is None else []),
    ]


CORE_INDEX_BEFORE_WORK_LIMIT = (
    "**Measured before the futures were solved to a work limit.** Since then (issue 30, branch robust) each "
    "future is one HiGHS search on one thread with a fixed seed, stopped by a node limit, the time limit only "
    "a safety net (`planning/optimise/deterministic.py`), and the loop, 1 and 2 local workers give the same "
    "index on the sample (`tests/sweeps/test_same_index_on_the_sample.py`); each future also skips the "
    "re-validation of the portfolio it was drawn from. One-off timings of the new solve (the plain loop, "
    "`docs/model.md`, Solves to a work limit): about 0.5 s a future at load average 4 on 2 cores. The "
    "figures above are the old code's; rerun `python -m bench.core_index --samples 200` on a quiet machine."
)
CORE_INDEX_SAMPLES = 200
"""The futures of the issue's Core Index target; a smaller run is said to be no judgement of it."""
CORE_INDEX_SHORT_RUN = (
    "**Not the issue's run.** The run asked for (200 futures, the scenario's 60 s limit per future) was "
    "started twice on this session's machine (load average 12 to 17 on 2 cores) and did not finish its "
    "2-worker part in 55 minutes (the two workers had used 21 and 14 CPU minutes: some futures run long "
    "toward the 60 s limit), so the figures above are of 10 futures at 5 s each, and say little: the 60 s"
    " target cannot be judged from them, and 1 worker was faster than 2 here because the second worker "
    "process competed with eight other helpers' work for the same 2 cores. The Dask path cost about 1 s "
    "per solve over the plain loop in this run (worker start-up and imports included in the first tasks);"
    " an empty task's round trip was 4 ms. **The three engines did not give the same index on the "
    "sample** (they do on the test portfolio, tests/sweeps): each future is solved to a 0.5 % gap, and "
    "which of the plans within that gap the solver returns most likely depends on time-budgeted steps of "
    "the optimiser (the start heuristics and polishing; not yet confirmed), so on a loaded machine it can"
    " differ. A follow-up should solve the futures with those steps off (or to a proven optimum) to make "
    "the promise hold on real portfolios. Rerun: `python -m bench.core_index --samples 200` on a quiet "
    "machine."
)


def _compare(part: dict[str, Any]) -> list[str]:
    lines = [
        "## Comparison on generated portfolios",
        "",
        *_provenance(part),
        "Instances from `bench/generator.py` (name: initiatives n, periods t, funding pools f, capacity pools c, "
        "seed s), NPV objective at 4 %, the same time limit for every solver. *Build* is the PuLP model "
        "(for greedy: the plan inputs), *solve* includes handing the model to the solver. Gap is the proven "
        "relative gap (CBC through PuLP reports no bound). HiGHS gets the options Veikart chooses by the model's "
        f"size (its own below {LARGE_MODEL_BINARIES} start binaries, HiGHS's defaults from there) unless the method "
        "names them. "
        "Gain is the NPV over the greedy plan's. "
        "*Checked* counts violations found by the independent plan checker (0 everywhere means every "
        "plan keeps every rule).",
        "",
    ]
    instances = list(dict.fromkeys(r["instance"] for r in part["data"]))
    lines += [
        "Summary over the instances:",
        "",
        *_table(
            ["method", "instances", "with a plan", "proven optimal", "better than greedy", "worse than greedy or none"],
            [
                _method_summary(part["data"], method)
                for method in METHOD_NAMES
                if any(r["method"] == method for r in part["data"])
            ],
        ),
        "",
    ]
    for instance in instances:
        rows = [
            (
                METHOD_NAMES.get(r["method"], r["method"]),
                str(r.get("formulation", "-")),
                r["status"],
                _num(r["build_seconds"], 2),
                _num(r["solve_seconds"], 1),
                _num(r["objective"], 1),
                _num(r["bound"], 1),
                _pct(r["gap"], 2),
                _num(r["npv"], 1),
                _gain(r),
                str(r["selected"]),
                str(r["violations"]),
            )
            for r in part["data"]
            if r["instance"] == instance
        ]
        header = ["method", "formulation", "status", "build s", "solve s", "objective", "bound", "gap", "NPV", "gain"]
        lines += [f"### {instance}", "", *_table([*header, "selected", "checked"], rows), ""]
    return lines


def _method_summary(records: list[dict[str, Any]], method: str) -> tuple[str, ...]:
    mine = [r for r in records if r["method"] == method]
    planned = [r for r in mine if r["npv"] is not None]
    better = [r for r in planned if r["method"] != "greedy" and (r["gain"] or 0) > 1e-6]
    worse = len(mine) - len(planned) + sum((r["gain"] or 0) < -1e-6 for r in planned)
    proven = sum(r["status"] == "optimal" for r in mine)
    return (
        METHOD_NAMES[method],
        str(len(mine)),
        str(len(planned)),
        str(proven),
        "-" if method == "greedy" else str(len(better)),
        "-" if method == "greedy" else str(worse),
    )


def _gain(r: dict[str, Any]) -> str:
    if r["method"] == "greedy" or r["gain"] is None:
        return "-"
    return f"{r['gain']:+.1f} ({r['gain_share']:+.1%})" if r["gain_share"] is not None else f"{r['gain']:+.1f}"


def _profile(part: dict[str, Any]) -> list[str]:
    lines = ["## Profile: where the time goes", "", *_provenance(part)]
    for p in part["data"]:
        total = sum(p["stages"].values())
        rows = [(stage, _num(seconds, 2), f"{seconds / total:.0%}") for stage, seconds in p["stages"].items()]
        lines += [
            f"### {p['instance']}, {p['formulation']} formulation",
            "",
            f"{p['variables']} variables, {p['constraints']} constraints, {p['nonzeros']} nonzeros; "
            f"HiGHS: {p['status']}, gap {p['mip_gap']:.2%}.",
            "",
            *_table(["stage", "seconds", "share"], rows),
            "",
            "Busiest functions while building the model (cProfile, cumulative seconds):",
            "",
            *_table(
                ["function", "calls", "own s", "cumulative s"],
                [
                    (f"`{f['function']}`", str(f["calls"]), _num(f["own"], 2), _num(f["cumulative"], 2))
                    for f in p["top_functions"]
                ],
            ),
            "",
        ]
    return lines


def _external(part: dict[str, Any], title: str) -> list[str]:
    records = part["data"]
    count = {v: sum(r["verdict"] == v for r in records) for v in ("match", "within", "open", "no plan", "bug")}
    proven = sum(r["status"] == "optimal" for r in records)
    maximise = "mknap" in part["part"]
    cut_off = sum(
        r["bound"] is not None
        and (r["bound"] < r["reference"] - 1e-6 if maximise else r["bound"] > r["reference"] + 1e-6)
        for r in records
    )
    seconds = sorted(r["seconds"] for r in records)
    summary = [
        ("instances", str(len(records))),
        ("proven optimal (status optimal)", str(proven)),
        (
            "equal to the reference"
            if "j30" in part["part"] or "mknap1" in part["part"]
            else "inside [best known, LP]",
            str(count["match"] + count["within"]),
        ),
        (
            "improving on the best known value",
            str(sum(r["note"] == "improves on the best known value" for r in records)),
        ),
        ("open (time limit, worse than the reference)", str(count["open"])),
        ("no plan in the time limit", str(count["no plan"])),
        ("**contradicting the reference (bugs)**", str(count["bug"])),
        ("solver bounds cutting off the reference value (bugs)", str(cut_off)),
        ("seconds per instance: median, max", f"{_median(seconds):.1f}, {seconds[-1]:.1f}" if seconds else "-"),
        ("seconds in all", f"{sum(seconds):.0f}"),
    ]
    lines = [f"### {title}", "", *_provenance(part), *_table(["", ""], summary), ""]
    if "j30" in part["part"] and len(records) < 480:
        lines += [f"A subset: {len(records)} of the 480 instances.", ""]
    odd = [r for r in records if r["verdict"] not in ("match", "within") or r["status"] != "optimal"]
    if odd:
        lines += ["Instances not proven equal to the reference:", ""]
        lines += _table(
            ["instance", "reference", "found", "status", "bound", "gap", "seconds", "verdict", "note"],
            [
                (
                    r["name"],
                    _num(r["reference"], 1),
                    _num(r["found"], 1),
                    r["status"],
                    _num(r["bound"], 1),
                    _pct(r["gap"], 2),
                    _num(r["seconds"], 1),
                    r["verdict"],
                    r["note"],
                )
                for r in odd
            ],
        )
        lines.append("")
    return lines


def _median(values: Sequence[float]) -> float:
    middle = len(values) // 2
    return values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2


def _num(value: float | None, digits: int) -> str:
    return "-" if value is None else f"{value:,.{digits}f}".replace(",", " ")


def _pct(value: float | None, digits: int) -> str:
    if value is None:
        return "-"
    return "inf" if value == float("inf") else f"{value:.{digits}%}"


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(str(cell).replace("|", "/") for cell in row) + " |" for row in rows]
    return out
