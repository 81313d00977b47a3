"""What each region's board paper (saksframlegg) says, as data, in Norwegian bokmål.

One paper per board: the region's commitments under the version being treated, the
treatment so far at the other bodies, what changed since earlier versions, what other
boards' conditions would mean for the region, and a proposed decision (forslag til vedtak).
:mod:`planning.report.paper` renders it as HTML and A4 PDF.

The spend and delivery confidence (P50 / P85, from the Monte Carlo simulation of issue 29)
enters as an optional :class:`Confidence` per region; without it the paper has no such
section.
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
from planning.messages.render import date_text

ACTION_NOUNS = {RECOMMEND: "anbefalte", "treat": "behandlet", APPROVE: "godkjente"}
"""How the proposal names what an earlier body did with the plan."""


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
) -> list[RegionPaper]:
    """One paper per board of the case (bodies with a region), in the case's order."""
    when = generated_at or dt.datetime.now(dt.UTC)
    found = confidence or {}
    return [
        region_paper(status, portfolio, body, confidence=found.get(str(body.region)), generated_at=when)
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
) -> RegionPaper:
    """The paper for the board ``body`` (which has a region)."""
    assert body.region is not None
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


def _num(value: float) -> str:
    return f"{value:,.0f}".replace(",", "\u00a0")


def proposed_decision(paper: RegionPaper) -> list[str]:
    """The proposed decision (forslag til vedtak), one numbered point a line."""
    status, c, name = paper.status, paper.commitments, paper.commitments.name
    first, last = paper.horizon
    version = status.current
    points = [
        f"Styret i {name} godkjenner «{status.case.title}», versjon {version.number} (plan {status.plan.id}, "
        f"scenario {status.plan.scenario_id}), slik den er beskrevet i saksframlegget."
    ]
    over = c.spend[c.spend["over"]]
    money = (
        f"Styret forplikter {name} til investeringer på til sammen {_num(c.investment)} MNOK i {first}–{last}, "
        f"innenfor investeringsrammen på {_num(c.envelope)} MNOK"
    )
    if len(over):
        years = ", ".join(str(y) for y in over["year"])
        extra = -float(over["headroom"].sum())
        money = (
            f"Styret forplikter {name} til investeringer på til sammen {_num(c.investment)} MNOK i {first}–{last}. "
            f"I {years} går planen over investeringsrammen med til sammen {_num(extra)} MNOK, og styret ber "
            "administrasjonen legge fram finansiering eller tiltak for disse årene"
        )
    points.append(money + ".")
    if len(c.joint):
        points.append(
            f"Styret slutter seg til at {name} bærer sin andel av {len(c.joint)} felles tiltak, til sammen "
            f"{_num(float(c.joint['region_cost'].sum()))} MNOK etter fordelingsnøklene i planen."
        )
    if len(c.led):
        ids = ", ".join(c.led["id"].astype(str))
        points.append(f"{name} er hovedsamarbeidspart for {len(c.led)} tiltak i planen ({ids}).")
    earlier = _earlier_treatment(paper)
    if earlier:
        points.append(f"Styret viser til at {earlier}.")
    points.append(
        "Planen blir styrende plan når alle parter som skal godkjenne den, har godkjent samme versjon. "
        "Endres planen eller grunnlaget etter godkjenning, legges ny versjon fram til behandling."
    )
    return points


def _earlier_treatment(paper: RegionPaper) -> str:
    parts = []
    for party in paper.treatment:
        decision = party.decision
        if party.body.stage >= paper.body.stage or decision is None or not decision.passes:
            continue
        verb = ACTION_NOUNS.get(party.body.action, "behandlet")
        when = date_text(decision.meeting_date, "nb")
        parts.append(f"{party.body.name} {verb} planen {when} ({decision.case_number})")
    return " og ".join(parts)
