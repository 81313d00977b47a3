"""The report as HTML (Jinja2) and PDF (WeasyPrint), readable on screen and on A4.

WeasyPrint lays out the same HTML for print: it needs the Pango library from the system
(Debian: ``libpango-1.0-0 libpangoft2-1.0-0``; ``libharfbuzz-subset0`` silences its
deprecation warning). HTML needs nothing beyond Jinja2.

The templates write their words in the report's language with ``_("English {name}", name=...)``
and ``ngettext("{n} one", "{n} many", n)`` (:mod:`planning.report.template_words`), which
``scripts/catalogs.py`` extracts through the ``[jinja2: ...]`` section of ``babel.cfg``.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from planning.charts.dependency import AREA_COLOURS
from planning.messages.counts import plural
from planning.messages.render import gettext_in
from planning.plans.obligations import left_out_obligations
from planning.realisation.rollup import coverage
from planning.report import text as T
from planning.report.content import OVER_ENVELOPE_TOLERANCE, Report, over_envelope
from planning.report.core_index import core_index_context
from planning.report.predictability import predictability_context
from planning.report.robust import price_context
from planning.report.svg import STATUS_COLOURS, benefit_years_svg, gantt_svg, ratio_bars_svg, spend_panels_svg
from planning.report.template_words import page_css, template_gettext, template_ngettext

TEMPLATES = Path(__file__).parent / "templates"
FORMATS = ("html", "pdf", "both")
PDF_NEEDS = (
    "PDF output needs Pango: apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 "
    "fonts-dejavu-core (or use --format html)"
)


def environment(language: str = T.DEFAULT_LANGUAGE) -> Environment:
    """The templates with their words, numbers and dates in ``language``."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["num"] = lambda value, decimals=1: T.num(value, decimals, language)
    env.filters["pct"] = lambda value: T.pct(value, language)
    env.filters["local_time"] = lambda when: T.local_time(when, language)
    env.filters["local_date"] = lambda day: T.local_date(day, language)
    env.filters["signed"] = lambda value, decimals=1: ("+" if value >= 0 else "") + T.num(value, decimals, language)
    env.globals["_"] = template_gettext(language)
    env.globals["ngettext"] = template_ngettext(language)
    env.globals["language"] = language
    env.globals["T"] = T.words(language)
    return env


def roadmap_rows(report: Report) -> pd.DataFrame:
    """Gantt rows of the roadmap: id, name, start, end (decimal years), colour_key (area), started."""
    timeline, plan = report.portfolio.timeline, report.roadmap
    chosen = plan.initiatives[plan.initiatives["selected_opt"].astype(bool)]
    rows = []
    for iid, d in chosen.iterrows():
        info = report.portfolio.initiatives.loc[iid]
        start, finish = int(d["start_opt"]), int(d["finish_opt"])
        rows.append({"id": str(iid), "name": str(info["name"]), "area": str(info["area"]),
                     "start": timeline.first_year + timeline.start_in_years(start),
                     "end": timeline.first_year + timeline.start_in_years(finish + 1),
                     "colour_key": str(info["area"]), "started": info["status"] == "started",
                     "start_label": d["start_label"], "finish_label": d["finish_label"]})  # fmt: skip
    frame = pd.DataFrame(rows, columns=["id", "name", "area", "start", "end", "colour_key", "started",
                                        "start_label", "finish_label"])  # fmt: skip
    return frame.sort_values(["start", "end", "id"], kind="stable").reset_index(drop=True)


def _pools(report: Report) -> list[str]:
    pools = report.portfolio.funding_pools
    regions = pools[pools["kind"] == "region"].sort_values("population_share", ascending=False, kind="stable")
    order = list(regions.index) + list(pools.index[pools["kind"] != "region"])
    spent = set(report.roadmap.spend["pool"])
    return [str(p) for p in order if p in spent]


