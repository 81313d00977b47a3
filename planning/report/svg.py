"""Report charts drawn as inline SVG: no browser, no image export, crisp on screen and paper.

Each function takes a tidy DataFrame and returns one ``<svg>`` element as text, sized in
CSS pixels (96 per inch) with a ``viewBox`` so it scales to the column it is put in. The
A4 text column is about 680 px wide. Words, numbers and percentages are in the report's
``language`` (``nb`` by default, or ``en``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from html import escape

import pandas as pd

from planning.messages.render import gettext_in, number, percent

FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"
INK, MUTED, GRID = "#222222", "#666666", "#e3e3e3"
STATUS_COLOURS = {
    "green": "#2e7d32",
    "yellow": "#f2b01e",
    "red": "#c62828",
    "missing": "#8d8d8d",
    "not_due": "#c7c7c7",
    "not_in_plan": "#c7c7c7",
}
SPEND, OVER, ENVELOPE = "#4c78a8", "#c62828", "#222222"
PLANNED, REALISED, FORECAST = "#4c78a8", "#2e7d32", "#f58518"
WIDTH = 680


def svg(width: float, height: float, body: Sequence[str], title: str = "") -> str:
    """One ``<svg>`` element with a title for screen readers."""
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" role="img" font-family="{FONT}">'
    )
    label = f"<title>{escape(title)}</title>" if title else ""
    return head + label + "".join(body) + "</svg>"


def text(x: float, y: float, value: str, *, size: float = 10, anchor: str = "start", fill: str = INK,
         weight: str = "normal") -> str:  # fmt: skip
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{fill}" '
        f'font-weight="{weight}">{escape(value)}</text>'
    )


def rect(x: float, y: float, w: float, h: float, fill: str, *, stroke: str = "none", opacity: float = 1.0) -> str:
    return (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w, 0):.1f}" height="{max(h, 0):.1f}" fill="{fill}" '
        f'stroke="{stroke}" fill-opacity="{opacity}"/>'
    )


def line(x1: float, y1: float, x2: float, y2: float, colour: str, *, width: float = 1, dash: str = "") -> str:
    pattern = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{colour}" '
        f'stroke-width="{width}"{pattern}/>'
    )


def polyline(points: Sequence[tuple[float, float]], colour: str, *, width: float = 2, dash: str = "") -> str:
    pattern = f' stroke-dasharray="{dash}"' if dash else ""
    coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    return f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="{width}"{pattern}/>'


def nice_max(value: float) -> tuple[float, float]:
    """A round axis maximum at or above ``value`` and its tick step (1, 2 or 5 times 10^k)."""
    if value <= 0 or math.isnan(value):
        return 1.0, 0.25
    raw = value / 4
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    return step * math.ceil(value / step), step


def tick(value: float, language: str) -> str:
    """An axis value the language's way (Babel): whole numbers without decimals, others with one or two."""
    digits = next((d for d in (0, 1) if abs(value * 10**d - round(value * 10**d)) < 1e-9), 2)
    return number(value, language, digits)


def short(value: str, length: int) -> str:
    return value if len(value) <= length else value[: length - 1].rstrip() + "…"


def legend(x: float, y: float, items: Sequence[tuple[str, str, str]]) -> list[str]:
    """Legend entries left to right: (label, colour, kind: box, dot, line or dash)."""
    body = []
    for label, colour, kind in items:
        if kind == "box":
            body.append(rect(x, y - 8, 10, 10, colour))
        elif kind == "dot":
            body.append(f'<circle cx="{x + 5:.1f}" cy="{y - 3:.1f}" r="3.5" fill="{colour}"/>')
        else:
            body.append(line(x, y - 3, x + 14, y - 3, colour, width=2.5, dash="4 3" if kind == "dash" else ""))
        body.append(text(x + 18, y, label, size=9))
        x += 26 + 5.6 * len(label)
    return body


