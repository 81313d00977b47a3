"""Gevinster: benefit realisation following DFØ's method.

The planned-against-realised charts, the status table, totals per region, area and type,
credit for enablers, entry and import of measurements, and the steering committee report.
Benefits are reviewed against the approved plan of record, or, before one is approved,
against the working scenario's plan. The domain lives in :mod:`planning.realisation`,
:mod:`planning.charts.benefits` and :mod:`planning.report`; this page only reads widgets,
calls them and shows what they return.

"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from planning.charts.benefits import ratio_figure, realisation_figure, status_table
from planning.domain.models import Measurement
from planning.domain.portfolio import Portfolio
from planning.domain.problems import InvalidPortfolio
from planning.messages.locale_numbers import NotANumber, parse_number
from planning.optimise import Plan
from planning.plans.baseline import current_baseline
from planning.realisation.measurements import import_measurements, measurement_history, measurement_rows
from planning.realisation.review import Thresholds, benefit_review, default_as_of, yearly_realisation
from planning.realisation.rollup import (
    coverage,
    enabler_credit,
    portfolio_with_reforecast,
    realisation_summary,
    yearly_totals,
)
from planning.report import ApprovedPlan, build_report, render_html, render_pdf
from planning.store.access import PermissionDenied, User
from veikart_ui import auth, planner, session, state
from veikart_ui.components import decimals, header, percent, problem_table, show_chart, show_frame, show_table
from veikart_ui.i18n import chart_text, choose, names, number
from veikart_ui.number_cells import refusal_words
from veikart_ui.number_editor import number_hint
from veikart_ui.plain import plain
from veikart_ui.session import tr

TEXTS: dict[str, tuple[str, str]] = {
    "title": ("Gevinster", "Benefits"),
    "intro": ("Gevinstrealisering etter DFØs metode: planlagt mot realisert, status, prognose og måling.",
              "Benefit realisation following DFØ's method: planned against realised, status, forecast, measurement."),
    "against_baseline": ("Målt mot styrende plan {plan} (scenario {scenario}), godkjent av {by}.",
                         "Reviewed against plan of record {plan} (scenario {scenario}), approved by {by}."),
    "no_baseline": ("Ingen plan er godkjent ennå. Gevinstene kan måles mot planen for arbeidsscenarioet {scenario}.",
                    "No plan is approved yet. Benefits can be reviewed against the plan of scenario {scenario}."),
    "use_proposal": ("Beregn plan for {scenario}", "Plan {scenario}"),
    "against_session_plan": ("Målt mot siste plan i denne økten (scenario {scenario}, ikke godkjent).",
                             "Reviewed against this session's latest plan (scenario {scenario}, not approved)."),
    "as_of": ("Målt til og med år", "Measured up to year"),
    "green": ("Grønn fra (andel av plan)", "Green from (share of plan)"),
    "yellow": ("Gul fra (andel av plan)", "Yellow from (share of plan)"),
    "status": ("Status per gevinst", "Status per benefit"),
    "portfolio": ("Prissatte gevinster i porteføljen", "Monetised benefits in the portfolio"),
    "one": ("Én gevinst", "One benefit"),
    "choose": ("Gevinst", "Benefit"),
    "totals": ("Per region, område og type", "By region, area and type"),
    "enablers": ("Kreditt for muliggjørende tiltak", "Credit for enablers"),
    "enter": ("Registrer måling", "Enter a measurement"),
    "year": ("År", "Year"),
    "value": ("Verdi ({unit})", "Value ({unit})"),
    "comment": ("Kilde eller merknad", "Source or remark"),
    "who": ("Registrert av", "Entered by"),
    "save": ("Lagre måling", "Save measurement"),
    "saved": ("Lagret {id}.", "Saved {id}."),
    "value_missing": ("Fyll inn feltet «{field}» med den målte verdien før du lagrer; ingenting er lagret.",
                      "Fill in the field “{field}” with the measured value before saving; nothing was saved."),
    "value_hint": ("målt verdi", "measured value"),
    "value_refused": ("{message}; {fix}. Ingenting er lagret.", "{message}; {fix}. Nothing was saved."),
    "import": ("Importer målinger (CSV med komma eller semikolon: benefit_id, year, value, comment, unit, entered_by)",
               "Import measurements (CSV, comma or semicolon: benefit_id, year, value, comment, unit, entered_by)"),
    "import_save": ("Lagre målingene i filen", "Save the file's measurements"),
    "imported": ("Importerte {n} målinger.", "Imported {n} measurements."),
    "imported_one": ("Importerte 1 måling.", "Imported 1 measurement."),
    "history": ("Endringslogg for målingene", "Measurement history"),
    "report": ("Styringsgrupperapport", "Steering committee report"),
    "reforecast": ("Planlegg forslaget med revidert gevinstprognose", "Plan the proposal with re-forecast benefits"),
    "make_report": ("Lag rapport", "Make report"),
    "download_html": ("Last ned HTML", "Download HTML"),
    "download_pdf": ("Last ned PDF", "Download PDF"),
}  # fmt: skip
STATUS_ICONS = {"green": "🟢", "yellow": "🟡", "red": "🔴", "missing": "⚪", "not_due": "·", "not_in_plan": "·"}
MONEY = ("planned_to_date", "realised_to_date", "variance", "remaining_planned", "remaining_reforecast")
REPORT = "benefits_report"


def chart_words() -> dict[str, str]:
    """The realisation charts' labels in the reader's language."""
    return chart_text("realisation", session.language())


def t(key: str, **values: Any) -> str:
    return choose(TEXTS[key], session.language(), **values)


def roadmap(portfolio: Portfolio) -> tuple[Plan | None, ApprovedPlan | None]:
    """The approved plan of record, else this session's latest plan of the working scenario, else
    the working scenario's plan once asked for."""
    baseline = current_baseline(state.engine(session.url()))
    if baseline is not None:
        approved = ApprovedPlan(baseline.stored.plan, baseline.stored.id, baseline.approval.approved_by,
                                baseline.approval.approved_at, baseline.approval.comment)  # fmt: skip
        st.caption(
            t(
                "against_baseline",
                plan=baseline.stored.id,
                scenario=plain(approved.plan.scenario),
                by=plain(approved.approved_by),
            )
        )
        return approved.plan, approved
    scenario = session.working_scenario(portfolio)
    latest = planner.session_plan(portfolio, scenario)
    if latest is not None:
        st.caption(t("against_session_plan", scenario=plain(scenario.id)))
        return latest, None
    st.info(t("no_baseline", scenario=plain(scenario.id)))
    if st.button(t("use_proposal", scenario=plain(scenario.id)), key="benefits_plan") or st.session_state.get(
        "benefits_planned"
    ):
        st.session_state["benefits_planned"] = True
        with st.spinner(t("use_proposal", scenario=plain(scenario.id))):
            result = planner.run(planner.PlanRequest(session.url(), portfolio, scenario, 30.0))
        return result.plan, None
    return None, None


