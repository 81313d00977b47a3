"""Names from the data as plain text in plotly figures.

plotly draws titles, axis ticks, legend entries, annotations and hover texts with a subset of
HTML (``<b>``, ``<br>``, ``<a href>``, ``<span style>``, entities). A name such as
``<a href="https://evil.example">x</a>`` would become a link there. :func:`label` makes a
value show as typed: every chart puts an initiative's, pool's or benefit's name, an id or any
other text from the data through it before it goes into a figure; the charts' own words and
tags (``<b>``, ``<br>``) stay as written.
"""

from __future__ import annotations

import html
from typing import Any


def label(value: Any) -> str:
    """``value`` as text plotly shows literally: ``<``, ``>`` and ``&`` as entities."""
    return html.escape("" if value is None else str(value), quote=False)


def template_label(value: Any) -> str:
    """``value`` as :func:`label`, for a ``hovertemplate``: a ``%`` too, so ``%{x}`` in a name
    is shown, not filled in."""
    return label(value).replace("%", "&#37;")
