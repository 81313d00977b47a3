"""What each region's board paper (saksframlegg) says, as data, in the paper's language (bokmål
by default, or English).

One paper per board: the region's commitments under the version being treated, the
treatment so far at the other bodies, what changed since earlier versions, what other
boards' conditions would mean for the region, and a proposed decision (forslag til vedtak).
:mod:`planning.report.paper` renders it as HTML and A4 PDF.

The spend and delivery confidence (P50 / P85, from the Monte Carlo simulation of issue 29)
enters as an optional :class:`Confidence` per region; without it the paper has no such
section. The proposed decision is written from the gettext catalogs (``planning/locale``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from planning.approval.bodies import APPROVE, RECOMMEND, Body
from planning.approval.cases import Decision
from planning.approval.commitments import RegionCommitments, region_commitments
from planning.approval.status import CaseStatus, EarlierVersion, Party
from planning.domain.portfolio import Portfolio
from planning.messages.locale_numbers import known_language
from planning.messages.render import AND, N_, date_text, gettext_in, ngettext_in, number

EARLIER_ACTIONS = {
    RECOMMEND: N_("{body} recommended the plan on {date} ({case})"),
    "treat": N_("{body} treated the plan on {date} ({case})"),
    APPROVE: N_("{body} approved the plan on {date} ({case})"),
}
"""How the proposal says what an earlier body did with the plan (English; translated where written)."""
DEFAULT_LANGUAGE = "nb"


@dataclass
class Confidence:
    """How sure a region's spend and deliveries are (filled by the simulation of issue 29).

    ``spend``: year, p50, p85 (MNOK the region spends in the year at the 50th and 85th
    percentile of the simulated futures). ``delivery``: id, name, go_live, on_time
    (probability, 0 to 1, that the initiative goes live by its planned period). ``note``
    says how it was found (samples, seed, distributions).
    """

    spend: pd.DataFrame
    delivery: pd.DataFrame
    note: str = ""


@dataclass
class ConditionElsewhere:
    """A board's condition that the plan does not hold, and what it would mean for the paper's region."""

    body: Body
    decision: Decision
    by_year: dict[int, float]
    """This region's change in spend per year under the derived scenario, MNOK (empty: none)."""
    moves: list[dict[str, Any]]
    """Moved initiatives this region takes part in."""


@dataclass
class RegionPaper:
    """Everything one board paper shows."""

    status: CaseStatus
    body: Body
    commitments: RegionCommitments
    treatment: list[Party]
    """The other bodies on the current version, in stage order."""
    own: Party
    earlier: list[EarlierVersion]
    conditions: list[ConditionElsewhere]
    proposal: list[str]
    confidence: Confidence | None
    generated_at: dt.datetime
    scenario_description: str = ""
    horizon: tuple[int, int] = (0, 0)
    extra: dict[str, Any] = field(default_factory=dict)
    language: str = DEFAULT_LANGUAGE
    """The paper's language: ``nb`` (bokmål) or ``en``."""

    @property
    def case_number(self) -> str | None:
        """The board's own case number when its decision is recorded."""
        decision = self.own.decision
        return None if decision is None else decision.case_number


def region_papers(
    status: CaseStatus,
    portfolio: Portfolio,
    *,
    confidence: Mapping[str, Confidence] | None = None,
    generated_at: dt.datetime | None = None,
    language: str = DEFAULT_LANGUAGE,
) -> list[RegionPaper]:
    """One paper per board of the case (bodies with a region), in the case's order, in ``language``."""
    when = generated_at or dt.datetime.now(dt.UTC)
    found = confidence or {}
    return [
        region_paper(
            status, portfolio, body, confidence=found.get(str(body.region)), generated_at=when, language=language
        )
        for body in status.case.bodies
        if body.region is not None
    ]


def region_paper(
    status: CaseStatus,
    portfolio: Portfolio,
    body: Body,
    *,
    confidence: Confidence | None = None,
    generated_at: dt.datetime | None = None,
    language: str = DEFAULT_LANGUAGE,
) -> RegionPaper:
    """The paper for the board ``body`` (which has a region), in ``language`` (``nb`` or ``en``).

    Raises
    ------
    ValueError
        For a language the papers are not written in.
    """
    assert body.region is not None
    known_language(language)
    commitments = region_commitments(portfolio, status.plan, body.region)
    scenarios = portfolio.scenarios
    sid = status.plan.scenario_id
    described = str(scenarios.at[sid, "description"]) if sid in scenarios.index else status.plan.scenario.description
    years = portfolio.timeline.years
    paper = RegionPaper(
        status=status,
        body=body,
        commitments=commitments,
        treatment=[p for p in status.parties if p.body.id != body.id],
        own=status.party(body.id),
        earlier=status.earlier,
        conditions=conditions_elsewhere(status, body, commitments),
        proposal=[],
        confidence=confidence,
        generated_at=generated_at or dt.datetime.now(dt.UTC),
        scenario_description=described,
        horizon=(years[0], years[-1]),
        language=language,
    )
    paper.proposal = proposed_decision(paper)
    return paper


