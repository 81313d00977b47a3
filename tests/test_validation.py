"""Cross-table validation: each rule broken once in a small portfolio, found at its table/row/field.

The ``raw`` fixture (``tests/conftest.py``) is a valid portfolio of pools A, B (regions)
and N (national), initiatives X, Y and Z over 2026-2029, and dependency X -> Y.
"""

from __future__ import annotations

from typing import Any

import pytest

from planning.domain.loading import build_portfolio, parse_portfolio
from planning.domain.portfolio import Portfolio
from planning.domain.problems import Problem
from planning.domain.validation import validate
from tests.conftest import small_raw_portfolio

Raw = dict[str, list[dict[str, Any]]]


def problems_of(raw: Raw) -> list[Problem]:
    return parse_portfolio(raw).problems


def at(problems: list[Problem], location: str) -> Problem:
    """The one error at ``table/row/field``."""
    found = [p for p in problems if p.location == location and p.severity == "error"]
    assert len(found) == 1, f"expected one error at {location}, got: {[str(p) for p in problems]}"
    assert found[0].fix, f"{found[0]} says how to fix it"
    return found[0]


def row(raw: Raw, table: str, row_id: str) -> dict[str, Any]:
    return next(r for r in raw[table] if r.get("id") == row_id)


def python_built(raw: Raw, table: str, row_id: str, **values: Any) -> Portfolio:
    """The small portfolio with one row's values set in its DataFrame, unchecked, as Python code
    may build one; the cross-table rules still catch what the column declarations would."""
    portfolio = build_portfolio(small_raw_portfolio())
    frame = portfolio.table(table)
    for name, value in values.items():
        frame.at[row_id, name] = value
    return portfolio


def test_the_small_portfolio_is_valid(raw: Raw) -> None:
    result = parse_portfolio(raw)
    assert result.problems == []
    assert result.ok and result.portfolio is not None
    assert list(result.portfolio.initiatives.index) == ["X", "Y", "Z"]


# --- unknown ids -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("table", "row_id", "field", "value", "message"),
    [
        ("initiative", "X", "lead_region", "Q", "unknown funding pool 'Q'"),
        ("initiative", "X", "participating_regions", ["B", "Q"], "unknown funding pool 'Q'"),
        ("initiative", "X", "capacity_usage", {"SUP": 1, "Q": 1}, "unknown capacity pool 'Q'"),
        ("initiative", "X", "alternative_group_id", "Q", "unknown alternative group 'Q'"),
        ("benefit", "BX", "initiative_id", "Q", "unknown initiative 'Q'"),
    ],
)
def test_unknown_references(raw: Raw, table: str, row_id: str, field: str, value: Any, message: str) -> None:
    row(raw, table, row_id)[field] = value
    problem = at(problems_of(raw), f"{table}/{row_id}/{field}")
    assert problem.message == message
    assert problem.fix.startswith("use one of: ")


def test_unknown_pool_in_custom_shares(raw: Raw) -> None:
    row(raw, "initiative", "X").update(cost_sharing="custom", custom_shares={"A": 0.5, "Q": 0.5})
    problem = at(problems_of(raw), "initiative/X/custom_shares")
    assert problem.message == "unknown funding pool 'Q'"
    assert problem.fix == "use one of: A, B, N"


def test_unknown_dependency_ends(raw: Raw) -> None:
    raw["dependency"] = [{"predecessor_id": "Q", "successor_id": "R"}]
    problems = problems_of(raw)
    assert at(problems, "dependency/Q->R/predecessor_id").message == "unknown initiative 'Q'"
    assert at(problems, "dependency/Q->R/successor_id").message == "unknown initiative 'R'"


def test_unknown_measured_benefit(raw: Raw) -> None:
    raw["measurement"] = [{"benefit_id": "BQ", "year": 2027, "value": 1}]
    assert at(problems_of(raw), "measurement/BQ/2027/benefit_id").message == "unknown benefit 'BQ'"


def test_unknown_envelope_pool_and_level(raw: Raw) -> None:
    raw["envelope"] = [{"funding_pool_id": "Q", "year": 2026, "ambition_level_id": "Høy", "amount": 1}]
    problems = problems_of(raw)
    assert at(problems, "envelope/Q/2026/Høy/funding_pool_id").message == "unknown funding pool 'Q'"
    problem = at(problems, "envelope/Q/2026/Høy/ambition_level_id")
    assert problem.message == "unknown ambition level 'Høy'"
    assert problem.fix == "use one of: Basis, Lav"


