"""Each region's board paper (saksframlegg) as HTML and A4 PDF, in Norwegian bokmål.

The content is :class:`planning.approval.paper.RegionPaper`; this module only words and
lays it out, with the steering committee report's machinery (Jinja2, WeasyPrint, its
stylesheet and inline SVG charts).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from markupsafe import Markup

from planning.approval.bodies import APPROVE, RECOMMEND, REJECTED, RETURNED, WITH_CONDITIONS
from planning.approval.paper import RegionPaper
from planning.approval.status import APPROVED, CONDITION_NOT_MET, HELD_UP, IN_TREATMENT, PENDING, WAITING
from planning.messages.counts import plural
from planning.report import text as T
from planning.report.render import TEMPLATES, environment, render_pdf
from planning.report.svg import spend_panels_svg

PASSED_WORDS = {RECOMMEND: "Anbefalt", "treat": "Behandlet", APPROVE: "Godkjent"}
STATE_WORDS = {
    WAITING: "Venter på tidligere ledd",
    PENDING: "Til behandling",
    WITH_CONDITIONS: "Godkjent med forbehold",
    CONDITION_NOT_MET: "Godkjent med forbehold – forbeholdet holder ikke",
    RETURNED: "Sendt tilbake med merknader",
    REJECTED: "Ikke godkjent",
}
"""A body's state in the paper's words (``approved`` depends on what the body does: :data:`PASSED_WORDS`)."""
OUTCOME_WORDS = {
    "approved": "godkjent",
    WITH_CONDITIONS: "godkjent med forbehold",
    RETURNED: "sendt tilbake med merknader",
    REJECTED: "ikke godkjent",
}
CASE_WORDS = {
    IN_TREATMENT: "Til behandling",
    HELD_UP: "Stanset: en part har sendt planen tilbake, avvist den, eller satt et forbehold som ikke holder",
    APPROVED: "Godkjent av alle parter",
}
ACTION_WORDS = {RECOMMEND: "anbefaler", "treat": "behandler", APPROVE: "godkjenner"}


def state_word(state: str, action: str) -> str:
    return PASSED_WORDS.get(action, "Godkjent") if state == "approved" else STATE_WORDS.get(state, state)


def file_stem(paper: RegionPaper) -> str:
    """``saksframlegg-sak3-v2-HV``: the case, the version and the region."""
    return f"saksframlegg-sak{paper.status.case.id}-v{paper.status.current.number}-{paper.body.region}"


def context(paper: RegionPaper) -> dict[str, Any]:
    """Everything the template needs."""
    c = paper.commitments
    spend = c.spend.assign(pool=c.region)
    chart = spend_panels_svg(spend, [c.region], {c.region: c.name}, title=f"Investering per år – {c.name}")
    benefit_years = c.benefit_years[c.benefit_years["planned"] > 0]
    return {
        "p": paper,
        "s": paper.status,
        "c": c,
        "T": T,
        "chart": Markup(chart),
        "state_word": state_word,
        "outcome_words": OUTCOME_WORDS,
        "case_word": CASE_WORDS.get(paper.status.state, paper.status.state),
        "action_words": ACTION_WORDS,
        "joint_cost": float(c.joint["region_cost"].sum()),
        "benefit_end": float(c.benefit_years["planned"].iloc[-1]) if len(c.benefit_years) else 0.0,
        "benefit_years": benefit_years.to_dict("records"),
        "region_changes": [_region_change(e, str(c.region)) for e in paper.earlier],
        "generated": T.local_time(paper.generated_at),
    }


def _region_change(earlier: Any, region: str) -> dict[str, Any]:
    mine = next((p for p in earlier.pools if p["pool"] == region), None)
    by_year = {} if mine is None else {y: v for y, v in mine["by_year"].items() if abs(v) > 1e-6}
    return {"earlier": earlier, "by_year": by_year, "total": 0.0 if mine is None else mine["total_change"]}


def render_paper_html(paper: RegionPaper) -> str:
    """One board paper as a self-contained HTML page."""
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8") + (TEMPLATES / "paper.css").read_text(encoding="utf-8")
    return environment().get_template("paper.html.j2").render(css=Markup(css), **context(paper))


def write_papers(papers: Sequence[RegionPaper], out: Path, formats: Iterable[str] = ("html", "pdf")) -> list[Path]:
    """Write each paper as ``out/STEM.html`` and/or ``out/STEM.pdf`` (:func:`file_stem`); the paths written.

    Raises
    ------
    ValueError
        For an unknown format.
    RuntimeError
        When PDF is asked for and WeasyPrint's system libraries are missing.
    """
    wanted = set(formats)
    unknown = wanted - {"html", "pdf"}
    if unknown:
        raise ValueError(
            f"unknown {plural(len(unknown), 'format', 'formats')} {', '.join(sorted(unknown))}; use html and/or pdf"
        )
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for paper in papers:
        html = render_paper_html(paper)
        stem = file_stem(paper)
        if "html" in wanted:
            target = out / f"{stem}.html"
            target.write_text(html, encoding="utf-8")
            written.append(target)
        if "pdf" in wanted:
            written.append(render_pdf(html, out / f"{stem}.pdf"))
    return written


def paper_pdf(paper: RegionPaper, folder: Path) -> bytes:
    """One paper as PDF bytes (for a download), laid out in ``folder``."""
    path = render_pdf(render_paper_html(paper), folder / f"{file_stem(paper)}.pdf")
    return path.read_bytes()
