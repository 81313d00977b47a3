"""What the steering committee report says, as data: built once, rendered as HTML and PDF.

The roadmap shown is the approved plan of record when there is one (see
:mod:`planning.plans.baseline`), else the proposed plan, clearly marked as not approved.
Benefits are reviewed against the roadmap shown, since that is what was promised;
changes compare the proposed plan with the approved one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from planning.domain.portfolio import Portfolio
from planning.optimise import Plan
from planning.realisation.review import Thresholds, benefit_review, default_as_of, yearly_realisation
from planning.realisation.rollup import enabler_credit, realisation_summary, yearly_totals
from planning.report import text as T
from planning.robust.scenario import AtConfidence
from planning.uncertainty import Simulation
from planning.uncertainty.core_index import CoreIndex

PERIOD_WORDS = {"year": "år", "half-year": "halvår", "quarter": "kvartal"}
OVER_ENVELOPE_TOLERANCE = 0.5
"""MNOK a pool may exceed its envelope in a year before the report calls it over."""


@dataclass(frozen=True)
class ApprovedPlan:
    """The plan of record and who approved it."""

    plan: Plan
    plan_id: int | None = None
    approved_by: str = ""
    approved_at: dt.datetime | None = None
    comment: str = ""


@dataclass
class Changes:
    """The proposed plan against the approved one."""

    initiatives: pd.DataFrame
    """Index id: name, change, start_a, start_b, shift (periods, positive = later)."""
    cost_by_pool: pd.DataFrame
    """pool, amount_a, amount_b, change (MNOK over the horizon)."""
    npv_a: float | None
    npv_b: float | None


@dataclass
class Report:
    """Everything the report shows."""

    title: str
    scenario: str
    generated_at: dt.datetime
    as_of: int
    thresholds: Thresholds
    portfolio: Portfolio
    roadmap: Plan
    proposed: Plan
    approved: ApprovedPlan | None
    review: pd.DataFrame
    yearly: pd.DataFrame
    totals: pd.DataFrame
    summaries: dict[str, pd.DataFrame]
    enablers: pd.DataFrame
    changes: Changes | None
    at_risk: pd.DataFrame
    decisions: list[str] = field(default_factory=list)
    predictability: Simulation | None = None
    """The roadmap's plan simulated under its uncertain estimates (``None``: not simulated)."""
    price: list[dict[str, Any]] | None = None
    """The price of predictability (:func:`planning.robust.price_of_predictability`), ``None``: not computed."""
    core_index: CoreIndex | None = None
    """The roadmap's scenario re-optimised in sampled futures (``None``: not computed)."""
    confidence: AtConfidence | None = None
    """What the proposed plan promises where it was made at its scenario's confidence level."""

    def planned_at(self, plan: Plan) -> str:
        """That ``plan`` (the proposal or the approved plan) was made at a confidence level, in words; else empty."""
        promise = self.confidence if plan is self.proposed else None
        if promise is None:
            return T.planned_at(plan.confidence)
        return T.planned_at(plan.confidence, promise.scope, promise.achieved, promise.check_samples)


