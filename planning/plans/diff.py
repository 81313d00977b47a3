"""What changed between two plans: initiatives added, dropped and moved, cost and NPV.

Plans are compared by initiative id and by period label, so a plan stored before the
portfolio changed (new initiatives, a horizon that moved) still compares cleanly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pandas as pd

from planning.optimise import Plan

CHANGES = ("added", "dropped", "earlier", "later", "unchanged")
_LABEL = re.compile(r"^(\d{4})(?:([HQ])(\d))?$")


@dataclass
class PlanDiff:
    """Plan ``b`` against plan ``a``.

    ``initiatives``: one row per initiative in either plan (index ``id``) with ``change``
    (added, dropped, earlier, later, unchanged; absent from both is left out),
    ``start_a``, ``start_b`` (labels) and ``shift`` (periods, positive = later).
    ``spend``: pool, year, label, amount_a, amount_b, change (MNOK, b minus a).
    """

    initiatives: pd.DataFrame
    spend: pd.DataFrame
    npv_a: float | None
    npv_b: float | None

    @property
    def npv_change(self) -> float | None:
        return None if self.npv_a is None or self.npv_b is None else self.npv_b - self.npv_a

    def ids(self, change: str) -> list[str]:
        """Initiatives with the given change, for example ``diff.ids("added")``."""
        return [str(i) for i in self.initiatives.index[self.initiatives["change"] == change]]

    @property
    def changed(self) -> pd.DataFrame:
        """Only the initiatives that were added, dropped or moved."""
        return self.initiatives[self.initiatives["change"] != "unchanged"]

    def cost_by_pool(self) -> pd.DataFrame:
        """Change in total spend per funding pool, MNOK."""
        grouped = self.spend.groupby("pool", sort=True)[["amount_a", "amount_b", "change"]].sum()
        return grouped.reset_index()

    def summary(self) -> dict[str, Any]:
        counts = {change: len(self.ids(change)) for change in CHANGES}
        return {**counts, "npv_a": self.npv_a, "npv_b": self.npv_b, "npv_change": self.npv_change}

    def to_json(self) -> dict[str, Any]:
        rows = [
            {
                "id": str(i),
                "change": r["change"],
                "start_a": r["start_a"],
                "start_b": r["start_b"],
                "shift": None if pd.isna(r["shift"]) else int(r["shift"]),
            }
            for i, r in self.changed.iterrows()
        ]
        spend = [
            {k: (round(float(v), 6) if k.startswith(("amount", "change")) else v) for k, v in row.items()}
            for row in self.spend[self.spend["change"].abs() > 1e-9].to_dict("records")
        ]
        return {**self.summary(), "initiatives": rows, "spend_changes": spend}


def label_key(label: str) -> tuple[int, int, int]:
    """Sort key of a period label: (year, part, parts per year)."""
    match = _LABEL.match(str(label).strip())
    if not match:
        raise ValueError(f"'{label}' is not a period label")
    if match[2] is None:
        return int(match[1]), 1, 1
    return int(match[1]), int(match[3]), 2 if match[2] == "H" else 4


def _selected_starts(plan: Plan) -> dict[str, str]:
    chosen = plan.initiatives[plan.initiatives["selected_opt"].astype(bool)]
    return {str(i): str(label) for i, label in chosen["start_label"].items()}


def _period_positions(a: Plan, b: Plan, labels: set[str]) -> dict[str, int]:
    """Each label's place on the union of both plans' periods, in time order."""
    every = set(labels) | set(map(str, a.spend["label"])) | set(map(str, b.spend["label"]))
    ordered = sorted(every, key=label_key)
    return {label: n for n, label in enumerate(ordered)}


def diff_initiatives(a: Plan, b: Plan) -> pd.DataFrame:
    """Per initiative: change, start labels in each plan and the shift in periods."""
    starts_a, starts_b = _selected_starts(a), _selected_starts(b)
    position = _period_positions(a, b, set(starts_a.values()) | set(starts_b.values()))
    rows = []
    for i in sorted(set(starts_a) | set(starts_b)):
        sa, sb = starts_a.get(i), starts_b.get(i)
        shift = None if sa is None or sb is None else position[sb] - position[sa]
        if sa is None:
            change = "added"
        elif sb is None:
            change = "dropped"
        else:
            change = "unchanged" if shift == 0 else "later" if shift and shift > 0 else "earlier"
        rows.append({"id": i, "change": change, "start_a": sa, "start_b": sb, "shift": shift})
    frame = pd.DataFrame(rows, columns=["id", "change", "start_a", "start_b", "shift"]).set_index("id")
    frame["shift"] = frame["shift"].astype("Int64")
    for name in ("start_a", "start_b"):
        frame[name] = frame[name].astype(object).where(frame[name].notna(), None)
    return frame


def diff_spend(a: Plan, b: Plan) -> pd.DataFrame:
    """Spend per funding pool and period in each plan and the change (b minus a), MNOK."""
    keys = ["pool", "year", "label"]
    left = a.spend[[*keys, "amount"]].rename(columns={"amount": "amount_a"})
    right = b.spend[[*keys, "amount"]].rename(columns={"amount": "amount_b"})
    merged = left.merge(right, on=keys, how="outer")
    merged[["amount_a", "amount_b"]] = merged[["amount_a", "amount_b"]].astype(float).fillna(0.0)
    merged["change"] = merged["amount_b"] - merged["amount_a"]
    merged["order"] = [label_key(str(label)) for label in merged["label"]]
    merged = merged.sort_values(["pool", "order"]).drop(columns="order").reset_index(drop=True)
    return merged[["pool", "year", "label", "amount_a", "amount_b", "change"]]


def diff_plans(a: Plan, b: Plan) -> PlanDiff:
    """What plan ``b`` changes against plan ``a`` (for example a new plan against the baseline)."""
    return PlanDiff(initiatives=diff_initiatives(a, b), spend=diff_spend(a, b), npv_a=a.npv, npv_b=b.npv)
