"""Number cells of the editable tables, as text written the reader's way and read back exactly.

Streamlit's number cell reads what is typed with a fixed decimal point and drops every other
character on the way, in the browser, and no column option changes that: ``56,5`` became
565, ``-5`` became 5 where no negative number was allowed, ``abc`` vanished. So the editors
show their numbers as text in the reader's language
(:func:`planning.messages.locale_numbers.format_number`: ``1 234,5`` in bokmål, ``1 234.5`` in
English) and read what comes back with :func:`planning.messages.locale_numbers.parse_number`. A cell
that is no number is refused by row and column with how to write it, and the caller saves
nothing until every cell reads. Lists and pairs of numbers (``10;20,5``, ``HSO=0,5;HV=0,5``)
are read number by number the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from planning.domain.columns import LIST_SEPARATOR, PAIR_SEPARATOR, column_specs, is_blank
from planning.domain.problems import Problem
from planning.messages.locale_numbers import NotANumber, format_number, parse_number
from veikart_ui.i18n import choose

NUMBER_KINDS = ("integer", "number", "list_number", "map_number")
EXAMPLES = {"nb": ("56,5", "1 234,5", "1234,5"), "en": ("56.5", "1,234.5", "1234.5")}
"""Per language: a decimal number, one with thousands grouped, and the same without."""
TEXTS: dict[str, tuple[str, str]] = {
    "value": ("«{text}»", "'{text}'"),
    "field": ("«{text}» i feltet «{column}»", "'{text}' in the field '{column}'"),
    "part": ("«{part}» i «{text}»", "'{part}' in '{text}'"),
    "not_a_number": ("{where} er ikke et tall", "{where} is not a number"),
    "not_a_number.fix": ("skriv et tall, for eksempel {example}", "write a number, for example {example}"),
    "decimal_mark": ("{where} har desimalpunktum", "{where} has a decimal comma"),
    "decimal_mark.fix": (
        "skriv desimaler med komma, for eksempel {example}",
        "write decimals with a point, for example {example} (the app is in English)",
    ),
    "grouping": ("{where} har sifrene gruppert feil", "{where} has its digits grouped wrongly"),
    "grouping.fix": (
        "skriv tusener med mellomrom, for eksempel {grouped}, eller uten: {plain}",
        "write thousands with a comma or a space, for example {grouped}, or none: {plain}",
    ),
    "not_whole": ("{where} er ikke et helt tall", "{where} is not a whole number"),
    "not_whole.fix": ("skriv et helt tall, for eksempel 4", "write a whole number, for example 4"),
    "too_large": ("{where} er for stort", "{where} is too large"),
    "too_large.fix": ("skriv et mindre tall", "write a smaller number"),
    "cell": ("Rad {row}, kolonnen «{column}»", "Row {row}, column '{column}'"),
    "new_row": ("ny rad {number}", "new row {number}"),
    "refused": (
        "Disse cellene er ikke tall og blir ikke lagret slik de står:",
        "These cells are not numbers and cannot be saved as they are:",
    ),
}


@dataclass(frozen=True)
class NumberCells:
    """The number columns of one editor: their kind (:data:`NUMBER_KINDS`) and shown header."""

    table: str
    kinds: Mapping[str, str]
    labels: Mapping[str, str]


def number_cells(table: str, labels: Mapping[str, str] | None = None) -> NumberCells:
    """The number columns of ``table`` (from its declaration), with headers from ``labels``."""
    kinds = {spec.name: spec.kind for spec in column_specs(table) if spec.kind in NUMBER_KINDS}
    return NumberCells(table, kinds, {name: (labels or {}).get(name, name) for name in kinds})


def cell_text(value: Any, kind: str, language: str) -> str | None:
    """A stored value as the reader writes it; ``None`` for no value."""
    if is_blank(value) or value is pd.NA:
        return None
    if kind in ("integer", "number"):
        return _written(value, language)
    if kind == "list_number":
        parts = value if isinstance(value, (list, tuple)) else str(value).split(LIST_SEPARATOR)
        return LIST_SEPARATOR.join(_written(p, language) for p in parts if not is_blank(p))
    pairs = value.items() if isinstance(value, Mapping) else _pairs(str(value))
    if pairs is None:
        return str(value)  # not pairs: as typed, for the domain to explain
    return LIST_SEPARATOR.join(f"{k}{PAIR_SEPARATOR}{_written(v, language)}" for k, v in pairs)


def _written(value: Any, language: str) -> str:
    """A number, or the text of one as a flat file writes it (``0.5``), in ``language``; other
    text (what someone typed) stays as it is."""
    try:
        return format_number(float(value) if isinstance(value, str) else value, language)
    except ValueError:  # no number, or NaN or infinity
        return str(value)


def as_text(frame: pd.DataFrame, cells: NumberCells, language: str) -> pd.DataFrame:
    """``frame`` with its number columns as text in ``language`` (object columns for a text editor)."""
    shown = frame.copy()
    for column, kind in cells.kinds.items():
        if column in shown:
            shown[column] = pd.Series(
                [cell_text(v, kind, language) for v in shown[column]], index=shown.index, dtype=object
            )
    return shown


def relocalised(frame: pd.DataFrame, cells: NumberCells, before: str, after: str) -> pd.DataFrame:
    """``frame``'s number cells written in ``before`` rewritten in ``after``; a cell that does
    not read in ``before`` stays as typed (and is refused with how to fix it on saving)."""
    shown = frame.copy()
    for column, kind in cells.kinds.items():
        if column in shown:
            shown[column] = pd.Series(
                [rewritten(v, kind, before, after) for v in shown[column]], index=shown.index, dtype=object
            )
    return shown


def rewritten(text: Any, kind: str, before: str, after: str) -> Any:
    """Cell ``text`` written in ``before`` written in ``after``; as it is when it does not read."""
    if not isinstance(text, str):
        return text
    try:
        return cell_text(read_cell(text, kind, before), kind, after)
    except NotANumber:
        return text


def read_cell(text: Any, kind: str, language: str) -> Any:
    """A cell's text as the model's value: a number, a list or a mapping of numbers, or
    ``None``; pairs that are not ``KEY=value`` are left as text, for the domain to explain.

    Raises
    ------
    NotANumber
        For the first part that is no number; its ``text`` is that part.
    """
    if not isinstance(text, str):
        return None if is_blank(text) or text is pd.NA else text
    whole = kind == "integer"
    if kind in ("integer", "number"):
        return parse_number(text, language, whole=whole)
    if kind == "list_number":
        parts = [p for p in text.split(LIST_SEPARATOR) if p.strip()]
        return [parse_number(p, language) for p in parts] or None
    pairs = _pairs(text)
    if pairs is None:
        return text
    return {key: parse_number(value, language) for key, value in pairs} or None


def _pairs(text: str) -> list[tuple[str, str]] | None:
    """``KEY=value`` parts of ``text``; ``None`` when a part is not a pair."""
    pairs = []
    for part in text.split(LIST_SEPARATOR):
        if not part.strip():
            continue
        key, separator, value = part.partition(PAIR_SEPARATOR)
        if not separator or not key.strip():
            return None
        pairs.append((key.strip(), value))
    return pairs


@dataclass(frozen=True)
class ReadRows:
    """Rows with their number cells read, and a problem for every cell that did not read."""

    table: str
    rows: list[dict[str, Any]]
    problems: list[Problem]
    refused: frozenset[tuple[str, str]]
    """(row id, column) of each refused cell."""

    def with_validation(self, problems: Iterable[Problem]) -> list[Problem]:
        """The refused cells' problems, then ``problems`` (from validating :attr:`rows`) except
        those about a refused cell (left empty): its own problem says what is wrong with it."""
        others = (p for p in problems if p.table != self.table or (p.row, p.field) not in self.refused)
        return [*self.problems, *others]


def read_rows(rows: Iterable[Mapping[str, Any]], cells: NumberCells, language: str) -> ReadRows:
    """Every row with its number cells read in ``language`` (:func:`read_cell`); a refused cell
    is left empty and named by a :class:`~planning.domain.problems.Problem` (table, row id, column
    header, what is wrong, how to write it) in ``language``."""
    out, problems, refused = [], [], set()
    new = 0
    for row in rows:
        row_id = str(row.get("id") or "").strip()
        if not row_id:
            new += 1
            row_id = choose(TEXTS["new_row"], language, number=new)
        read = dict(row)
        for column, kind in cells.kinds.items():
            if column not in row:
                continue
            try:
                read[column] = read_cell(row[column], kind, language)
            except NotANumber as exc:
                read[column] = None
                refused.add((row_id, column))
                problems.append(refusal(cells, row_id, column, str(row[column]), exc))
        out.append(read)
    return ReadRows(cells.table, out, problems, frozenset(refused))


def refusal(cells: NumberCells, row: str, column: str, text: str, exc: NotANumber) -> Problem:
    """The problem with cell ``text`` of ``row`` and ``column``, in the language it was read in."""
    label = cells.labels.get(column, column)
    message, fix = refusal_words(text, label, exc)
    return Problem(cells.table, row, label, message, fix)


def refusal_words(text: str, label: str, exc: NotANumber, *, field: bool = False) -> tuple[str, str]:
    """What is wrong with ``text`` and how to write it, in the language it was read in: a
    cell's words (its row and column are named beside them) or, with ``field``, a field's,
    which name the field ``label``."""
    language = exc.language
    if exc.text.strip() != text.strip():
        where = choose(TEXTS["part"], language, part=exc.text.strip(), text=text.strip())
    elif field:
        where = choose(TEXTS["field"], language, text=text.strip(), column=label)
    else:
        where = choose(TEXTS["value"], language, text=text.strip())
    example, grouped, plain = EXAMPLES[language]
    fix = choose(TEXTS[f"{exc.reason}.fix"], language, example=example, grouped=grouped, plain=plain)
    return choose(TEXTS[exc.reason], language, where=where), fix


def refusal_lines(problems: Iterable[Problem], language: str) -> str:
    """The refused cells as a message: one line a cell, naming its row and column, what is
    wrong and how to write it."""
    lines = [f"- {choose(TEXTS['cell'], language, row=p.row, column=p.field)}: {p.message}; {p.fix}." for p in problems]
    return "\n".join([choose(TEXTS["refused"], language), *lines]) if lines else ""
