"""Import/eksport: the portfolio, the template and plans as files, a portfolio uploaded back, and
a plan edited by hand uploaded to be checked.

Downloads are made when clicked (:mod:`planning.io.memory`); an upload is read and
validated first, its problems shown by sheet, row and column, and only a valid file may
replace the stored portfolio, all or nothing, as the signed-in user
(:func:`planning.io.importing.store_loaded`: role and row checks, row versions, audit trail).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from planning.charts.budget import spend_figure
from planning.domain.loading import LoadResult
from planning.domain.models import Scenario
from planning.domain.portfolio import TABLE_ATTRIBUTES, Portfolio
from planning.domain.problems import InvalidPortfolio, errors
from planning.io.importing import store_loaded
from planning.io.memory import (
    MIME,
    PORTFOLIO_FORMATS,
    UPLOAD_SUFFIXES,
    file_name,
    load_upload,
    plan_bytes,
    portfolio_bytes,
    template_bytes,
)
from planning.io.plan_file import SUFFIXES, read_plan_file
from planning.optimise.checker import CheckedPlan, check_edited_plan
from planning.optimise.inputs import resolve_scenario
from planning.plans.baseline import baseline_starts, current_baseline
from planning.plans.budget import pool_order
from planning.plans.compare import plan_difference
from planning.plans.runs import get_plan, list_plans
from planning.store.access import IMPORT, PermissionDenied
from planning.store.shared import ConflictError
from veikart_ui import auth, i18n, planner, session, state
from veikart_ui.components import MISSING, header, local_time, money_metric, problem_table, show_chart, show_frame
from veikart_ui.i18n import choose, names
from veikart_ui.phrases import translate
from veikart_ui.plain import plain
from veikart_ui.views import scenario_summary

UPLOADED = "io_uploaded"  # session key: (file id, name, LoadResult) of the last upload, read once
ROUND = "io_round"  # session key: a new round after each import gives a fresh, empty uploader
TARGET = "io_check_target"  # widget key: what an uploaded plan is checked against
WORKING, APPROVED, STORED = "working", "approved", "stored:"  # its choices (STORED + a scenario's name)

TEXTS: dict[str, tuple[str, str]] = {
    "intro": (
        "Regneark inn og ut: porteføljen, malen og planer som filer, en portefølje lest inn igjen, og en plan "
        "redigert for hånd kontrollert mot reglene.",
        "Spreadsheets in and out: the portfolio, the template and plans as files, a portfolio read back in, and a "
        "plan edited by hand checked against the rules.",
    ),
    "export": ("Eksport", "Export"),
    "import": ("Import", "Import"),
    "portfolio": ("Porteføljen", "The portfolio"),
    "portfolio_help": (
        "Alle tabeller, ett ark (eller én fil) per tabell. Kan redigeres og leses inn igjen.",
        "Every table, one sheet (or file) per table. Can be edited and imported again.",
    ),
    "format": ("Format", "Format"),
    "fmt.xlsx": ("Excel (.xlsx)", "Excel (.xlsx)"),
    "fmt.json": ("JSON", "JSON"),
    "fmt.csv": ("CSV-filer i .zip", "CSV files in a .zip"),
    "download_portfolio": ("Last ned porteføljen", "Download the portfolio"),
    "template": ("Tom mal", "Empty template"),
    "template_help": (
        "Ett ark per tabell med overskrifter, enheter, forklaringer og nedtrekkslister.",
        "One sheet per table with headers, units, explanations and dropdowns.",
    ),
    "download_template": ("Last ned malen", "Download the template"),
    "plan": ("En lagret plan", "A stored plan"),
    "plan_help": (
        "Veikart per tiltak med start og slutt, forbruk per region og år mot rammen, gevinstkurven og løserens fakta.",
        "Roadmap per initiative with start and finish, spend per region and year against the envelope, "
        "the benefits curve and the solver's facts.",
    ),
    "which_plan": ("Plan", "Plan"),
    "no_plans": (
        "Ingen planer er lagret ennå. Kjør et scenario på siden Veikart, så kan planen lastes ned her.",
        "No plans are stored yet. Run a scenario on the Roadmap page, and its plan can be downloaded here.",
    ),
    "baseline": ("styrende plan", "plan of record"),
    "superseded": ("tidligere styrende", "formerly of record"),
    "download_plan": ("Last ned planen", "Download the plan"),
    "upload": (
        "Velg en fil: Excel (.xlsx), JSON eller CSV-filer i .zip",
        "Choose a file: Excel (.xlsx), JSON or CSV files in a .zip",
    ),
    "upload_help": (
        "Filen kontrolleres først. Den lagrede porteføljen erstattes bare når hele filen er gyldig, "
        "og da alt på én gang.",
        "The file is checked first. The stored portfolio is replaced only when the whole file is "
        "valid, and then all at once.",
    ),
    "invalid": (
        "{name} kan ikke leses inn: {n} feil. Ingenting er lagret. Rett feilene i filen og last den opp igjen.",
        "{name} cannot be imported: {n} errors. Nothing was stored. Fix the errors in the file and upload it again.",
    ),
    "warnings": (
        "{n} advarsler: filen kan leses inn, men se over dem først.",
        "{n} warnings: the file can be imported, but look at them first.",
    ),
    "valid": (
        "{name} er gyldig. Slik blir porteføljen om den leses inn:",
        "{name} is valid. This is the portfolio if it is imported:",
    ),
    "table": ("Tabell (ark)", "Table (sheet)"),
    "stored_rows": ("Rader nå", "Rows now"),
    "file_rows": ("Rader i filen", "Rows in the file"),
    "confirm": (
        "Jeg vil erstatte den lagrede porteføljen med denne filen",
        "I want to replace the stored portfolio with this file",
    ),
    "replace": ("Erstatt den lagrede porteføljen", "Replace the stored portfolio"),
    "may_not": (
        "Du kan ikke lese inn: det krever rollen administrator, IT-koordinator eller regional redaktør.",
        "You may not import: it takes the role administrator, IT coordinator or regional editor.",
    ),
    "imported": (
        "{name} er lest inn og har erstattet porteføljen ({rows} rader). Endringene står i revisjonsloggen.",
        "{name} is imported and has replaced the portfolio ({rows} rows). The changes are in the audit trail.",
    ),
    "not_stored": ("Ikke lagret: {reason}", "Not stored: {reason}"),
    "check": ("Sjekk en plan", "Check a plan"),
    "check_help": (
        "Last opp en plan du har redigert for hånd, for eksempel veikartet fra planeksporten over med flyttede "
        "startår. Den kontrolleres mot dataene og scenarioet du velger: vinduer, obligatoriske og igangsatte "
        "tiltak, avhengigheter, alternativer, rammer og kapasitet. Ingenting lagres.",
        "Upload a plan you edited by hand, for example the roadmap of the plan export above with start years "
        "moved. It is checked against the data and the scenario you choose: windows, mandatory and started "
        "initiatives, dependencies, alternatives, envelopes and capacity. Nothing is stored.",
    ),
    "check_target": ("Sjekk mot", "Check against"),
    "check_target_help": (
        "Arbeidsscenarioet er det Veikart-siden planlegger med. Den godkjente planen sjekkes mot scenarioet den "
        "ble godkjent i, og filen settes opp mot den.",
        "The working scenario is the one the Roadmap page plans with. The approved plan is checked against the "
        "scenario it was approved in, and the file is set against it.",
    ),
    "target_working": ("Arbeidsscenarioet ({scenario})", "The working scenario ({scenario})"),
    "target_approved": (
        "Den godkjente planen (scenario {scenario}, godkjent av {who} {when})",
        "The approved plan (scenario {scenario}, approved by {who} on {when})",
    ),
    "target_stored": ("Lagret scenario: {scenario}", "Stored scenario: {scenario}"),
    "check_upload": (
        "Velg planen: Excel (.xlsx, arket roadmap), CSV med kolonnene id og start, eller JSON",
        "Choose the plan: Excel (.xlsx, the roadmap sheet), CSV with the columns id and start, or JSON",
    ),
    "check_unreadable": (
        "{name} kan ikke leses: {n} feil. Rett dem i filen og last den opp igjen.",
        "{name} cannot be read: {n} errors. Fix them in the file and upload it again.",
    ),
    "check_kept": (
        "Planen holder alle reglene ({n} tiltak i planen).",
        "The plan keeps every rule ({n} initiatives in the plan).",
    ),
    "check_broken": (
        "Planen bryter {n} regler. Hver linje sier hva som må endres.",
        "The plan breaks {n} rules. Each line says what has to change.",
    ),
    "check_broken_one": (
        "Planen bryter én regel. Linjen sier hva som må endres.",
        "The plan breaks one rule. The line says what has to change.",
    ),
    "check_against": (
        "Mot {reference}: netto nåverdi {delta} MNOK, {n} tiltak flyttet, lagt til eller tatt ut.",
        "Against {reference}: net present value {delta} MNOK, {n} initiatives moved, added or left out.",
    ),
    "check_same": (
        "Planen starter hvert tiltak der {reference} gjør.",
        "The plan starts every initiative where {reference} does.",
    ),
    "reference_optimiser": (
        "planen fra optimeringen på Veikart-siden (samme scenario)",
        "the plan from the optimiser on the Roadmap page (the same scenario)",
    ),
    "reference_approved": ("den godkjente planen", "the approved plan"),
    "check_id": ("Tiltak", "Initiative"),
    "start_optimiser": ("Optimeringens start", "Optimiser's start"),
    "start_approved": ("Start i den godkjente planen", "Start in the approved plan"),
    "check_edited": ("Start i filen", "Start in the file"),
    "check_violation": ("Brudd", "Violation"),
    "check_initiatives": ("Tiltak i planen", "Initiatives in the plan"),
    "check_violations": ("Brudd", "Violations"),
    "check_npv": ("Netto nåverdi", "Net present value"),
    "check_npv_help": (
        "Planens netto nåverdi i scenarioet den sjekkes mot. Vises ikke når planen har tiltak scenarioet ikke "
        "kan ta med, eller starter et tiltak utenfor planperioden.",
        "The plan's net present value in the scenario it is checked against. Not shown when the plan has "
        "initiatives the scenario cannot include, or starts one outside the horizon.",
    ),
}


def t(key: str, **values: Any) -> str:
    return choose(TEXTS[key], session.language(), **values)


def export_section(portfolio: Portfolio) -> None:
    left, right = st.columns(2)
    with left:
        st.subheader(t("portfolio"))
        st.caption(t("portfolio_help"))
        kind = format_choice("io_portfolio_format")
        st.download_button(t("download_portfolio"), lambda: portfolio_bytes(portfolio, kind),
                           file_name("veikart-portefolje", kind), MIME[kind], key="io_download_portfolio",
                           on_click="ignore", type="primary", icon=":material/download:")  # fmt: skip
    with right:
        st.subheader(t("template"))
        st.caption(t("template_help"))
        st.download_button(t("download_template"), template_bytes, "veikart-mal.xlsx", MIME["xlsx"],
                           key="io_download_template", on_click="ignore", icon=":material/download:")  # fmt: skip
    plan_download(portfolio)


def format_choice(key: str) -> str:
    chosen = st.radio(t("format"), PORTFOLIO_FORMATS, format_func=lambda k: t(f"fmt.{k}"), horizontal=True, key=key)
    return str(chosen)


def plan_download(portfolio: Portfolio) -> None:
    st.subheader(t("plan"))
    st.caption(t("plan_help"))
    engine = state.engine(session.url())
    plans = list_plans(engine)
    if plans.empty:
        st.info(t("no_plans"))
        return
    labels = {int(row.id): plan_label(row) for row in plans.itertuples()}
    chosen = st.selectbox(t("which_plan"), list(labels), format_func=labels.__getitem__, key="io_plan")
    kind = format_choice("io_plan_format")
    stored = get_plan(engine, int(chosen))
    st.download_button(t("download_plan"), lambda: plan_bytes(stored.plan, portfolio, kind),
                       file_name(f"veikart-plan-{chosen}-{stored.scenario_id}", kind), MIME[kind],
                       key="io_download_plan", on_click="ignore", icon=":material/download:")  # fmt: skip


def plan_label(row: Any) -> str:
    """``#12 · Basis · 26.11.2026 01:29 · optimal · styrende plan``."""
    parts = [f"#{row.id}", str(row.scenario), local_time(row.created_at), str(row.status)]
    if row.approval:
        parts.append(t(str(row.approval)))
    return " · ".join(parts)