def settings(portfolio: Portfolio) -> tuple[int, Thresholds]:
    left, middle, right = st.columns(3)
    year = left.number_input(t("as_of"), 2000, 2100, default_as_of(portfolio), key="benefits_as_of")
    green = middle.slider(t("green"), 5, 150, 90, 5, format="%d %%", key="benefits_green")  # yellow needs room below
    yellow = right.slider(t("yellow"), 0, int(green), min(70, int(green)), 5, format="%d %%", key="benefits_yellow")
    return int(year), Thresholds(green=green / 100, yellow=yellow / 100)


def status_view(review: pd.DataFrame, rules: Thresholds) -> None:
    st.subheader(t("status"))
    table = status_table(review)
    table["status"] = status_lights(table["status"])
    table["ratio"] = [percent(v) for v in table["ratio"]]
    table["missing_years"] = [", ".join(map(str, years)) for years in table["missing_years"]]
    first = ["status", "benefit_id", "title", "ratio"]
    show_table(table[first + [c for c in table.columns if c not in first]], money=MONEY, coded={"trend": "trend"})
    show_chart(ratio_figure(review, rules, text=chart_words()), "benefits_ratio")


def charts(portfolio: Portfolio, plan: Plan, review: pd.DataFrame, year: int, rules: Thresholds) -> None:
    yearly = yearly_realisation(portfolio, plan, as_of=year, thresholds=rules)
    first, second = st.tabs([t("portfolio"), t("one")])
    with first:
        coverage_note(yearly, review, year)
        totals = yearly_totals(yearly, review)
        shown = totals[totals["year"].between(year - 3, portfolio.timeline.years[-1])]
        show_chart(realisation_figure(shown, as_of=year, text=chart_words()), "benefits_total")
    with second:
        chosen = st.selectbox(t("choose"), list(review.index), format_func=lambda b: f"{b} – {review.at[b, 'title']}",
                              key="benefits_one")  # fmt: skip
        one = yearly[yearly["benefit_id"] == chosen]
        figure = realisation_figure(one, as_of=year, unit=str(review.at[chosen, "unit"]), text=chart_words())
        show_chart(figure, "benefits_one_chart")