def spend_table(report: Report) -> dict[str, Any]:
    """Spend and envelope per pool (rows) and year (columns), with totals."""
    spend = report.roadmap.spend.groupby(["pool", "year"], as_index=False)[["amount", "envelope"]].sum()
    years = sorted(int(y) for y in spend["year"].unique())
    rows = []
    for pool in _pools(report):
        mine = spend[spend["pool"] == pool].set_index("year")
        amounts, envelopes = mine["amount"].astype(float), mine["envelope"].astype(float)
        cells = [
            {
                "amount": amounts[y],
                "envelope": envelopes[y],
                "over": amounts[y] > envelopes[y] + OVER_ENVELOPE_TOLERANCE,
            }
            for y in years
        ]
        rows.append({"pool": pool, "cells": cells, "amount": float(mine["amount"].sum()),
                     "envelope": float(mine["envelope"].sum())})  # fmt: skip
    return {"years": years, "rows": rows}


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{"key": str(k), **row} for k, row in zip(frame.index, frame.to_dict("records"), strict=True)]


def benefit_tables(report: Report) -> dict[str, Any]:
    """Rows for the benefit tables: monetised and non-monetised, due or measured ones."""
    review = report.review.copy()
    shown = review[review["status"].isin(["green", "yellow", "red", "missing"])]
    order = shown["status"].map({"red": 0, "missing": 1, "yellow": 2, "green": 3})
    shown = shown.loc[order.sort_values(kind="stable").index]
    money, other = shown[shown["monetised"].astype(bool)], shown[~shown["monetised"].astype(bool)]
    counts = review["status"].value_counts()
    return {
        "money": _records(money),
        "other": _records(other),
        "counts": [(status, int(counts.get(status, 0))) for status in T.words(report.language).benefit_status],
        "not_shown": int(len(review) - len(shown)),
    }


def charts(report: Report) -> dict[str, Markup]:
    """Every chart of the report as inline SVG."""
    rules, names = report.thresholds, report.portfolio.funding_pools["name"].astype(str).to_dict()
    totals = report.totals
    first = int(report.review["latest_year"].dropna().min()) if report.review["latest_year"].notna().any() else None
    last = report.portfolio.timeline.years[-1]
    shown = totals[(totals["year"] >= (first or report.as_of) - 1) & (totals["year"] <= last)]
    ratios = report.review[report.review["ratio"].notna()].sort_values("ratio")
    ratio_rows = pd.DataFrame({"label": [f"{b} – {t}" for b, t in zip(ratios.index, ratios["title"], strict=True)],
                               "ratio": ratios["ratio"].astype(float), "status": ratios["status"]})  # fmt: skip
    years = report.portfolio.timeline.years
    language = report.language
    _, sections = gettext_in(language), T.words(language).sections
    spend = spend_panels_svg(report.roadmap.spend, _pools(report), names, title=sections["spend"], language=language)
    benefit = benefit_years_svg(shown, report.as_of, title=_("Benefit per year"), language=language)
    ratio = ratio_bars_svg(ratio_rows, rules.green, rules.yellow, title=_("Share of plan per benefit"),
                           language=language)  # fmt: skip
    return {
        "gantt": Markup(gantt_svg(roadmap_rows(report), years, AREA_COLOURS, title=sections["roadmap"])),
        "spend": Markup(spend),
        "years": Markup(benefit),
        "ratios": Markup(ratio),
    }


def pool_totals(report: Report) -> list[dict[str, Any]]:
    """Investment and envelope per funding pool over the horizon (MNOK), for the summary."""
    spend = report.roadmap.spend.groupby("pool")[["amount", "envelope"]].sum()
    names = report.portfolio.funding_pools["name"].astype(str)
    return [
        {"pool": pool, "name": names.get(pool, pool), "amount": float(spend.at[pool, "amount"]),
         "envelope": float(spend.at[pool, "envelope"]),
         "share": float(spend.at[pool, "amount"] / spend.at[pool, "envelope"]) if spend.at[pool, "envelope"] else None}
        for pool in _pools(report)
    ]  # fmt: skip