def import_section(portfolio: Portfolio) -> None:
    st.caption(t("upload_help"))
    round_ = int(st.session_state.get(ROUND, 0))
    upload = st.file_uploader(t("upload"), type=list(UPLOAD_SUFFIXES), key=f"io_upload_{round_}")
    st.caption(session.tr("ux.upload_hint"))  # Streamlit writes the uploader's own words in English only
    if upload is None:
        st.session_state.pop(UPLOADED, None)
        return
    seen = st.session_state.get(UPLOADED)
    if seen is None or seen[0] != upload.file_id:
        seen = (upload.file_id, upload.name, load_upload(upload.name, upload.getvalue()))
        st.session_state[UPLOADED] = seen
    _, name, result = seen
    show_report(name, result)
    if result.ok and result.portfolio is not None:
        offer_replace(name, result, portfolio, round_)


def show_report(name: str, result: LoadResult) -> None:
    found = errors(result.problems)
    if found:
        st.error(t("invalid", name=plain(name), n=len(found)))
        problem_table(found)
    cautions = [p for p in result.problems if p.severity == "warning"]
    if cautions:
        st.warning(t("warnings", n=len(cautions)))
        problem_table(cautions)


def offer_replace(name: str, result: LoadResult, stored: Portfolio, round_: int) -> None:
    assert result.portfolio is not None
    st.success(t("valid", name=plain(name)))
    new, old = result.portfolio.summary(), stored.summary()
    rows = [{t("table"): table, t("stored_rows"): old[table], t("file_rows"): new[table]} for table in TABLE_ATTRIBUTES]
    show_frame(pd.DataFrame(rows), height=35 * (len(rows) + 1) + 3)
    user = session.user()
    if not auth.can(user, IMPORT):
        st.info(t("may_not"))
        return
    confirmed = st.checkbox(t("confirm"), key=f"io_confirm_{round_}")
    if st.button(t("replace"), key="io_replace", type="primary", disabled=not confirmed):
        reason = replace_portfolio(name, result)
        if reason is None:
            session.flash(t("imported", name=plain(name), rows=sum(new.values())))
            st.session_state.pop(UPLOADED, None)
            st.session_state[ROUND] = round_ + 1
            st.rerun()
        st.error(t("not_stored", reason=reason))