def coverage_note(yearly: pd.DataFrame, review: pd.DataFrame, year: int) -> None:
    """What was measured in ``year`` (``målt 9 av 14``) and realised against plan for those same
    benefits only, so that a measurement gap is not read as a miss."""
    found = coverage(yearly, review, year)
    if found.due == 0:
        st.caption(tr("ux_b.coverage_none", year=year))
        return
    key = "ux_b.coverage_all" if found.measured == found.due else "ux_b.coverage"
    lines = [tr(key, year=year, measured=found.measured, due=found.due)]
    if found.measured:
        language = session.language()
        ratio = "–" if found.ratio is None else tr("ux_b.ratio_of_plan", share=percent(found.ratio))
        lines.append(tr("ux_b.like_with_like", realised=number(found.realised, 0, language),
                        planned=number(found.planned_measured, 0, language), ratio=ratio))  # fmt: skip
    if found.planned_unmeasured > 0.5:
        lines.append(tr("ux_b.unmeasured", amount=number(found.planned_unmeasured, 0, session.language())))
    st.info(" ".join(lines))


def totals_view(portfolio: Portfolio, review: pd.DataFrame, rules: Thresholds) -> None:
    st.subheader(t("totals"))
    groups = ("region", "area", "type")
    for tab, by in zip(st.tabs([tr(f"field.{g}") for g in groups]), groups, strict=True):
        summary = realisation_summary(portfolio, review, by, thresholds=rules).reset_index()
        summary["status"] = status_lights(summary["status"])
        summary["ratio"] = [percent(v) for v in summary["ratio"]]
        with tab:
            show_table(summary, money=MONEY, coded={"area": "area"} if by == "area" else None)
    with st.expander(t("enablers")):
        credit = enabler_credit(portfolio).reset_index()
        credit["unlocked"] = [", ".join(ids) for ids in credit["unlocked"]]
        show_table(credit, money=("own_annual_value", "unlocked_annual_value"))


def status_lights(statuses: pd.Series) -> list[str]:
    """Each benefit status as its light and its name: ``🔴 Rød``."""
    spelled = names("benefit_status", session.language())
    return [f"{STATUS_ICONS[s]} {spelled[s]}" for s in statuses]


def entry(portfolio: Portfolio) -> None:
    st.subheader(t("enter"))
    benefits = portfolio.benefits
    user = session.user()
    editable = auth.can(user, "update")
    signed_in_name = user.display_name or user.username if user else ""
    with st.form("benefits_entry", clear_on_submit=False):
        bid = st.selectbox(
            t("choose"),
            list(benefits.index),
            format_func=lambda b: f"{b} – {benefits.at[b, 'title']}",
            key="entry_benefit",
        )
        left, middle, right = st.columns(3)
        year = left.number_input(t("year"), 2000, dt.date.today().year, dt.date.today().year - 1, key="entry_year")
        label = t("value", unit=benefits.at[bid, "unit"] or "MNOK/år")
        typed = middle.text_input(label, placeholder=t("value_hint"), key="entry_value", help=number_hint())
        who = right.text_input(t("who"), value=signed_in_name, key="entry_who")
        comment = st.text_input(t("comment"), key="entry_comment")
        if not editable:
            st.caption(tr("auth.read_only"))
        if st.form_submit_button(t("save"), type="primary", disabled=not editable):
            value = measured_value(typed, label)  # None: the reason is shown
            if value is not None:
                row = {"benefit_id": str(bid), "year": int(year), "value": float(value), "comment": comment}
                store_measurements([row], user, lambda written: t("saved", id=written[0].id), entered_by=who)
    upload = st.file_uploader(t("import"), type=["csv"], key="benefits_import")
    st.caption(session.tr("ux.upload_hint"))  # Streamlit writes the uploader's own words in English only
    if upload is not None and st.button(t("import_save"), key="benefits_import_save", disabled=not editable):
        import_file(upload, user, entered_by=signed_in_name)
    with st.expander(t("history")):
        history = measurement_history(state.engine(session.url()))
        show_frame(history, column_config=decimals(history))


