"""How to make a plan at a confidence level: the level, what must hold, the method, the futures."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from planning.messages.phrases import phrase
from planning.optimise.chance import SCOPES
from planning.uncertainty.distributions import DISTRIBUTIONS, check_distribution
from planning.uncertainty.run import MAX_SEED, SimulationOptions
from planning.uncertainty.sampling import DEFAULT_CORRELATION, GROUPINGS, MAX_SAMPLES

METHODS = ("contingency", "saa")
"""``contingency`` (the default): the point-estimate MILP on envelopes cut by a reserve
calibrated by simulation; ``saa``: the scenario-based MILP (sample average approximation).
``docs/model.md`` compares them on the sample and says why the default is the default."""
LEVELS = (0.5, 0.7, 0.85, 0.95)
"""The confidence levels the price of predictability compares with the point-estimate plan."""
MIN_CONFIDENCE, MAX_CONFIDENCE = 0.5, 0.99
DEFAULT_CONFIDENCE = 0.85
DEFAULT_PLANNING_SAMPLES = 200
DEFAULT_CHECK_SAMPLES = 2000
MAX_PLANNING_SAMPLES = 2000
"""More futures make a MILP with that many binaries per row; 200 is what the benchmark proves in time."""
TOLERANCE = 0.02
"""How far the out-of-sample holding may lie from the target and still count as reached."""
CHECK_SEED_OFFSET = 1_000_003
"""The fresh seed of the out-of-sample check: the planning seed plus this (never the same futures)."""


@dataclass(frozen=True)
class RobustOptions:
    """A confidence level, what must hold, the method, and the futures to plan with and check on."""

    confidence: float = DEFAULT_CONFIDENCE
    scope: str = SCOPES[0]
    method: str = METHODS[0]
    samples: int = DEFAULT_PLANNING_SAMPLES
    seed: int = 1
    check_samples: int = DEFAULT_CHECK_SAMPLES
    policy: str = "report"
    """How the futures are lived: ``report`` keeps the plan as made (nothing deferred)."""
    distribution: str = DISTRIBUTIONS[0]
    correlation: float = DEFAULT_CORRELATION
    correlate_by: str = GROUPINGS[0]
    time_limit: float | None = None
    """Seconds for the solver (the scenario's ``time_limit`` when None)."""

    @property
    def check_seed(self) -> int:
        return (self.seed + CHECK_SEED_OFFSET) % (MAX_SEED + 1)

    def checked(self) -> RobustOptions:
        """These options when every one is allowed, else a ``ValueError`` naming the option."""
        _within("confidence", self.confidence, MIN_CONFIDENCE, MAX_CONFIDENCE)
        _within("samples", self.samples, 1, MAX_PLANNING_SAMPLES)
        _within("check_samples", self.check_samples, 1, MAX_SAMPLES)
        if self.scope not in SCOPES:
            raise ValueError(f"confidence scope '{self.scope}' is not known; use one of {', '.join(SCOPES)}")
        if self.method not in METHODS:
            raise ValueError(f"method '{self.method}' is not known; use one of {', '.join(METHODS)}")
        if self.time_limit is not None:
            _within("time_limit", self.time_limit, 0.1, 86400)
        check_distribution(self.distribution)
        self.simulation(planning=True).checked()
        return self

    def simulation(self, *, planning: bool) -> SimulationOptions:
        """The simulation of the planning futures (``planning``) or of the fresh out-of-sample ones."""
        samples, seed = (self.samples, self.seed) if planning else (self.check_samples, self.check_seed)
        return SimulationOptions(samples, seed, self.policy, self.distribution, self.correlation, self.correlate_by)

    def at(self, confidence: float) -> RobustOptions:
        return replace(self, confidence=confidence)


def _within(option: str, value: float, low: float, high: float) -> None:
    if (isinstance(value, float) and not math.isfinite(value)) or not low <= value <= high:
        raise ValueError(phrase("option_out_of_range", option=option, value=value, low=low, high=high))
