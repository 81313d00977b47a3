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
from planning.messages.locale_numbers import known_language
from planning.messages.render import gettext_in, ngettext_in
from planning.optimise import Plan
from planning.realisation.review import Thresholds, benefit_review, default_as_of, yearly_realisation
from planning.realisation.rollup import enabler_credit, realisation_summary, yearly_totals
from planning.report import text as T
from planning.robust.scenario import AtConfidence
from planning.uncertainty import Simulation
from planning.uncertainty.core_index import CoreIndex

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
    language: str = T.DEFAULT_LANGUAGE
    """The report's language: ``nb`` (bokmål) or ``en``; its words, numbers and dates are written in it."""

    def planned_at(self, plan: Plan) -> str:
        """That ``plan`` (the proposal or the approved plan) was made at a confidence level, in words; else empty."""
        promise = self.confidence if plan is self.proposed else None
        if promise is None:
            return T.planned_at(plan.confidence, language=self.language)
        return T.planned_at(plan.confidence, promise.scope, promise.achieved, promise.check_samples,
                            language=self.language)  # fmt: skip


def build_report(
    portfolio: Portfolio,
    proposed: Plan,
    *,
    approved: ApprovedPlan | None = None,
    as_of: int | None = None,
    thresholds: Thresholds | None = None,
    decisions: Sequence[str] = (),
    generated_at: dt.datetime | None = None,
    title: str | None = None,
    predictability: Simulation | None = None,
    price: list[dict[str, Any]] | None = None,
    core_index: CoreIndex | None = None,
    confidence: AtConfidence | None = None,
    language: str = T.DEFAULT_LANGUAGE,
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
    title
        The report's title (default: "Styringsgrupperapport: e-helseporteføljen" in the report's language).
    language
        ``nb`` (bokmål, the default) or ``en``: the language the report writes its words, numbers and dates in.

    Raises
    ------
    ValueError
        For a language the report does not speak.
    """
    known_language(language)
    _ = gettext_in(language)
    rules = thresholds or Thresholds()
    year = default_as_of(portfolio) if as_of is None else as_of
    roadmap = approved.plan if approved is not None else proposed
    review = benefit_review(portfolio, roadmap, as_of=year, thresholds=rules)
    yearly = yearly_realisation(portfolio, roadmap, as_of=year, thresholds=rules)
    summaries = {by: realisation_summary(portfolio, review, by, thresholds=rules) for by in ("region", "area", "type")}
    changes = None if approved is None else compare(portfolio, approved.plan, proposed)
    report = Report(
        title=_("Steering committee report: the e-health portfolio") if title is None else title,
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
        at_risk=at_risk(portfolio, roadmap, review, changes, language),
        predictability=predictability,
        price=price,
        core_index=core_index,
        confidence=confidence,
        language=language,
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


def at_risk(portfolio: Portfolio, roadmap: Plan, review: pd.DataFrame, changes: Changes | None,
            language: str = T.DEFAULT_LANGUAGE) -> pd.DataFrame:  # fmt: skip
    """Initiatives at risk and why: high delivery risk, red or lagging benefits, missing
    measurements, and moves or drops in the proposed plan against the approved one.

    Returns
    -------
    pandas.DataFrame
        Index id: name, lead_region, risk, status, severity (3 red benefit, delay or drop;
        2 lagging benefit or high risk; 1 missing measurement), reasons (list of text in
        ``language``); most severe first, then most reasons.
    """
    _ = gettext_in(language)
    found: dict[str, list[tuple[int, str]]] = {}
    chosen = roadmap.initiatives[roadmap.initiatives["selected_opt"].astype(bool)].index
    active = set(map(str, chosen)) | set(portfolio.initiatives.index[portfolio.initiatives["status"] == "started"])
    for iid in sorted(active):
        if portfolio.initiatives.at[iid, "risk"] == "high":
            found.setdefault(iid, []).append((2, _("High delivery risk")))
    for bid, r in review.iterrows():
        share, owner = T.pct(r["ratio"], language), r["initiative_id"]
        if r["status"] == "red":
            found.setdefault(owner, []).append(
                (3, _("Benefit red: {benefit} ({share} of plan)").format(benefit=bid, share=share))
            )
        elif r["status"] == "yellow":
            found.setdefault(owner, []).append(
                (2, _("Benefit behind plan: {benefit} ({share} of plan)").format(benefit=bid, share=share))
            )
        if r["status"] == "missing" or r["missing_years"]:
            years = ", ".join(map(str, r["missing_years"]))
            found.setdefault(owner, []).append(
                (1, _("Benefit measurement missing: {benefit} ({years})").format(benefit=bid, years=years))
            )
    for iid, r in [] if changes is None else changes.initiatives.iterrows():
        if r["change"] == "later":
            moved = postponed(int(r["shift"]), portfolio.timeline.period_length, language)
            found.setdefault(str(iid), []).append((3, moved))
        elif r["change"] == "dropped":
            found.setdefault(str(iid), []).append((3, _("Drops out of the new plan")))
    rows = [
        {"id": iid, "name": _name(portfolio, iid), "lead_region": portfolio.initiatives.at[iid, "lead_region"],
         "risk": portfolio.initiatives.at[iid, "risk"], "status": portfolio.initiatives.at[iid, "status"],
         "severity": max(level for level, _words in items),
         "reasons": [reason for _level, reason in sorted(items, key=lambda item: -item[0])]}
        for iid, items in found.items() if iid in portfolio.initiatives.index
    ]  # fmt: skip
    columns = ["id", "name", "lead_region", "risk", "status", "severity", "reasons"]
    frame = pd.DataFrame(rows, columns=columns).set_index("id")
    order = frame["severity"] * 100 + frame["reasons"].map(len)
    return frame.loc[order.sort_values(ascending=False, kind="stable").index]


def postponed(shift: int, period_length: str, language: str = T.DEFAULT_LANGUAGE) -> str:
    """``Utsatt 2 kvartaler mot godkjent plan``: a move later in the plan's periods."""
    ngettext = ngettext_in(language)
    if period_length == "year":
        words = ngettext("Postponed {n} year against the approved plan",
                         "Postponed {n} years against the approved plan", shift)  # fmt: skip
    elif period_length == "half-year":
        words = ngettext("Postponed {n} half-year against the approved plan",
                         "Postponed {n} half-years against the approved plan", shift)  # fmt: skip
    elif period_length == "quarter":
        words = ngettext("Postponed {n} quarter against the approved plan",
                         "Postponed {n} quarters against the approved plan", shift)  # fmt: skip
    else:
        words = ngettext("Postponed {n} period against the approved plan",
                         "Postponed {n} periods against the approved plan", shift)  # fmt: skip
    return words.format(n=T.num(shift, 0, language))