def conditions_elsewhere(status: CaseStatus, body: Body, commitments: RegionCommitments) -> list[ConditionElsewhere]:
    """Conditions on the current version that the plan does not hold (this board's own too), seen
    from ``body``'s region."""
    involved = set(commitments.go_lives["id"]) | set(commitments.joint["id"]) | set(commitments.led["id"])
    found = []
    for party in status.parties:
        decision = party.decision
        if decision is None or decision.check is None or decision.check.holds:
            continue
        consequence = decision.check.consequence
        if consequence is None:
            continue
        mine = next((p for p in consequence.pools if p["pool"] == body.region), None)
        by_year = {} if mine is None else {y: v for y, v in mine["by_year"].items() if abs(v) > 1e-6}
        moves = [m for m in consequence.moves if m["id"] in involved]
        found.append(ConditionElsewhere(party.body, decision, by_year, moves))
    return found


def proposed_decision(paper: RegionPaper) -> list[str]:
    """The proposed decision (forslag til vedtak), one numbered point a line, in the paper's language."""
    language = paper.language
    _, ngettext = gettext_in(language), ngettext_in(language)
    status, c, name = paper.status, paper.commitments, paper.commitments.name
    first, last = paper.horizon
    version = status.current

    def mnok(value: float) -> str:
        return number(value, language, 0)

    points = [
        _("The board of {name} approves “{title}”, version {version} (plan {plan}, scenario {scenario}), as described "
          "in the board paper.").format(name=name, title=status.case.title, version=version.number,
                                        plan=status.plan.id, scenario=status.plan.scenario_id)
    ]  # fmt: skip
    over = c.spend[c.spend["over"]]
    money = _("The board commits {name} to investments of {amount} MNOK in all in {first}–{last}, within the "
              "investment envelope of {envelope} MNOK.").format(name=name, amount=mnok(c.investment), first=first,
                                                                last=last, envelope=mnok(c.envelope))  # fmt: skip
    if len(over):
        years = ", ".join(str(y) for y in over["year"])
        extra = -float(over["headroom"].sum())
        money = _("The board commits {name} to investments of {amount} MNOK in all in {first}–{last}. In {years} the "
                  "plan exceeds the investment envelope by {extra} MNOK in all, and the board asks the administration "
                  "to present funding or measures for those years.").format(
            name=name, amount=mnok(c.investment), first=first, last=last, years=years, extra=mnok(extra))  # fmt: skip
    points.append(money)
    if len(c.joint):
        joint = ngettext("The board agrees that {name} bears its share of {n} joint initiative, {amount} MNOK in all "
                         "by the plan's cost-sharing keys.",
                         "The board agrees that {name} bears its share of {n} joint initiatives, {amount} MNOK in all "
                         "by the plan's cost-sharing keys.", len(c.joint))  # fmt: skip
        points.append(joint.format(name=name, n=len(c.joint), amount=mnok(float(c.joint["region_cost"].sum()))))
    if len(c.led):
        ids = ", ".join(c.led["id"].astype(str))
        led = ngettext("{name} is the main partner of {n} initiative in the plan ({ids}).",
                       "{name} is the main partner of {n} initiatives in the plan ({ids}).", len(c.led))  # fmt: skip
        points.append(led.format(name=name, n=len(c.led), ids=ids))
    earlier = _earlier_treatment(paper)
    if earlier:
        points.append(_("The board notes that {earlier}.").format(earlier=earlier))
    points.append(_("The plan becomes the plan of record when every party that is to approve it has approved the "
                    "same version. If the plan or its basis changes after approval, a new version is put forward "
                    "for treatment."))  # fmt: skip
    return points


def _earlier_treatment(paper: RegionPaper) -> str:
    language = paper.language
    _ = gettext_in(language)
    parts = []
    for party in paper.treatment:
        decision = party.decision
        if party.body.stage >= paper.body.stage or decision is None or not decision.passes:
            continue
        did = _(EARLIER_ACTIONS.get(party.body.action, EARLIER_ACTIONS["treat"]))
        when = date_text(decision.meeting_date, language)
        parts.append(did.format(body=party.body.label(language), date=when, case=decision.case_number))
    return f" {AND[language]} ".join(parts)
