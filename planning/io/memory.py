"""Portfolios, the template and plans as bytes, and uploaded files read back: for the app.

A browser hands over a file's name and bytes and takes bytes back; these functions put
them through the same writers and readers as the command line, in a temporary folder
that is removed afterwards. Problems name the uploaded file, never the temporary folder.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from dataclasses import replace
from pathlib import Path, PurePosixPath

from planning.domain.loading import LoadResult
from planning.domain.portfolio import Portfolio
from planning.domain.problems import Problem
from planning.io import limits, load_path, write_csv_folder, write_json, write_portfolio, write_template
from planning.io.plan_export import write_plan
from planning.messages.message import replaced, said
from planning.messages.phrases import phrase
from planning.optimise.plan import Plan

PORTFOLIO_FORMATS = ("xlsx", "json", "csv")
"""Formats of a portfolio or plan download; ``csv`` is a .zip of one TABLE.csv per table."""
UPLOAD_SUFFIXES = ("xlsx", "xlsm", "json", "zip")
"""What an upload may be: a workbook, a JSON file, or a .zip of TABLE.csv files."""
MIME = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "csv": "application/zip",
}


def file_name(stem: str, kind: str) -> str:
    """``stem.xlsx``, ``stem.json`` or ``stem.zip`` (CSV files in a .zip)."""
    return f"{stem}.{'zip' if kind == 'csv' else kind}"


def template_bytes() -> bytes:
    """The empty workbook template: one sheet per table, headers, notes and dropdowns."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "template.xlsx"
        write_template(path)
        return path.read_bytes()


def portfolio_bytes(portfolio: Portfolio, kind: str) -> bytes:
    """The whole portfolio as an .xlsx workbook, a JSON file or a .zip of CSV files."""
    _check_kind(kind)
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / file_name("portfolio", kind)
        if kind == "xlsx":
            write_portfolio(portfolio, target)
        elif kind == "json":
            write_json(portfolio, target)
        else:
            write_csv_folder(portfolio, Path(folder) / "tables")
            return _zip_folder(Path(folder) / "tables")
        return target.read_bytes()


def plan_bytes(plan: Plan, portfolio: Portfolio, kind: str) -> bytes:
    """A plan (roadmap, spend, benefits, solver facts) as .xlsx, JSON or a .zip of CSV files."""
    _check_kind(kind)
    with tempfile.TemporaryDirectory() as folder:
        if kind == "csv":
            write_plan(plan, portfolio, Path(folder) / "tables")
            return _zip_folder(Path(folder) / "tables")
        target = Path(folder) / file_name("plan", kind)
        write_plan(plan, portfolio, target)
        return target.read_bytes()


def load_upload(name: str, data: bytes) -> LoadResult:
    """Read and validate an uploaded portfolio: .xlsx/.xlsm, .json, or a .zip of TABLE.csv files."""
    safe = PurePosixPath(name.replace("\\", "/")).name or "upload"
    suffix = PurePosixPath(safe).suffix.lower().removeprefix(".")
    if suffix not in UPLOAD_SUFFIXES:
        return _refused(phrase("upload_kind", file=safe), phrase("fix_upload_kind"))
    try:
        limits.check_size(len(data), safe)
    except limits.FileRefused as exc:
        return _refused(said(exc), exc.fix)
    with tempfile.TemporaryDirectory() as folder:
        if suffix == "zip":
            tables = Path(folder) / PurePosixPath(safe).stem
            problem = _unzip_tables(safe, data, tables)
            if problem is not None:
                return LoadResult(None, [problem])
            source = tables
        else:
            source = Path(folder) / safe
            source.write_bytes(data)
        result = load_path(source)
    prefix = f"{folder}/"
    return LoadResult(result.portfolio, [replace(p, message=replaced(p.message, prefix, "")) for p in result.problems])


def _check_kind(kind: str) -> None:
    if kind not in PORTFOLIO_FORMATS:
        raise ValueError(f"unknown format '{kind}'; use one of {', '.join(PORTFOLIO_FORMATS)}")


def _zip_folder(folder: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, path.name)
    return buffer.getvalue()


def _unzip_tables(name: str, data: bytes, folder: Path) -> Problem | None:
    """Unpack every ``*.csv`` of the archive into ``folder`` by its bare name; a problem, or ``None``.

    The archive's member count and declared unpacked size are checked first
    (:func:`planning.io.limits.open_zip`); a member holding more than it declares fails its
    checksum while it is unpacked, and is refused as damaged.
    """
    try:
        archive = limits.open_zip(data, name)
    except limits.FileRefused as exc:
        return _problem(said(exc), exc.fix)
    except zipfile.BadZipFile:
        return _problem(phrase("zip_unreadable", file=name), phrase("fix_zip_again"))
    with archive:
        members = [m for m in archive.infolist() if _is_table(m)]
        names = [PurePosixPath(m.filename).name for m in members]
        if not members:
            return _problem(phrase("zip_no_csv", file=name), phrase("fix_zip_no_csv"))
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            return _problem(phrase("zip_twice", file=name, names=", ".join(twice)), phrase("fix_zip_twice"))
        folder.mkdir(parents=True)
        try:
            for member, bare in zip(members, names, strict=True):
                (folder / bare).write_bytes(archive.read(member))
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError) as exc:  # damaged, or encrypted
            return _problem(phrase("zip_cannot_unpack", file=name, reason=exc), phrase("fix_zip_again"))
    return None


def _is_table(member: zipfile.ZipInfo) -> bool:
    """A ``*.csv`` file, not one of the hidden copies macOS adds to a zip (``__MACOSX/``, ``._*``)."""
    path = PurePosixPath(member.filename)
    hidden = path.name.startswith(".") or "__MACOSX" in path.parts
    return not member.is_dir() and path.suffix.lower() == ".csv" and not hidden


def _problem(message: str, fix: str) -> Problem:
    return Problem("-", "-", "-", message, fix)


def _refused(message: str, fix: str) -> LoadResult:
    return LoadResult(None, [_problem(message, fix)])
