"""``docs/data-model.md``, generated from the table declarations.

Run ``python -m planning.domain.docs`` after changing :mod:`planning.domain.models`; a test checks that
the committed file equals :func:`data_model_markdown`, so it never goes stale.
"""

from __future__ import annotations

import inspect
import sys
from pathlib import Path
from typing import Any

from planning.domain.columns import LIST_SEPARATOR, PAIR_SEPARATOR, ColumnSpec, column_specs, encode_cell
from planning.domain.loading import DERIVED_IDS
from planning.domain.models import TABLE_MODELS

DATA_MODEL_PATH = Path(__file__).resolve().parents[2] / "docs" / "data-model.md"

REQUIRED_TABLES = ("horizon", "funding_pool", "ambition_level", "initiative")
"""Tables a usable portfolio cannot do without; the others may be left out of a file."""

CELL_FORMATS = (
    f"List cells hold values separated by semicolons: `HV{LIST_SEPARATOR}HN` or "
    f"`10{LIST_SEPARATOR}20{LIST_SEPARATOR}5`.",
    f"Pair cells hold KEY{PAIR_SEPARATOR}value pairs separated by semicolons: "
    f"`HSO{PAIR_SEPARATOR}0.5{LIST_SEPARATOR}HV{PAIR_SEPARATOR}0.5`.",
    "Money is in MNOK (million Norwegian kroner); every column states its unit. Fractions are written 0.25, not 25 %.",
    "Periods are labelled by year (`2027`), half-year (`2027H2`) or quarter (`2027Q3`).",
    "Booleans are TRUE or FALSE; dates are spreadsheet dates or ISO text such as `2027-06-30`.",
    "Every number lies in its column's range (each value of a list or pair cell too); TRUE, FALSE, NaN "
    "and infinity are no numbers and are refused in number columns.",
    "A blank cell takes the column's default; a row with every cell blank is skipped.",
)
"""How flat-file cells (CSV and spreadsheets) are written, one sentence each."""


class _Placeholders(dict[str, Any]):
    """A row whose every column reads as its own name, to show how an id is derived."""

    def get(self, key: str, default: Any = None) -> str:
        return key.upper()


def derived_id_rule(table: str) -> str:
    """How ``table``'s id is derived when left empty, for example ``PREDECESSOR_ID->SUCCESSOR_ID``."""
    return DERIVED_IDS[table](_Placeholders())


def table_summary(table: str) -> str:
    """The table model's docstring, as one paragraph."""
    return inspect.cleandoc(TABLE_MODELS[table].__doc__ or "").replace("\n", " ")


def default_label(spec: ColumnSpec) -> str:
    """The default as it would be written in a cell; empty for required columns and blanks."""
    if spec.required or spec.default is None:
        return ""
    if isinstance(spec.default, bool):
        return "TRUE" if spec.default else "FALSE"
    if isinstance(spec.default, float):
        return f"{spec.default:g}"
    return str(encode_cell(spec, spec.default))


def _required_label(table: str, spec: ColumnSpec) -> str:
    if spec.name == "id" and table in DERIVED_IDS:
        return "no (derived)"
    return "yes" if spec.required else "no"


def _range_label(spec: ColumnSpec) -> str:
    """The declared range, of each value for a list or pairs of numbers."""
    if not spec.range_label:
        return ""
    return f"each {spec.range_label}" if spec.kind in ("list_number", "map_number") else spec.range_label


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _table_section(table: str) -> list[str]:
    lines = [f"### {table}", "", table_summary(table), ""]
    if table in REQUIRED_TABLES:
        lines += ["Required in every portfolio file.", ""]
    if table in DERIVED_IDS:
        lines += [f"The id may be left empty; it is then `{derived_id_rule(table)}`.", ""]
    lines += [
        "| column | type | unit | range | required | default | allowed values | description |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for spec in column_specs(table):
        cells = [
            f"`{spec.name}`",
            spec.type_label,
            spec.unit or "",
            _range_label(spec),
            _required_label(table, spec),
            f"`{default_label(spec)}`" if default_label(spec) else "",
            ", ".join(f"`{a}`" for a in spec.allowed) if spec.allowed else "",
            spec.description,
        ]
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return [*lines, ""]


def data_model_markdown() -> str:
    """The whole of ``docs/data-model.md``."""
    lines = [
        "# Data model",
        "",
        "<!-- Generated from planning/domain/models.py by `python -m planning.domain.docs`; do not edit by hand. -->",
        "",
        "A portfolio is a set of tables. In a workbook each table is one sheet named after the table, "
        "in a CSV folder one `TABLE.csv`, in JSON one key holding a list of rows. "
        "The first row of a sheet or CSV file names the columns; data starts on the second row. "
        "A CSV file may be UTF-8 or Windows-1252 text, with commas, semicolons or tabs between cells "
        "(whichever its first row holds most of), as Excel writes it. In a number column of a CSV file a "
        "decimal comma and spaces between digits are read as Norwegian Excel writes them (`1 234,5`), "
        'except a comma before exactly three digits in a file separated by commas (`"1,234"`), which may '
        "be an English thousands separator and is refused. List and pair cells take decimal points.",
        "",
        "## Cell formats",
        "",
        *[f"- {sentence}" for sentence in CELL_FORMATS],
        "",
        "## Derived ids",
        "",
        "| table | id when left empty |",
        "|---|---|",
        *[f"| {table} | `{derived_id_rule(table)}` |" for table in DERIVED_IDS],
        "",
        "## Tables",
        "",
    ]
    for table in TABLE_MODELS:
        lines += _table_section(table)
    return "\n".join(lines).rstrip("\n") + "\n"


def write_data_model(path: Path = DATA_MODEL_PATH) -> Path:
    """Write :func:`data_model_markdown` to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data_model_markdown(), encoding="utf-8")
    return path


if __name__ == "__main__":
    target = write_data_model(Path(sys.argv[1]) if len(sys.argv) > 1 else DATA_MODEL_PATH)
    print(f"wrote {target}")
