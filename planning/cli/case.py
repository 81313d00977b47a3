"""Commands on the joint treatment of a plan: ``planning case open|list|status|decide|revise|paper``.

A decision case takes one stored plan through the IT directors' meeting, the leaders'
meeting and the four RHF boards; the plan is the plan of record when every required body
has approved the same version. Commands that store act as the ``--as`` user: a coordinator
or admin opens and revises cases, each body's secretary records its decisions.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import click

from planning.approval.bodies import OUTCOMES, Body, bodies_from_json
from planning.approval.cases import list_cases, load_case, open_case, revise_case
from planning.approval.conditions import make_condition
from planning.approval.confidence import papers_with_confidence
from planning.approval.decisions import record_decision
from planning.approval.paper import region_papers
from planning.approval.status import CaseStatus, case_status
from planning.approval.words import CaseError
from planning.cli.baseline import emit, json_option, opened, table, time_limit_option
from planning.cli.common import database_option
from planning.cli.helptext import Group
from planning.cli.language import _, current, day, document_language, error, moment, num, signed
from planning.cli.users import acting_user, acting_user_option, stored_portfolio
from planning.cli.words import action_word
from planning.messages.counts import counted
from planning.report.render import FORMATS
from planning.uncertainty.run import SimulationOptions
from planning.uncertainty.sampling import DEFAULT_SAMPLES

CAP = re.compile(r"^\s*(?P<pool>[^/=\s]+)\s*/\s*(?P<year>\d{4})\s*=\s*(?P<amount>[-+0-9.,eE]+)\s*$")


@click.group("case", cls=Group)
def case_group() -> None:
    """The joint treatment of a plan: IT directors, leaders' meeting, the four RHF boards.

    \b
    Example:
      planning case open 12 --as kari@helse-vest.no
      planning case decide 1 --body ITD --outcome approved --case-no "Sak 12-2026" \\
        --date 2026-09-10 --text "IKT-direktørmøtet anbefaler planen." --as ida@helse-vest.no
      planning case status 1
      planning case paper 1 --out papers/
    """


@case_group.command("open")
@click.argument("plan_id", type=int)
@click.option("--title", default="", help="What is decided (default: the joint plan, its horizon and scenario).")
@click.option(
    "--bodies",
    "bodies_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="JSON list of bodies (id, name, name_en, stage, action, secretary, region, required).",
)
@click.option("--note", default="", help="A note kept with the case.")
@acting_user_option
@database_option
@json_option
def open_command(
    plan_id: int,
    title: str,
    bodies_file: Path | None,
    note: str,
    acting: str | None,
    database_url: str | None,
    as_json: bool,
) -> None:
    """Open a decision case for a stored plan (its first version) as the --as user.

    Needs the Admin or Coordinator role; recorded in the audit trail. The bodies are by
    default the IT directors' meeting (ITD, recommends), the leaders' meeting (LM, treats)
    and the board of each region (HSO, HV, HMN, HN, each approves, in parallel).

    \b
    Example:
      planning case open 12 --as kari@helse-vest.no
    Exit codes: 0 opened, 1 unknown plan, plan without schedule or made on other data, plan
    already treated, invalid bodies or refused (role), 2 usage, 3 unexpected.
    """
    bodies = _read_bodies(bodies_file) if bodies_file is not None else None
    with opened(database_url) as engine:
        user = acting_user(engine, acting)
        portfolio = stored_portfolio(engine)
        case = open_case(engine, plan_id, user=user, title=title, bodies=bodies, note=note, portfolio=portfolio)
    if as_json:
        emit({"case": case.id, "title": case.title, "version": 1, "plan_id": plan_id,
              "bodies": [b.to_json() for b in case.bodies]})  # fmt: skip
        return
    click.echo(_("Case {case} opened: {title}, version 1 = plan {plan}.").format(case=case.id, title=case.title,
                                                                                  plan=plan_id))  # fmt: skip
    stages = ", ".join(_("{body} (stage {stage}, {action})").format(body=b.id, stage=b.stage,
                                                                    action=action_word(b.action))
                       for b in case.bodies)  # fmt: skip
    click.echo(_("Bodies: {bodies}").format(bodies=stages))


def _read_bodies(path: Path) -> list[Body]:
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        line = _("{path}: not a JSON list of bodies ({reason})").format(path=path, reason=exc)
        raise click.BadParameter(line, param_hint="--bodies") from None
    if not isinstance(rows, list):
        raise click.BadParameter(_("{path}: give a JSON list of bodies").format(path=path), param_hint="--bodies")
    try:
        return bodies_from_json(rows)
    except CaseError as exc:
        raise click.BadParameter(f"{path}: {error(exc)}", param_hint="--bodies") from None


@case_group.command("list")
@database_option
@json_option
def list_command(database_url: str | None, as_json: bool) -> None:
    """List decision cases, newest first, with their current version.

    \b
    Example:
      planning case list
    Exit codes: 0 listed, 1 no portfolio in the database, 2 usage, 3 unexpected.
    """
    with opened(database_url) as engine:
        frame = list_cases(engine)
    if as_json:
        emit([{k: (v.isoformat() if isinstance(v, dt.datetime) else v) for k, v in row.items()}
              for row in frame.to_dict("records")])  # fmt: skip
        return
    shown = frame.assign(opened_at=frame["opened_at"].map(lambda t: t.strftime("%Y-%m-%d %H:%M")))
    click.echo(table(shown))


@case_group.command("status")
@click.argument("case_id", type=int)
@database_option
@json_option
def status_command(case_id: int, database_url: str | None, as_json: bool) -> None:
    """Show a case across its bodies: each body's state and decision on the current version,
    the plan of record, and earlier versions with what changed since.

    \b
    Example:
      planning case status 1 --json
    Exit codes: 0 shown, 1 unknown case, 2 usage, 3 unexpected.
    """
    with opened(database_url) as engine:
        status = case_status(engine, case_id, portfolio=stored_portfolio(engine))
    if as_json:
        emit(status.to_json())
        return
    click.echo("\n".join(status_lines(status)))


def status_lines(status: CaseStatus) -> list[str]:
    """The case as text, one fact a line."""
    case, version = status.case, status.current
    lines = [_("Case {case}: {title} - {state}").format(case=case.id, title=case.title, state=_state(status.state))]
    why = f": {version.reason}" if version.reason else ""
    lines.append(_("Version {number}: plan {plan} ({scenario}), made {made} by {who}{why}").format(
        number=version.number, plan=version.plan_id, scenario=status.plan.scenario_id,
        made=moment(version.created_at), who=version.created_by, why=why))  # fmt: skip
    if not status.inputs_current:
        lines.append("  " + _("The data changed since version {number}: revise the case ('planning case revise "
                              "{case} --reason ...') before more decisions.").format(number=version.number,
                                                                                    case=case.id))  # fmt: skip
    record = status.baseline
    if record is None:
        lines.append(_("Plan of record: none yet"))
    else:
        this = " " + _("(this version)") if status.plan_of_record else ""
        lines.append(_("Plan of record: plan {plan}{this}, approved by {who}").format(
            plan=record.stored.id, this=this, who=record.approval.approved_by))  # fmt: skip
    for party in status.parties:
        lines.append(_party_line(party))
    for earlier in status.earlier:
        npv = "-" if earlier.npv_change is None else f"{signed(earlier.npv_change, 1)} MNOK"
        pools = "; ".join(f"{p['pool']} {signed(p['total_change'], 1)}" for p in earlier.pools) or _("no pool changes")
        decided = counted(len(earlier.decisions), _("decision"), _("decisions"))
        moved = counted(len(earlier.moves), _("initiative"), _("initiatives"))
        lines.append(_("Earlier version {earlier} (plan {plan}): {decided}, now void; version {number} moves "
                       "{moved}, NPV {npv}, commitments {pools}").format(
            earlier=earlier.version.number, plan=earlier.version.plan_id, decided=decided, number=version.number,
            moved=moved, npv=npv, pools=pools))  # fmt: skip
    return lines


def _state(state: str) -> str:
    """A case's or a body's state in the command's language (``held up``, ``stanset``)."""
    words = {"in_treatment": _("in treatment"), "held_up": _("held up"), "approved": _("approved"),
             "waiting": _("waiting"), "pending": _("pending"),
             "approved_with_conditions": _("approved with conditions"),
             "condition_not_met": _("approved with conditions, the condition not met"), "returned": _("returned"),
             "rejected": _("rejected")}  # fmt: skip
    return words.get(state, state.replace("_", " "))


