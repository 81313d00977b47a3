"""The portfolio's tables, declared once.

Each SQLModel class below is the single declaration of one table: its columns, their
types, units, defaults, descriptions and allowed values. :mod:`planning.domain.columns` reads
these declarations to drive validation, the spreadsheet template and
``docs/data-model.md``.

Table models do not validate on ``__init__``; validate through ``Model.model_validate``.
List and mapping cells (``participating_regions``, ``cost_profile``, ``custom_shares``)
are stored as JSON.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import ValidationInfo, field_validator
from sqlalchemy import JSON
from sqlmodel import Field, SQLModel

from planning.domain.numbers import check_items, number_shape, refuse_non_numbers
from planning.messages.message import joined
from planning.messages.phrases import phrase

AREAS = (
    "journal_collaboration",
    "home_follow_up",
    "citizen_services",
    "shared_infrastructure",
)
STATUSES = ("proposed", "approved", "started", "completed", "stopped")
COST_SHARING_KEYS = ("population", "equal", "lead", "custom")
RISKS = ("low", "medium", "high")
POOL_KINDS = ("region", "national")
PERIOD_LENGTHS = ("year", "half-year", "quarter")
DEPENDENCY_KINDS = ("finish_to_start", "start_to_start")
CAPACITY_BASES = ("execution", "go_live")
BENEFIT_TYPES = ("efficiency", "freed_capacity", "other_actors", "quality")
BENEFIT_THEMES = ("time_saved", "quality", "patient_safety", "cost_reduction")
OBJECTIVES = ("npv", "benefit", "earliest_completion")
CONFIDENCE_SCOPES = ("envelope", "pool_total")
"""What a plan at a confidence level must hold: each envelope (pool-period) or each pool's total over the horizon."""
OBLIGATIONS = ("none", "statutory", "equity")
"""Why an initiative may have to be done whatever it pays: nothing, a law (lovpålagt), or equal
access to health services (likeverd), such as services in the Sami languages."""
MAX_MNOK = 1_000_000.0
"""Upper bound of an estimate in MNOK (one trillion kroner): far above any e-health investment."""
MAX_BENEFIT_FACTOR = 10.0
"""Upper bound of a benefit share: ten times the stated benefit."""

# Every number column has a finite range, declared on it below (docs/security.md, "Limits").
MAX_MNOK = 1_000_000
"""Largest sum of money in any column: a million MNOK (a thousand billion kroner), beyond any
initiative's cost, envelope or yearly benefit, and well inside what the solver handles exactly."""
MAX_INDICATOR = 1_000_000_000_000
"""Largest size of an indicator value (baseline, target, measurement) in its own unit."""
MAX_CAPACITY = 1_000_000
"""Largest capacity limit, and largest use of one capacity pool, per period."""
MAX_FACTOR = 10
"""Largest multiplier on envelopes (an ambition level's factor, a scenario's budget factor)."""
MAX_SCORE = 5
"""Largest non-monetised criteria score."""


def column(
    default: Any = ...,
    *,
    description: str,
    unit: str | None = None,
    allowed: tuple[str, ...] | None = None,
    json: bool = False,
    item_range: tuple[float, float] | None = None,
    **kwargs: Any,
) -> Any:
    """Declare a column: a ``Field`` that also carries its unit and allowed values.

    A single number's range is pydantic's ``ge``/``gt`` and ``le``; ``item_range`` is the
    (lowest, highest) of each value in a list or pairs of numbers.
    """
    extra: dict[str, Any] = {}
    if unit is not None:
        extra["unit"] = unit
    if allowed is not None:
        extra["allowed"] = list(allowed)
    if item_range is not None:
        extra["item_range"] = list(item_range)
    if json:
        kwargs["sa_type"] = JSON
    if isinstance(default, (list, dict)):
        factory = list if isinstance(default, list) else dict
        return Field(
            default_factory=factory,
            description=description,
            schema_extra={"json_schema_extra": extra},
            **kwargs,
        )
    return Field(default, description=description, schema_extra={"json_schema_extra": extra}, **kwargs)


def id_column(description: str) -> Any:
    return Field(
        primary_key=True,
        min_length=1,
        max_length=64,
        description=description,
        schema_extra={"json_schema_extra": {}},
    )


