"""CSV as Excel and people write it: UTF-8 or Windows-1252, commas, semicolons or tabs."""

from __future__ import annotations

from pathlib import Path

import pytest

from planning.io.files import CsvText, read_csv_bytes, read_csv_folder


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
