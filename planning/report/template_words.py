"""The templates' words in the report's language, and the page footer's.

A template writes ``{{ _("Proposal: scenario <strong>{scenario}</strong>", scenario=r.scenario) }}``
and ``{{ ngettext("{n} decision", "{n} decisions", n) }}``: the English ``msgid`` is looked up in
the catalogs (``scripts/catalogs.py`` extracts the calls through ``[jinja2: ...]`` in
``babel.cfg``), its ``{name}`` placeholders are filled with the values escaped for HTML, and the
result is markup (the catalogs' words are trusted, and may hold ``<strong>``). Numbers are
formatted before they are passed in (the ``num`` and ``pct`` filters); ``n`` is written the
language's way.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from planning.messages.render import gettext_in, ngettext_in, number

TemplateGettext = Callable[..., Markup]


def template_gettext(language: str) -> TemplateGettext:
    """``_(msgid, **values)`` for the templates: the words in ``language`` with the values filled in."""
    gettext = gettext_in(language)

    def _(msgid: str, **values: Any) -> Markup:
        return Markup(gettext(msgid)).format(**values)

    return _


def template_ngettext(language: str) -> TemplateGettext:
    """``ngettext(one, many, n, **values)`` for the templates: the form that agrees with ``n``."""
    ngettext = ngettext_in(language)

    def counted(one: str, many: str, n: int, **values: Any) -> Markup:
        return Markup(ngettext(one, many, int(n))).format(n=number(int(n), language), **values)

    return counted


COUNTERS = {"{page}": "counter(page)", "{pages}": "counter(pages)"}


def page_css(kind: str, language: str) -> str:
    """The A4 pages' footer in ``language``: what the document is (``report`` or ``paper``) at the
    left, ``Side 2 av 9`` at the right (the first page's left footer is left out by ``report.css``)."""
    _ = gettext_in(language)
    left = _("Veikart · steering committee report") if kind == "report" else _("Veikart · board paper")
    parts = re.split(r"(\{pages?\})", _("Page {page} of {pages}"))
    right = " ".join(COUNTERS.get(part) or _css_string(part) for part in parts if part)
    style = "font-size: 7.5pt; color: #777;"
    return (f"\n@page {{\n  @bottom-left {{ content: {_css_string(left)}; {style} }}\n"
            f"  @bottom-right {{ content: {right}; {style} }}\n}}\n")  # fmt: skip


def _css_string(text: str) -> str:
    """``text`` as a quoted CSS string (backslashes, quotes and ``<`` escaped)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ") + '"'
