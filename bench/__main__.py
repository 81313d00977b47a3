"""``python -m bench``: run every benchmark, save the results and write ``docs/performance.md``.

Parts, each saved under ``bench/results/`` with this exact command: the comparison on
generated portfolios, issue 3's speed targets, the build/solve profile, and the external
validation (mknap1, mknapcb1, mknapcb2, J30). Progress goes to stderr. A single part can
be rerun with ``planning bench ... --save``.
"""

from __future__ import annotations

import argparse
import functools
import shlex
import sys
from collections.abc import Sequence

from bench.compare import SPECS, compare, speed_targets
from bench.external import run_external
from bench.generator import Spec
from bench.limits import KINDS, TIME_LIMITS
from bench.profile import profile
from bench.report import write_report
from bench.results import run_and_save
from bench.simulation import simulation_benchmark
from planning.optimise.model import FORMULATIONS

PARTS = ("compare", "targets", "simulate", "profile", "external")


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the chosen parts; 1 when a plan contradicted a published result or broke a rule."""
    args = _parser().parse_args(argv)
    command = shlex.join(["python", "-m", "bench", *(sys.argv[1:] if argv is None else argv)])
    sizes = (50, 200) if args.quick else (50, 200, 1000)
    skip = set(args.skip or ())
    failed = False
    if "compare" not in skip:
        specs = [s for s in SPECS if s.initiatives in sizes]
        records = run_and_save("compare", command, lambda: compare(specs, args.time_limit, progress=_say))
        failed |= any(r["violations"] for r in records)
    if "targets" not in skip:
        run_and_save("targets", command, speed_targets)
    if "simulate" not in skip:
        run_and_save("simulate", command, lambda: simulation_benchmark(_say))
    if "profile" not in skip:
        spec = Spec(200, 16, 8, 8) if args.quick else Spec(1000, 40, 8, 8)
        run_and_save("profile", command, lambda: [profile(spec, args.time_limit, f) for f in FORMULATIONS])
    if "external" not in skip:
        for kind in KINDS:
            limit = args.j30_limit if kind == "j30" else None
            if args.quick:
                limit = 48 if kind == "j30" else 5
            records = run_and_save(
                f"external-{kind}",
                command,
                functools.partial(run_external, kind, limit, args.external_time_limit, progress=_say, strict=False),
            )
            failed |= any(r["verdict"] == "bug" for r in records)
    _say(f"wrote {write_report()}")
    return 1 if failed else 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Run every benchmark and write docs/performance.md. Exit 1 when a plan contradicts a "
        "published result or breaks a rule.",
        epilog="Example: python -m bench --quick",
    )
    parser.add_argument("--quick", action="store_true", help="sizes 50 and 200, 5 knapsacks per set, 48 J30")
    parser.add_argument("--time-limit", type=float, default=60.0, help="solver seconds per comparison solve")
    parser.add_argument(
        "--external-time-limit",
        type=float,
        default=None,
        help="solver seconds per instance (default: per set, "
        + ", ".join(f"{kind} {seconds:g}" for kind, seconds in TIME_LIMITS.items())
        + ")",
    )
    parser.add_argument("--j30-limit", type=int, default=None, help="only the first N J30 instances")
    parser.add_argument("--skip", action="append", choices=PARTS, help="leave a part out (repeatable)")
    return parser


if __name__ == "__main__":
    sys.exit(main())
