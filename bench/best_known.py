"""The best plans known for the benchmark instances of issue 32, and how they were found.

``bench/best_known.json`` keeps, per instance, the best objective any run has reached, the
method, the time it was given, the date and, where it was kept, the plan itself (initiative
-> start period), so that it can be checked again with :func:`planning.optimise.checker.check_plan`.
A plan proven optimal says so (``proven``). :func:`offer` records a plan when it is better
than the one kept, after the checker has passed it.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from planning.domain.portfolio import Portfolio
from planning.optimise.checker import check_plan

PATH = Path(__file__).resolve().parent / "best_known.json"
IMPROVEMENT = 1e-6


def best_known(path: Path = PATH) -> dict[str, dict[str, Any]]:
    """Every instance's best known plan by instance name."""
    return json.loads(path.read_text()) if path.exists() else {}


def offer(
    instance: str,
    portfolio: Portfolio,
    scenario: Any,
    starts: dict[str, int],
    objective: float,
    *,
    method: str,
    seconds: float,
    proven: bool = False,
    path: Path = PATH,
) -> bool:
    """Keep this plan as the instance's best known if it is better (higher; the NPV objective)
    and keeps every rule; whether it was kept."""
    known = best_known(path)
    held = known.get(instance)
    if held is not None and objective <= held["objective"] + IMPROVEMENT * max(1.0, abs(held["objective"])):
        if proven and not held.get("proven") and abs(objective - held["objective"]) <= 1e-4 * abs(objective):
            held["proven"] = True
            path.write_text(json.dumps(known, indent=1, sort_keys=True) + "\n")
        return False
    if check_plan(portfolio, scenario, starts):
        return False
    same = held is not None and abs(objective - held["objective"]) <= 1e-4 * max(1.0, abs(objective))
    proven = proven or bool(same and held is not None and held.get("proven"))  # the proof stands for the value
    known[instance] = {
        "objective": round(objective, 6),
        "method": method,
        "seconds": round(seconds, 1),
        "date": dt.date.today().isoformat(),
        "proven": proven,
        "starts": dict(sorted(starts.items())),
    }
    path.write_text(json.dumps(known, indent=1, sort_keys=True) + "\n")
    return True
