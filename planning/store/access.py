"""Who may do what: roles, actions and the rules behind them, enforced in the domain layer.

The same rules serve the app, the command line and imports: every write goes through
:func:`changes_allowed`, which diffs the portfolio before and after row by row
(:func:`planning.domain.changes.row_changes`) and refuses the whole write when any changed row
is not the user's to change. Hiding a button in the app is never the protection.

The rules are data: :data:`TABLE_WRITERS` names the roles that may write any row of a
table, :data:`REGION_TABLES` the tables whose rows a region editor may write when they
belong to its own region, and :data:`ACTION_ROLES` the roles allowed each action that
is not a row edit. ``docs/security.md`` shows them as a table.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from planning.messages.message import lines as message_lines
from planning.messages.phrases import phrase

if TYPE_CHECKING:
    from planning.domain.changes import RowChange
    from planning.domain.portfolio import Portfolio

ADMIN = "admin"
COORDINATOR = "coordinator"
REGION_EDITOR = "region_editor"
STEERING = "steering"
VIEWER = "viewer"
IT_DIRECTORS_SECRETARY = "it_directors_secretary"
LEADERS_SECRETARY = "leaders_secretary"
BOARD_SECRETARY = "board_secretary"
SECRETARY_ROLES = (IT_DIRECTORS_SECRETARY, LEADERS_SECRETARY, BOARD_SECRETARY)
"""Who records the decisions of a body that treats the plan (see :func:`decision_refusal`)."""
ROLES = (ADMIN, COORDINATOR, REGION_EDITOR, STEERING, VIEWER, *SECRETARY_ROLES)
REGIONAL_ROLES = frozenset({REGION_EDITOR, BOARD_SECRETARY})
"""Roles that act for one region (the user's ``region``)."""
EDITING_ROLES = frozenset({ADMIN, COORDINATOR, REGION_EDITOR})
"""Roles that may change some portfolio rows (which ones: :data:`TABLE_WRITERS`, :data:`REGION_TABLES`)."""
ROLE_LABELS = {
    ADMIN: "Admin",
    COORDINATOR: "Coordinator",
    REGION_EDITOR: "Region editor",
    STEERING: "Steering member",
    VIEWER: "Viewer",
    IT_DIRECTORS_SECRETARY: "IT directors' meeting secretary",
    LEADERS_SECRETARY: "Leaders' meeting secretary",
    BOARD_SECRETARY: "Board secretary",
}

READ = "read"
INSERT = "insert"
UPDATE = "update"
DELETE = "delete"
IMPORT = "import"
RUN = "run"
APPROVE = "approve"
MANAGE_USERS = "manage_users"
PREPARE_CASE = "prepare_case"
RECORD_DECISION = "record_decision"
ROW_ACTIONS = (INSERT, UPDATE, DELETE)
ACTIONS = (READ, *ROW_ACTIONS, IMPORT, RUN, APPROVE, MANAGE_USERS, PREPARE_CASE, RECORD_DECISION)

_EDITORS = frozenset({ADMIN, COORDINATOR})
TABLE_WRITERS: dict[str, frozenset[str]] = {
    "funding_pool": frozenset({ADMIN}),
    "horizon": frozenset({ADMIN}),
    "ambition_level": frozenset({ADMIN}),
    "envelope": frozenset({ADMIN}),
    "capacity_pool": _EDITORS,
    "capacity_limit": _EDITORS,
    "alternative_group": _EDITORS,
    "initiative": _EDITORS,
    "dependency": _EDITORS,
    "benefit": _EDITORS,
    "measurement": frozenset({ADMIN}),
    "scenario": _EDITORS,
}
"""Roles that may insert, update and delete any row of each portfolio table."""

REGION_TABLES: dict[str, str] = {
    table: phrase(f"rule_{table}") for table in ("envelope", "initiative", "measurement", "scenario")
}
"""Tables a region editor may write in, and which of their rows (the region rule)."""

ACTION_ROLES: dict[str, frozenset[str]] = {
    READ: frozenset(ROLES),
    IMPORT: frozenset({ADMIN, COORDINATOR, REGION_EDITOR}),
    RUN: _EDITORS,
    APPROVE: frozenset({ADMIN, STEERING}),
    MANAGE_USERS: frozenset({ADMIN}),
    PREPARE_CASE: _EDITORS,
    RECORD_DECISION: frozenset({ADMIN, *SECRETARY_ROLES}),
}
"""Roles allowed each action that is not a row edit (an import's rows are checked one by one too;
a decision is checked against its body too, :func:`decision_refusal`)."""


class PermissionDenied(PermissionError):
    """The user may not do this; the message says who, what, and which rule refused it."""

    def __init__(self, reasons: Iterable[str]) -> None:
        self.reasons = list(reasons)
        lines = self.reasons[:20]
        more = len(self.reasons) - len(lines)
        super().__init__(message_lines([*lines, *([phrase("and_more", count=more)] if more > 0 else [])]))


@dataclass(frozen=True)
class User:
    """A signed-in person (or a development user) and the role they act in.

    ``region`` is the funding pool id a region editor works for; ``None`` for every other role.
    """

    username: str
    role: str
    region: str | None = None
    display_name: str = ""

    @property
    def label(self) -> str:
        """``name (Role[ for REGION])`` for messages."""
        role = ROLE_LABELS.get(self.role, self.role)
        name = self.display_name or self.username
        if self.role in REGIONAL_ROLES and self.region:
            return phrase("user_label_region", name=name, role=role, region=self.region)
        return phrase("user_label", name=name, role=role)


def who(user: User | None) -> str:
    return phrase("anonymous_user") if user is None else user.label


def allowed(user: User | None, action: str, target: RowChange | None = None) -> bool:
    """True when :func:`authorize` would let ``user`` do ``action`` on ``target``."""
    return refusal(user, action, target) is None


def authorize(user: User | None, action: str, target: RowChange | None = None) -> None:
    """Refuse ``action`` unless ``user``'s role allows it on ``target``.

    Parameters
    ----------
    user
        The acting user; ``None`` for anonymous use, which may only read.
    action
        One of :data:`ACTIONS`. Row edits (insert, update, delete) need a ``target``.
    target
        The row change to check, from :func:`planning.domain.changes.row_changes`.

    Raises
    ------
    PermissionDenied
        With a message naming the user, the action, the row and the rule.
    """
    reason = refusal(user, action, target)
    if reason is not None:
        raise PermissionDenied([reason])


def refusal(user: User | None, action: str, target: RowChange | None = None) -> str | None:
    """Why ``user`` may not do ``action`` on ``target``, or ``None`` when allowed."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action '{action}'; use one of: {', '.join(ACTIONS)}")
    if user is None:
        return None if action == READ else phrase("sign_in_to", action=action.replace("_", " "), who=who(user))
    if user.role not in ROLES:
        return phrase("unknown_role", user=user.username, role=user.role)
    if action in ROW_ACTIONS:
        if target is None:
            raise ValueError(f"'{action}' needs the row change it applies to")
        return _row_refusal(user, target)
    if user.role in ACTION_ROLES[action]:
        return None
    roles = tuple(ROLE_LABELS[r] for r in ROLES if r in ACTION_ROLES[action])
    return phrase("only_roles_may", who=who(user), action=action.replace("_", " "), roles=roles)


def _row_refusal(user: User, change: RowChange) -> str | None:
    writers = TABLE_WRITERS.get(change.table, frozenset({ADMIN}))
    if user.role in writers:
        return None
    row = {"who": who(user), "action": change.action, "table": change.table, "row": change.row_id}
    if user.role == REGION_EDITOR and change.table in REGION_TABLES:
        return _region_refusal(user, change, row)
    roles = tuple(ROLE_LABELS[r] for r in ROLES if r in writers)
    if change.table in REGION_TABLES:
        return phrase("only_roles_change_region", **row, roles=roles, rule=REGION_TABLES[change.table])
    return phrase("only_roles_change", **row, roles=roles)


def _region_refusal(user: User, change: RowChange, row: dict[str, str]) -> str | None:
    rule = REGION_TABLES[change.table]
    if not user.region:
        return phrase("no_region_set", **row)
    if change.table == "scenario":
        if change.action == UPDATE and change.changed_fields() == {f"ambition.{user.region}"}:
            return None
        return phrase("region_editors_only", **row, rule=rule)
    regions = {
        INSERT: {change.region_after},
        DELETE: {change.region_before},
    }.get(change.action, {change.region_before, change.region_after})
    if regions == {user.region}:
        return _joint_refusal(user, change, row) if change.table == "initiative" else None
    shown = ", ".join(sorted(str(r) for r in regions if r is not None)) or phrase("no_region")
    return phrase("row_of_other_region", **row, rule=rule, regions=shown)


JOINT_WRITERS = _EDITORS
"""Who may change what binds other regions too: whether an initiative is mandatory, the share of
its cost other regions carry, and its use of shared capacity (region editors may not)."""
SHARE_TOLERANCE = 1e-9


def _joint_refusal(user: User, change: RowChange, row: dict[str, str]) -> str | None:
    """Why a region editor may not make this change of its own region's initiative, or ``None``.

    Refused: marking it mandatory or not; a larger share of its cost for another region (custom
    shares, another key, more participants); a larger use of any (shared) capacity pool.
    """
    before, after = change.before or {}, change.after or {}
    roles = tuple(ROLE_LABELS[r] for r in ROLES if r in JOINT_WRITERS)
    if bool(before.get("mandatory")) != bool(after.get("mandatory")) and change.action != DELETE:
        return phrase("joint_mandatory", **row, roles=roles)
    old_shares, new_shares = change.shares_before or {}, change.shares_after or {}
    others = sorted(
        pool
        for pool, share in new_shares.items()
        if pool != user.region and share > old_shares.get(pool, 0.0) + SHARE_TOLERANCE
    )
    if others:
        return phrase("joint_cost_shift", **row, regions=", ".join(others), roles=roles)
    old_use, new_use = before.get("capacity_usage") or {}, after.get("capacity_usage") or {}
    pools = sorted(p for p, use in new_use.items() if _amount(use) > _amount(old_use.get(p)) + SHARE_TOLERANCE)
    if pools:
        return phrase("joint_capacity", **row, pools=", ".join(pools), roles=roles)
    return None


def _amount(value: object) -> float:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0


def changes_allowed(user: User | None, before: Portfolio, after: Portfolio) -> list[RowChange]:
    """Every row that differs between ``before`` and ``after``, once each is allowed to ``user``.

    Raises
    ------
    PermissionDenied
        Listing every changed row the user may not change; the caller writes nothing.
    """
    from planning.domain.changes import row_changes

    changes = row_changes(before, after)
    check_changes(user, changes)
    return changes


def check_changes(user: User | None, changes: Iterable[RowChange]) -> None:
    """Refuse the whole set when any change is not ``user``'s to make.

    Raises
    ------
    PermissionDenied
        Listing every refused row.
    """
    reasons = [r for r in (refusal(user, change.action, change) for change in changes) if r is not None]
    if reasons:
        raise PermissionDenied(reasons)


def decision_refusal(user: User | None, body: str, secretary: str, region: str | None = None) -> str | None:
    """Why ``user`` may not record the decision of ``body``, or ``None`` when allowed.

    The body's ``secretary`` role records its decisions; a board secretary only those of
    the board of its own ``region``. Admins may record any body's decision.
    """
    reason = refusal(user, RECORD_DECISION)
    if reason is not None or user is None or user.role == ADMIN:
        return reason
    role = ROLE_LABELS.get(secretary, secretary)
    if user.role != secretary:
        return phrase("only_secretary_records", who=who(user), body=body, role=role)
    if region is not None and user.region != region:
        return phrase("secretary_of_other_region", who=who(user), body=body, region=user.region or phrase("no_region"))
    return None


def authorize_decision(user: User | None, body: str, secretary: str, region: str | None = None) -> None:
    """Refuse unless ``user`` may record the decision of ``body`` (:func:`decision_refusal`).

    Raises
    ------
    PermissionDenied
        Naming the user, the body and the rule.
    """
    reason = decision_refusal(user, body, secretary, region)
    if reason is not None:
        raise PermissionDenied([reason])
