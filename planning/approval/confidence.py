"""How sure each region's spend and go-lives are under the plan a case treats.

The case's plan is lived through sampled futures (:func:`planning.uncertainty.run.simulate_plan`,
issue 29); each board paper then shows its region's spend per year at P50 and P85 (the
*styringsramme* and *kostnadsramme* levels of the state's KS2 practice) beside its envelope, and
the chance that each initiative the region takes part in goes live by its planned period.
"""

from __future__ import annotations

import pandas as pd

from planning.approval.commitments import RegionCommitments, region_commitments
from planning.approval.paper import DEFAULT_LANGUAGE, Confidence, RegionPaper, region_papers
from planning.approval.status import CaseStatus
from planning.domain.portfolio import Portfolio
from planning.messages.render import N_, gettext_in, number
from planning.uncertainty.run import Simulation, SimulationOptions, simulate_plan


def case_simulation(status: CaseStatus, portfolio: Portfolio, options: SimulationOptions | None = None) -> Simulation:
    """The case's current plan lived through sampled futures of the scenario it was made for."""
    stored = status.plan
    return simulate_plan(portfolio, stored.plan, stored.scenario, options)


def region_confidence(simulation: Simulation, commitments: RegionCommitments,
                      language: str = DEFAULT_LANGUAGE) -> Confidence:  # fmt: skip
    """The region's spend per year at P50 / P85 and the on-time chance of the initiatives it takes part in,
    with a note in ``language`` on how they were found."""
    years = simulation.pool_years
    mine = years[years["pool"] == commitments.region] if len(years) else years
    spend = pd.DataFrame(
        {
            "year": mine["year"].astype(int).to_numpy() if len(mine) else [],
            "envelope": mine["envelope"].astype(float).to_numpy() if len(mine) else [],
            "p50": mine["p50"].astype(float).to_numpy() if len(mine) else [],
            "p85": mine["p85"].astype(float).to_numpy() if len(mine) else [],
            "p_within": mine["p_within"].astype(float).to_numpy() if len(mine) else [],
        }
    )
    delivered = simulation.initiatives
    ids = [i for i in commitments.go_lives["id"] if i in delivered.index]
    delivery = pd.DataFrame(
        {
            "id": ids,
            "name": [str(delivered.at[i, "name"]) for i in ids],
            "go_live": [str(delivered.at[i, "finish"]) for i in ids],
            "on_time": [float(delivered.at[i, "p_on_time"]) for i in ids],
        }
    )
    return Confidence(spend=spend, delivery=delivery, note=confidence_note(simulation, language))


OPTION_WORDS = {
    "triangular": N_("triangular"),
    "pert": N_("PERT"),
    "lead_region": N_("lead region (supplier)"),
    "area": N_("area of effort"),
    "defer": N_("what has not started is postponed, so the envelope holds and the price shows in the delivery "
                "confidence"),
    "report": N_("the overrun is reported"),
}  # fmt: skip
"""The simulation's option values in the papers' words (English; translated where written)."""


def confidence_note(simulation: Simulation, language: str = DEFAULT_LANGUAGE) -> str:
    """How the figures were found, in ``language``."""
    _ = gettext_in(language)
    options = simulation.options

    def word(value: str) -> str:
        return _(OPTION_WORDS[value]) if value in OPTION_WORDS else value

    return _("Simulated with {samples} possible futures (seed {seed}, {distribution} distribution, correlation "
             "{correlation} by {correlate_by}; on overrun: {policy}). P50 is the amount the region stays within in "
             "half of the futures (management budget), P85 in 85 of 100 (cost frame).").format(
        samples=number(options.samples, language), seed=options.seed, distribution=word(options.distribution),
        correlation=number(options.correlation, language, 2), correlate_by=word(options.correlate_by),
        policy=word(options.policy))  # fmt: skip


def papers_with_confidence(
    status: CaseStatus, portfolio: Portfolio, options: SimulationOptions | None = None,
    language: str = DEFAULT_LANGUAGE,
) -> list[RegionPaper]:  # fmt: skip
    """Every board paper of the case with its region's P50 / P85 spend and delivery confidence, in ``language``."""
    simulation = case_simulation(status, portfolio, options)
    regions = [str(body.region) for body in status.case.bodies if body.region is not None]
    confidence = {
        region: region_confidence(simulation, region_commitments(portfolio, status.plan, region), language)
        for region in regions
    }
    return region_papers(status, portfolio, confidence=confidence, language=language)