def build_report(
    portfolio: Portfolio,
    proposed: Plan,
    *,
    approved: ApprovedPlan | None = None,
    as_of: int | None = None,
    thresholds: Thresholds | None = None,
    decisions: Sequence[str] = (),
    generated_at: dt.datetime | None = None,
    title: str = "Styringsgrupperapport: e-helseporteføljen",
    predictability: Simulation | None = None,
    price: list[dict[str, Any]] | None = None,
    core_index: CoreIndex | None = None,
    confidence: AtConfidence | None = None,
) -> Report:
    """Assemble the report of ``portfolio`` for the proposed plan and the approved one.

    Parameters
    ----------
    proposed
        The plan the scenario gives now (for example from :func:`planning.optimise.optimise`).
    approved
        The plan of record; ``None`` when no plan has been approved yet.
    as_of
        Last year of realised data; default the latest measured year.
    decisions
        Decisions the secretariat asks for, placed before the ones the report drafts.
    predictability
        The roadmap's plan simulated under uncertain estimates
        (:func:`planning.uncertainty.simulate_plan`), for its own section.
    core_index
        The Core Index of the scenario (:func:`planning.uncertainty.core_index.core_index`),
        shown in the same section beside the roadmap.
    confidence
        What ``proposed`` promises where it was made at its scenario's confidence level
        (:func:`planning.robust.scenario.plan_scenario`); the report says it was, and what held.
    """
    rules = thresholds or Thresholds()
    year = default_as_of(portfolio) if as_of is None else as_of
    roadmap = approved.plan if approved is not None else proposed
    review = benefit_review(portfolio, roadmap, as_of=year, thresholds=rules)
    yearly = yearly_realisation(portfolio, roadmap, as_of=year, thresholds=rules)
    summaries = {by: realisation_summary(portfolio, review, by, thresholds=rules) for by in ("region", "area", "type")}
    changes = None if approved is None else compare(portfolio, approved.plan, proposed)
    report = Report(
        title=title,
        scenario=proposed.scenario,
        generated_at=generated_at or dt.datetime.now(dt.UTC),
        as_of=year,
        thresholds=rules,
        portfolio=portfolio,
        roadmap=roadmap,
        proposed=proposed,
        approved=approved,
        review=review,
        yearly=yearly,
        totals=yearly_totals(yearly, review),
        summaries=summaries,
        enablers=enabler_credit(portfolio),
        changes=changes,
        at_risk=at_risk(portfolio, roadmap, review, changes),
        predictability=predictability,
        price=price,
        core_index=core_index,
        confidence=confidence,
    )
    report.decisions = [*decisions, *draft_decisions(report)]
    return report


def compare(portfolio: Portfolio, approved: Plan, proposed: Plan) -> Changes:
    """What the proposed plan changes against the approved one (:func:`planning.plans.diff.diff_plans`)."""
    from planning.plans.diff import diff_plans  # the plan store's diff (issue 4)

    diff = diff_plans(approved, proposed)
    rows = diff.changed.copy()
    rows.insert(0, "name", [_name(portfolio, str(i)) for i in rows.index])
    return Changes(initiatives=rows, cost_by_pool=diff.cost_by_pool(), npv_a=diff.npv_a, npv_b=diff.npv_b)


def _name(portfolio: Portfolio, iid: str) -> str:
    frame = portfolio.initiatives
    return str(frame.at[iid, "name"]) if iid in frame.index else iid


def over_envelope(plan: Plan) -> pd.DataFrame:
    """Pool-years whose spend exceeds the envelope by more than the tolerance, MNOK."""
    spend = plan.spend.copy()
    spend["over"] = spend["amount"].astype(float) - spend["envelope"].astype(float)
    return spend[spend["over"] > OVER_ENVELOPE_TOLERANCE][["pool", "year", "label", "amount", "envelope", "over"]]


def at_risk(portfolio: Portfolio, roadmap: Plan, review: pd.DataFrame, changes: Changes | None) -> pd.DataFrame:
    """Initiatives at risk and why: high delivery risk, red or lagging benefits, missing
    measurements, and moves or drops in the proposed plan against the approved one.

    Returns
    -------
    pandas.DataFrame
        Index id: name, lead_region, risk, status, severity (3 red benefit, delay or drop;
        2 lagging benefit or high risk; 1 missing measurement), reasons (list of text);
        most severe first, then most reasons.
    """
    found: dict[str, list[tuple[int, str]]] = {}
    chosen = roadmap.initiatives[roadmap.initiatives["selected_opt"].astype(bool)].index
    active = set(map(str, chosen)) | set(portfolio.initiatives.index[portfolio.initiatives["status"] == "started"])
    for iid in sorted(active):
        if portfolio.initiatives.at[iid, "risk"] == "high":
            found.setdefault(iid, []).append((2, "Høy leveranserisiko"))
    for bid, r in review.iterrows():
        share = f" ({T.pct(r['ratio'])} av plan)"
        if r["status"] == "red":
            found.setdefault(r["initiative_id"], []).append((3, f"Gevinst rød: {bid}{share}"))
        elif r["status"] == "yellow":
            found.setdefault(r["initiative_id"], []).append((2, f"Gevinst bak plan: {bid}{share}"))
        if r["status"] == "missing" or r["missing_years"]:
            years = ", ".join(map(str, r["missing_years"]))
            found.setdefault(r["initiative_id"], []).append((1, f"Mangler gevinstmåling: {bid} ({years})"))
    for iid, r in [] if changes is None else changes.initiatives.iterrows():
        if r["change"] == "later":
            moved = f"{int(r['shift'])} {PERIOD_WORDS.get(portfolio.timeline.period_length, 'perioder')}"
            found.setdefault(str(iid), []).append((3, f"Utsatt {moved} mot godkjent plan"))
        elif r["change"] == "dropped":
            found.setdefault(str(iid), []).append((3, "Faller ut av ny plan"))
    rows = [
        {"id": iid, "name": _name(portfolio, iid), "lead_region": portfolio.initiatives.at[iid, "lead_region"],
         "risk": portfolio.initiatives.at[iid, "risk"], "status": portfolio.initiatives.at[iid, "status"],
         "severity": max(level for level, _ in items),
         "reasons": [reason for _, reason in sorted(items, key=lambda item: -item[0])]}
        for iid, items in found.items() if iid in portfolio.initiatives.index
    ]  # fmt: skip
    columns = ["id", "name", "lead_region", "risk", "status", "severity", "reasons"]
    frame = pd.DataFrame(rows, columns=columns).set_index("id")
    order = frame["severity"] * 100 + frame["reasons"].map(len)
    return frame.loc[order.sort_values(ascending=False, kind="stable").index]


