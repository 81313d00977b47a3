"""The report's section on predictability: what the template needs from a simulated plan."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from markupsafe import Markup

from planning.messages.render import gettext_in
from planning.report import tables
from planning.report.content import Report
from planning.report.svg_uncertainty import confidence_gantt_svg, fan_panels_svg, tornado_svg

LEAST_SHOWN = 12
"""Initiatives listed in the table of the least likely to finish on time."""


def predictability_context(report: Report, pools: Sequence[str]) -> dict[str, Any] | None:
    """Headline figures, tables and inline charts of the roadmap's simulation; ``None`` when not simulated."""
    simulation = report.predictability
    if simulation is None:
        return None
    portfolio = report.portfolio
    names = portfolio.funding_pools["name"].astype(str).to_dict()
    shown = [p for p in pools if p in set(simulation.pool_periods["pool"])]
    started = [str(i) for i in portfolio.initiatives.index[portfolio.initiatives["status"] == "started"]]
    least = simulation.initiatives.head(LEAST_SHOWN).reset_index()
    least["p_within_one"] = least["p_on_time"] + least["p_one_late"]
    drivers = simulation.drivers
    language = report.language
    _ = gettext_in(language)
    fan = fan_panels_svg(simulation.pool_periods, shown, names, title=_("Spend against the envelope, simulated"),
                         language=language)  # fmt: skip
    gantt = confidence_gantt_svg(simulation.initiatives, started, portfolio.timeline.years,
                                 title=_("Roadmap by delivery confidence"))  # fmt: skip
    tornado = None if drivers.empty else tornado_svg(drivers.head(10), simulation.summary["mean_overrun"],
                                                     title=_("Drivers"), language=language)  # fmt: skip
    charts = {"fan": Markup(fan), "gantt": Markup(gantt), "tornado": None if tornado is None else Markup(tornado)}
    return {
        "options": simulation.options,
        "summary": simulation.summary,
        "value": {str(r["measure"]): r for r in simulation.value.to_dict("records")},
        "steps": simulation.steps.to_dict("records"),
        "least": least.to_dict("records"),
        "charts": charts,
        "left_out": simulation.left_out,
        "distribution": _(tables.DISTRIBUTIONS[simulation.options.distribution]),
        "policy": _(tables.POLICIES[simulation.options.policy]),
    }
