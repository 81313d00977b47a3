"""Raw rows into a portfolio: types and allowed values through the models, ids, blanks, warnings."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from planning.domain.columns import column_specs, encode_cell
from planning.domain.loading import DERIVED_IDS, build_portfolio, check_rows, parse_portfolio, validate_portfolio
from planning.domain.problems import InvalidPortfolio, Problem

Raw = dict[str, list[dict[str, Any]]]


def at(problems: list[Problem], location: str) -> Problem:
    """The one error at ``table/row/field``."""
    found = [p for p in problems if p.location == location and p.severity == "error"]
    assert len(found) == 1, f"expected one error at {location}, got: {[str(p) for p in problems]}"
    return found[0]


def initiative(raw: Raw, iid: str) -> dict[str, Any]:
    return next(r for r in raw["initiative"] if r["id"] == iid)


# --- types and allowed values, through the models -----------------------------------------


def test_value_not_allowed(raw: Raw) -> None:
    initiative(raw, "X")["area"] = "home"
    problem = at(parse_portfolio(raw).problems, "initiative/X/area")
    assert problem.message == "'home' is not allowed"
    assert problem.fix == "use one of: journal_collaboration, home_follow_up, citizen_services, shared_infrastructure"
    assert problem.line == 1


def test_number_out_of_range(raw: Raw) -> None:
    initiative(raw, "Y")["duration"] = -2
    problem = at(parse_portfolio(raw).problems, "initiative/Y/duration")
    assert problem.message == "Input should be greater than or equal to 1"
    assert problem.fix == "enter a whole number from 1 to 200 (periods)"
    assert problem.line == 2


def test_negative_total_cost(raw: Raw) -> None:
    initiative(raw, "X")["total_cost"] = -5
    problem = at(parse_portfolio(raw).problems, "initiative/X/total_cost")
    assert problem.message == "Input should be greater than or equal to 0"
    assert problem.fix == "enter a number from 0 to 1000000 (MNOK)"


@pytest.mark.parametrize(
    ("field", "value", "fix"),
    [
        ("total_cost", "ten", "enter a number in MNOK"),
        ("duration", "two", "enter a whole number in periods"),
        ("mandatory", "maybe", "enter true or false"),
    ],
)
def test_text_in_a_typed_column(raw: Raw, field: str, value: str, fix: str) -> None:
    initiative(raw, "X")[field] = value
    problem = at(parse_portfolio(raw).problems, f"initiative/X/{field}")
    assert problem.message.startswith("Input should be a valid")
    assert problem.fix == fix


def test_wrong_date(raw: Raw) -> None:
    raw["benefit"][0]["baseline_date"] = "31.01.2025"
    problem = at(parse_portfolio(raw).problems, "benefit/BX/baseline_date")
    assert problem.fix == "enter a date such as 2027-06-30"


def test_missing_required_column(raw: Raw) -> None:
    del initiative(raw, "Z")["name"]
    problem = at(parse_portfolio(raw).problems, "initiative/Z/name")
    assert problem.message == "Field required"
    assert problem.fix == "fill in name: Name of the initiative."


def test_row_without_id(raw: Raw) -> None:
    raw["initiative"].append({"name": "W", "area": "citizen_services", "lead_region": "A", "duration": 1})
    problem = at(parse_portfolio(raw).problems, "initiative/row 4/id")
    assert problem.line == 4
    assert problem.fix.startswith("fill in id")


def test_text_columns_accept_numbers(raw: Raw) -> None:
    initiative(raw, "X").update(earliest_start=2027, latest_finish=2028.0)
    portfolio = build_portfolio(raw)
    assert portfolio.initiatives.loc["X", "earliest_start"] == "2027"
    assert portfolio.initiatives.loc["X", "latest_finish"] == "2028"


def test_every_row_problem_in_one_call(raw: Raw) -> None:
    initiative(raw, "X")["area"] = "home"
    initiative(raw, "Y")["duration"] = -2
    initiative(raw, "Z")["total_cost"] = "ten"
    raw["benefit"][0]["monetised"] = "perhaps"
    result = parse_portfolio(raw)
    assert result.portfolio is None
    assert [p.location for p in result.problems] == [
        "initiative/X/area",
        "initiative/Y/duration",
        "initiative/Z/total_cost",
        "benefit/BX/monetised",
    ]


def test_build_portfolio_raises_with_every_problem(raw: Raw) -> None:
    initiative(raw, "X")["area"] = "home"
    initiative(raw, "Y")["duration"] = -2
    with pytest.raises(InvalidPortfolio) as raised:
        build_portfolio(raw)
    assert [p.location for p in raised.value.problems] == ["initiative/X/area", "initiative/Y/duration"]
    assert str(raised.value).startswith("2 problems in the portfolio:\ninitiative/X/area: 'home' is not allowed")


def test_row_and_cross_table_problems_in_one_call(raw: Raw) -> None:
    initiative(raw, "Y")["total_cost"] = -5  # a row problem
    initiative(raw, "Z")["lead_region"] = "Q"  # a cross-table problem on a row that parses
    result = parse_portfolio(raw)
    assert result.portfolio is None
    assert [p.location for p in result.problems] == ["initiative/Y/total_cost", "initiative/Z/lead_region"]
    assert result.problems[1].message == "unknown funding pool 'Q'"


def test_references_to_a_rejected_row_are_not_reported_again(raw: Raw) -> None:
    initiative(raw, "X")["duration"] = 0  # X is rejected; the dependency, benefit and scenario name it
    problems = parse_portfolio(raw).problems
    assert [p.location for p in problems] == ["initiative/X/duration"]


def test_a_duplicate_id_does_not_hide_problems_naming_it(raw: Raw) -> None:
    raw["initiative"].append(dict(initiative(raw, "Z"), name="Z again"))
    raw["dependency"].append({"predecessor_id": "Z", "successor_id": "W"})
    problems = parse_portfolio(raw).problems
    assert [p.location for p in problems] == ["initiative/Z/id", "dependency/Z->W/successor_id"]


def test_a_rejected_horizon_stands_alone(raw: Raw) -> None:
    raw["horizon"][0]["periods"] = "four"
    initiative(raw, "Z")["lead_region"] = "Q"
    assert [p.location for p in parse_portfolio(raw).problems] == ["horizon/default/periods"]


def test_edited_frames_report_row_and_cross_table_problems_together(raw: Raw) -> None:
    portfolio = build_portfolio(raw)
    portfolio.initiatives.loc["Y", "total_cost"] = -5.0
    portfolio.initiatives.loc["Z", "lead_region"] = "Q"
    locations = [p.location for p in validate_portfolio(portfolio) if p.severity == "error"]
    assert locations == ["initiative/Y/total_cost", "initiative/Z/lead_region"]


# --- ids ---------------------------------------------------------------------------------


def test_duplicate_id(raw: Raw) -> None:
    raw["initiative"].append(dict(initiative(raw, "X"), name="Another X"))
    problem = at(parse_portfolio(raw).problems, "initiative/X/id")
    assert problem.message == "duplicate id (also on row 1)"
    assert problem.fix == "give each row its own id"
    assert problem.line == 4


def test_duplicate_derived_id(raw: Raw) -> None:
    raw["envelope"].append({"funding_pool_id": "A", "year": "2026", "ambition_level_id": "Basis", "amount": 5})
    problem = at(parse_portfolio(raw).problems, "envelope/A/2026/Basis/id")
    assert problem.message == "duplicate id (also on row 1)"


def test_derived_ids(raw: Raw) -> None:
    raw["measurement"].append({"benefit_id": "BX", "year": 2028.0, "value": 2})
    raw["dependency"].append({"id": "given", "predecessor_id": "X", "successor_id": "Z"})
    portfolio = build_portfolio(raw)
    assert list(portfolio.envelopes.index) == ["A/2026/Basis"]
    assert list(portfolio.dependencies.index) == ["X->Y", "given"]
    assert list(portfolio.measurements.index) == ["BX/2027", "BX/2028"]


def test_derived_id_rules_read_in_the_docs() -> None:
    assert DERIVED_IDS["envelope"]({"funding_pool_id": " HSO ", "year": 2027, "ambition_level_id": "Basis"}) == (
        "HSO/2027/Basis"
    )
    assert DERIVED_IDS["dependency"]({"predecessor_id": "A", "successor_id": None}) == ""


def test_underivable_id_names_the_missing_column_only(raw: Raw) -> None:
    raw["dependency"] = [{"predecessor_id": "X"}]
    problems = parse_portfolio(raw).problems
    assert [p.location for p in problems] == ["dependency/row 1/successor_id"]
    assert problems[0].message == "Field required"


def test_ids_are_trimmed(raw: Raw) -> None:
    initiative(raw, "X")["id"] = "  X "
    assert list(build_portfolio(raw).initiatives.index) == ["X", "Y", "Z"]


# --- blanks, unknown columns and tables ----------------------------------------------------


def test_blank_rows_are_skipped(raw: Raw) -> None:
    raw["initiative"].insert(1, {"id": "", "name": " ", "area": None, "duration": float("nan")})
    portfolio = build_portfolio(raw)
    assert list(portfolio.initiatives.index) == ["X", "Y", "Z"]


def test_blank_cells_take_the_default(raw: Raw) -> None:
    initiative(raw, "X").update(status="", risk=None, participating_regions="")
    row = build_portfolio(raw).initiatives.loc["X"]
    assert (row["status"], row["risk"], row["participating_regions"]) == ("proposed", "medium", [])


def test_unknown_column_is_a_warning_once_per_table(raw: Raw) -> None:
    for number, row in enumerate(raw["initiative"]):
        row["colour"] = f"red {number}"
    result = parse_portfolio(raw)
    assert result.ok
    [warning] = result.problems
    assert (warning.location, warning.severity) == ("initiative/X/colour", "warning")
    assert str(warning) == (
        "[warning] initiative/X/colour: unknown column 'colour' was not read "
        "Fix: remove it or rename it to a documented column"
    )


def test_blank_unknown_column_is_ignored(raw: Raw) -> None:
    initiative(raw, "X")["notes"] = ""
    assert parse_portfolio(raw).problems == []


def test_unknown_table_is_a_warning(raw: Raw) -> None:
    raw["initiatives"] = [{"id": "X"}]
    result = parse_portfolio(raw)
    assert result.ok
    [warning] = result.problems
    assert (warning.location, warning.severity) == ("initiatives/-/-", "warning")
    assert warning.message == "unknown table 'initiatives' was not read"
    assert warning.fix.startswith("rename it to one of: funding_pool, horizon,")


# --- cells from flat files ---------------------------------------------------------------


def test_flat_file_cells(raw: Raw) -> None:
    initiative(raw, "Y").update(
        participating_regions="A; B",
        cost_profile="2;4",
        total_cost="",
        mandatory="true",
        duration="2",
    )
    initiative(raw, "X").update(cost_sharing="custom", custom_shares="A=0.25; B=0.75")
    row = build_portfolio(raw).initiatives
    assert row.loc["Y", "participating_regions"] == ["A", "B"]
    assert row.loc["Y", "cost_profile"] == [2.0, 4.0]
    assert row.loc["Y", "total_cost"] is None
    assert row.loc["Y", "mandatory"] is True
    assert row.loc["X", "custom_shares"] == {"A": 0.25, "B": 0.75}


def test_unreadable_pairs(raw: Raw) -> None:
    initiative(raw, "X").update(cost_sharing="custom", custom_shares="A:0.5;B=0.5")
    problem = at(parse_portfolio(raw).problems, "initiative/X/custom_shares")
    assert problem.message == "'A:0.5' is not a KEY=value pair; write pairs as A=0.5;B=0.5"


def test_flat_cells_read_back_as_the_same_portfolio(raw: Raw) -> None:
    initiative(raw, "X").update(cost_sharing="custom", custom_shares={"A": 0.25, "B": 0.75}, cost_profile=[10])
    raw["benefit"][0].update(ramp_up=[0.5, 0.75], baseline_date="2025-01-31")
    portfolio = build_portfolio(raw)
    flat = {
        table: [{spec.name: encode_cell(spec, r[spec.name]) for spec in column_specs(table)} for r in rows]
        for table, rows in ((t, portfolio.records(t)) for t in ("horizon", "initiative", "benefit"))
    }
    assert flat["initiative"][0]["custom_shares"] == "A=0.25;B=0.75"
    assert flat["benefit"][0]["baseline_date"] == "2025-01-31"
    again = build_portfolio({**raw, **flat})
    for table in flat:
        assert again.records(table) == portfolio.records(table)


def test_times_are_held_in_utc(raw: Raw) -> None:
    raw["measurement"][0]["entered_at"] = "2027-03-01T12:30:00+01:00"
    raw["measurement"].append({"benefit_id": "BX", "year": 2028, "value": 2, "entered_at": "2028-01-02T08:00"})
    times = list(build_portfolio(raw).measurements["entered_at"])
    assert times == [
        dt.datetime(2027, 3, 1, 11, 30, tzinfo=dt.UTC),
        dt.datetime(2028, 1, 2, 8, 0, tzinfo=dt.UTC),
    ]
    assert all(type(t) is dt.datetime for t in times)  # not pandas Timestamps


# --- Problem -----------------------------------------------------------------------------


def test_problem_text() -> None:
    problem = Problem("initiative", "X", "duration", "must be 1 or more", "enter a whole number of periods")
    assert str(problem) == "initiative/X/duration: must be 1 or more Fix: enter a whole number of periods"
    assert str(Problem("horizon", "default", "-", "missing")) == "horizon/default/-: missing"
    warning = Problem("envelope", "A/2035/Basis", "year", "outside", "remove it", severity="warning")
    assert str(warning) == "[warning] envelope/A/2035/Basis/year: outside Fix: remove it"


def test_invalid_portfolio_lists_errors_only() -> None:
    problems = [Problem("t", str(n), "f", f"bad {n}") for n in range(25)]
    problems.append(Problem("t", "w", "f", "just a warning", severity="warning"))
    error = InvalidPortfolio(problems)
    assert len(error.problems) == 25
    assert str(error).splitlines()[0] == "25 problems in the portfolio:"
    assert str(error).splitlines()[-1] == "... and 5 more"


# --- a portfolio edited as DataFrames ----------------------------------------------------


def test_check_rows_finds_values_edited_into_the_frames(raw: Raw) -> None:
    portfolio = build_portfolio(raw)
    assert validate_portfolio(portfolio) == []
    portfolio.initiatives.loc["X", "area"] = "home"
    portfolio.initiatives.loc["Y", "duration"] = -2
    assert [p.location for p in check_rows(portfolio)] == ["initiative/X/area", "initiative/Y/duration"]
    assert [p.location for p in validate_portfolio(portfolio)] == ["initiative/X/area", "initiative/Y/duration"]
