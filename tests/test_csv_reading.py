"""CSV as Excel and people write it: UTF-8 or Windows-1252, commas, semicolons or tabs, decimal commas."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from planning.domain.columns import column_specs
from planning.io import load_path, write_csv_folder
from planning.io.files import CsvText, decimal_point, read_csv_bytes, read_csv_folder
from tests.test_report import SAMPLE


@pytest.mark.parametrize(
    ("data", "delimiter"),
    [
        (b"id,name\nA,Helse S\xc3\xb8r-\xc3\x98st\n", ","),
        (b"\xef\xbb\xbfid,name\r\nA,Helse S\xc3\xb8r-\xc3\x98st\r\n", ","),
        (b"id;name\r\nA;Helse S\xf8r-\xd8st\r\n", ";"),
        (b"id\tname\nA\tHelse S\xf8r-\xd8st\n", "\t"),
    ],
    ids=["utf-8", "utf-8 with mark", "windows-1252 semicolons", "tabs"],
)
def test_every_way_excel_writes_csv_reads_the_same(data: bytes, delimiter: str) -> None:
    assert read_csv_bytes(data, "f.csv") == CsvText(["id", "name"], [{"id": "A", "name": "Helse Sør-Øst"}], delimiter)


def test_short_rows_read_empty_and_extra_cells_are_dropped() -> None:
    found = read_csv_bytes(b"id, name \nA\nB,b,extra\n", "f.csv")
    assert (found.columns, found.rows) == (["id", "name"], [{"id": "A", "name": ""}, {"id": "B", "name": "b"}])


def test_bytes_that_are_no_text_are_refused_with_the_files_name() -> None:
    with pytest.raises(ValueError, match=r"f\.csv is neither UTF-8 nor Windows-1252 text"):
        read_csv_bytes(b"\x81\x8d\x8f\x90\x9d", "f.csv")


def test_a_csv_folder_may_come_from_norwegian_excel(tmp_path: Path) -> None:
    (tmp_path / "funding_pool.csv").write_bytes("id;name\r\nHSO;Helse Sør-Øst\r\n".encode("cp1252"))
    assert read_csv_folder(tmp_path) == {"funding_pool": [{"id": "HSO", "name": "Helse Sør-Øst"}]}


@pytest.mark.parametrize(
    ("value", "delimiter", "read"),
    [
        ("12,5", ";", "12.5"),
        ("1 234,5", "\t", "1234.5"),
        ("1,234", ";", "1.234"),  # Norwegian Excel separates thousands with spaces
        ("12,5", ",", "12.5"),
        ("1,234", ",", "1,234"),  # between commas it may be English thousands: left to be refused
        ("12.5", ",", "12.5"),
        ("tolv", ";", "tolv"),
    ],
)
def test_a_decimal_comma_is_read_where_it_can_only_be_one(value: str, delimiter: str, read: str) -> None:
    assert decimal_point(value, delimiter) == read


def test_number_columns_of_a_portfolio_may_have_decimal_commas(tmp_path: Path) -> None:
    """Norwegian Excel saves a sheet as semicolons and decimal commas; the portfolio reads the same."""
    sample = load_path(SAMPLE).portfolio
    assert sample is not None
    write_csv_folder(sample, tmp_path)
    for table in ("envelope", "initiative", "benefit"):
        numbers = {spec.name for spec in column_specs(table) if spec.kind == "number"}
        found = read_csv_bytes((tmp_path / f"{table}.csv").read_bytes(), table)
        rows = [{k: norwegian(v) if k in numbers else v for k, v in row.items()} for row in found.rows]
        with (tmp_path / f"{table}.csv").open("w", encoding="cp1252", newline="") as file:
            writer = csv.DictWriter(file, found.columns, delimiter=";")
            writer.writeheader()
            writer.writerows(rows)
    assert "HSO;2026;Lav;217,0" in (tmp_path / "envelope.csv").read_text(encoding="cp1252")
    read = load_path(tmp_path)
    assert read.ok, [str(p) for p in read.problems]
    assert read.portfolio is not None
    for frame in ("envelopes", "initiatives", "benefits"):
        assert getattr(read.portfolio, frame).equals(getattr(sample, frame)), frame


def norwegian(cell: str) -> str:
    """A number as Norwegian Excel writes it: ``1 234,5``."""
    return f"{float(cell):,}".replace(",", " ").replace(".", ",") if cell else cell
