"""Core search: a time-limited plan improved on the binaries the LP relaxation is least sure of.

The hand-worked case is the crowded portfolio of ``test_guided``: HiGHS is left holding
"A in period 0" (NPV 20), the optimum is B in period 0 and A in period 1 (NPV 35). The
property that every improved plan keeps every rule is in ``test_polish``, for both improvers.
"""

from __future__ import annotations

import itertools

import numpy as np
import pulp
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.external import benchmarks_root, check_selection, knapsack_portfolio, load_cases, scenario_for
from bench.formats import Knapsack
from planning.messages.phrases import phrase
from planning.optimise import core, optimise, plan_inputs, solve
from planning.optimise.model import PlanModel, build_model
from planning.optimise.plan import SolverFacts
from planning.optimise.polish import IMPROVEMENT, Polished
from planning.optimise.solve import read_starts
from tests.optimise.test_guided import SCENARIO, crowded, crowded_portfolio
from tests.optimise.test_polish import left_holding


def test_core_search_finds_the_optimum_the_search_missed() -> None:
    model = build_model(crowded())
    heard: list[float] = []
    found = core.core_search(model, seconds=2, plan=left_holding(model, {"A": 0}), on_round=heard.append)
    assert found is not None
    assert found.objective == pytest.approx(35.0) and found.improvements == 1
    assert found.rounds == 1  # three binaries, fewer than MIN_CORE: the core is the whole model at once
    assert heard == [pytest.approx(35.0)]
    assert read_starts(model) == {"A": 1, "B": 0}
    highs = model.problem.solverModel
    lp = highs.getLp()
    assert list(lp.col_lower_) == [0.0, 0.0, 0.0] and list(lp.col_upper_) == [1.0, 1.0, 1.0]  # as built
    assert highs.getOptionValue("objective_bound")[1] == float("inf")  # the cut-off is lifted again
    assert lp.num_row_ == model.problem.numConstraints()  # the row fixing the count is gone again
    assert found.proven  # its one core was the whole model, searched for every count


def test_nothing_to_search_without_a_solved_model() -> None:
    assert core.core_search(build_model(crowded()), seconds=1) is None


def knapsack(profits: list[float], weights: list[float], capacity: float) -> Knapsack:
    return Knapsack("hand", profits, [weights], [capacity], None)


def knapsack_model(instance: Knapsack) -> tuple[PlanModel, dict[int, str]]:
    """The planning model of ``instance``, solved by HiGHS, and the initiative of each start
    binary's column."""
    model = build_model(plan_inputs(knapsack_portfolio(instance), scenario_for("mknapcb1", 5)))
    model.problem.solve(pulp.HiGHS(msg=False))  # HiGHS's model and a plan to start from
    return model, {int(var.index): i for (i, _t), var in model.variables.items()}


def hand_knapsack() -> tuple[PlanModel, dict[int, str]]:
    """One row of capacity 10. By profit per weight: a (3.0) and b (2.0) fill 8, c (1.5, weight 4)
    is the split item, half of it fits; d (0.5) and e (0.1) stay out. The optimum is a and b (19).
    Returns the model, solved by HiGHS, and the initiative of each start binary's column."""
    return knapsack_model(knapsack([9, 10, 6, 2, 1], [3, 5, 4, 4, 10], 10))


def holding(model: PlanModel, names: dict[int, str], *chosen: str) -> np.ndarray:
    """A plan of ``model`` (a value per HiGHS column) that selects ``chosen``."""
    return np.array([1.0 if names.get(c) in chosen else 0.0 for c in range(model.problem.solverModel.getNumCol())])


