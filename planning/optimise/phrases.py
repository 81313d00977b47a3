"""The optimiser's explanations in words: one template per kind of reason.

Every reason, exclusion and diagnosis line the optimiser writes is made here from a
template in :data:`PHRASES`, so the words live in one place and a plan's text can be read
back into its kind and values (:func:`read_phrase`). The app uses that to show stored and
fresh explanations in the reader's language; the domain itself writes English.
"""

from __future__ import annotations

import functools
import re
import string
from typing import Any

PHRASES: dict[str, str] = {
    # why an initiative is out of the plan or later than it could start
    "alternative_chosen": "alternative {chosen} was chosen (group {group})",
    "waits_for_one_missing": "waits for {missing}, which is not in the plan",
    "waits_for_missing": "waits for {missing}, which are not in the plan",
    "chain_too_long": "cannot finish in time: the chain {chain} lets it start {when} at the earliest",
    "after_horizon": "after the horizon",
    "first_room": "{blocker}; the first period with room is {period}",
    "blocked_later_too": "{blocker}, and every later start is blocked too",
    "later_start_better": "a later start gives a higher net present value",
    "does_not_pay_off": "does not pay off: net present value {npv} MNOK at its earliest start",
    "displaces": "fits, but would displace initiatives worth more (its own value is {npv} MNOK at its earliest start)",
    "waits_until_ready": "waits for {predecessor} (ready {period})",
    "budget_full": "the budget of {pool} in {period} is full ({amount} MNOK short)",
    "capacity_full": "capacity {pool} is full in {period}",
    # why an initiative is not decided at all
    "completed": "completed before the horizon",
    "stopped": "stopped",
    "forced_out": "forced out by the scenario",
    "waits_for_excluded": "waits for {predecessor}, which is {reason}",
    # why a scenario has no plan
    "required_but": "{initiative} is required but {reason}",
    "chain_misses_deadline": "{initiative} cannot finish by {period}: the dependency chain {chain} takes too long",
    "window_too_short": (
        "{initiative} cannot run inside its window: it needs {duration} periods from {start} "
        "but must finish by {finish}"
    ),
    "period_number": "period {number}",
    "required_cannot_fit": "{initiative} is required (mandatory, forced in or started) but cannot fit",
    "group_cannot_fit": "alternative group {group} needs one option, but none can fit",
    "pool_short": "{pool} is {amount} MNOK short in {period}",
    "capacity_over": "capacity {pool} is {amount} over its limit in {period}",
    "no_cause_found": "no plan exists, and the diagnosis model found no cause within its time limit",
    "no_single_rule": "no plan exists, but no single rule could be named",
    # what the solver did, beside its own status words
    "polished": "polished: {improvements} better plans in {rounds} neighbourhood searches",
    "cbc_no_bound": "CBC stopped with a feasible plan; it reports no bound here",
    "cbc_no_plan": "CBC found no plan",
    "cbc_no_plan_in_time": "CBC found no plan within the time limit",
}


def phrase(key: str, **values: Any) -> str:
    """The text of ``key`` with ``values`` filled in (numbers formatted by the caller)."""
    return PHRASES[key].format(**values)


def read_phrase(text: str) -> tuple[str, dict[str, str]] | None:
    """(key, values) of the template ``text`` was made from; ``None`` for any other text.

    Templates with more fixed words are tried first, so ``waits for X, which is not in the
    plan`` reads as a missing predecessor, not as one excluded for "not in the plan".
    """
    for key, pattern in _patterns():
        found = pattern.fullmatch(text)
        if found:
            return key, found.groupdict()
    return None


@functools.cache
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    compiled = []
    for key, template in PHRASES.items():
        parts = list(string.Formatter().parse(template))
        regex = "".join(re.escape(literal) + (f"(?P<{name}>.+?)" if name else "") for literal, name, _, _ in parts)
        fixed = sum(len(literal) for literal, *_ in parts)
        compiled.append((fixed, key, re.compile(regex, re.DOTALL)))
    return [(key, pattern) for _, key, pattern in sorted(compiled, key=lambda c: -c[0])]