def _party_line(party: Any) -> str:
    body, decision = party.body, party.decision
    head = "  " + _("stage {stage}").format(stage=body.stage) + f" {body.id:<5} {_state(party.state):<26}"
    if decision is None:
        return head + body.label(current())
    line = f"{head}{day(decision.meeting_date)} {decision.case_number}: {decision.text}"
    if decision.condition is not None:
        line += " [" + _("condition: {text}").format(text=decision.condition.text)
        if decision.check is not None:
            check = decision.check
            line += (
                "; "
                + _("{pool} {year}: {spend} of at most {limit} MNOK").format(
                    pool=check.pool, year=check.year, spend=num(check.spend, 1), limit=num(check.limit, 1)
                )
                + ", "
            )
            line += _("holds") if check.holds else _("does not hold")
            if not check.holds and check.consequence is not None:
                line += _consequence_text(check.consequence)
        line += "]"
    return line


def _consequence_text(consequence: Any) -> str:
    npv = "" if consequence.npv_change is None else f", NPV {signed(consequence.npv_change, 1)} MNOK"
    pays = "; ".join(
        f"{p['pool']} " + ", ".join(f"{y} {signed(v, 1)}" for y, v in p["by_year"].items() if abs(v) > 1e-6)
        for p in consequence.pools
    )
    moved = counted(len(consequence.moves), _("initiative moves"), _("initiatives move"))
    return "; " + _("with it {moved}{npv}; pays: {pays}").format(moved=moved, npv=npv, pays=pays or _("no change"))