def gantt_svg(rows: pd.DataFrame, years: Sequence[int], colours: Mapping[str, str], *, title: str = "") -> str:
    """The roadmap: one bar per initiative from ``start`` to ``end`` (decimal years).

    ``rows`` needs ``id``, ``name``, ``start``, ``end``, ``colour_key`` (looked up in
    ``colours``) and ``started`` (hatched outline when True).
    """
    label_w, row_h, top = 250.0, 15.0, 22.0
    first, last = min(years), max(years) + 1
    scale = (WIDTH - label_w - 10) / max(last - first, 1)
    height = top + row_h * len(rows) + 8
    body = []
    for year in range(first, last + 1):
        x = label_w + (year - first) * scale
        body.append(line(x, top - 4, x, height - 6, GRID))
        if year < last:
            body.append(text(x + scale / 2, top - 8, str(year), size=9, anchor="middle", fill=MUTED))
    for n, r in enumerate(rows.itertuples(index=False)):
        y = top + n * row_h
        if n % 2 == 0:
            body.append(rect(0, y, WIDTH, row_h, "#f6f6f6"))
        body.append(text(2, y + 11, short(f"{r.id} – {r.name}", 44), size=8.5))
        x0, x1 = label_w + (r.start - first) * scale, label_w + (r.end - first) * scale
        stroke = INK if r.started else "none"
        body.append(rect(x0 + 1, y + 2.5, x1 - x0 - 2, row_h - 5, colours.get(r.colour_key, "#999999"), stroke=stroke))
    return svg(WIDTH, height, body, title)


