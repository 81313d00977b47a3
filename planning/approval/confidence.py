"""How sure each region's spend and go-lives are under the plan a case treats.

The case's plan is lived through sampled futures (:func:`planning.uncertainty.run.simulate_plan`,
issue 29); each board paper then shows its region's spend per year at P50 and P85 (the
*styringsramme* and *kostnadsramme* levels of the state's KS2 practice) beside its envelope, and
the chance that each initiative the region takes part in goes live by its planned period.
"""

from __future__ import annotations

import pandas as pd

from planning.approval.commitments import RegionCommitments, region_commitments
from planning.approval.paper import Confidence, RegionPaper, region_papers
from planning.approval.status import CaseStatus
from planning.domain.portfolio import Portfolio
from planning.uncertainty.run import Simulation, SimulationOptions, simulate_plan


def case_simulation(status: CaseStatus, portfolio: Portfolio, options: SimulationOptions | None = None) -> Simulation:
    """The case's current plan lived through sampled futures of the scenario it was made for."""
    stored = status.plan
    return simulate_plan(portfolio, stored.plan, stored.scenario, options)


def region_confidence(simulation: Simulation, commitments: RegionCommitments) -> Confidence:
    """The region's spend per year at P50 / P85 and the on-time chance of the initiatives it takes part in."""
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
    return Confidence(spend=spend, delivery=delivery, note=confidence_note(simulation))


NB_WORDS = {
    "triangular": "triangulær",
    "pert": "PERT",
    "lead_region": "ansvarlig region (leverandør)",
    "area": "innsatsområde",
    "defer": "det som ikke er startet utsettes, så rammen holdes og prisen viser seg i leveransesikkerheten",
    "report": "overskridelsen rapporteres",
}
"""The simulation's option values in the papers' bokmål."""


def confidence_note(simulation: Simulation) -> str:
    """How the figures were found, in the papers' bokmål."""
    options = simulation.options
    correlation = f"{options.correlation:.2f}".replace(".", ",")
    return (
        f"Simulert med {options.samples} mulige utfall (frø {options.seed}, "
        f"{NB_WORDS.get(options.distribution, options.distribution)} fordeling, korrelasjon {correlation} "
        f"etter {NB_WORDS.get(options.correlate_by, options.correlate_by)}; ved overskridelse: "
        f"{NB_WORDS.get(options.policy, options.policy)}). P50 er beløpet regionen holder seg innenfor i "
        "halvparten av utfallene (styringsramme), P85 i 85 av 100 (kostnadsramme)."
    )


def papers_with_confidence(
    status: CaseStatus, portfolio: Portfolio, options: SimulationOptions | None = None
) -> list[RegionPaper]:
    """Every board paper of the case with its region's P50 / P85 spend and delivery confidence."""
    simulation = case_simulation(status, portfolio, options)
    regions = [str(body.region) for body in status.case.bodies if body.region is not None]
    confidence = {
        region: region_confidence(simulation, region_commitments(portfolio, status.plan, region)) for region in regions
    }
    return region_papers(status, portfolio, confidence=confidence)
