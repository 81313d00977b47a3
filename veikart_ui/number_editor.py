"""The editable tables' number cells in the session: shown as text in the reader's language,
read back on every run, refused cells named below the table at once and by their rows on saving.

See :mod:`veikart_ui.number_cells` for why the cells are text and how they are read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
import streamlit as st

from planning.domain.editing import merge_rows
from planning.messages.locale_numbers import NotANumber, format_number, parse_number
from veikart_ui import session
from veikart_ui.components import records
from veikart_ui.i18n import choose
from veikart_ui.number_cells import (
    EXAMPLES,
    NumberCells,
    ReadRows,
    as_text,
    read_rows,
    refusal_lines,
    refusal_words,
    relocalised,
    rewritten,
)
from veikart_ui.plain import plain

TEXTS: dict[str, tuple[str, str]] = {
    "hint": (
        "Tall skrives med desimalkomma og eventuelt mellomrom mellom tusener: {example}, {grouped}.",
        "Numbers are written with a decimal point and, if you like, commas between thousands: {example}, {grouped}.",
    ),
}


def text_column(label: str, *, help: str | None = None, required: bool | None = None) -> Any:
    """An editor column for a number written as text, right-aligned as numbers are."""
    return st.column_config.TextColumn(label, help=help, required=required, alignment="right")


def number_hint() -> str:
    """How to write a number in the session's language, for a column's help or a caption."""
    example, grouped, _ = EXAMPLES[session.language()]
    return choose(TEXTS["hint"], session.language(), example=example, grouped=grouped)


def number_base(key: str, base: pd.DataFrame, cells: NumberCells) -> pd.DataFrame:
    """``base`` with its number cells as text in the session's language, for
    :func:`veikart_ui.components.draft_editor` ``key``.

    When the reader switches language while editing, the table's text changes, and Streamlit
    then starts the editor afresh: the edits not yet in the draft are put into it first, and
    the draft is rewritten in the new language, so that nothing typed is lost.
    """
    language = session.language()
    marker, draft_key, pending_key = f"{key}_number_language", f"{key}_draft", f"{key}_pending"
    before = st.session_state.get(marker, language)
    st.session_state[marker] = language
    if before == language:
        return as_text(base, cells, language)
    draft = st.session_state.get(draft_key)
    pending = st.session_state.get(pending_key)
    if pending is not None:
        source = draft if isinstance(draft, pd.DataFrame) else as_text(base, cells, before)
        draft = pd.DataFrame(merge_rows(records(source), pending[0], pending[1]), columns=source.columns)
        st.session_state[pending_key] = None
    if isinstance(draft, pd.DataFrame):
        st.session_state[draft_key] = relocalised(draft, cells, before, language)
    return as_text(base, cells, language)


def read_numbers(rows: Iterable[Mapping[str, Any]], cells: NumberCells, where: Any = st) -> ReadRows:
    """``rows`` with their number cells read in the session's language; cells that are no number
    are listed in ``where`` at once, each with its row, column and how to write it."""
    read = read_rows(rows, cells, session.language())
    if read.problems:
        where.warning(session.shown_lines(refusal_lines(read.problems, session.language())))
    return read


FIELD_TEXTS: dict[str, tuple[str, str]] = {
    "range": (
        "«{text}» i feltet «{field}» er utenfor det som går an; skriv et tall fra {low} til {high}",
        "'{text}' in the field '{field}' is out of range; write a number from {low} to {high}",
    ),
}


def number_field(
    label: str,
    *,
    key: str,
    value: float | None,
    low: float,
    high: float,
    container: Any = st,
    help: str | None = None,
) -> float | None:
    """A field for one number written the reader's way (``92,5`` in bokmål, ``92.5`` in English),
    in place of ``st.number_input``, whose browser field reads ``92,5`` as 925.

    Returns
    -------
    float or None
        The number typed, or ``None`` when the field is empty or holds no number from ``low``
        to ``high``; then the reason and how to write it show under the field.
    """
    language, marker = session.language(), f"{key}_language"
    before = st.session_state.get(marker, language)
    if key not in st.session_state:
        st.session_state[key] = "" if value is None else format_number(value, language)
    elif before != language:
        st.session_state[key] = rewritten(str(st.session_state[key]), "number", before, language)
    st.session_state[marker] = language
    typed = container.text_input(label, key=key, help=help or number_hint())
    try:
        number = parse_number(typed, language)
    except NotANumber as exc:
        message, fix = refusal_words(typed, label, exc, field=True)
        container.error(plain(f"{message}; {fix}."))
        return None
    if number is not None and not low <= number <= high:
        low_text, high_text = format_number(low, language), format_number(high, language)
        container.error(
            choose(FIELD_TEXTS["range"], language, text=plain(typed.strip()), field=label, low=low_text, high=high_text)
        )
        return None
    return number
