"""The editors' number cells as text and back, without Streamlit: numbers, whole numbers, lists
and pairs of numbers, each refused cell named by row and column."""

from __future__ import annotations

import pandas as pd

from planning.domain.problems import Problem
from veikart_ui.number_cells import as_text, cell_text, number_cells, read_rows, refusal_lines, relocalised

CELLS = number_cells("initiative", {"total_cost": "Kostnad (MNOK)", "duration": "Varighet"})


def test_the_initiative_tables_number_columns() -> None:
    assert CELLS.kinds == {
        "duration": "integer",
        "total_cost": "number",
        "cost_profile": "list_number",
        "custom_shares": "map_number",
        "capacity_usage": "map_number",
        "scores": "map_number",
        "cost_low": "number",
        "cost_high": "number",
        "duration_low": "integer",
        "duration_high": "integer",
        "benefit_low": "number",
        "benefit_likely": "number",
        "benefit_high": "number",
        "stop_probability": "number",
    }


def test_stored_values_are_written_the_readers_way() -> None:
    assert cell_text(1234.5, "number", "nb") == "1\u202f234,5"
    assert cell_text([10.0, 20.5], "list_number", "nb") == "10;20,5"
    assert cell_text("10;20.5", "list_number", "en") == "10;20.5"  # as a flat file writes it
    assert cell_text({"HSO": 0.57, "HV": 0.43}, "map_number", "nb") == "HSO=0,57;HV=0,43"
    assert cell_text("HSO=0.57;HV=0.43", "map_number", "nb") == "HSO=0,57;HV=0,43"
    assert cell_text(None, "number", "nb") is None and cell_text(float("nan"), "number", "nb") is None
    assert cell_text(pd.NA, "integer", "en") is None
    assert cell_text("HSO", "map_number", "nb") == "HSO"  # not pairs: kept as typed


def test_rows_are_read_and_each_refused_cell_is_named() -> None:
    rows = [
        {
            "id": "A",
            "total_cost": "56,5",
            "duration": "3",
            "cost_profile": "10;46,5",
            "custom_shares": "HSO=0,5;HV=0,5",
        },
        {"id": "B", "total_cost": "abc", "duration": "2,5", "cost_profile": "10;x", "custom_shares": "HSO"},
        {"id": None, "total_cost": "56.5", "duration": None, "cost_profile": "", "custom_shares": None},
    ]
    read = read_rows(rows, CELLS, "nb")
    assert read.rows[0] == {
        "id": "A", "total_cost": 56.5, "duration": 3, "cost_profile": [10.0, 46.5],
        "custom_shares": {"HSO": 0.5, "HV": 0.5},
    }  # fmt: skip
    assert read.rows[1]["custom_shares"] == "HSO"  # not pairs: left for the domain to explain
    assert read.rows[1]["total_cost"] is None and read.rows[2]["duration"] is None
    assert [(p.row, p.field) for p in read.problems] == [
        ("B", "Varighet"),
        ("B", "Kostnad (MNOK)"),
        ("B", "cost_profile"),
        ("ny rad 1", "Kostnad (MNOK)"),
    ]
    assert read.refused == {("B", "total_cost"), ("B", "duration"), ("B", "cost_profile"), ("ny rad 1", "total_cost")}
    lines = refusal_lines(read.problems, "nb").splitlines()
    assert lines[0] == "Disse cellene er ikke tall og blir ikke lagret slik de står:"
    assert lines[1] == "- Rad B, kolonnen «Varighet»: «2,5» er ikke et helt tall; skriv et helt tall, for eksempel 4."
    assert (
        lines[3] == "- Rad B, kolonnen «cost_profile»: «x» i «10;x» er ikke et tall; skriv et tall, for eksempel 56,5."
    )
    assert "«56.5» har desimalpunktum; skriv desimaler med komma, for eksempel 56,5." in lines[4]


def test_validation_problems_about_a_refused_cell_give_way_to_its_own() -> None:
    read = read_rows([{"id": "B", "total_cost": "abc", "duration": "4"}], CELLS, "en")
    domain = [
        Problem("initiative", "B", "total_cost", "no cost given"),
        Problem("initiative", "B", "duration", "too long"),
        Problem("benefit", "B", "total_cost", "elsewhere"),
    ]
    assert [p.message for p in read.with_validation(domain)] == ["'abc' is not a number", "too long", "elsewhere"]


def test_a_table_is_written_and_rewritten_in_the_other_language() -> None:
    frame = pd.DataFrame({"id": ["A", "B"], "total_cost": [1234.5, None], "custom_shares": ["HSO=0.5;HV=0.5", ""]})
    nb = as_text(frame, CELLS, "nb")
    assert list(nb["total_cost"]) == ["1\u202f234,5", None] and nb.at[0, "custom_shares"] == "HSO=0,5;HV=0,5"
    nb.at[1, "total_cost"] = "abc"  # typed, no number: stays as typed
    en = relocalised(nb, CELLS, "nb", "en")
    assert list(en["total_cost"]) == ["1\u202f234.5", "abc"] and en.at[0, "custom_shares"] == "HSO=0.5;HV=0.5"
    assert relocalised(en, CELLS, "en", "nb").equals(nb)
