"""How much of a file is read: the limits every reader checks while it reads, before it reads whole.

A file is refused, with one problem naming it and saying how to fix it, when it is

- larger than :data:`MAX_FILE_BYTES` on disk, or, for a workbook or a ``.zip`` of CSV files,
  when its members unpack to more than that (the sizes the archive declares are added up
  before anything is unpacked, and Python's ``zipfile`` never unpacks a member past its
  declared size: a member that holds more fails its checksum and the file is refused as
  damaged), or when the archive lists more than :data:`MAX_ZIP_MEMBERS` files (counted from
  its last record, before the list is read);
- empty, or not text where text is expected (it holds NUL bytes: binary data, or UTF-16);
- a sheet or CSV file with more than :data:`MAX_ROWS` rows or data in more than
  :data:`MAX_COLUMNS` columns (counted while streaming, before any row is kept);
- JSON nested more than :data:`MAX_JSON_DEPTH` deep, with a list of more than
  :data:`MAX_ROWS` items, or more than :data:`MAX_JSON_VALUES` values in all (counted by a
  scan of the text before it is parsed).

The limits are read when a file is read, so tests may lower them. docs/security.md
("Limits") lists them with the memory a refused file takes.
"""

from __future__ import annotations

import codecs
import io
import re
import struct
import zipfile
from pathlib import Path

from planning.messages.phrases import phrase

MB = 1024 * 1024
MAX_FILE_BYTES = 50 * MB
"""Largest file read, and largest total a workbook or a ``.zip`` of CSV files may unpack to."""
MAX_ROWS = 100_000
"""Rows per sheet or CSV file, and items per JSON list."""
MAX_COLUMNS = 1_000
"""Columns holding data in a sheet or CSV file."""
MAX_JSON_DEPTH = 20
"""Nesting of lists and objects in a JSON file (a portfolio needs 4)."""
MAX_JSON_VALUES = 2_000_000
"""Values (separated by commas, or opening a list or object) in a JSON file."""
MAX_ZIP_MEMBERS = 1_000
"""Files listed in a workbook or a ``.zip`` (a workbook has about 30)."""

_END_OF_DIRECTORY = b"PK\x05\x06"
_END_OF_DIRECTORY_64 = b"PK\x06\x06"
_JSON_TOKEN = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{},]')
_OPENING, _CLOSING, _COMMA = frozenset(b"[{"), frozenset(b"]}"), ord(",")


class FileRefused(ValueError):
    """A file not read because of a limit or its kind; ``fix`` says what to do."""

    def __init__(self, message: str, fix: str) -> None:
        super().__init__(message)
        self.fix = fix


def megabytes(size: int) -> str:
    """A size in MB, one decimal: ``52.4``."""
    return f"{size / MB:.1f}"


def check_size(size: int, file: str) -> None:
    """Refuse a file of more than :data:`MAX_FILE_BYTES`."""
    if size > MAX_FILE_BYTES:
        message = phrase("file_too_large", file=file, size=megabytes(size), limit=MAX_FILE_BYTES // MB)
        raise FileRefused(message, phrase("fix_file_too_large"))


def read_limited(path: Path, file: str | None = None) -> bytes:
    """The bytes of ``path``, refused unread when it is larger than :data:`MAX_FILE_BYTES`
    (and never more than one byte past the limit read, should it grow meanwhile)."""
    name = file or path.name
    size = path.stat().st_size
    check_size(size, name)
    with path.open("rb") as handle:
        data = handle.read(size + 1)  # one byte more tells a file that grew meanwhile
        if len(data) > size:
            data += handle.read(MAX_FILE_BYTES + 1 - len(data))
    check_size(len(data), name)
    return data


def check_text(data: bytes, file: str) -> None:
    """Refuse an empty file (nothing but a byte order mark and blanks) and one holding NUL bytes."""
    if not data.removeprefix(codecs.BOM_UTF8).strip():
        raise FileRefused(phrase("file_empty", file=file), phrase("fix_file_empty"))
    if b"\x00" in data:
        raise FileRefused(phrase("file_not_text", file=file), phrase("fix_save_csv_utf8"))


def open_zip(data: bytes, file: str) -> zipfile.ZipFile:
    """``data`` opened as a zip archive, once its member count and declared unpacked sizes are within limits.

    Raises
    ------
    FileRefused
        An empty file, too many members, or more than :data:`MAX_FILE_BYTES` unpacked.
    zipfile.BadZipFile
        When ``data`` is no zip archive.
    """
    if not data:
        raise FileRefused(phrase("file_empty", file=file), phrase("fix_file_empty"))
    members = _member_count(data)
    if members is not None and members > MAX_ZIP_MEMBERS:
        message = phrase("zip_too_many_members", file=file, count=members, limit=MAX_ZIP_MEMBERS)
        raise FileRefused(message, phrase("fix_file_too_large"))
    archive = zipfile.ZipFile(io.BytesIO(data))
    unpacked = sum(member.file_size for member in archive.infolist())
    if unpacked > MAX_FILE_BYTES:
        archive.close()
        message = phrase("unzipped_too_large", file=file, size=megabytes(unpacked), limit=MAX_FILE_BYTES // MB)
        raise FileRefused(message, phrase("fix_file_too_large"))
    return archive


def _member_count(data: bytes) -> int | None:
    """Entries the archive's end record lists (zip64 too), read before the directory is; ``None`` without one."""
    at = data.rfind(_END_OF_DIRECTORY, max(0, len(data) - 65_557))
    if at < 0 or len(data) < at + 22:
        return None
    (entries,) = struct.unpack_from("<H", data, at + 10)
    if entries != 0xFFFF:
        return int(entries)
    at64 = data.rfind(_END_OF_DIRECTORY_64, 0, at)
    if at64 < 0 or len(data) < at64 + 40:
        return None
    (entries64,) = struct.unpack_from("<Q", data, at64 + 32)
    return int(entries64)


def check_json_limits(data: bytes, file: str) -> None:
    """Scan JSON text, without parsing it, for nesting, list length and number of values.

    Text inside strings is skipped; malformed JSON is left for the parser to report.

    Raises
    ------
    FileRefused
        Naming the limit passed.
    """
    lists: list[int] = []  # items counted so far in each open list, -1 for an object
    values = 0
    for token in _JSON_TOKEN.finditer(data):
        char = data[token.start()]
        if char in _OPENING:
            lists.append(0 if char == ord("[") else -1)
            values += 1
            if len(lists) > MAX_JSON_DEPTH:
                raise FileRefused(phrase("json_too_deep", file=file, limit=MAX_JSON_DEPTH), phrase("fix_json_limits"))
        elif char in _CLOSING:
            if lists:
                lists.pop()
        elif char == _COMMA:
            values += 1
            if lists and lists[-1] >= 0:
                lists[-1] += 1
                if lists[-1] >= MAX_ROWS:
                    raise FileRefused(phrase("json_too_long", file=file, limit=MAX_ROWS), phrase("fix_json_limits"))
        if values > MAX_JSON_VALUES:
            raise FileRefused(phrase("json_too_many", file=file, limit=MAX_JSON_VALUES), phrase("fix_json_limits"))


def too_deep(file: str) -> FileRefused:
    """The refusal of JSON the parser found nested too deep for it."""
    return FileRefused(phrase("json_too_deep", file=file, limit=MAX_JSON_DEPTH), phrase("fix_json_limits"))