class Record(SQLModel):
    """Base of every table: checks numbers (:mod:`planning.domain.numbers`) and each column's allowed
    values on ``model_validate``."""

    @field_validator("*", mode="before")
    @classmethod
    def _check_numbers(cls, value: Any, info: ValidationInfo) -> Any:
        shape = None if info.field_name is None else number_shape(cls.model_fields[info.field_name].annotation)
        if shape is not None and value is not None:
            refuse_non_numbers(value, shape)
        return value

    @field_validator("*", mode="after")
    @classmethod
    def _check_allowed(cls, value: Any, info: ValidationInfo) -> Any:
        if info.field_name is None:
            return value
        extra = cls.model_fields[info.field_name].json_schema_extra
        allowed = extra.get("allowed") if isinstance(extra, dict) else None
        if isinstance(allowed, list) and value is not None and value not in allowed:
            choices = ", ".join(str(a) for a in allowed)
            raise ValueError(joined((phrase("not_allowed", value=value), phrase("fix_use_one_of", choices=choices))))
        item_range = extra.get("item_range") if isinstance(extra, dict) else None
        if isinstance(item_range, list):
            check_items(value, float(item_range[0]), float(item_range[1]))  # type: ignore[arg-type]
        return value


class FundingPool(Record, table=True):
    """Who pays: a regional health authority or a national funder."""

    __tablename__ = "funding_pool"
    id: str = id_column("Short code, for example HSO, HV, HMN, HN, NHN.")
    name: str = column(description="Full name, for example Helse Sør-Øst.", max_length=200)
    kind: str = column("region", description="Regional authority or national funder.", allowed=POOL_KINDS)
    population_share: float | None = column(
        None,
        description="Share of the population served (regions), used by the population key.",
        unit="fraction",
        ge=0,
        le=1,
    )
    it_provider: str = column("", description="Regional IT provider, for example Sykehuspartner HF.", max_length=200)
    record_system: str = column("", description="Patient record system in use, for example DIPS Arena.", max_length=200)


class Horizon(Record, table=True):
    """The planning horizon: one row."""

    __tablename__ = "horizon"
    id: str = id_column("Always 'default'.")
    first_year: int = column(description="Calendar year of the first period.", unit="year", ge=2000, le=2100)
    periods: int = column(description="Number of periods in the horizon.", unit="periods", ge=1, le=200)
    period_length: str = column("year", description="Length of one period.", allowed=PERIOD_LENGTHS)


class AmbitionLevel(Record, table=True):
    """A named ambition level, for example Lav, Basis or Høy."""

    __tablename__ = "ambition_level"
    id: str = id_column("Name of the level, for example Basis.")
    rank: int = column(description="Order from lowest (1) to highest ambition.", ge=0, le=1000)
    factor: float = column(
        1.0,
        description="Multiplier on the reference (factor 1) envelope where no explicit envelope is given.",
        unit="fraction",
        ge=0,
        le=MAX_FACTOR,
    )
    description: str = column("", description="What the level means.", max_length=2000)


class Envelope(Record, table=True):
    """Investment envelope (investeringsramme) of one funding pool in one year."""

    __tablename__ = "envelope"
    id: str = id_column("Derived as POOL/YEAR/LEVEL when left empty.")
    funding_pool_id: str = column(description="Funding pool that holds the envelope.", max_length=64)
    year: int = column(description="Calendar year.", unit="year", ge=2000, le=2100)
    ambition_level_id: str = column(description="Ambition level the envelope belongs to.", max_length=64)
    amount: float = column(description="Money available for investment.", unit="MNOK", ge=0, le=MAX_MNOK)


class CapacityPool(Record, table=True):
    """A scarce resource other than money, for example a supplier's delivery capacity."""

    __tablename__ = "capacity_pool"
    id: str = id_column("Short code of the pool.")
    name: str = column(description="What the capacity is.", max_length=200)
    limit: float = column(description="Available per period.", unit="units per period", ge=0, le=MAX_CAPACITY)
    unit: str = column("", description="Unit of the limit, for example go-lives or FTE.", max_length=50)
    basis: str = column(
        "execution",
        description="Used in every period of execution, or only in the go-live period.",
        allowed=CAPACITY_BASES,
    )