def draft_decisions(report: Report) -> list[str]:
    """Decisions the report drafts for the committee, from what it found, in the report's language."""
    language = report.language
    _ = gettext_in(language)
    drafted = []
    if report.approved is None:
        drafted.append(_("Approve the roadmap for scenario {scenario} as the plan of record (baseline).").format(
            scenario=report.scenario))  # fmt: skip
    elif report.changes is not None and len(report.changes.initiatives):
        counts = report.changes.initiatives["change"].value_counts()
        changes = T.words(language).changes
        parts = [f"{T.num(int(counts[c]), 0, language)} {changes[c].lower()}"
                 for c in ("added", "dropped", "later", "earlier") if c in counts]  # fmt: skip
        decide = _("Decide on the new plan for scenario {scenario} ({changes}): approve it as the new baseline, or "
                   "keep the current plan.")  # fmt: skip
        drafted.append(decide.format(scenario=report.scenario, changes=", ".join(parts)))
    over = over_envelope(report.roadmap)
    for pool, rows in over.groupby("pool", sort=False):
        periods = ", ".join(map(str, rows["label"]))
        drafted.append(_("Settle the funding of {pool}: the cost exceeds the envelope in {periods} ({amount} MNOK in "
                         "all), or postpone initiatives.").format(
            pool=pool, periods=periods, amount=T.num(rows["over"].sum(), 0, language)))  # fmt: skip
    for bid, r in report.review[report.review["status"] == "red"].iterrows():
        owner = r["owner"] or _("the benefit owner")
        drafted.append(_("Ask {owner} to present measures for the benefit “{title}” ({benefit}), realised {share} of "
                         "plan.").format(owner=owner, title=r["title"], benefit=bid,
                                         share=T.pct(r["ratio"], language)))  # fmt: skip
    drafted += predictability_decisions(report.predictability, language)
    missing = report.review[report.review["status"] == "missing"]
    if len(missing):
        drafted.append(_("Require measurement of the benefits that are due without one: {benefits}.").format(
            benefits=", ".join(missing.index)))  # fmt: skip
    money = report.review[report.review["monetised"].astype(bool)]
    planned, revised = float(money["remaining_planned"].sum()), float(money["remaining_reforecast"].sum())
    if planned > 0 and abs(revised - planned) > 0.01 * planned:
        drafted.append(_("Use the revised benefit estimates in the next planning round: remaining benefit {revised} "
                         "MNOK against {planned} MNOK planned.").format(
            revised=T.num(revised, 0, language), planned=T.num(planned, 0, language)))  # fmt: skip
    return drafted


CONFIDENCE = 0.85
"""The chance of holding every envelope below which the report asks for a decision (as KS2's P85)."""


def predictability_decisions(simulation: Simulation | None, language: str = T.DEFAULT_LANGUAGE) -> list[str]:
    """A decision to ask for when the plan is unlikely to hold its envelopes."""
    if simulation is None or simulation.summary["p_all_within"] >= CONFIDENCE:
        return []
    _ = gettext_in(language)
    s = simulation.summary
    return [
        _("Decide how sure the plan must be: every investment envelope holds in only {share} of the simulated "
          "futures. The cost over the horizon is {p50} MNOK at P50 (management budget) and {p85} MNOK at P85 (cost "
          "frame), against the plan's {planned} MNOK: set aside a reserve, or plan with more room in the "
          "envelopes.").format(share=T.pct(s["p_all_within"], language), p50=T.num(s["spend_p50"], 0, language),
                               p85=T.num(s["spend_p85"], 0, language), planned=T.num(s["planned_spend"], 0, language))
    ]  # fmt: skip