def test_unknown_scenario_references(raw: Raw) -> None:
    raw["scenario"] = [
        {
            "id": "S",
            "ambition": {"Q": "Lav", "B": "Høy"},
            "forced_in": ["QI"],
            "forced_out": ["QO"],
            "completion_targets": ["QT"],
            "locked_starts": {"QL": "2027"},
            "envelope_overrides": {"A/2027": 5, "Q/2027": 5, "A/next": 5},
        }
    ]
    problems = [p for p in problems_of(raw) if p.table == "scenario"]
    assert {(p.field, p.message) for p in problems} == {
        ("ambition", "unknown funding pool 'Q'"),
        ("ambition", "unknown ambition level 'Høy'"),
        ("forced_in", "unknown initiative 'QI'"),
        ("forced_out", "unknown initiative 'QO'"),
        ("completion_targets", "unknown initiative 'QT'"),
        ("locked_starts", "unknown initiative 'QL'"),
        ("envelope_overrides", "'Q/2027' is not POOL/YEAR"),
        ("envelope_overrides", "'A/next' is not POOL/YEAR"),
    }
    assert all(p.row == "S" and p.fix for p in problems)


def test_scenario_forces_an_initiative_in_and_out(raw: Raw) -> None:
    raw["scenario"] = [{"id": "S", "forced_in": ["X", "Y"], "forced_out": ["X"]}]
    problem = at(problems_of(raw), "scenario/S/forced_out")
    assert problem.message == "'X' is forced both in and out"
    assert problem.fix == "remove it from one of the two lists"


def test_scenario_locked_start_outside_the_horizon(raw: Raw) -> None:
    raw["scenario"] = [{"id": "S", "locked_starts": {"X": "2031"}}]
    assert at(problems_of(raw), "scenario/S/locked_starts").message == "2031 is outside the horizon 2026-2029"


# --- dependencies ------------------------------------------------------------------------


def test_self_dependency(raw: Raw) -> None:
    raw["dependency"] = [{"predecessor_id": "X", "successor_id": "X"}]
    problems = problems_of(raw)
    problem = at(problems, "dependency/X->X/successor_id")
    assert problem.message == "an initiative cannot depend on itself"
    assert not [p for p in problems if "cycle" in p.message]  # a self-loop is not also a cycle


def test_dependency_cycle_is_named(raw: Raw) -> None:
    raw["dependency"] = [
        {"predecessor_id": "X", "successor_id": "Y"},
        {"predecessor_id": "Y", "successor_id": "Z"},
        {"predecessor_id": "Z", "successor_id": "X"},
    ]
    problem = at(problems_of(raw), "dependency/Z->X/predecessor_id")
    assert problem.message == "dependency cycle X -> Y -> Z -> X"
    assert problem.fix == "remove or reverse one dependency in the cycle"


def test_every_cycle_is_reported(raw: Raw) -> None:
    raw["dependency"] = [
        {"predecessor_id": "X", "successor_id": "Y"},
        {"predecessor_id": "Y", "successor_id": "X"},
        {"predecessor_id": "Y", "successor_id": "Z", "kind": "start_to_start"},
        {"predecessor_id": "Z", "successor_id": "Y"},
    ]
    cycles = sorted(p.message for p in problems_of(raw))
    assert cycles == ["dependency cycle X -> Y -> X", "dependency cycle Y -> Z -> Y"]


# --- costs and shares --------------------------------------------------------------------


def test_missing_cost(raw: Raw) -> None:
    del row(raw, "initiative", "X")["total_cost"]
    problem = at(problems_of(raw), "initiative/X/total_cost")
    assert problem.message == "no cost given"
    assert "total_cost in MNOK" in problem.fix


def test_negative_cost_in_profile(raw: Raw) -> None:
    row(raw, "initiative", "Y").update(total_cost=None, cost_profile=[3, -1])
    problem = at(problems_of(raw), "initiative/Y/cost_profile")
    assert problem.message == "-1 is outside the range 0 to 1000000"  # the column's declared range
    assert problem.fix == "enter a number from 0 to 1000000 (MNOK per period)"
    built = python_built(raw, "initiative", "Y", total_cost=None, cost_profile=[3, -1])
    assert at(validate(built), "initiative/Y/cost_profile").message == "a cost in the profile is negative"


def test_cost_profile_length_differs_from_duration(raw: Raw) -> None:
    row(raw, "initiative", "Y").update(total_cost=None, cost_profile=[1, 2, 3])
    problem = at(problems_of(raw), "initiative/Y/cost_profile")
    assert problem.message == "the profile has 3 values but the duration is 2 periods"
    assert problem.fix == "give one cost per period of execution, or change the duration"


