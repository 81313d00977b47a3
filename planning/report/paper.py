"""Each region's board paper (saksframlegg) as HTML and A4 PDF, in the paper's language (bokmål or English).

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
from planning.messages.render import N_, gettext_in
from planning.report import text as T
from planning.report.render import TEMPLATES, environment, render_pdf
from planning.report.svg import spend_panels_svg
from planning.report.template_words import page_css

PASSED_WORDS = {RECOMMEND: N_("Recommended"), "treat": N_("Treated"), APPROVE: N_("Approved")}
STATE_WORDS = {
    WAITING: N_("Waiting for an earlier stage"),
    PENDING: N_("Under treatment"),
    WITH_CONDITIONS: N_("Approved with conditions"),
    CONDITION_NOT_MET: N_("Approved with conditions – the condition does not hold"),
    RETURNED: N_("Returned with comments"),
    REJECTED: N_("Not approved"),
}
"""A body's state in the paper's words (``approved`` depends on what the body does: :data:`PASSED_WORDS`)."""
OUTCOME_WORDS = {
    "approved": N_("approved"),
    WITH_CONDITIONS: N_("approved with conditions"),
    RETURNED: N_("returned with comments"),
    REJECTED: N_("not approved"),
}
CASE_WORDS = {
    IN_TREATMENT: N_("Under treatment"),
    HELD_UP: N_("Held up: a party has returned the plan, rejected it, or set a condition that does not hold"),
    APPROVED: N_("Approved by every party"),
}
ACTION_WORDS = {RECOMMEND: N_("recommends"), "treat": N_("treats"), APPROVE: N_("approves")}


def state_word(state: str, action: str, language: str = T.DEFAULT_LANGUAGE) -> str:
    """A body's state in the paper's words, in ``language``."""
    _ = gettext_in(language)
    if state == "approved":
        return _(PASSED_WORDS.get(action, PASSED_WORDS[APPROVE]))
    return _(STATE_WORDS[state]) if state in STATE_WORDS else state


def file_stem(paper: RegionPaper) -> str:
    """``saksframlegg-sak3-v2-HV``: the case, the version and the region."""
    return f"saksframlegg-sak{paper.status.case.id}-v{paper.status.current.number}-{paper.body.region}"


def context(paper: RegionPaper) -> dict[str, Any]:
    """Everything the template needs, in the paper's language."""
    language = paper.language
    _ = gettext_in(language)
    c = paper.commitments
    spend = c.spend.assign(pool=c.region)
    title = _("Investment per year – {name}").format(name=c.name)
    chart = spend_panels_svg(spend, [c.region], {c.region: c.name}, title=title, language=language)
    benefit_years = c.benefit_years[c.benefit_years["planned"] > 0]
    state = paper.status.state
    return {
        "p": paper,
        "s": paper.status,
        "c": c,
        "chart": Markup(chart),
        "state_word": lambda state, action: state_word(state, action, language),
        "outcome_words": T.translated(OUTCOME_WORDS, language),
        "case_word": _(CASE_WORDS[state]) if state in CASE_WORDS else state,
        "action_words": T.translated(ACTION_WORDS, language),
        "joint_cost": float(c.joint["region_cost"].sum()),
        "benefit_end": float(c.benefit_years["planned"].iloc[-1]) if len(c.benefit_years) else 0.0,
        "benefit_years": benefit_years.to_dict("records"),
        "region_changes": [_region_change(e, str(c.region)) for e in paper.earlier],
        "generated": T.local_time(paper.generated_at, language),
        "by_year_words": lambda by_year: by_year_words(by_year, language),
        "earlier_bodies": ", ".join(b.label(language) for b in paper.status.case.bodies if b.stage < paper.body.stage),
    }


def by_year_words(by_year: dict[int, float], language: str = T.DEFAULT_LANGUAGE) -> str:
    """``-15,9 MNOK i 2028, +3,0 MNOK i 2029``: a region's change in spend per year, in ``language``."""
    _ = gettext_in(language)
    return ", ".join(
        _("{change} MNOK in {year}").format(change=("+" if change >= 0 else "") + T.num(change, 1, language), year=year)
        for year, change in by_year.items()
    )


def _region_change(earlier: Any, region: str) -> dict[str, Any]:
    mine = next((p for p in earlier.pools if p["pool"] == region), None)
    by_year = {} if mine is None else {y: v for y, v in mine["by_year"].items() if abs(v) > 1e-6}
    return {"earlier": earlier, "by_year": by_year, "total": 0.0 if mine is None else mine["total_change"]}


def render_paper_html(paper: RegionPaper) -> str:
    """One board paper as a self-contained HTML page, in the paper's language."""
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8") + (TEMPLATES / "paper.css").read_text(encoding="utf-8")
    css += page_css("paper", paper.language)
    return environment(paper.language).get_template("paper.html.j2").render(css=Markup(css), **context(paper))


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