def replace_portfolio(name: str, result: LoadResult) -> str | None:
    """Store the uploaded portfolio; the reason in words when nothing was stored, else ``None``."""
    try:
        outcome = store_loaded(
            engine=state.engine(session.url()), result=result, user=session.user(), replace=True, note=f"upload {name}"
        )
    except PermissionDenied as exc:
        return session.denied(exc)
    except ConflictError as exc:
        return session.conflicted(exc)
    except SQLAlchemyError as exc:
        return session.tr("db.save_failed", error=plain(str(exc).strip().splitlines()[0][:300]))
    if not outcome.stored:
        return session.shown_lines("\n") + session.problem_lines(errors(outcome.result.problems))
    session.saved()
    return None


@dataclass(frozen=True)
class CheckTarget:
    """What an uploaded plan is checked against: a scenario, and a plan to set it beside."""

    scenario: Scenario
    reference: dict[str, int] | None
    """The starts of the plan the file is compared with (``None``: no plan to compare)."""
    approved: bool
    """Whether ``reference`` is the approved plan (else the optimiser's plan of this session)."""


def check_section(portfolio: Portfolio) -> None:
    """A plan edited by hand, uploaded and checked against a scenario the user chooses; nothing stored."""
    st.caption(t("check_help"))
    target = check_target(portfolio)
    scenario_summary(portfolio, target.scenario, links=False, title=session.tr("scenario.checked"))
    upload = st.file_uploader(t("check_upload"), type=list(SUFFIXES), key="io_check_upload")
    st.caption(session.tr("ux.upload_hint"))  # Streamlit writes the uploader's own words in English only
    if upload is None:
        return
    try:
        starts = read_plan_file(upload.getvalue(), upload.name, portfolio.timeline)
    except InvalidPortfolio as exc:
        st.error(t("check_unreadable", name=plain(upload.name), n=len(exc.problems)))
        problem_table(exc.problems)
        return
    show_checked(portfolio, check_edited_plan(portfolio, target.scenario, starts), target)


