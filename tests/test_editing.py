"""Edits to one table: merging the rows shown back in, and validating before anything is saved."""

from __future__ import annotations

from planning.domain.editing import merge_rows, problems_by_row, replace_rows, upsert_row
from tests.factories import initiative, tiny_portfolio

ROWS = [{"id": "A", "v": 1}, {"id": "B", "v": 2}, {"id": "C", "v": 3}]


def test_merge_rows_replaces_shown_keeps_hidden_drops_removed_and_appends_new() -> None:
    edited = [{"id": "C", "v": 30}, {"id": "D", "v": 4}, {"id": None, "v": 5}]
    merged = merge_rows(ROWS, shown=["B", "C"], edited=edited)
    assert merged == [{"id": "A", "v": 1}, {"id": "C", "v": 30}, {"id": "D", "v": 4}, {"id": None, "v": 5}]


def test_merge_rows_treats_a_renamed_row_as_removed_and_added() -> None:
    merged = merge_rows(ROWS, shown=["A"], edited=[{"id": "A2", "v": 1}])
    assert [r["id"] for r in merged] == ["B", "C", "A2"]


def test_replace_rows_validates_the_whole_portfolio() -> None:
    portfolio = tiny_portfolio(
        [initiative("X"), initiative("Y")], dependencies=[{"predecessor_id": "X", "successor_id": "Y"}]
    )
    rows = portfolio.records("initiative")
    rows[0]["duration"] = 2
    ok = replace_rows(portfolio, "initiative", rows)
    assert ok.portfolio is not None and ok.portfolio.initiatives.at["X", "duration"] == 2

    broken = [dict(r) for r in rows]
    broken[1]["lead_region"] = "NOWHERE"
    broken[1]["participating_regions"] = "A;NOWHERE"  # text cells are read as in a CSV file
    result = replace_rows(portfolio, "initiative", broken)
    assert result.portfolio is None
    grouped = problems_by_row(result.problems, "initiative")
    assert set(grouped) == {"Y"}
    assert {p.field for p in grouped["Y"]} == {"lead_region", "participating_regions"}

    dropped = replace_rows(portfolio, "initiative", rows[1:])  # X removed, its dependency dangles
    assert dropped.portfolio is None
    assert any(p.table == "dependency" for p in dropped.problems)


def test_upsert_row_adds_or_replaces_by_id() -> None:
    portfolio = tiny_portfolio([initiative("X")])
    added = upsert_row(portfolio, "scenario", {"id": "Ny", "budget_factor": 0.8})
    assert added.portfolio is not None and added.portfolio.scenarios.at["Ny", "budget_factor"] == 0.8
    replaced = upsert_row(added.portfolio, "scenario", {"id": "Ny", "budget_factor": 0.9})
    assert replaced.portfolio is not None and list(replaced.portfolio.scenarios.index) == ["Ny"]
    bad = upsert_row(portfolio, "scenario", {"id": "Ny", "budget_factor": -1})
    assert bad.portfolio is None and bad.problems[0].field == "budget_factor"