def spend_panels_svg(spend: pd.DataFrame, pools: Sequence[str], names: Mapping[str, str], *, title: str = "",
                     language: str = "nb") -> str:  # fmt: skip
    """Spend (bars; red where over) against the envelope (black tick) per pool and year."""
    _ = gettext_in(language)
    columns, panel_w, panel_h, gap = 2, WIDTH / 2, 150.0, 14.0
    top = 24.0
    rows = math.ceil(len(pools) / columns)
    body = legend(4, 12, [(_("Cost"), SPEND, "box"), (_("Over the envelope"), OVER, "box"),
                          (_("Investment envelope"), ENVELOPE, "line")])  # fmt: skip
    for n, pool in enumerate(pools):
        ox, oy = (n % columns) * panel_w, top + (n // columns) * (panel_h + gap)
        mine = spend[spend["pool"] == pool]
        body += _spend_panel(mine, ox, oy, panel_w - 12, panel_h, names.get(pool, pool), language)
    return svg(WIDTH, top + rows * (panel_h + gap), body, title)


def _spend_panel(data: pd.DataFrame, ox: float, oy: float, w: float, h: float, name: str,
                 language: str) -> list[str]:  # fmt: skip
    left, bottom, head = 34.0, 16.0, 16.0
    top_value, step = nice_max(float(max(data["amount"].max(), data["envelope"].max(), 1.0)))
    years = sorted(int(y) for y in data["year"].unique())
    plot_h, plot_w = h - bottom - head, w - left
    slot = plot_w / max(len(years), 1)
    body = [text(ox + left, oy + 11, name, size=10, weight="bold")]
    for k in range(round(top_value / step) + 1):
        y = oy + head + plot_h - plot_h * k * step / top_value
        body += [line(ox + left, y, ox + w, y, GRID),
                 text(ox + left - 4, y + 3, tick(k * step, language), size=8, anchor="end")]  # fmt: skip
    for n, r in enumerate(data.sort_values("year").itertuples(index=False)):
        x = ox + left + n * slot
        bar_h = plot_h * float(r.amount) / top_value
        env_y = oy + head + plot_h - plot_h * float(r.envelope) / top_value
        colour = OVER if float(r.amount) > float(r.envelope) + 1e-6 else SPEND
        body.append(rect(x + slot * 0.2, oy + head + plot_h - bar_h, slot * 0.6, bar_h, colour))
        body.append(line(x + slot * 0.1, env_y, x + slot * 0.9, env_y, ENVELOPE, width=2))
        body.append(text(x + slot / 2, oy + h - 3, f"'{int(r.year) % 100:02d}", size=8, anchor="middle", fill=MUTED))
    return body


def benefit_years_svg(totals: pd.DataFrame, as_of: int, *, title: str = "", language: str = "nb") -> str:
    """Portfolio benefit per year: planned (line), realised (bars), planned for the measured
    benefits (dots) and the re-forecast (dashed) after ``as_of``, MNOK."""
    _ = gettext_in(language)
    left, top, bottom, height = 44.0, 30.0, 22.0, 250.0
    years = [int(y) for y in totals["year"]]
    values = totals[["planned", "realised", "reforecast"]].astype(float)
    top_value, step = nice_max(float(values.max().max()))
    plot_w, plot_h = WIDTH - left - 8, height - top - bottom
    slot = plot_w / max(len(years), 1)

    def x_of(n: int) -> float:
        return left + slot * (n + 0.5)

    def y_of(v: float) -> float:
        return top + plot_h - plot_h * v / top_value

    body = legend(
        4,
        12,
        [
            (_("Planned"), PLANNED, "line"),
            (_("Realised"), REALISED, "box"),
            (_("Planned for the measured benefits"), PLANNED, "dot"),
            (_("Revised forecast"), FORECAST, "dash"),
        ],
    )
    for k in range(round(top_value / step) + 1):
        y = y_of(k * step)
        body += [
            line(left, y, WIDTH - 8, y, GRID),
            text(left - 4, y + 3, tick(k * step, language), size=8, anchor="end"),
        ]
    for n, r in enumerate(totals.itertuples(index=False)):
        if not pd.isna(r.realised):
            body.append(
                rect(
                    x_of(n) - slot * 0.3,
                    y_of(float(r.realised)),
                    slot * 0.6,
                    plot_h - y_of(float(r.realised)) + top,
                    REALISED,
                    opacity=0.85,
                )
            )
            body.append(
                f'<circle cx="{x_of(n):.1f}" cy="{y_of(float(r.planned_measured)):.1f}" r="3.5" fill="{PLANNED}"/>'
            )
        if n % max(1, len(years) // 12) == 0:
            body.append(text(x_of(n), height - 6, str(years[n]), size=8, anchor="middle", fill=MUTED))
    body.append(polyline([(x_of(n), y_of(float(v))) for n, v in enumerate(totals["planned"])], PLANNED))
    after = [
        (x_of(n), y_of(float(v)))
        for n, (y, v) in enumerate(zip(years, totals["reforecast"], strict=True))
        if y >= as_of
    ]
    body.append(polyline(after, FORECAST, dash="6 4"))
    if as_of in years:
        x = x_of(years.index(as_of)) + slot / 2
        body += [
            line(x, top, x, top + plot_h, MUTED, dash="2 3"),
            text(x + 3, top + 10, _("Measured up to {year}").format(year=as_of), size=8, fill=MUTED),
        ]
    return svg(WIDTH, height, body, title)  # fmt: skip


def ratio_bars_svg(rows: pd.DataFrame, green: float, yellow: float, *, title: str = "", language: str = "nb") -> str:
    """Realised share of plan per benefit (``label``, ``ratio``, ``status``), with the thresholds."""
    _ = gettext_in(language)
    label_w, row_h, top = 260.0, 16.0, 24.0
    cap = max(1.5, float(rows["ratio"].max()) if len(rows) else 1.5)
    scale = (WIDTH - label_w - 50) / cap
    height = top + row_h * len(rows) + 10
    body = []
    for share in (0.0, 0.5, 1.0, 1.5):
        x = label_w + share * scale
        body += [
            line(x, top - 4, x, height - 6, GRID),
            text(x, top - 8, percent(share, language), size=8, anchor="middle", fill=MUTED),
        ]
    for n, r in enumerate(rows.itertuples(index=False)):
        y = top + n * row_h
        body.append(text(2, y + 11, short(str(r.label), 46), size=8.5))
        body.append(rect(label_w, y + 3, float(r.ratio) * scale, row_h - 6, STATUS_COLOURS.get(str(r.status), MUTED)))
        body.append(text(label_w + float(r.ratio) * scale + 4, y + 11, percent(float(r.ratio), language), size=8))
    for share, words in ((yellow, _("yellow ≥ {share}")), (green, _("green ≥ {share}"))):
        x = label_w + share * scale
        body += [
            line(x, top - 4, x, height - 6, INK, dash="3 2"),
            text(x + 2, height - 1, words.format(share=percent(share, language)), size=7.5, fill=MUTED),
        ]
    return svg(WIDTH, height + 6, body, title)  # fmt: skip