def check_target(portfolio: Portfolio) -> CheckTarget:
    """The user's choice of what to check against: the working scenario (the default), the
    approved plan with its scenario, or a stored scenario."""
    baseline = current_baseline(state.engine(session.url()))
    working = session.working_scenario(portfolio)
    labels = {WORKING: t("target_working", scenario=working.id)}
    if baseline is not None:
        who, when = baseline.approval.approved_by, local_time(baseline.approval.approved_at)
        labels[APPROVED] = t("target_approved", scenario=baseline.stored.scenario_id, who=who, when=when)
    for name in portfolio.scenarios.index:
        labels[f"{STORED}{name}"] = t("target_stored", scenario=name)
    choice = st.selectbox(
        t("check_target"), list(labels), format_func=labels.__getitem__, help=t("check_target_help"), key=TARGET
    )
    if choice == APPROVED and baseline is not None:
        scenario = baseline.stored.scenario
        return CheckTarget(scenario, baseline_starts(portfolio, scenario, baseline.stored.plan), approved=True)
    scenario = working if choice == WORKING else resolve_scenario(portfolio, str(choice).removeprefix(STORED))
    latest = planner.session_plan(portfolio, scenario)
    return CheckTarget(scenario, None if latest is None else latest.starts, approved=False)


def show_checked(portfolio: Portfolio, checked: CheckedPlan, target: CheckTarget) -> None:
    """What the plan breaks and is worth, how it differs from the target's plan (where there
    is one) and what it spends."""
    lang = session.language()
    count, broken, worth = st.columns(3)
    count.metric(t("check_initiatives"), len(checked.starts))
    broken.metric(t("check_violations"), len(checked.violations))
    money_metric(worth, t("check_npv"), checked.npv, help=t("check_npv_help"))
    if checked.violations:
        broken_count = len(checked.violations)
        st.error(t("check_broken_one") if broken_count == 1 else t("check_broken", n=broken_count))
        lines = [translate(line, lang) for line in checked.violations]
        show_frame(pd.DataFrame({t("check_violation"): lines}))
    else:
        st.success(t("check_kept", n=len(checked.starts)))
    if target.reference is not None:
        show_moves(portfolio, checked, target)
    figure = spend_figure(
        checked.spend,
        text=i18n.chart_text("spend", lang),
        names=names("pool", lang, portfolio),
        order=pool_order(portfolio),
    )
    show_chart(figure, "io_check_spend")