class AlternativeGroup(Record, table=True):
    """Mutually exclusive options, for example national storage versus documents at the source."""

    __tablename__ = "alternative_group"
    id: str = id_column("Short code of the group.")
    name: str = column(description="What is being decided.", max_length=200)
    required: bool = column(False, description="Exactly one option must be chosen (else at most one).")
    description: str = column("", description="The dispute behind the choice.", max_length=2000)


class Initiative(Record, table=True):
    """A tiltak: something to deliver, with its cost, timing and sharing."""

    __tablename__ = "initiative"
    id: str = id_column("Stable short id, for example PLL-HV.")
    name: str = column(description="Name of the initiative.", max_length=200)
    description: str = column("", description="What it delivers.", max_length=4000)
    area: str = column(description="Area of the joint plan.", allowed=AREAS)
    lead_region: str = column(description="Funding pool that leads (hovedsamarbeidspart).", max_length=64)
    participating_regions: list[str] = column([], description="Other funding pools taking part.", json=True)
    status: str = column("proposed", description="Where the initiative stands.", allowed=STATUSES)
    duration: int = column(
        description="Periods of execution; for a started initiative, the remaining periods.",
        unit="periods",
        ge=1,
        le=200,
    )
    total_cost: float | None = column(
        None,
        description="Investment cost, spread evenly when no cost profile is given; remaining cost when started.",
        unit="MNOK",
        ge=0,
        le=MAX_MNOK,
    )
    cost_profile: list[float] = column(
        [],
        description="Cost in each period of execution; its length must equal the duration.",
        unit="MNOK per period",
        json=True,
        item_range=(0, MAX_MNOK),
    )
    cost_sharing: str = column(
        "population", description="Cost-sharing key (fordelingsnøkkel).", allowed=COST_SHARING_KEYS
    )
    custom_shares: dict[str, float] = column(
        {},
        description="Share per funding pool for the custom key; shares sum to 1.",
        unit="fraction",
        json=True,
        item_range=(0, 1),
    )
    earliest_start: str | None = column(None, description="First period it may start, for example 2027.", max_length=16)
    latest_finish: str | None = column(None, description="Last period it may still run in.", max_length=16)
    mandatory: bool = column(False, description="Must be in every plan (for example a legal requirement).")
    alternative_group_id: str | None = column(None, description="Alternative group it is one option of.", max_length=64)
    risk: str = column("medium", description="Delivery risk.", allowed=RISKS)
    strategic_goal: str = column("", description="Strategic goal it serves.", max_length=500)
    capacity_usage: dict[str, float] = column(
        {},
        description="Use of each capacity pool per period (or at go-live, by the pool's basis).",
        unit="units per period",
        json=True,
        item_range=(0, MAX_CAPACITY),
    )
    scores: dict[str, float] = column(
        {},
        description="Non-monetised criteria scores, 0 to 5 each.",
        unit="score",
        json=True,
        item_range=(0, MAX_SCORE),
    )
    cost_low: float | None = column(
        None,
        description="Lowest plausible cost, as total_cost (three-point estimate); blank: the risk class's default.",
        unit="MNOK",
        ge=0,
        le=MAX_MNOK,
    )
    cost_high: float | None = column(
        None,
        description="Highest plausible cost, as total_cost (three-point estimate); blank: the risk class's default.",
        unit="MNOK",
        ge=0,
        le=MAX_MNOK,
    )
    duration_low: int | None = column(
        None,
        description="Fewest plausible periods of execution (three-point estimate); blank: the risk class's default.",
        unit="periods",
        ge=1,
        le=200,
    )
    duration_high: int | None = column(
        None,
        description="Most plausible periods of execution (three-point estimate); blank: the risk class's default.",
        unit="periods",
        ge=1,
        le=200,
    )
    benefit_low: float | None = column(
        None,
        description="Lowest plausible share of the stated benefits realised; blank: the risk class's default.",
        unit="fraction",
        ge=0,
        le=MAX_BENEFIT_FACTOR,
    )
    benefit_likely: float | None = column(
        None,
        description="Most likely share of the stated benefits realised (below 1 corrects optimism bias); "
        "blank: the risk class's default.",
        unit="fraction",
        ge=0,
        le=MAX_BENEFIT_FACTOR,
    )
    benefit_high: float | None = column(
        None,
        description="Highest plausible share of the stated benefits realised; blank: the risk class's default.",
        unit="fraction",
        ge=0,
        le=MAX_BENEFIT_FACTOR,
    )
    stop_probability: float | None = column(
        None,
        description="Probability that the initiative is stopped before delivery; blank: the risk class's default.",
        unit="fraction",
        ge=0,
        le=1,
    )
    obligation: str = column(
        "none",
        description="A duty to do it whatever it pays: statutory (a law requires it) or equity (equal access, "
        "for example services in the Sami languages). Kept in every plan unless the scenario releases obligations.",
        allowed=OBLIGATIONS,
    )
    obligation_note: str = column(
        "", description="The law or duty behind the obligation, for example 'sameloven kap. 3'.", max_length=500
    )


