"""A delivery plan: per-initiative decisions, spend, benefit and the solver's honest facts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from typing import Any

import pandas as pd

from planning.domain.economics import benefit_by_year
from planning.domain.portfolio import Portfolio
from planning.messages.message import Message, as_json, from_record
from planning.optimise.inputs import PlanInputs, spend_matrix

STATUSES = ("optimal", "time_limit", "work_limit", "infeasible", "error")
PLANNED_STATUSES = ("optimal", "time_limit", "work_limit")
"""The statuses of a plan found: proven optimal, or stopped by the time limit or the work limit
(:mod:`planning.optimise.deterministic`) with an open gap."""
WHAT_IT_WOULD_TAKE = ("extra_budget", "npv_if_forced", "what_if_proven")
"""The explanations' columns beside the reason (``docs/model.md``, "Explanations")."""


@dataclass
class SolverFacts:
    """What the solver proved, stated honestly."""

    status: str
    """optimal (gap within tolerance, proven), time_limit (stopped with a plan, gap open),
    work_limit (stopped by a node limit with a plan, gap open; :mod:`planning.optimise.deterministic`),
    infeasible, or error."""
    objective: float | None
    bound: float | None
    gap: float | None
    solve_seconds: float
    build_seconds: float
    time_limit: float
    solver: str
    solver_version: str
    input_hash: str
    formulation: str = "cumulative"
    message: str = ""


@dataclass
class Plan:
    """The optimiser's answer for one scenario.

    ``initiatives`` holds one row per initiative of the portfolio with the ``*_opt``
    columns: ``selected_opt``, ``start_opt`` and ``finish_opt`` (period numbers, finish =
    last period of execution), their labels, and ``reason`` for anything left out or late.
    """

    scenario: str
    facts: SolverFacts
    initiatives: pd.DataFrame
    spend: pd.DataFrame
    """Tidy: pool, period, label, year, amount, envelope (MNOK)."""
    benefits: pd.DataFrame
    """Tidy: year, benefit (undiscounted MNOK of the plan's initiatives)."""
    npv: float | None
    diagnosis: list[str] = field(default_factory=list)
    confidence: float | None = None
    """The confidence level the plan was made at (:mod:`planning.robust`): what must hold, holds
    in that share of the sampled futures it was made against; ``None``: made on the point estimates."""

    @property
    def has_plan(self) -> bool:
        """True when the solver found a plan (proven optimal or not)."""
        return self.facts.status in PLANNED_STATUSES and self.facts.objective is not None

    @property
    def starts(self) -> dict[str, int]:
        chosen = self.initiatives[self.initiatives["selected_opt"].astype(bool)]
        return {str(i): int(s) for i, s in chosen["start_opt"].items()}

    @property
    def makespan(self) -> int | None:
        """Periods from the horizon's start until every selected initiative has finished."""
        chosen = self.initiatives[self.initiatives["selected_opt"].astype(bool)]
        return int(chosen["finish_opt"].max()) + 1 if len(chosen) else None

    def to_json(self, words: Callable[[str], str] = str) -> dict[str, Any]:
        """The command line's JSON: status, objective, bound, gap, solve_seconds, solver, initiatives, spend.

        Each initiative has id, selected, start, finish and reason, and what it would take
        (:data:`WHAT_IT_WOULD_TAKE`) where the plan has been explained that far. Every text for
        people (reason, diagnosis, the solver's message) is given twice: as ``words`` write it
        (the English sentence unless the caller renders it in the reader's language) and, where
        it is a message, as its code and values (``reason_message``, ``diagnosis_messages``,
        ``message_code``)."""
        facts = asdict(self.facts)
        facts["message"] = words(self.facts.message)
        rows = []
        for i, r in self.initiatives.iterrows():
            rows.append(
                {
                    "id": str(i),
                    "selected": bool(r["selected_opt"]),
                    "start": _plain(r["start_label"]),
                    "finish": _plain(r["finish_label"]),
                    "reason": words(_plain(r["reason"]) or ""),
                    "reason_message": as_json(_plain(r["reason"])) if isinstance(r["reason"], Message) else None,
                    **{key: _python(r[key]) for key in WHAT_IT_WOULD_TAKE if key in r.index},
                }
            )
        spend = [
            {
                "pool": r["pool"],
                "period": r["label"],
                "amount": round(float(r["amount"]), 6),
                "envelope": round(float(r["envelope"]), 6),
            }
            for _, r in self.spend.iterrows()
        ]
        return {
            **facts,
            "scenario": self.scenario,
            "npv": self.npv,
            "initiatives": rows,
            "spend": spend,
            "diagnosis": [words(line) for line in self.diagnosis],
            "diagnosis_messages": [as_json(line) for line in self.diagnosis],
            "message_code": as_json(self.facts.message) if isinstance(self.facts.message, Message) else None,
        }

    def to_record(self) -> dict[str, Any]:
        """Everything in the plan as JSON-safe data, lossless; :meth:`from_json` reads it back.

        ``to_json`` is the command line's summary (labels only, no benefits); the record
        keeps every column of ``initiatives``, ``spend`` and ``benefits`` as
        ``{"columns": [...], "rows": [[...], ...]}`` (``initiatives`` with ``id`` first).
        """
        return {
            "scenario": self.scenario,
            "facts": {k: _json_value(v) for k, v in asdict(self.facts).items()},
            "npv": _json_value(self.npv),
            "diagnosis": [as_json(line) for line in self.diagnosis],
            "confidence": self.confidence,
            "initiatives": _table_record(self.initiatives.reset_index()),
            "spend": _table_record(self.spend),
            "benefits": _table_record(self.benefits),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Plan:
        """The plan stored by :meth:`to_record` (for example in the plan store).

        Raises
        ------
        ValueError
            When ``data`` is not a plan record (such as the summary of :meth:`to_json`).
        """
        missing = [k for k in ("scenario", "facts", "initiatives", "spend", "benefits") if k not in data]
        if missing or not isinstance(data["initiatives"], dict):
            raise ValueError(f"not a plan record (missing {', '.join(missing) or 'tables'}); use Plan.to_record()")
        known = {f.name for f in fields(SolverFacts)}
        facts = SolverFacts(**{k: from_record(v) for k, v in data["facts"].items() if k in known})
        decisions = _table_frame(data["initiatives"]).set_index("id")
        if "reason" in decisions.columns:
            decisions["reason"] = pd.Series(
                [from_record(r) for r in decisions["reason"]], index=decisions.index, dtype=object
            )
        for name in ("start_opt", "finish_opt"):
            if name in decisions.columns:
                decisions[name] = decisions[name].astype("Int64")
        if "selected_opt" in decisions.columns:
            decisions["selected_opt"] = decisions["selected_opt"].astype(bool)
        return cls(
            scenario=str(data["scenario"]),
            facts=facts,
            initiatives=decisions,
            spend=_table_frame(data["spend"]),
            benefits=_table_frame(data["benefits"]),
            npv=None if data.get("npv") is None else float(data["npv"]),
            diagnosis=[from_record(d) for d in data.get("diagnosis", [])],
            confidence=None if data.get("confidence") is None else float(data["confidence"]),
        )


def _json_value(value: Any) -> Any:
    """A plain Python value for JSON: numpy scalars unwrapped, NA and NaN as None."""
    if isinstance(value, (list, tuple)):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json_value(v) for k, v in value.items()}
    if isinstance(value, Message):
        return value.to_json()
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        return _json_value(value.item())
    return value