def show_moves(portfolio: Portfolio, checked: CheckedPlan, target: CheckTarget) -> None:
    """How the uploaded plan differs from the target's plan: the NPV (both valued in the
    target's scenario on today's data) and each start moved."""
    kind = "approved" if target.approved else "optimiser"
    name = t(f"reference_{kind}")
    difference = plan_difference(portfolio, target.scenario, checked, target.reference or {})
    moves, delta = difference.moves, difference.npv_change
    if moves.empty:
        st.info(t("check_same", reference=name))
        return
    lang = session.language()
    shown = MISSING if delta is None else ("+" if delta > 0 else "") + i18n.number(delta, 0, lang)
    st.info(t("check_against", reference=name, delta=shown, n=len(moves)))
    titles = portfolio.initiatives["name"]
    table = pd.DataFrame(
        {
            t("check_id"): moves["initiative"],
            session.tr("col.name"): [str(titles.get(i, "")) for i in moves["initiative"]],
            t(f"start_{kind}"): moves["reference"].fillna(session.tr("plan.not_in")),
            t("check_edited"): moves["edited"].fillna(session.tr("plan.not_in")),
        }
    )
    show_frame(table)


def page() -> None:
    header(session.tr("page.import_export"), t("intro"))
    session.show_flash()
    portfolio = session.portfolio()
    exporting, importing, checking = st.tabs([t("export"), t("import"), t("check")])
    with exporting:
        export_section(portfolio)
    with importing:
        import_section(portfolio)
    with checking:
        check_section(portfolio)


page()