def test_each_count_is_searched_on_its_own_core(monkeypatch: pytest.MonkeyPatch) -> None:
    # From a plan of a alone (9): two items hold up to 19 in the relaxation (a and b), one item
    # up to 10 (b), none 0, and three cannot reach 9. The count of 2 goes first; its core of one
    # binary is c, the one its relaxation is least sure of (reduced cost 0), with a and b fixed
    # in and d and e out, as the relaxation has them. That finds a and b; then no count's
    # relaxation beats 19, so no other core needs a search: a proof after one.
    model, names = hand_knapsack()
    cores: list[list[str]] = []
    fixed: list[dict[str, float]] = []
    counts: list[int] = []
    fix_outside, fix_count = core._fix_outside, core.Count.fix

    def spy(highs: object, outside: np.ndarray, values: np.ndarray, *rest: np.ndarray) -> None:
        cores.append(sorted(set(names.values()) - {names[int(c)] for c in outside}))
        fixed.append({names[int(c)]: float(np.round(values[c])) for c in outside})
        fix_outside(highs, outside, values, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(core, "_fix_outside", spy)
    monkeypatch.setattr(core.Count, "fix", lambda self, k: (counts.append(k), fix_count(self, k)))
    small_first_cores(monkeypatch)
    found = core.core_search(model, seconds=5, plan=holding(model, names, "I001"))
    assert found is not None and found.objective == pytest.approx(19.0) and found.improvements == 1
    assert found.proven and found.rounds == 1
    assert cores == [["I003"]] and fixed == [{"I001": 1.0, "I002": 1.0, "I004": 0.0, "I005": 0.0}]
    assert counts[-1:] == [2]  # after the relaxations (counts 1, 0, 2, 3), the search of 2 only
    assert read_starts(model) == {"I001": 0, "I002": 0}


def test_no_proof_while_a_count_was_not_ruled_out(monkeypatch: pytest.MonkeyPatch) -> None:
    # As if one count's relaxation had run out of time: core search still finds the optimum,
    # but that proves nothing about the count never searched.
    model, names = hand_knapsack()
    relaxations = core.Count.relaxations

    def unfinished(self: core.Count, *args: object) -> core.CountParts | None:
        found = relaxations(self, *args)  # type: ignore[arg-type]
        return None if found is None else core.CountParts(found.parts, complete=False)

    monkeypatch.setattr(core.Count, "relaxations", unfinished)
    small_first_cores(monkeypatch)
    found = core.core_search(model, seconds=5, plan=holding(model, names, "I001"))
    assert found is not None and found.objective == pytest.approx(19.0)
    assert found.rounds == 1 and not found.proven


def small_first_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cores from one binary, a fifth of them first, so that even a few binaries grow in steps."""
    monkeypatch.setattr(core, "MIN_CORE", 1)
    monkeypatch.setattr(core, "FIRST_SHARE", 0.2)


def cores_searched(monkeypatch: pytest.MonkeyPatch, model: PlanModel) -> list[int]:
    """The size of each core core search searches in ``model``, as it searches them, from
    :func:`small_first_cores`."""
    small_first_cores(monkeypatch)
    sizes: list[int] = []
    fix_outside = core._fix_outside
    binaries = len(model.variables)

    def spy(highs: object, outside: np.ndarray, *rest: np.ndarray) -> None:
        sizes.append(binaries - len(outside))
        fix_outside(highs, outside, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(core, "_fix_outside", spy)
    return sizes


def test_a_count_is_done_when_its_core_holds_every_binary_a_better_plan_could_change(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Capacity 10: a (11, weight 7), b (9, 1), c (1, 4), d (7, 8), e (11, 8), f (4, 4); the
    # optimum is 20 (a and b, or b and e). From a alone (11), core search finds it, and then
    # every binary outside the cores searched last costs the relaxation more than its room
    # above 20 when set otherwise (reduced-cost fixing): the plan is proven optimal before
    # any core holds all six binaries.
    model, names = knapsack_model(knapsack([11, 9, 1, 7, 11, 4], [7, 1, 4, 8, 8, 4], 10))
    sizes = cores_searched(monkeypatch, model)
    found = core.core_search(model, seconds=5, plan=holding(model, names, "I001"))
    assert found is not None and found.objective == pytest.approx(20.0) and found.proven
    assert sizes and max(sizes) < len(names)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(
    items=st.lists(st.tuples(st.integers(1, 12), st.integers(1, 8), st.integers(1, 8)), min_size=3, max_size=7),
    capacities=st.tuples(st.integers(4, 16), st.integers(4, 16)),
)
def test_a_plan_core_search_proves_optimal_is_optimal(
    monkeypatch: pytest.MonkeyPatch, items: list[tuple[int, int, int]], capacities: tuple[int, int]
) -> None:
    # Two rows, from the empty plan; checked against every subset of the items.
    profits = [float(p) for p, _, _ in items]
    weights = [[float(w) for _, w, _ in items], [float(w) for _, _, w in items]]
    model, names = knapsack_model(Knapsack("random", profits, weights, [float(c) for c in capacities], None))
    small_first_cores(monkeypatch)
    found = core.core_search(model, seconds=5, plan=holding(model, names))
    best = max(
        sum(profits[i] for i in chosen)
        for n in range(len(items) + 1)
        for chosen in itertools.combinations(range(len(items)), n)
        if all(sum(row[i] for i in chosen) <= capacity for row, capacity in zip(weights, capacities, strict=True))
    )
    assert found is not None and found.proven  # a few items, five seconds: always proven
    assert found.objective == pytest.approx(best)


def test_a_grown_core_is_searched_only_where_the_smaller_one_was_not() -> None:
    # With a and b held (19) and a row asking for at least one of them otherwise, the best plan
    # left is b and c (16, weight 9); a and c (15) and a and d (11) come after. The row goes again.
    model, names = hand_knapsack()
    highs = model.problem.solverModel
    rows = highs.getNumRow()
    column = {i: c for c, i in names.items()}
    values = holding(model, names, "I001", "I002")
    with core._elsewhere(highs, np.array([column["I001"], column["I002"]]), values):
        assert highs.getNumRow() == rows + 1
        highs.run()
        assert highs.getInfo().objective_function_value == pytest.approx(-16.0)  # HiGHS minimises
    assert highs.getNumRow() == rows
    highs.run()
    assert highs.getInfo().objective_function_value == pytest.approx(-19.0)
    with core._elsewhere(highs, None, values):  # a core's first search: every plan in it
        assert highs.getNumRow() == rows


def test_the_counts_whose_relaxation_may_hold_a_better_plan() -> None:
    model, names = hand_knapsack()
    highs = model.problem.solverModel
    rows = highs.getNumRow()
    binaries = np.array(sorted(names), dtype=np.int64)
    costs = np.array(highs.getLp().col_cost_, dtype=float)
    count = core.Count(highs, core._selections(model))
    from_optimum = count.relaxations(binaries, costs, holding(model, names, "I001", "I002"), 5)
    from_a = count.relaxations(binaries, costs, holding(model, names, "I001"), 5)
    count.remove()
    assert highs.getNumRow() == rows
    assert from_optimum is not None and from_optimum.complete
    assert [(part.k, part.bound) for part in from_optimum.parts] == [(2, pytest.approx(-19.0))]  # HiGHS minimises
    assert from_a is not None and from_a.complete
    assert [(part.k, part.bound) for part in from_a.parts] == [(2, pytest.approx(-19.0)), (1, pytest.approx(-10.0))]
    firsts = [names[int(part.order[0])] for part in from_a.parts]
    assert firsts == ["I003", "I001"]  # each count ranks the binaries by its own relaxation's reduced costs


def facts(status: str, objective: float, bound: float, seconds: float) -> SolverFacts:
    return SolverFacts(status, objective, bound, abs(bound - objective) / objective, seconds, 0.0, 4.0, "HiGHS", "", "")


def staged(
    monkeypatch: pytest.MonkeyPatch, first: SolverFacts, second: SolverFacts, core_plan: dict[str, int] | None = None
) -> SolverFacts:
    """:func:`solve.solve_with_core` with HiGHS's two searches and the core search faked; the
    second search's plan is A in 1 and B in 0 when it has one."""
    runs = iter([(first, {"A": 0}), (second, {"A": 1, "B": 0} if second.objective is not None else {})])
    monkeypatch.setattr(solve, "read_starts", lambda model: core_plan or {"A": 1, "B": 0})
    limits: list[float] = []

    def fake_solve(model: object, *, time_limit: float, **_: object) -> tuple[SolverFacts, dict[str, int]]:
        limits.append(time_limit)
        return next(runs)

    monkeypatch.setattr(solve, "solve_model", fake_solve)
    monkeypatch.setattr(solve, "core_search", lambda model, seconds, **_: Polished(30.0, 3, 1))
    result, starts = solve.solve_with_core(build_model(crowded()), time_limit=4.0, gap=1e-4)
    assert limits[0] == pytest.approx(solve.FIRST_SOLVE_SHARE * 4.0)
    assert limits[1] == pytest.approx(4.0 - first.solve_seconds, abs=0.1)  # the rest, after the core search
    assert starts == {"A": 1, "B": 0}  # the second search's plan, or the core's
    return result


def test_a_core_search_of_the_whole_model_proves_the_plan(monkeypatch: pytest.MonkeyPatch) -> None:
    runs: list[float] = []

    def fake_solve(model: object, *, time_limit: float, **_: object) -> tuple[SolverFacts, dict[str, int]]:
        runs.append(time_limit)
        return facts("time_limit", 20.0, 38.0, 1.0), {"A": 0}

    monkeypatch.setattr(solve, "solve_model", fake_solve)
    monkeypatch.setattr(solve, "read_starts", lambda model: {"A": 1, "B": 0})
    monkeypatch.setattr(solve, "core_search", lambda model, seconds, **_: Polished(35.0, 4, 1, proven=True))
    result, starts = solve.solve_with_core(build_model(crowded()), time_limit=4.0, gap=0.0)
    assert len(runs) == 1  # no second search after the proof
    assert starts == {"A": 1, "B": 0}
    assert result.status == "optimal" and result.objective == 35.0
    assert result.bound == pytest.approx(35.0 * (1 + IMPROVEMENT))  # what the cut-off excluded, no more
    assert result.gap == pytest.approx(IMPROVEMENT)
    assert result.message == phrase("core_proven", rounds=4, improvements=1)


def test_the_tighter_bound_of_the_two_searches_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    result = staged(monkeypatch, facts("time_limit", 20.0, 38.0, 1.0), facts("time_limit", 35.0, 40.0, 2.0))
    assert result.status == "time_limit"
    assert result.objective == 35.0 and result.bound == 38.0
    assert result.gap == pytest.approx(3.0 / 35.0)
    assert result.solve_seconds == pytest.approx(3.0, abs=0.1)  # both searches and the core search
    assert "core search: 3 cores searched, 1 improved the plan" in result.message


def test_a_plan_proven_by_the_first_bound_is_called_optimal(monkeypatch: pytest.MonkeyPatch) -> None:
    result = staged(monkeypatch, facts("time_limit", 20.0, 35.0, 1.0), facts("time_limit", 35.0, 36.0, 2.0))
    assert result.status == "optimal" and result.gap == 0.0 and result.bound == 35.0


def test_the_core_plan_stands_when_the_second_search_finds_none(monkeypatch: pytest.MonkeyPatch) -> None:
    nothing = SolverFacts("error", None, None, None, 2.0, 0.0, 4.0, "HiGHS", "", "", message="error")
    result = staged(monkeypatch, facts("time_limit", 20.0, 38.0, 1.0), nothing, core_plan={"A": 1, "B": 0})
    assert result.status == "time_limit" and result.objective == 30.0  # the core search's plan
    assert result.bound == 38.0 and result.gap == pytest.approx(8.0 / 30.0)


def test_a_plan_proven_at_first_is_not_searched_again(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(solve, "core_search", lambda *_, **__: pytest.fail("no core search after a proof"))
    plan = optimise(crowded_portfolio(), SCENARIO, time_limit=5, explain=False)
    assert plan.facts.status == "optimal" and "core" not in plan.facts.message


def test_the_tighter_bound_depends_on_the_sense() -> None:
    maximised = build_model(crowded())
    assert solve.tighter_bound(maximised, 40.0, 38.0) == 38.0
    assert solve.tighter_bound(maximised, None, 38.0) == 38.0
    assert solve.tighter_bound(maximised, None, None) is None
    maximised.problem.sense = pulp.LpMinimize
    assert solve.tighter_bound(maximised, 40.0, 38.0) == 40.0


@pytest.mark.skipif(
    not (benchmarks_root() / "mknap" / "mknapcb2.txt").is_file(), reason=f"no OR-Library data at {benchmarks_root()}"
)
def test_a_time_limited_knapsack_is_core_searched_and_reported_honestly() -> None:
    case = next(c for c in load_cases("mknapcb2") if c.name == "5.250-07")  # HiGHS takes minutes to prove it
    instance = case.instance
    assert isinstance(instance, Knapsack)
    plan = optimise(knapsack_portfolio(instance), scenario_for("mknapcb2", 4.0), gap=0.0, explain=False)
    result = plan.facts
    assert result.status == "time_limit" and "core search" in result.message
    assert result.objective is not None and result.bound is not None
    value, broken = check_selection(instance, plan.starts)
    assert broken == [] and result.objective == pytest.approx(value)
    assert value <= result.bound and case.reference <= result.bound  # no bound cuts off the best known
    assert result.gap == pytest.approx((result.bound - value) / value)
    assert result.solve_seconds < 4.0 + 2.0