def context(report: Report) -> dict[str, Any]:
    """Everything the template needs, formatted where formatting is a choice."""
    money = report.review[report.review["monetised"].astype(bool)]
    measured = money[money["measured_years"] > 0]
    spend = report.roadmap.spend
    horizon = report.portfolio.timeline
    language = report.language
    return {
        "r": report, "sections": T.words(language).sections, "status_colours": STATUS_COLOURS,
        "area_colours": AREA_COLOURS, "charts": charts(report), "spend": spend_table(report),
        "over": over_envelope(report.roadmap).to_dict("records"), "benefits": benefit_tables(report),
        "summaries": {by: _records(frame) for by, frame in report.summaries.items()},
        "enablers": _records(report.enablers.head(10)), "risks": _records(report.at_risk),
        "changes": None if report.changes is None else _records(report.changes.initiatives),
        "cost_changes": [] if report.changes is None else report.changes.cost_by_pool.to_dict("records"),
        "selected": int(report.roadmap.initiatives["selected_opt"].astype(bool).sum()),
        "total_spend": float(spend["amount"].sum()), "horizon": f"{horizon.years[0]}–{horizon.years[-1]}",
        "planned_to_date": float(measured["planned_to_date"].sum()),
        "realised_to_date": float(measured["realised_to_date"].sum()),
        "remaining_planned": float(money["remaining_planned"].sum()),
        "remaining_reforecast": float(money["remaining_reforecast"].sum()),
        "generated": T.local_time(report.generated_at, language),
        "coverage": T.coverage_sentence(coverage(report.yearly, report.review, report.as_of), language),
        "headline": T.realised_headline(float(measured["realised_to_date"].sum()),
                                        float(measured["planned_to_date"].sum()), language),
        "pool_totals": pool_totals(report),
        "left_out": _records(left_out_obligations(report.portfolio, report.roadmap)),
        "left_out_proposed": _records(left_out_obligations(report.portfolio, report.proposed))
        if report.approved is not None
        else [],
        "sim": predictability_context(report, _pools(report)),
        "price": price_context(report),
        "core": core_index_context(report),
    }  # fmt: skip


def render_html(report: Report) -> str:
    """The report as one self-contained HTML page (styles and charts inline), in the report's language."""
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8") + page_css("report", report.language)
    return environment(report.language).get_template("report.html.j2").render(css=Markup(css), **context(report))


def render_pdf(html: str, path: Path) -> Path:
    """Lay ``html`` out on A4 pages and write the PDF to ``path``.

    Raises
    ------
    RuntimeError
        When the system libraries WeasyPrint needs (Pango) are missing.
    """
    try:
        with warnings.catch_warnings():
            # WeasyPrint warns where the system lacks the optional HarfBuzz subsetter.
            warnings.filterwarnings("ignore", message=".*HarfBuzz-Subset.*", category=DeprecationWarning)
            from weasyprint import HTML
    except OSError as exc:  # the system libraries WeasyPrint loads are missing
        raise RuntimeError(f"{PDF_NEEDS} ({exc})") from exc

    path.parent.mkdir(parents=True, exist_ok=True)
    HTML(string=html, base_url=str(TEMPLATES)).write_pdf(path)
    return path


def write_report(
    report: Report, out: Path, formats: Iterable[str] = ("html", "pdf"), stem: str = "report"
) -> list[Path]:
    """Write the report as ``out/STEM.html`` and/or ``out/STEM.pdf``; returns the paths written."""
    wanted = set(formats)
    unknown = wanted - {"html", "pdf"}
    if unknown:
        raise ValueError(
            f"unknown {plural(len(unknown), 'format', 'formats')} {', '.join(sorted(unknown))}; use html and/or pdf"
        )
    html = render_html(report)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    if "html" in wanted:
        target = out / f"{stem}.html"
        target.write_text(html, encoding="utf-8")
        written.append(target)
    if "pdf" in wanted:
        written.append(render_pdf(html, out / f"{stem}.pdf"))
    return written
