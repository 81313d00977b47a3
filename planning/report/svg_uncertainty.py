"""The report's charts of a simulated plan as inline SVG: spend fans per pool, delivery confidence, drivers."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import pandas as pd

from planning.messages.render import gettext_in, percent
from planning.report.svg import (
    ENVELOPE,
    GRID,
    INK,
    MUTED,
    WIDTH,
    gantt_svg,
    legend,
    line,
    nice_max,
    polyline,
    rect,
    short,
    svg,
    text,
    tick,
)

BAND, MEDIAN, PLANNED = "#a9c1dd", "#4c78a8", "#999999"
CONFIDENCE_COLOURS = {"high": "#2e7d32", "middle": "#f2b01e", "low": "#c62828"}
LOW_COST, HIGH_COST = "#54a24b", "#e45756"
HOLDS = 0.85
"""A pool-year holding its envelope in fewer futures than this is marked."""


def fan_panels_svg(
    pool_periods: pd.DataFrame, pools: Sequence[str], names: Mapping[str, str], *, title: str = "",
    language: str = "nb",
) -> str:  # fmt: skip
    """Per pool the P10–P90 band and P50 of sampled spend, the envelope and the plan; years that hold
    in fewer than 85 % of futures get their chance written under them in red."""
    _ = gettext_in(language)
    columns, panel_w, panel_h, gap, top = 2, WIDTH / 2, 150.0, 14.0, 24.0
    rows = math.ceil(len(pools) / columns)
    body = legend(4, 12, [("P10–P90", BAND, "box"), ("P50", MEDIAN, "line"),
                          (_("Investment envelope"), ENVELOPE, "line"), (_("The plan"), PLANNED, "dash")])  # fmt: skip
    for n, pool in enumerate(pools):
        ox, oy = (n % columns) * panel_w, top + (n // columns) * (panel_h + gap)
        mine = pool_periods[pool_periods["pool"] == pool].sort_values("period")
        body += _fan_panel(mine, ox, oy, panel_w - 12, panel_h, names.get(pool, pool), language)
    return svg(WIDTH, top + rows * (panel_h + gap), body, title)


def _fan_panel(data: pd.DataFrame, ox: float, oy: float, w: float, h: float, name: str,
               language: str) -> list[str]:  # fmt: skip
    left, bottom, head = 34.0, 26.0, 16.0
    highest = float(max(data["p90"].max(), data["envelope"].max(), data["planned"].max(), 1.0))
    top_value, step = nice_max(highest)
    plot_h, plot_w = h - bottom - head, w - left
    slot = plot_w / max(len(data), 1)

    def x_of(n: int) -> float:
        return ox + left + slot * (n + 0.5)

    def y_of(value: float) -> float:
        return oy + head + plot_h - plot_h * value / top_value

    body = [text(ox + left, oy + 11, name, size=10, weight="bold")]
    for k in range(round(top_value / step) + 1):
        y = y_of(k * step)
        body += [line(ox + left, y, ox + w, y, GRID),
                 text(ox + left - 4, y + 3, tick(k * step, language), size=8, anchor="end")]  # fmt: skip
    upper = [(x_of(n), y_of(float(v))) for n, v in enumerate(data["p90"])]
    lower = [(x_of(n), y_of(float(v))) for n, v in enumerate(data["p10"])]
    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in upper + lower[::-1])
    body.append(f'<polygon points="{points}" fill="{BAND}" stroke="none"/>')
    body.append(polyline([(x_of(n), y_of(float(v))) for n, v in enumerate(data["planned"])], PLANNED, width=1.5,
                         dash="3 3"))  # fmt: skip
    body.append(polyline([(x_of(n), y_of(float(v))) for n, v in enumerate(data["p50"])], MEDIAN, width=2))
    for n, r in enumerate(data.itertuples(index=False)):
        env_y = y_of(float(r.envelope))
        body.append(line(x_of(n) - slot * 0.45, env_y, x_of(n) + slot * 0.45, env_y, ENVELOPE, width=2))
        body.append(text(x_of(n), oy + h - 14, f"'{int(r.year) % 100:02d}", size=8, anchor="middle", fill=MUTED))
        if float(r.p_within) < HOLDS:
            body.append(text(x_of(n), oy + h - 3, percent(float(r.p_within), language), size=7.5, anchor="middle",
                             fill=CONFIDENCE_COLOURS["low"]))  # fmt: skip
    return body


def confidence_class(p_on_time: float) -> str:
    """high from 85 %, middle from 50 %, low below."""
    return "high" if p_on_time >= HOLDS else "middle" if p_on_time >= 0.5 else "low"


def confidence_gantt_svg(initiatives: pd.DataFrame, started: Sequence[str], years: Sequence[int], *,
                         title: str = "") -> str:  # fmt: skip
    """The plan's roadmap, each bar coloured by its chance of finishing on time (green, amber, red)."""
    rows = initiatives.sort_values(["start_at", "end_at"], kind="stable").reset_index()
    frame = pd.DataFrame(
        {
            "id": rows["id"],
            "name": rows["name"],
            "start": rows["start_at"],
            "end": rows["end_at"],
            "colour_key": [confidence_class(float(p)) for p in rows["p_on_time"]],
            "started": [str(i) in set(started) for i in rows["id"]],
        }
    )
    return gantt_svg(frame, years, CONFIDENCE_COLOURS, title=title)


def tornado_svg(drivers: pd.DataFrame, mean_overrun: float, *, title: str = "", language: str = "nb") -> str:
    """Per driver a bar from the mean overrun with its cost low (green) to high (red), MNOK."""
    _ = gettext_in(language)
    tenth = percent(0.1, language)
    label_w, row_h, top = 250.0, 16.0, 30.0
    highest = float(max(drivers["overrun_high"].max(), drivers["overrun_low"].max(), mean_overrun, 1.0))
    top_value, step = nice_max(highest)
    scale = (WIDTH - label_w - 20) / top_value
    height = top + row_h * len(drivers) + 12
    body = legend(4, 12, [(_("The cost among the lowest {share}").format(share=tenth), LOW_COST, "box"),
                          (_("among the highest {share}").format(share=tenth), HIGH_COST, "box")])  # fmt: skip
    for k in range(round(top_value / step) + 1):
        x = label_w + k * step * scale
        body += [line(x, top - 4, x, height - 6, GRID), text(x, top - 7, tick(k * step, language), size=8,
                                                             anchor="middle", fill=MUTED)]  # fmt: skip
    for n, r in enumerate(drivers.itertuples()):
        y = top + n * row_h
        body.append(text(2, y + 11, short(f"{r.Index} – {r.name}", 44), size=8.5))
        for value, colour in ((float(r.overrun_low), LOW_COST), (float(r.overrun_high), HIGH_COST)):
            x0, x1 = sorted((label_w + mean_overrun * scale, label_w + value * scale))
            body.append(rect(x0, y + 3, x1 - x0, row_h - 6, colour, opacity=0.85))
    x = label_w + mean_overrun * scale
    body.append(line(x, top - 4, x, height - 6, INK, dash="3 2"))
    return svg(WIDTH, height, body, title)