def test_total_cost_disagrees_with_profile(raw: Raw) -> None:
    row(raw, "initiative", "Y").update(total_cost=6, cost_profile=[1, 2])
    assert at(problems_of(raw), "initiative/Y/total_cost").message == "total_cost 6.0 differs from the profile's sum 3"


def test_custom_shares_must_sum_to_one(raw: Raw) -> None:
    row(raw, "initiative", "X").update(cost_sharing="custom", custom_shares={"A": 0.5, "B": 0.4})
    problem = at(problems_of(raw), "initiative/X/custom_shares")
    assert problem.message == "custom shares sum to 0.9, not 1"
    assert problem.fix == "adjust the shares so they add up to 1"


def test_custom_shares_may_not_be_negative(raw: Raw) -> None:
    row(raw, "initiative", "X").update(cost_sharing="custom", custom_shares={"A": 1.5, "B": -0.5})
    assert at(problems_of(raw), "initiative/X/custom_shares").message == "A=1.5 is outside the range 0 to 1"
    built = python_built(raw, "initiative", "X", cost_sharing="custom", custom_shares={"A": 1.5, "B": -0.5})
    assert at(validate(built), "initiative/X/custom_shares").message == "a share is negative"


def test_shares_with_another_key(raw: Raw) -> None:
    row(raw, "initiative", "X")["custom_shares"] = {"A": 1}
    assert at(problems_of(raw), "initiative/X/custom_shares").message == "shares are given but the key is 'lead'"


def test_population_key_needs_a_population_share_for_every_payer(raw: Raw) -> None:
    row(raw, "initiative", "Y")["participating_regions"] = ["A", "N"]
    problem = at(problems_of(raw), "initiative/Y/cost_sharing")
    assert problem.message == "funding pool 'N' has no population share for the population key"
    assert "equal, lead or custom" in problem.fix


def test_national_pool_is_fine_with_the_equal_key(raw: Raw) -> None:
    row(raw, "initiative", "Z")["participating_regions"] = ["N"]
    assert problems_of(raw) == []


# --- windows and periods -----------------------------------------------------------------


def test_earliest_start_after_latest_finish(raw: Raw) -> None:
    row(raw, "initiative", "X").update(earliest_start="2028", latest_finish="2027")
    problem = at(problems_of(raw), "initiative/X/earliest_start")
    assert problem.message == "earliest start 2028 is after latest finish 2027"


def test_window_too_narrow_for_the_duration(raw: Raw) -> None:
    row(raw, "initiative", "Y").update(earliest_start="2027", latest_finish="2027")
    problem = at(problems_of(raw), "initiative/Y/latest_finish")
    assert problem.message == "2 periods do not fit between 2027 and 2027"
    assert problem.fix == "widen the window or shorten the duration"


def test_window_that_just_fits(raw: Raw) -> None:
    row(raw, "initiative", "Y").update(earliest_start="2028", latest_finish="2029")
    assert problems_of(raw) == []


@pytest.mark.parametrize(("field", "label"), [("earliest_start", "2025"), ("latest_finish", "2030")])
def test_periods_outside_the_horizon(raw: Raw, field: str, label: str) -> None:
    row(raw, "initiative", "X")[field] = label
    problem = at(problems_of(raw), f"initiative/X/{field}")
    assert problem.message == f"{label} is outside the horizon 2026-2029"
    assert problem.fix == "use a period inside the horizon, or extend the horizon"


def test_unparsable_period_label(raw: Raw) -> None:
    row(raw, "initiative", "X")["earliest_start"] = "next year"
    problems = [p for p in problems_of(raw) if p.location == "initiative/X/earliest_start"]
    assert [p.message for p in problems] == ["'next year' is not a period; write a year such as 2026"]


def test_quarter_label_in_a_yearly_horizon(raw: Raw) -> None:
    row(raw, "initiative", "X")["earliest_start"] = "2027Q2"
    problems = [p for p in problems_of(raw) if p.location == "initiative/X/earliest_start"]
    assert [p.message for p in problems] == ["'2027Q2' does not fit year periods; write for example 2026"]


