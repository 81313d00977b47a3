"""Reading a plan edited by hand (:mod:`planning.io.plan_file`): every row and field it
cannot read is named, with how to fix it."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from factories import benefit, initiative, tiny_portfolio
from openpyxl import Workbook, load_workbook

from planning.domain.problems import InvalidPortfolio
from planning.domain.timeline import Timeline
from planning.io import limits
from planning.io.plan_export import write_plan
from planning.io.plan_file import read_plan_file
from planning.optimise import optimise

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
        "Fix: use the plan as Veikart exports it, or a sheet or CSV file whose first row names the columns id "
        "and start (empty start = not in the plan)"
    ]
    assert refused(b"", "empty.csv") == [
        "empty.csv/-/-: empty.csv is empty Fix: choose the right file, or export it again"
    ]


def test_every_unreadable_row_is_named_with_its_field() -> None:
    data = b"id,start,selected\nX,soon,\n,2026,\nY,2027Q1,\nX,2027,\nZ,2026,no\nW,,False\n"
    assert refused(data, "plan.csv") == [
        "plan.csv/row 1/start: 'soon' is not a period; write a year such as 2026 "
        "Fix: enter a period from 2026 to 2029, or leave start empty for not in the plan",
        "plan.csv/row 2/id: the initiative's id is missing Fix: enter the initiative's id, or delete the row",
        "plan.csv/row 3/start: '2027Q1' does not fit year periods; write for example 2026 "
        "Fix: enter a period from 2026 to 2029, or leave start empty for not in the plan",
        "plan.csv/row 4/id: duplicate id (also on row 1) Fix: keep one row for each initiative",
        "plan.csv/row 5/selected: selected says no, but start is 2026 "
        "Fix: clear start to leave the initiative out, or set selected to true",
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
    saved_on_windows = b"\xef\xbb\xbf" + json.dumps(document).encode()  # with a byte order mark
    assert read_plan_file(saved_on_windows, "plan.json", YEARS) == {"X": 1, "Z": 0}


def test_json_that_is_not_a_plan_is_refused() -> None:
    assert refused(b'{"status": "optimal"}', "plan.JSON") == [
        "plan.JSON/-/-: plan.JSON has no list 'initiatives' or 'roadmap' of objects with id and start "
        "Fix: use the plan's JSON export, or the JSON that planning optimize --json prints"
    ]
    assert refused(b"[1, 2]", "plan.json")[0].startswith("plan.json/-/-: plan.json has no list 'initiatives'")
    assert refused(b"{", "plan.json")[0].startswith("plan.json/-/-: plan.json is not readable JSON (Expecting")
    rows = {"initiatives": [{"id": "X", "selected": True, "start": "later"}, {"selected": True, "start": "2026"}]}
    assert [line.split(":")[0] for line in refused(json.dumps(rows).encode(), "plan.json")] == [
        "plan.json/row 1/start",
        "plan.json/row 2/id",
    ]


def test_the_plan_as_veikart_exports_it_edited_in_a_spreadsheet(tmp_path: Path) -> None:
    """The exported workbook's roadmap sheet, with one start moved and one initiative left out
    in Excel (which stores a typed year as a number), is read back; so is the JSON export."""
    portfolio = tiny_portfolio(
        [initiative("X"), initiative("Y")],
        periods=3,
        budget=10,
        benefits=[benefit("bX", "X", 30), benefit("bY", "Y", 20)],
        scenario=[{"id": "S", "discount_rate": 0.0, "time_limit": 10}],
    )
    plan = optimise(portfolio, "S", time_limit=10)
    assert plan.starts == {"X": 0, "Y": 1}
    exported = tmp_path / "plan.xlsx"
    write_plan(plan, portfolio, exported)
    book = load_workbook(exported)
    sheet = book["roadmap"]
    header = [cell.value for cell in sheet[1]]
    rows = {sheet.cell(row, 1).value: row for row in range(2, sheet.max_row + 1)}
    sheet.cell(rows["Y"], header.index("start") + 1, 2028)
    sheet.cell(rows["X"], header.index("start") + 1).value = None
    sheet.cell(rows["X"], header.index("selected") + 1, False)
    book.save(exported)
    assert read_plan_file(exported.read_bytes(), "plan.xlsx", portfolio.timeline) == {"Y": 2}
    write_plan(plan, portfolio, tmp_path / "plan.json")
    assert read_plan_file((tmp_path / "plan.json").read_bytes(), "plan.json", portfolio.timeline) == plan.starts


def test_a_workbook_names_the_sheet_row_and_refuses_what_is_not_one() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (["id", "start"], ["X", 2026.0], [None, None], ["Y", "neste år"]):
        sheet.append(row)
    data = io.BytesIO()
    book.save(data)
    assert [line.split(":")[0] for line in refused(data.getvalue(), "plan.xlsx")] == ["plan.xlsx/row 4/start"]
    assert refused(b"not a workbook", "plan.xlsx") == [
        "plan.xlsx/-/-: plan.xlsx is not a readable .xlsx workbook "
        "Fix: use the plan as Veikart exports it, or a sheet or CSV file whose first row names the columns id "
        "and start (empty start = not in the plan)"
    ]


def test_a_sheet_too_long_to_be_a_plan_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_ROWS", 3)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (["id", "start"], ["X", 2026], ["Y", 2027], ["Z", 2028]):
        sheet.append(row)
    data = io.BytesIO()
    book.save(data)
    assert refused(data.getvalue(), "plan.xlsx") == [
        "plan.xlsx/-/-: sheet 'Sheet' has 3+ rows, more than the 3 read Fix: delete the rows below the data"
    ]


def plan_bytes_of(file: str, rows: list[tuple[str, int]]) -> bytes:
    if file.endswith(".csv"):
        return ("id,start\n" + "".join(f"{i},{t}\n" for i, t in rows)).encode()
    return json.dumps({"roadmap": [{"id": i, "start": t} for i, t in rows]}).encode()


@pytest.mark.parametrize("file", ["plan.csv", "plan.json"])
def test_a_csv_or_json_too_long_to_be_a_plan_is_refused(monkeypatch: pytest.MonkeyPatch, file: str) -> None:
    monkeypatch.setattr(limits, "MAX_ROWS", 3)
    rows = [("X", 2026), ("Y", 2027), ("Z", 2028), ("W", 2029)]
    assert read_plan_file(plan_bytes_of(file, rows[:3]), file, YEARS) == {"X": 0, "Y": 1, "Z": 2}  # at the limit
    message = f"{file} has more than 3 rows" if file.endswith(".csv") else f"{file} has a list of more than 3 items"
    fix = "delete the rows below the data" if file.endswith(".csv") else "use the JSON Veikart exports"
    assert refused(plan_bytes_of(file, rows), file)[0].startswith(f"{file}/-/-: {message} Fix: {fix}")
