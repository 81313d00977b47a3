"""Reading a plan edited by hand (:mod:`planning.optimise.plan_file`): every row and field it
cannot read is named, with how to fix it."""

from __future__ import annotations

import json

import pytest

from planning.optimise.plan_file import read_plan_file
from planning.problems import InvalidPortfolio
from planning.timeline import Timeline

YEARS = Timeline(first_year=2026, periods=4)
HALF_YEARS = Timeline(first_year=2026, periods=8, period_length="half-year")


def refused(data: bytes, file: str, timeline: Timeline = YEARS) -> list[str]:
    with pytest.raises(InvalidPortfolio) as caught:
        read_plan_file(data, file, timeline)
    return [f"{p.table}/{p.row}/{p.field}: {p.message} Fix: {p.fix}" for p in caught.value.problems]


def test_a_csv_gives_each_initiative_with_a_start_its_period() -> None:
    data = b"id,start,comment\nX,2026,\nY,2028,moved a year\nZ,,left out\n\n"
    assert read_plan_file(data, "plan.csv", YEARS) == {"X": 0, "Y": 2}


def test_norwegian_excel_csv_and_half_year_periods_are_read() -> None:
    data = "id;start;merknad\r\nX;2027H2;første\r\nY;2026;\r\n".encode("cp1252")
    assert read_plan_file(data, "fra excel.csv", HALF_YEARS) == {"X": 3, "Y": 0}


def test_a_start_outside_the_horizon_is_read_for_the_checker_to_judge() -> None:
    assert read_plan_file(b"id,start\nX,2040\n", "plan.csv", YEARS) == {"X": 14}


def test_a_csv_without_the_columns_is_refused_naming_what_it_has() -> None:
    assert refused(b"initiative,year\nX,2026\n", "plan.csv") == [
        "plan.csv/-/-: plan.csv has no column id, start (the first row names: initiative, year) "
        "Fix: save the plan as CSV with the columns id and start (empty start = not in the plan)"
    ]
    assert refused(b"", "empty.csv")[0].startswith("empty.csv/-/-: empty.csv has no column id, start")


def test_every_unreadable_row_is_named_with_its_field() -> None:
    data = b"id,start\nX,soon\n,2026\nY,2027Q1\nX,2027\nZ,2026\n"
    assert refused(data, "plan.csv") == [
        "plan.csv/row 1/start: 'soon' is not a period; write a year such as 2026 "
        "Fix: enter a period from 2026 to 2029, or leave start empty for not in the plan",
        "plan.csv/row 2/id: the initiative's id is missing Fix: enter the initiative's id, or delete the row",
        "plan.csv/row 3/start: '2027Q1' does not fit year periods; write for example 2026 "
        "Fix: enter a period from 2026 to 2029, or leave start empty for not in the plan",
        "plan.csv/row 4/id: duplicate id (also on row 1) Fix: keep one row for each initiative",
    ]


def test_the_json_of_optimize_gives_the_selected_initiatives_starts() -> None:
    document = {
        "status": "optimal",
        "initiatives": [
            {"id": "X", "selected": True, "start": "2027", "finish": "2028"},
            {"id": "Y", "selected": False, "start": None, "finish": None},
            {"id": "Z", "start": "2026"},
        ],
    }
    assert read_plan_file(json.dumps(document).encode(), "plan.json", YEARS) == {"X": 1, "Z": 0}


def test_json_that_is_not_a_plan_is_refused() -> None:
    assert refused(b'{"status": "optimal"}', "plan.JSON") == [
        "plan.JSON/-/-: plan.JSON has no list 'initiatives' of objects with id and start "
        "Fix: use the JSON that planning optimize --json prints, or a CSV with the columns id and start"
    ]
    assert refused(b"[1, 2]", "plan.json")[0].startswith("plan.json/-/-: plan.json has no list 'initiatives'")
    assert refused(b"{", "plan.json")[0].startswith("plan.json/-/-: plan.json is not readable JSON (Expecting")
    rows = {"initiatives": [{"id": "X", "selected": True, "start": "later"}, {"selected": True, "start": "2026"}]}
    assert [line.split(":")[0] for line in refused(json.dumps(rows).encode(), "plan.json")] == [
        "plan.json/row 1/start",
        "plan.json/row 2/id",
    ]
