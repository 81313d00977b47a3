"""Plans at a confidence level and the price of predictability (issue 30, items 1 and 2).

:func:`robust_plan` makes the plan of a scenario that keeps each envelope (or each pool's
total) in a chosen share of sampled futures and checks it on fresh ones;
:func:`price_of_predictability` compares such plans at several levels with the
point-estimate plan. ``docs/model.md`` has the formulations and why the scenario-based MILP
is the default.
"""

from planning.robust.holding import Holding, holding
from planning.robust.options import LEVELS, METHODS, TOLERANCE, RobustOptions
from planning.robust.plan import RobustPlan, robust_plan
from planning.robust.price import price_frame, price_of_predictability

__all__ = [
    "LEVELS",
    "METHODS",
    "TOLERANCE",
    "Holding",
    "RobustOptions",
    "RobustPlan",
    "holding",
    "price_frame",
    "price_of_predictability",
    "robust_plan",
]