class Dependency(Record, table=True):
    """Successor waits for predecessor."""

    __tablename__ = "dependency"
    id: str = id_column("Derived as PREDECESSOR->SUCCESSOR when left empty.")
    predecessor_id: str = column(description="Initiative that comes first.", max_length=64)
    successor_id: str = column(description="Initiative that waits.", max_length=64)
    kind: str = column("finish_to_start", description="Finish-to-start or start-to-start.", allowed=DEPENDENCY_KINDS)
    lag: int = column(
        0,
        description="Periods between the predecessor's finish (or start) and the successor's start.",
        unit="periods",
        ge=0,
        le=100,
    )


class Benefit(Record, table=True):
    """A gevinst following DFØ's benefit-realisation method."""

    __tablename__ = "benefit"
    id: str = id_column("Stable short id of the benefit.")
    initiative_id: str = column(description="Initiative that yields the benefit.", max_length=64)
    title: str = column(description="What improves.", max_length=200)
    type: str = column("efficiency", description="DFØ benefit type.", allowed=BENEFIT_TYPES)
    theme: str = column("time_saved", description="Benefit theme.", allowed=BENEFIT_THEMES)
    beneficiary: str = column("", description="Who sees the benefit.", max_length=200)
    owner: str = column("", description="Benefit owner in the line organisation (gevinstansvarlig).", max_length=200)
    indicator: str = column("", description="Indicator that measures it.", max_length=200)
    unit: str = column("", description="Unit of the indicator.", max_length=50)
    baseline_value: float | None = column(
        None, description="Baseline measurement (nullpunktsmåling).", ge=-MAX_INDICATOR, le=MAX_INDICATOR
    )
    baseline_date: dt.date | None = column(None, description="Date of the baseline measurement.")
    target_value: float | None = column(
        None, description="Target value (målverdi).", ge=-MAX_INDICATOR, le=MAX_INDICATOR
    )
    target_date: dt.date | None = column(None, description="Date the target should be reached.")
    monetised: bool = column(True, description="Valued in money (prissatt).")
    annual_value: float = column(
        0.0, description="Yearly value at full effect.", unit="MNOK per year", ge=0, le=MAX_MNOK
    )
    ramp_up: list[float] = column(
        [],
        description="Share of full effect in each year after the lag; full effect after the list ends.",
        unit="fraction",
        json=True,
        item_range=(0, 1),
    )
    lag: int = column(0, description="Years from go-live until the benefit starts.", unit="years", ge=0, le=50)
    lifetime: int = column(10, description="Years the benefit lasts once it starts.", unit="years", ge=1, le=100)


class Measurement(Record, table=True):
    """A realised value of a benefit's indicator."""

    __tablename__ = "measurement"
    id: str = id_column("Derived as BENEFIT/YEAR when left empty.")
    benefit_id: str = column(description="Benefit measured.", max_length=64)
    year: int = column(description="Year the value was realised in.", unit="year", ge=2000, le=2100)
    value: float = column(
        description="Realised value, in the benefit's indicator unit (MNOK if monetised).",
        ge=-MAX_INDICATOR,
        le=MAX_INDICATOR,
    )
    comment: str = column("", description="Source or remark.", max_length=2000)
    entered_by: str = column("", description="Who entered the value.", max_length=200)
    entered_at: dt.datetime | None = column(None, description="When the value was entered.")


