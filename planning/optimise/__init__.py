"""The optimiser: proposes delivery plans within budgets, capacity and dependencies.

``optimise(portfolio, scenario)`` is the entry point; see ``docs/model.md`` for the maths.
"""

from __future__ import annotations

from planning.optimise.inputs import PlanInputs, Stability, plan_inputs
from planning.optimise.plan import Plan, SolverFacts
from planning.optimise.solve import optimise

__all__ = ["Plan", "PlanInputs", "SolverFacts", "Stability", "optimise", "plan_inputs"]
