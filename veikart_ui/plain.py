"""User data shown as plain text in Streamlit's Markdown: names, descriptions, titles, ids.

Streamlit renders Markdown (GitHub-flavoured, with maths, colours, emoji and icons) in
``st.markdown``, ``st.write``, ``st.caption``, the alerts (``st.info`` ...), headings, and in
every widget label and help text, expander, tab and popover title, metric label, the options of
``st.radio``, ``st.pills`` and ``st.segmented_control``, and the cells of ``st.table``. A name
such as ``[x](https://evil.example)`` would become a link there and ``![i](https://e/i.png)``
an image. :func:`plain` makes any value show exactly as typed; use it on every value that comes
from the portfolio or a person (names, descriptions, ids, scenario names, usernames, file
names), never on the app's own texts.

Not Markdown in Streamlit 1.67, so given as typed: ``st.dataframe`` and ``st.data_editor``
cells, the options of ``st.selectbox`` and ``st.multiselect``, ``st.text``, ``st.code``, and
widget values.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

_MARKDOWN = re.compile(r"([\\`*_\[\]<>#!|~$&])")
"""What Markdown acts on anywhere in a line: links, images, emphasis, code, HTML and entities,
headings, tables, strikethrough and maths."""
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+(?=[.)]))", re.MULTILINE)
"""A list item or heading underline at the start of a line."""
_JOINED = re.compile(r"(?i)(www)(?=\.)|(?<=:)(?=[\w/+-])|(?=@)")
"""Where GitHub's Markdown finds a link in plain words (``www.x.no``, ``https://x.no``,
``a@x.no``), even with every sign escaped (it reads the text after the escapes), and where
Streamlit finds a colour, an emoji or an icon (``:red[x]``, ``:smile:``, ``:material/name:``):
a colon right before a word. A colon before a space or at the end stays as it is."""
WORD_JOINER = "\u2060"
"""Invisible and zero-width, it keeps the words as they are read and breaks the autolink."""


def plain(value: Any) -> str:
    """``value`` as Markdown that Streamlit shows literally: lines kept, no markup, no links.

    Every sign Markdown acts on is escaped with a backslash, so the reader sees it as typed;
    ``www.``, ``@`` and a colon right before a word (``https://``, ``:red[``, ``:smile:``) get
    an invisible word joiner, so no address becomes a link and no colour, emoji or icon is drawn
    (a copied address or time of day then holds that invisible character).
    """
    text = "" if value is None else str(value)
    text = _JOINED.sub(lambda found: (found.group(1) or "") + WORD_JOINER, text)
    text = _MARKDOWN.sub(r"\\\1", text)
    text = _LINE_START.sub(lambda found: _escape_marker(found.group(1), found.group(2)), text)
    return text.replace("\r\n", "\n").replace("\n", "  \n")


def _escape_marker(space: str, marker: str) -> str:
    if marker.isdigit():  # "1." or "1)": the sign after the number makes the list item
        return f"{space}{marker}\\"
    return f"{space}\\{marker}"


def plain_join(values: Any, separator: str = ", ") -> str:
    """``values`` each as :func:`plain` text, joined by ``separator`` (the app's own words)."""
    return separator.join(plain(value) for value in values)


def plain_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` for ``st.table``, which renders its cells and headers as Markdown: every text
    cell and column name as :func:`plain` text (numbers stay numbers)."""
    shown = frame.rename(columns=lambda column: plain(column) if isinstance(column, str) else column)
    return shown.apply(lambda column: column.map(lambda v: plain(v) if isinstance(v, str) else v))