class Scenario(Record, table=True):
    """A named question to the optimiser."""

    __tablename__ = "scenario"
    id: str = id_column("Name of the scenario.")
    description: str = column("", description="What the scenario explores.", max_length=2000)
    ambition: dict[str, str] = column(
        {}, description="Ambition level per funding pool; pools not named use the reference level.", json=True
    )
    budget_factor: float = column(
        1.0,
        description="Multiplier on every envelope, for example 0.8 for a 20 % cut.",
        unit="fraction",
        ge=0,
        le=MAX_FACTOR,
    )
    envelope_overrides: dict[str, float] = column(
        {},
        description="Envelope per POOL/YEAR that replaces the ambition level's.",
        unit="MNOK",
        json=True,
        item_range=(0, MAX_MNOK),
    )
    forced_in: list[str] = column([], description="Initiatives that must be in the plan.", json=True)
    forced_out: list[str] = column([], description="Initiatives that must stay out.", json=True)
    locked_starts: dict[str, str] = column({}, description="Fixed start period per initiative.", json=True)
    discount_rate: float = column(
        0.04, description="Real discount rate (kalkulasjonsrente), R-109.", unit="fraction per year", ge=0, le=1
    )
    objective: str = column("npv", description="What to optimise.", allowed=OBJECTIVES)
    score_weight: float = column(
        0.0, description="Value of one score point per initiative done.", unit="MNOK", ge=0, le=MAX_MNOK
    )
    completion_targets: list[str] = column(
        [],
        description="Initiatives whose finish the earliest-completion objective minimises; empty means the mandatory "
        "and started ones, or every initiative when there are none.",
        json=True,
    )
    carry_over: float = column(
        0.0, description="Fraction of unspent budget moved to the next period.", unit="fraction", ge=0, le=1
    )
    allow_stopping_started: bool = column(False, description="Started initiatives may be stopped.")
    release_obligations: bool = column(
        False,
        description="Statutory and equity obligations may be left out like any initiative (the plan then says so at "
        "the top).",
    )
    periods: int | None = column(None, description="Shorter horizon than the portfolio's, in periods.", ge=1, le=200)
    time_limit: float = column(60.0, description="Solver time limit.", unit="seconds", gt=0, le=86400)
    confidence: float | None = column(
        None,
        description="Plan at this confidence: what must hold holds in at least this share of sampled futures "
        "(wherever the scenario is optimised); blank means the point estimates.",
        unit="fraction",
        ge=0.5,
        le=0.99,
    )
    confidence_scope: str = column(
        "envelope",
        description="What must hold at the confidence: each envelope (pool-period) or each pool's total over the "
        "horizon.",
        allowed=CONFIDENCE_SCOPES,
    )


class CapacityLimit(Record, table=True):
    """A capacity pool's limit in one period, where it differs from the pool's own limit:
    a supplier's team grows, or summer holidays halve what can be done in a quarter."""

    __tablename__ = "capacity_limit"
    id: str = id_column("Derived as POOL/PERIOD when left empty.")
    capacity_pool_id: str = column(description="Capacity pool the limit is for.", max_length=64)
    period: str = column(
        description="Period label, for example 2028, 2028H2 or 2028Q3; a year in a finer horizon means each of its "
        "periods that has no row of its own.",
        max_length=16,
    )
    limit: float = column(description="Available in that period.", unit="units per period", ge=0, le=MAX_CAPACITY)


TABLE_MODELS: dict[str, type[Record]] = {
    "funding_pool": FundingPool,
    "horizon": Horizon,
    "ambition_level": AmbitionLevel,
    "envelope": Envelope,
    "capacity_pool": CapacityPool,
    "capacity_limit": CapacityLimit,
    "alternative_group": AlternativeGroup,
    "initiative": Initiative,
    "dependency": Dependency,
    "benefit": Benefit,
    "measurement": Measurement,
    "scenario": Scenario,
}
"""Every portfolio table by name, in load order (referenced tables first)."""