def measured_value(typed: str, label: str) -> float | None:
    """The value typed in the field ``label``, read the reader's way (``56,5`` in bokmål, ``56.5``
    in English); ``None``, with the reason shown, when it is empty or no number."""
    try:
        value = parse_number(typed, session.language())
    except NotANumber as exc:
        message, fix = refusal_words(typed, label, exc, field=True)
        st.error(t("value_refused", message=plain(message), fix=fix))
        return None
    if value is None:
        st.error(t("value_missing", field=label))
    return value


def import_file(upload: UploadedFile, user: User | None, *, entered_by: str) -> None:
    """Store the measurements of an uploaded CSV file as ``user``; rows that name nobody in
    ``entered_by`` get ``entered_by``. A file that cannot be read is explained, not stored."""
    try:
        rows = measurement_rows(upload.getvalue(), upload.name)
    except InvalidPortfolio as exc:
        problem_table(exc.problems)
        return

    def done(written: list[Measurement]) -> str:
        return t("imported_one") if len(written) == 1 else t("imported", n=len(written))

    store_measurements(rows, user, done, entered_by=entered_by or None)


def store_measurements(
    rows: list[dict[str, Any]],
    user: User | None,
    done: Callable[[list[Measurement]], str],
    *,
    entered_by: str | None = None,
) -> None:
    """Store ``rows`` as ``user`` (the signed-in user) and say ``done(written)``, or show why nothing was stored."""
    try:
        written = import_measurements(state.engine(session.url()), rows, user=user, entered_by=entered_by)
    except InvalidPortfolio as exc:
        problem_table(exc.problems)
    except PermissionDenied as exc:
        st.error(session.denied(exc))
    else:
        session.saved()
        st.success(done(written))


def report_button(
    portfolio: Portfolio, plan: Plan, approved: ApprovedPlan | None, year: int, rules: Thresholds
) -> None:
    st.subheader(t("report"))
    reforecast = st.checkbox(t("reforecast"), key="benefits_use_reforecast")
    if st.button(t("make_report"), key="benefits_make_report"):
        proposed = plan
        if reforecast:
            revised = portfolio_with_reforecast(
                portfolio, benefit_review(portfolio, plan, as_of=year, thresholds=rules)
            )
            scenario = session.working_scenario(portfolio)
            proposed = planner.run(planner.PlanRequest(session.url(), revised, scenario, 30.0)).plan
        built = build_report(portfolio, proposed, approved=approved, as_of=year, thresholds=rules,
                             language=session.language())  # fmt: skip
        html = render_html(built)
        with tempfile.TemporaryDirectory() as folder:
            pdf = render_pdf(html, Path(folder) / "report.pdf").read_bytes()
        st.session_state[REPORT] = (built.language, html, pdf)
    made = st.session_state.get(REPORT)
    if made is not None and made[0] == session.language():  # a report in another language is made anew
        _language, html, pdf = made
        left, right = st.columns(2)
        left.download_button(t("download_html"), html, "styringsgrupperapport.html", "text/html")
        right.download_button(t("download_pdf"), pdf, "styringsgrupperapport.pdf", "application/pdf")


def page() -> None:
    header(t("title"), t("intro"))
    portfolio = session.portfolio()
    plan, approved = roadmap(portfolio)
    if plan is not None:
        year, rules = settings(portfolio)
        review = benefit_review(portfolio, plan, as_of=year, thresholds=rules)
        status_view(review, rules)
        charts(portfolio, plan, review, year, rules)
        totals_view(portfolio, review, rules)
        report_button(portfolio, plan, approved, year, rules)
    entry(portfolio)


if __name__ == "__main__":
    page()