def parse_cap(value: str | None) -> tuple[str, int, float] | None:
    """``POOL/YEAR=MNOK`` (for example ``HV/2027=240``) as (pool, year, amount)."""
    if value is None:
        return None
    found = CAP.match(value)
    if found is None:
        line = _("'{value}': write POOL/YEAR=MNOK, for example HV/2027=240").format(value=value)
        raise click.BadParameter(line, param_hint="--cap")
    try:
        amount = float(found["amount"].replace(",", "."))
    except ValueError:
        line = _("'{amount}' is not a number of MNOK").format(amount=found["amount"])
        raise click.BadParameter(line, param_hint="--cap") from None
    return found["pool"], int(found["year"]), amount


@case_group.command("decide")
@click.argument("case_id", type=int)
@click.option("--body", required=True, help="The body that decided, for example ITD, LM or HV.")
@click.option("--outcome", required=True, type=click.Choice(OUTCOMES), help="What it decided.")
@click.option("--case-no", "case_number", required=True, help="Its case number, for example 'Sak 045-2026'.")
@click.option("--date", "meeting_date", required=True, help="The meeting date, YYYY-MM-DD.")
@click.option("--text", "text", required=True, help="The decision as adopted (vedtak).")
@click.option("--condition", default=None, help="The condition's text (outcome approved_with_conditions).")
@click.option("--cap", default=None, metavar="POOL/YEAR=MNOK", help="A condition Veikart checks: HV/2027=240.")
@click.option("--version", "version", type=int, default=None, help="The version decided on (default current).")
@time_limit_option
@acting_user_option
@database_option
@json_option
def decide_command(
    case_id: int,
    body: str,
    outcome: str,
    case_number: str,
    meeting_date: str,
    text: str,
    condition: str | None,
    cap: str | None,
    version: int | None,
    time_limit: float | None,
    acting: str | None,
    database_url: str | None,
    as_json: bool,
) -> None:
    """Record a body's decision on the current version as the --as user (its secretary, or an admin).

    A board secretary records only the board of its own region. With --cap, Veikart checks
    the plan under the condition and, when it does not hold, shows what the plan becomes
    with it for every region. The last approval needed makes the plan the plan of record.

    \b
    Example:
      planning case decide 1 --body HV --outcome approved_with_conditions --case-no "Sak 045-2026" \\
        --date 2026-10-15 --text "Godkjent med forbehold." \\
        --condition "Godkjent forutsatt at 2027 er høyst 240 MNOK" --cap HV/2027=240 --as sara@helse-vest.no
    Exit codes: 0 recorded, 1 refused or invalid (unknown body, date before the stage before,
    superseded version, changed data, condition on another region's envelope, role), 2 usage, 3 unexpected.
    """
    capped = parse_cap(cap)
    with opened(database_url) as engine:
        user = acting_user(engine, acting)
        portfolio = stored_portfolio(engine)
        wanted = make_condition(condition, *(capped or (None, None, None)))
        decision = record_decision(
            engine, case_id, body, outcome=outcome, meeting_date=meeting_date, case_number=case_number, text=text,
            condition=wanted, version=version, user=user, portfolio=portfolio, time_limit=time_limit,
        )  # fmt: skip
        status = case_status(engine, case_id, portfolio=portfolio)
    if as_json:
        emit({"decision": decision.to_json(), "case_state": status.state, "plan_of_record": status.plan_of_record})
        return
    click.echo(_("Recorded: {body} {outcome} version {version} on {date} ({case_no}).").format(
        body=decision.body, outcome=_state(decision.outcome), version=decision.version, date=day(decision.meeting_date),
        case_no=decision.case_number))  # fmt: skip
    click.echo("\n".join(status_lines(status)))