def test_envelope_year_outside_the_horizon_is_a_warning(raw: Raw) -> None:
    raw["envelope"].append({"funding_pool_id": "A", "year": 2035, "ambition_level_id": "Basis", "amount": 1})
    result = parse_portfolio(raw)
    assert result.ok
    [warning] = result.problems
    assert (warning.location, warning.severity) == ("envelope/A/2035/Basis/year", "warning")
    assert str(warning).startswith("[warning] envelope/A/2035/Basis/year: 2035 is outside the horizon")


# --- alternatives, benefits, ambition levels, horizon -------------------------------------


def test_two_mandatory_alternatives(raw: Raw) -> None:
    for iid in ("X", "Z"):
        row(raw, "initiative", iid).update(mandatory=True, alternative_group_id="G")
    problem = at(problems_of(raw), "initiative/Z/mandatory")
    assert problem.message == "mandatory initiatives X, Z are alternatives in group 'G'; only one can be done"


def test_one_mandatory_alternative_is_fine(raw: Raw) -> None:
    row(raw, "initiative", "X").update(mandatory=True, alternative_group_id="G")
    row(raw, "initiative", "Z").update(alternative_group_id="G")
    assert problems_of(raw) == []


@pytest.mark.parametrize("lifetime", [0, -3])
def test_benefit_lifetime_must_be_positive(raw: Raw, lifetime: int) -> None:
    row(raw, "benefit", "BX")["lifetime"] = lifetime
    problem = at(problems_of(raw), "benefit/BX/lifetime")
    assert problem.message == "Input should be greater than or equal to 1"
    assert problem.fix == "enter a whole number from 1 to 100 (years)"
    problem = at(validate(python_built(raw, "benefit", "BX", lifetime=lifetime)), "benefit/BX/lifetime")
    assert problem.message == f"lifetime is {lifetime} years"
    assert problem.fix == "enter a lifetime of at least 1 year"


@pytest.mark.parametrize("ramp_up", [[0.5, 1.2], [-0.1]])
def test_ramp_up_within_zero_and_one(raw: Raw, ramp_up: list[float]) -> None:
    row(raw, "benefit", "BX")["ramp_up"] = ramp_up
    outside = next(share for share in ramp_up if not 0 <= share <= 1)
    assert at(problems_of(raw), "benefit/BX/ramp_up").message == f"{outside:g} is outside the range 0 to 1"
    built = python_built(raw, "benefit", "BX", ramp_up=ramp_up)
    assert at(validate(built), "benefit/BX/ramp_up").message == "ramp-up shares must lie between 0 and 1"


def test_no_reference_ambition_level(raw: Raw) -> None:
    row(raw, "ambition_level", "Basis")["factor"] = 0.9
    problem = at(problems_of(raw), "ambition_level/-/factor")
    assert problem.message == "no ambition level has factor 1"


@pytest.mark.parametrize("rows", [0, 2])
def test_horizon_needs_exactly_one_row(raw: Raw, rows: int) -> None:
    raw["horizon"] = [{"id": f"h{n}", "first_year": 2026, "periods": 4} for n in range(rows)]
    problem = at(problems_of(raw), "horizon/default/-")
    assert problem.message == f"the horizon needs exactly one row, found {rows}"


# --- all at once -------------------------------------------------------------------------


def test_one_call_returns_every_cross_table_problem(raw: Raw) -> None:
    row(raw, "initiative", "X")["lead_region"] = "Q"
    row(raw, "initiative", "Y").update(total_cost=None, cost_profile=[1])
    row(raw, "benefit", "BX")["lifetime"] = 0
    raw["dependency"].append({"predecessor_id": "Y", "successor_id": "X"})
    result = parse_portfolio(raw)
    assert result.portfolio is None and not result.ok
    assert {p.location for p in result.problems} == {
        "initiative/X/lead_region",
        "initiative/Y/cost_profile",
        "benefit/BX/lifetime",
        "dependency/Y->X/predecessor_id",
    }


def test_an_obligation_names_its_law_or_duty(raw: Raw) -> None:
    raw["initiative"][1].update(obligation="equity")
    result = parse_portfolio(raw)
    assert [(p.table, p.row, p.field) for p in result.problems] == [("initiative", "Y", "obligation_note")]
    assert "obligation marked equity needs a note" in result.problems[0].message
    raw["initiative"][1].update(obligation_note="sameloven kap. 3")
    assert parse_portfolio(raw).problems == []


def test_an_unknown_obligation_kind_is_refused_with_the_choices(raw: Raw) -> None:
    raw["initiative"][1].update(obligation="moral")
    (problem,) = parse_portfolio(raw).problems
    assert (problem.row, problem.field) == ("Y", "obligation")
    assert "none, statutory, equity" in problem.fix