def _table_record(frame: pd.DataFrame) -> dict[str, Any]:
    columns = [str(c) for c in frame.columns]
    rows = [[_json_value(v) for v in row] for row in frame.itertuples(index=False, name=None)]
    return {"columns": columns, "rows": rows}


def _table_frame(record: dict[str, Any]) -> pd.DataFrame:
    return pd.DataFrame(record["rows"], columns=record["columns"])


def _plain(value: Any) -> Any:
    """A cell as JSON: missing values (None, NaN, NA) become None."""
    return None if value is None or bool(pd.isna(value)) else value


def _python(value: Any) -> Any:
    """A cell as a plain Python number or flag (numpy's and pandas' kinds are not JSON); missing -> None."""
    value = _plain(value)
    return value if value is None or isinstance(value, str) else value.item() if hasattr(value, "item") else value


def decisions_frame(portfolio: Portfolio, inputs: PlanInputs, starts: dict[str, int]) -> pd.DataFrame:
    """``*_opt`` columns for every initiative of the portfolio."""
    tl = inputs.timeline
    rows = []
    for i in portfolio.initiatives.index:
        iid = str(i)
        start = starts.get(iid)
        duration = int(portfolio.initiatives.at[i, "duration"])
        status = portfolio.initiatives.at[i, "status"]
        finish = None if start is None else start + duration - 1
        rows.append(
            {
                "id": iid,
                "selected_opt": start is not None,
                "start_opt": start,
                "finish_opt": finish,
                "start_label": None if start is None else tl.label(start),
                "finish_label": None if finish is None else tl.label(finish),
                "done_before": status == "completed",
                "reason": inputs.excluded.get(iid, ""),
            }
        )
    frame = pd.DataFrame(rows).set_index("id")
    frame["reason"] = pd.Series([row["reason"] for row in rows], index=frame.index, dtype=object)  # messages kept
    return frame.astype({"start_opt": "Int64", "finish_opt": "Int64"})


def spend_frame(inputs: PlanInputs, starts: dict[str, int]) -> pd.DataFrame:
    """Spend against envelope per funding pool and period, tidy."""
    spend = spend_matrix(inputs, starts)
    tl = inputs.timeline
    rows = [
        {
            "pool": str(pool),
            "period": t,
            "label": tl.label(t),
            "year": tl.year_of(t),
            "amount": float(spend.at[pool, t]),
            "envelope": float(inputs.envelopes.at[pool, t]),
        }
        for pool in spend.index
        for t in spend.columns
    ]
    return pd.DataFrame(rows, columns=["pool", "period", "label", "year", "amount", "envelope"])


def benefit_frame(portfolio: Portfolio, inputs: PlanInputs, starts: dict[str, int]) -> pd.DataFrame:
    """Undiscounted monetised benefit per calendar year of the selected initiatives."""
    tl = inputs.timeline
    totals: dict[int, float] = {}
    monetised = portfolio.benefits[portfolio.benefits["monetised"].astype(bool)]
    for _, b in monetised.iterrows():
        start = starts.get(str(b["initiative_id"]))
        if start is None:
            continue
        duration = int(inputs.initiatives.at[str(b["initiative_id"]), "duration"])
        first_year = tl.first_year + (start + duration) / tl.per_year + int(b["lag"])
        for y, value in enumerate(benefit_by_year(float(b["annual_value"]), b["ramp_up"], int(b["lifetime"]))):
            year = int(first_year) + y
            totals[year] = totals.get(year, 0.0) + value
    years = sorted(totals)
    return pd.DataFrame({"year": years, "benefit": [totals[y] for y in years]}, columns=["year", "benefit"])


def plan_npv(inputs: PlanInputs, starts: dict[str, int]) -> float:
    """Discounted benefit minus discounted cost of the given starts, MNOK."""
    return float(sum(inputs.benefit_pv.at[i, t] - inputs.cost_pv.at[i, t] for i, t in starts.items()))