def draft_decisions(report: Report) -> list[str]:
    """Decisions the report drafts for the committee, from what it found."""
    drafted = []
    if report.approved is None:
        drafted.append(f"Godkjenne veikartet for scenario {report.scenario} som styrende plan (baseline).")
    elif report.changes is not None and len(report.changes.initiatives):
        counts = report.changes.initiatives["change"].value_counts()
        parts = [
            f"{int(counts[c])} {T.CHANGES[c].lower()}" for c in ("added", "dropped", "later", "earlier") if c in counts
        ]
        drafted.append(f"Ta stilling til ny plan for scenario {report.scenario} ({', '.join(parts)}): "
                       "godkjenne den som ny baseline, eller beholde gjeldende plan.")  # fmt: skip
    over = over_envelope(report.roadmap)
    for pool, rows in over.groupby("pool", sort=False):
        periods = ", ".join(map(str, rows["label"]))
        drafted.append(f"Avklare finansiering for {pool}: kostnaden går over rammen i {periods} "
                       f"(til sammen {T.num(rows['over'].sum(), 0)} MNOK), eller utsette tiltak.")  # fmt: skip
    for bid, r in report.review[report.review["status"] == "red"].iterrows():
        owner = r["owner"] or "gevinstansvarlig"
        drafted.append(f"Be {owner} legge fram tiltak for gevinsten «{r['title']}» ({bid}), "
                       f"realisert {T.pct(r['ratio'])} av plan.")  # fmt: skip
    drafted += predictability_decisions(report.predictability)
    missing = report.review[report.review["status"] == "missing"]
    if len(missing):
        drafted.append(f"Pålegge måling av gevinster som er forfalt uten måling: {', '.join(missing.index)}.")
    money = report.review[report.review["monetised"].astype(bool)]
    planned, revised = float(money["remaining_planned"].sum()), float(money["remaining_reforecast"].sum())
    if planned > 0 and abs(revised - planned) > 0.01 * planned:
        drafted.append(f"Bruke reviderte gevinstanslag i neste planrunde: gjenstående gevinst {T.num(revised, 0)} MNOK "
                       f"mot planlagt {T.num(planned, 0)} MNOK.")  # fmt: skip
    return drafted


CONFIDENCE = 0.85
"""The chance of holding every envelope below which the report asks for a decision (as KS2's P85)."""


def predictability_decisions(simulation: Simulation | None) -> list[str]:
    """A decision to ask for when the plan is unlikely to hold its envelopes."""
    if simulation is None or simulation.summary["p_all_within"] >= CONFIDENCE:
        return []
    s = simulation.summary
    return [
        f"Ta stilling til hvor sikker planen skal være: alle investeringsrammer holder i bare "
        f"{T.pct(s['p_all_within'])} av de simulerte utfallene. Kostnaden i horisonten er "
        f"{T.num(s['spend_p50'], 0)} MNOK ved P50 (styringsramme) og {T.num(s['spend_p85'], 0)} MNOK ved P85 "
        f"(kostnadsramme), mot planens {T.num(s['planned_spend'], 0)} MNOK: sette av reserve, eller planlegge "
        "med mer luft i rammene."
    ]
