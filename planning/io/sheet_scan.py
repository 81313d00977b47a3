"""A first pass over a workbook's sheets: how many rows and columns hold data, and which cells are merged.

Each sheet's XML is streamed from the archive (never unpacked whole, never past its declared
size) through expat, and nothing of it is kept but the counts, so a sheet with too many rows or columns is
refused before any cell is read, and the shared strings are not even opened. The reader
(:mod:`planning.io.workbook`) then streams only the rows and columns that hold data, in
openpyxl's read-only mode, which knows nothing of merged cells: they come from here.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from xml.etree import ElementTree
from xml.parsers import expat

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange

from planning.domain.problems import Problem
from planning.io import limits
from planning.messages.phrases import phrase

VALUE_TAGS = frozenset({"v", "is", "f"})
"""What makes a cell hold data: a value, an inline string, or a formula."""


@dataclass
class SheetScan:
    """What one sheet holds."""

    rows: int = 0
    """Rows with data, counted up to one past :data:`~planning.io.limits.MAX_ROWS`."""
    last_row: int = 0
    """Number of the last row with data (0: none)."""
    last_column: int = 0
    """Number of the rightmost column with data in any row (0: none)."""
    merged: list[str] = field(default_factory=list)
    """Merged ranges, such as ``A2:B3``."""

    @property
    def too_long(self) -> bool:
        return self.rows > limits.MAX_ROWS

    @property
    def too_wide(self) -> bool:
        return self.last_column > limits.MAX_COLUMNS


def scan_workbook(archive: zipfile.ZipFile) -> dict[str, SheetScan]:
    """Each worksheet's :class:`SheetScan`, by sheet title.

    Raises
    ------
    KeyError, ElementTree.ParseError, expat.ExpatError, zipfile.BadZipFile
        When the archive is not a workbook, or a part is damaged.
    """
    return {title: scan_sheet(archive, part) for title, part in sheet_parts(archive)}


def scan_sheet(archive: zipfile.ZipFile, part: str) -> SheetScan:
    """Count the rows and columns with data in the sheet stored as ``part``; stop once there are too many.

    The XML is fed to expat 64 KB at a time, and only element starts are looked at, so no
    element is built and nothing is kept but the counts.
    """
    counter = _Counter()
    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartElementHandler = counter.start
    parser.EndElementHandler = counter.end
    with archive.open(part) as source:
        try:
            while chunk := source.read(CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except _Enough:
            pass
    return counter.scan


CHUNK = 64 * 1024


class _Enough(Exception):
    """Raised inside the parser once a sheet is known to be too long or too wide."""


class _Counter:
    """Expat's start-element handler: rows, the rightmost column with data, merged ranges."""

    def __init__(self) -> None:
        self.scan = SheetScan()
        self.in_data = False
        self.row = 0
        self.column = 0
        self.last_in_row = 0
        self.tags: dict[str, str] = {}

    def start(self, name: str, attributes: dict[str, str]) -> None:
        tag = self.tags.get(name) or self.tags.setdefault(name, _local(name))
        if tag == "c":
            reference = attributes.get("r")
            self.column = column_number(reference) if reference else self.column + 1
        elif tag in VALUE_TAGS:
            if self.in_data:
                self.last_in_row = max(self.last_in_row, self.column)
        elif tag == "row":
            self.end_row()
            self.row = int(attributes.get("r") or self.row + 1)
            self.column = 0
        elif tag == "sheetData":
            self.in_data = True
        elif tag == "mergeCell" and attributes.get("ref"):
            self.scan.merged.append(attributes["ref"])

    def end(self, name: str) -> None:
        if self.in_data and self.tags.get(name) == "sheetData":
            self.end_row()
            self.in_data = False

    def end_row(self) -> None:
        """Count the row just read when it held data; stop the parser once the sheet is too large."""
        if self.last_in_row:
            scan = self.scan
            scan.rows, scan.last_row = scan.rows + 1, self.row
            scan.last_column = max(scan.last_column, self.last_in_row)
            self.last_in_row = 0
            if scan.too_long or scan.too_wide:
                raise _Enough


def sheet_too_large(title: str, scan: SheetScan) -> Problem:
    """The problem of a sheet with more rows or columns of data than are read."""
    if scan.too_long:
        message = phrase("too_many_rows", sheet=title, rows=f"{limits.MAX_ROWS}+", limit=limits.MAX_ROWS)
    else:
        message = phrase("too_many_columns", sheet=title, limit=limits.MAX_COLUMNS)
    table = title.strip().lower()
    return Problem(table, "-", "-", message, phrase("fix_too_many_rows"))


def merged_problems(ranges: list[str], headers: Mapping[int, str], title: str, table: str) -> list[Problem]:
    """A problem at the top-left cell of each merged range; the column named by its header where it has one."""
    problems = []
    for merged in ranges:
        cells = CellRange(merged)
        name = headers.get(cells.min_col) or phrase("column_letter", letter=get_column_letter(cells.min_col))
        problems.append(
            Problem(
                table,
                phrase("row_number", line=cells.min_row),
                name,
                phrase("merged_cells", cells=cells.coord, sheet=title),
                phrase("fix_merged_cells"),
                line=cells.min_row,
            )
        )
    return problems


def blank_header_problems(columns: list[int], table: str, header_row: int = 1) -> list[Problem]:
    """A problem for each column (by number) that holds data under a blank header."""
    return [
        Problem(
            table,
            phrase("row_number", line=header_row),
            phrase("column_letter", letter=get_column_letter(column)),
            phrase("blank_header", column=get_column_letter(column)),
            phrase("fix_blank_header"),
            line=header_row,
        )
        for column in columns
    ]


def column_number(reference: str) -> int:
    """The column of a cell reference: ``A1`` -> 1, ``AB12`` -> 28."""
    number = 0
    for char in reference:
        if not char.isalpha():
            break
        number = number * 26 + ord(char.upper()) - 64
    return number


def sheet_parts(archive: zipfile.ZipFile) -> Iterator[tuple[str, str]]:
    """(title, part name) of each worksheet, in the workbook's order, from its relationships."""
    workbook = _target(archive, "_rels/.rels", "officeDocument", base="")
    folder = posixpath.dirname(workbook)
    relations = posixpath.join(folder, "_rels", posixpath.basename(workbook) + ".rels")
    targets = _targets(archive, relations, folder)
    for element in ElementTree.fromstring(archive.read(workbook)).iter():
        if _local(element.tag) != "sheet":
            continue
        relation = next((value for name, value in element.attrib.items() if _local(name) == "id"), None)
        if relation in targets:
            yield str(element.get("name")), targets[relation]


def _target(archive: zipfile.ZipFile, relations: str, kind: str, base: str) -> str:
    for element in ElementTree.fromstring(archive.read(relations)).iter():
        if _local(element.tag) == "Relationship" and str(element.get("Type", "")).endswith("/" + kind):
            return _part(base, str(element.get("Target")))
    raise KeyError(f"no {kind} in {relations}")


def _targets(archive: zipfile.ZipFile, relations: str, base: str) -> dict[str, str]:
    found = {}
    for element in ElementTree.fromstring(archive.read(relations)).iter():
        if _local(element.tag) == "Relationship" and str(element.get("Type", "")).endswith("/worksheet"):
            found[str(element.get("Id"))] = _part(base, str(element.get("Target")))
    return found


def _part(base: str, target: str) -> str:
    """A relationship's target as a member name of the archive."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(base, target))


def _local(tag: str) -> str:
    """An XML name without its namespace."""
    return tag.rsplit("}", 1)[-1]