@case_group.command("revise")
@click.argument("case_id", type=int)
@click.argument("plan_id", type=int, required=False)
@click.option("--reason", required=True, help="Why a new version, for example 'HV capped 2027 at 240 MNOK'.")
@click.option(
    "--apply-condition", "decision_id", type=int, default=None,
    help="Optimise the scenario with this decision's condition (one the plan does not hold).",
)  # fmt: skip
@time_limit_option
@acting_user_option
@database_option
def revise_command(
    case_id: int,
    plan_id: int | None,
    reason: str,
    decision_id: int | None,
    time_limit: float | None,
    acting: str | None,
    database_url: str | None,
) -> None:
    """Make a new version of a case as the --as user (Admin or Coordinator): every body treats it again.

    Give a stored plan made on the current data, or none: then the current version's scenario
    (with --apply-condition, the condition's derived scenario) is optimised on the current
    data, tied to the current plan, and stored. Decisions on earlier versions stay, shown as
    applying to their version.

    \b
    Example:
      planning case revise 1 --reason "Data updated after the leaders' meeting" --as kari@helse-vest.no
      planning case revise 1 --apply-condition 6 --reason "HV's condition" --as kari@helse-vest.no
    Exit codes: 0 revised, 1 unknown case or plan, plan made on other data, same plan, refused, 2 usage,
    3 unexpected.
    """
    with opened(database_url) as engine:
        user = acting_user(engine, acting)
        portfolio = stored_portfolio(engine)
        scenario = None
        if decision_id is not None:
            case = load_case(engine, case_id)
            found = next((d for d in case.decisions if d.id == decision_id), None)
            derived = None if found is None or found.check is None else found.check.derived_scenario()
            if derived is None:
                raise CaseError("no_condition_to_apply", decision=decision_id, case=case_id)
            scenario = derived
        case = revise_case(engine, case_id, plan_id, user=user, reason=reason, scenario=scenario,
                           portfolio=portfolio, time_limit=time_limit)  # fmt: skip
    version = case.current
    click.echo(_("Case {case}: version {number} = plan {plan}; every body treats it again.").format(
        case=case.id, number=version.number, plan=version.plan_id))  # fmt: skip


@case_group.command("paper")
@click.argument("case_id", type=int)
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), required=True, help="Folder.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="both", show_default=True,
              help="HTML, PDF or both.")  # fmt: skip
@click.option("--samples", type=int, default=DEFAULT_SAMPLES, show_default=True,
              help="Sampled futures for each region's P50 / P85 spend and delivery confidence; 0: none.")  # fmt: skip
@click.option("--seed", type=int, default=1, show_default=True, help="Seed of the sampled futures.")
@database_option
def paper_command(case_id: int, out: Path, fmt: str, samples: int, seed: int, database_url: str | None) -> None:
    """Write each region's board paper (saksframlegg) as HTML and A4 PDF.

    Each paper carries its region's spend per year at P50 and P85 and the chance that its
    initiatives go live on time, from a simulation of the plan (--samples 0: without). The
    papers are written in --lang (planning --lang en case paper ...), else in the language LANG
    names (nb_NO: bokmål, en_GB: English), else in bokmål.

    \b
    Example:
      planning case paper 1 --out papers/
      planning case paper 1 --out papers/ --samples 5000 --seed 7
    Exit codes: 0 written, 1 unknown case, 2 usage, 3 unexpected (for example PDF without Pango).
    """
    from planning.report.paper import write_papers

    with opened(database_url) as engine:
        portfolio = stored_portfolio(engine)
        status = case_status(engine, case_id, portfolio=portfolio)
    language = document_language()
    if samples:
        try:
            papers = papers_with_confidence(status, portfolio, SimulationOptions(samples=samples, seed=seed),
                                            language=language)  # fmt: skip
        except ValueError as error:
            raise click.UsageError(str(error)) from error
    else:
        papers = region_papers(status, portfolio, language=language)
    formats = ("html", "pdf") if fmt == "both" else (fmt,)
    for path in write_papers(papers, out, formats):
        click.echo(str(path))


COMMANDS = [case_group]
