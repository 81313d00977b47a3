"""What a reader sees of a Markdown text the app escaped with :func:`veikart_ui.plain.plain`."""

from __future__ import annotations

import re

from veikart_ui.plain import WORD_JOINER

_ESCAPED = re.compile(r"\\(.)")


def as_read(markdown: str) -> str:
    """``markdown`` as Streamlit shows it: backslash escapes and word joiners gone, lines kept."""
    return _ESCAPED.sub(r"\1", markdown).replace(WORD_JOINER, "").replace("  \n", "\n")
