"""The report's part on the price of predictability: a table and an inline chart of the comparison."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from markupsafe import Markup

from planning.messages.render import gettext_in, ngettext_in, number, percent
from planning.report.content import Report
from planning.report.svg import GRID, INK, MUTED, SPEND, WIDTH, legend, line, nice_max, polyline, rect, svg, text

HELD = "#e45756"
HEIGHT = 230


def price_svg(rows: Sequence[dict[str, Any]], *, title: str = "", language: str = "nb") -> str:
    """Bars of NPV per plan (point estimate first) and the share of fresh futures in which the
    envelopes held (a line on a 0–100 % scale at the right), with each level's target as a tick."""
    _, ngettext = gettext_in(language), ngettext_in(language)
    left, right, top, bottom = 60, 50, 28, 40
    width, height = WIDTH - left - right, HEIGHT - top - bottom
    top_npv, step = nice_max(max((float(r["npv"] or 0.0) for r in rows), default=0.0))
    slot = width / max(1, len(rows))
    body = [legend(left, 14, [(_("Net present value (MNOK)"), SPEND, "box"), (_("The envelopes held"), HELD, "line"),
                              (_("Target"), INK, "dash")])]  # fmt: skip
    parts: list[str] = [item for group in body for item in group]
    tick = 0.0
    while tick <= top_npv + 1e-9:
        y = top + height - height * tick / top_npv
        parts += [line(left, y, left + width, y, GRID), text(left - 6, y + 3, number(tick, language, 0),
                                                             size=8, anchor="end", fill=MUTED)]  # fmt: skip
        tick += step
    for share in (0.0, 0.5, 1.0):
        y = top + height - height * share
        parts.append(text(left + width + 6, y + 3, percent(share, language), size=8, fill=MUTED))
    points = []
    for n, r in enumerate(rows):
        x = left + slot * n + slot * 0.2
        npv = float(r["npv"] or 0.0)
        bar = height * max(npv, 0.0) / top_npv
        parts.append(rect(x, top + height - bar, slot * 0.6, bar, SPEND))
        label = _("Point") if r["confidence"] is None else percent(float(r["confidence"]), language)
        parts.append(text(x + slot * 0.3, top + height + 14, label, size=9, anchor="middle"))
        chosen = int(r["initiatives"])
        initiatives = ngettext("{n} initiative", "{n} initiatives", chosen).format(n=number(chosen, language))
        parts.append(text(x + slot * 0.3, top + height + 26, initiatives, size=8, anchor="middle", fill=MUTED))
        y = top + height - height * float(r["achieved"])
        points.append((x + slot * 0.3, y))
        if r["confidence"] is not None:
            target = top + height - height * float(r["confidence"])
            parts.append(line(x + slot * 0.1, target, x + slot * 0.5, target, INK, width=2, dash="3 2"))
    parts.append(polyline(points, HELD, width=2.5))
    parts += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{HELD}"/>' for x, y in points]
    return svg(WIDTH, HEIGHT, parts, title)


def price_context(report: Report) -> dict[str, Any] | None:
    """The rows and the chart of the price of predictability; ``None`` when not computed."""
    rows = report.price
    if not rows:
        return None
    title = gettext_in(report.language)("The price of predictability")
    return {"rows": rows, "chart": Markup(price_svg(rows, title=title, language=report.language))}
