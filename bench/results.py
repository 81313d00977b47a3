"""Benchmark results on disk (``bench/results/<part>.json``, kept in git) and the machine they ran on.

Each part of the benchmark saves what it measured with the exact command, the time, the
machine's load and the code's git state, so ``docs/performance.md`` shows only figures a
recorded command produced, and can be rewritten from them at any time.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import platform
import subprocess
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any, TypeVar

from bench.probe import machine_probe

T = TypeVar("T")

ROOT = Path(__file__).resolve().parents[1]
RESULTS = Path(os.environ.get("VEIKART_BENCH_RESULTS", ROOT / "bench" / "results"))
"""Kept in git beside the code: a later run of one part rewrites docs/performance.md with the others intact."""
DOC = ROOT / "docs" / "performance.md"


def save(
    part: str,
    command: str,
    data: Any,
    *,
    started: dt.datetime,
    load_before: tuple[float, ...],
    code: str,
    probe: dict[str, Any] | None = None,
) -> Path:
    """Store one part's results with the command that produced them, the code it ran, the
    machine and software it ran on (:func:`machine`) and how fast the machine was just before
    (:func:`bench.probe.machine_probe`)."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{part}.json"
    payload = {
        "part": part,
        "command": command,
        "started": started.isoformat(timespec="seconds"),
        "finished": now().isoformat(timespec="seconds"),
        "load_before": list(load_before),
        "load_after": list(os.getloadavg()),
        "code": code,
        "machine": machine(),
        "probe": probe,
        "data": data,
    }
    path.write_text(json.dumps(payload, indent=1, default=str))
    return path


def run_and_save(part: str, command: str, produce: Callable[[], T], *, save_it: bool = True) -> T:
    """Run one part; with ``save_it``, store its results with the command, times, load and speed probe."""
    probe = machine_probe() if save_it else None
    started, load, code = now(), os.getloadavg(), git_state()
    data = produce()
    if save_it:
        save(part, command, data, started=started, load_before=load, code=code, probe=probe)
    return data


def load_all() -> dict[str, dict[str, Any]]:
    """Every saved part by name."""
    if not RESULTS.is_dir():
        return {}
    return {p.stem: json.loads(p.read_text()) for p in sorted(RESULTS.glob("*.json"))}


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


@functools.cache
def git_state() -> str:
    """Commit of the code that ran, and the optimiser files changed but not committed.

    Read once per process: a process runs the code it imported when it started, whatever
    is committed while it runs.
    """
    try:
        commit = _run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"])
        changed = _run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "planning/optimise", "bench"])
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    files = [line.split(maxsplit=1)[1] for line in changed.splitlines() if line.strip()]
    return commit + (f" with uncommitted changes to {', '.join(files)}" if files else "")


def _run(command: list[str]) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True, timeout=30).stdout.strip()


def machine() -> dict[str, str]:
    """CPU, cores, memory, operating system, Python and solver versions."""
    return {
        "cpu": _cpu_model(),
        "cores": str(len(os.sched_getaffinity(0))),
        "memory": _memory(),
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "highs": f"highspy {version('highspy')}",
        "pulp": version("pulp"),
        "ortools": f"ortools {version('ortools')}",
        "cbc": _cbc_version(),
    }


def _cpu_model() -> str:
    try:
        lines = Path("/proc/cpuinfo").read_text().splitlines()
    except OSError:
        return platform.processor() or "unknown"
    models = [line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")]
    speeds = [line.split(":", 1)[1].strip() for line in lines if line.startswith("cpu MHz")]
    speed = f" at {float(speeds[0]):.0f} MHz" if speeds else ""
    return f"{models[0]}{speed}" if models else "unknown"


def _memory() -> str:
    try:
        total = next(line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
    except (OSError, StopIteration):
        return "unknown"
    return f"{int(total.split()[1]) / 1024**2:.1f} GiB"


def _cbc_version() -> str:
    from planning.optimise.solve import cbc_path  # the binary the optimiser runs, found the same way

    path = cbc_path()
    try:
        banner = _run([str(path), "-quit"]).splitlines()[0]
    except (OSError, subprocess.CalledProcessError, IndexError, subprocess.TimeoutExpired):
        banner = "unknown"
    try:
        return f"{banner} (cbcbox {version('cbcbox')})"
    except Exception:
        return banner
