"""The bodies that treat a plan, their stages, and what each decision can say.

By default: the interregional IT directors' meeting recommends (stage 1), the leaders'
meeting treats (stage 2), and the boards of the regional health authorities each approve,
in parallel (stage 3). A case keeps its bodies as they were when it was opened, so a
change to the configuration never changes a case under way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from planning.approval.words import CaseError
from planning.domain.portfolio import Portfolio
from planning.messages.message import Message
from planning.messages.phrases import phrase
from planning.store.access import BOARD_SECRETARY, IT_DIRECTORS_SECRETARY, LEADERS_SECRETARY, SECRETARY_ROLES

RECOMMEND, TREAT, APPROVE = "recommend", "treat", "approve"
BODY_ACTIONS = (RECOMMEND, TREAT, APPROVE)
"""What a body does with the plan: recommends it, treats it, or approves it (commits its money)."""
APPROVED, WITH_CONDITIONS, RETURNED, REJECTED = "approved", "approved_with_conditions", "returned", "rejected"
OUTCOMES = (APPROVED, WITH_CONDITIONS, RETURNED, REJECTED)
"""What a decision can say: approved; approved with conditions; returned with comments; rejected."""
PASSED = frozenset({APPROVED, WITH_CONDITIONS})
"""Outcomes that let the plan go on (a checked condition must also hold, see :mod:`planning.approval.status`)."""
BODY_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
IT_DIRECTORS, LEADERS = "ITD", "LM"


@dataclass(frozen=True)
class Body:
    """One body that treats the plan.

    ``region`` is the funding pool a board decides for (its own envelope); ``None`` for the
    joint meetings. ``secretary`` is the role that records its decisions
    (:func:`planning.store.access.decision_refusal`). A body that is not ``required`` is
    heard but does not hold the plan back.
    """

    id: str
    name: str
    name_en: str
    stage: int
    action: str
    secretary: str
    region: str | None = None
    required: bool = True

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    def label(self, language: str = "nb") -> str:
        return self.name_en if language == "en" else self.name

    def named(self) -> Message:
        """The body and its id as a message: ``Board of A (A)`` in English, ``Styret i A (A)`` in bokmål."""
        return phrase("body_name", english=self.name_en, own=self.name, id=self.id)


def default_bodies(portfolio: Portfolio) -> list[Body]:
    """IT directors' meeting, leaders' meeting, then the board of each region (largest first)."""
    pools = portfolio.funding_pools
    regions = pools[pools["kind"] == "region"].sort_values("population_share", ascending=False, kind="stable")
    bodies = [
        Body(IT_DIRECTORS, "Interregionalt IKT-direktørmøte", "Interregional IT directors' meeting", 1, RECOMMEND,
             IT_DIRECTORS_SECRETARY),
        Body(LEADERS, "Ledermøtet", "Leaders' meeting", 2, TREAT, LEADERS_SECRETARY),
    ]  # fmt: skip
    for pool, row in regions.iterrows():
        name = str(row["name"])
        bodies.append(
            Body(str(pool), f"Styret i {name}", f"Board of {name}", 3, APPROVE, BOARD_SECRETARY, region=str(pool))
        )
    return bodies


def bodies_from_json(rows: Iterable[Mapping[str, Any]]) -> list[Body]:
    """Bodies from their JSON form (a case's stored list, or a configuration file).

    Raises
    ------
    CaseError
        Naming the row and the field that is missing or of the wrong kind.
    """
    bodies = []
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, Mapping):
            raise CaseError("bodies_invalid", problem=f"body {number} is not an object with id, name, stage, ...")
        missing = [k for k in ("id", "name", "stage", "action", "secretary") if row.get(k) in (None, "")]
        if missing:
            raise CaseError("bodies_invalid", problem=f"body {number} has no {', '.join(missing)}")
        try:
            stage = int(row["stage"])
        except (TypeError, ValueError):
            problem = f"body {number}: stage '{row['stage']}' is not a number"
            raise CaseError("bodies_invalid", problem=problem) from None
        region = row.get("region")
        bodies.append(
            Body(
                id=str(row["id"]).strip(),
                name=str(row["name"]).strip(),
                name_en=str(row.get("name_en") or row["name"]).strip(),
                stage=stage,
                action=str(row["action"]),
                secretary=str(row["secretary"]),
                region=None if region in (None, "") else str(region),
                required=bool(row.get("required", True)),
            )
        )
    return bodies


def check_bodies(bodies: Sequence[Body], portfolio: Portfolio) -> list[Body]:
    """``bodies`` when they make a case: unique ids, stages 1, 2, ... without gaps, known actions and
    secretary roles, a region (of the portfolio) for each board secretary, one required body or more.

    Raises
    ------
    CaseError
        Naming the first body and field that breaks a rule, and how to fix it.
    """
    if not bodies:
        raise CaseError("bodies_invalid", problem="there are none; name at least one body")
    seen: set[str] = set()
    for body in bodies:
        _check_body(body, seen, portfolio)
        seen.add(body.id)
    stages = sorted({b.stage for b in bodies})
    if stages != list(range(1, len(stages) + 1)):
        shown = ", ".join(map(str, stages))
        raise CaseError("bodies_invalid", problem=f"stages are {shown}; number them 1, 2, 3, ... without gaps")
    if not any(b.required for b in bodies):
        raise CaseError("bodies_invalid", problem="no body is required; at least one body must approve")
    return sorted(bodies, key=lambda b: b.stage)


def _check_body(body: Body, seen: set[str], portfolio: Portfolio) -> None:
    where = f"body '{body.id}'"
    if not BODY_ID.match(body.id):
        raise CaseError("bodies_invalid", problem=f"{where}: an id is 1 to 64 letters, digits, - and _")
    if body.id in seen:
        raise CaseError("bodies_invalid", problem=f"{where} is named twice; give each body its own id")
    if not body.name or len(body.name) > 200 or len(body.name_en) > 200:
        raise CaseError("bodies_invalid", problem=f"{where}: a name is 1 to 200 characters")
    if body.stage < 1:
        raise CaseError("bodies_invalid", problem=f"{where}: stage {body.stage}; stages start at 1")
    if body.action not in BODY_ACTIONS:
        raise CaseError("bodies_invalid", problem=f"{where}: action '{body.action}'; use {', '.join(BODY_ACTIONS)}")
    if body.secretary not in SECRETARY_ROLES:
        raise CaseError(
            "bodies_invalid", problem=f"{where}: secretary '{body.secretary}'; use {', '.join(SECRETARY_ROLES)}"
        )
    if (body.secretary == BOARD_SECRETARY) != (body.region is not None):
        raise CaseError("bodies_invalid", problem=f"{where}: a board (board_secretary) has a region, others none")
    if body.region is not None and body.region not in portfolio.regions:
        raise CaseError(
            "bodies_invalid",
            problem=f"{where}: '{body.region}' is not a region; use one of {', '.join(portfolio.regions)}",
        )


def find_body(bodies: Sequence[Body], body_id: str, case_id: int) -> Body:
    """The body ``body_id`` of a case (ids compare without regard to case).

    Raises
    ------
    CaseError
        ``unknown_body``, listing the case's bodies.
    """
    wanted = body_id.strip().upper()
    for body in bodies:
        if body.id.upper() == wanted:
            return body
    shown = ", ".join(f"{b.id} ({b.name_en})" for b in bodies)
    raise CaseError("unknown_body", case=case_id, body=body_id, bodies=shown, named=bodies)
