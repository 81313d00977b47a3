"""The Behandling / Approval page's words in bokmål and English, and a decision case's refusals in both.

A refusal from :mod:`planning.approval` (:class:`planning.approval.words.CaseError`) keeps its
message key and values; :func:`case_error` writes it again in the reader's language, with
the body's own name (not its English one) and the outcome in words.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from planning.approval.bodies import Body
from planning.approval.words import CaseError

TEXTS: dict[str, tuple[str, str]] = {
    "intro": (
        "Felles behandling av planen: IKT-direktørmøtet anbefaler, ledermøtet behandler, og styrene i de fire "
        "regionale helseforetakene godkjenner hver for seg. Planen er styrende når alle har godkjent samme versjon.",
        "Joint treatment of the plan: the IT directors' meeting recommends, the leaders' meeting treats, and the "
        "boards of the four regional health authorities each approve. The plan is the plan of record when all "
        "have approved the same version.",
    ),
    "no_cases": ("Ingen behandlingssak er åpnet ennå.", "No decision case has been opened yet."),
    "case": ("Behandlingssak", "Decision case"),
    "case_label": ("Sak {id}: {title} – versjon {version}", "Case {id}: {title} – version {version}"),
    "open_title": ("Åpne en ny behandlingssak", "Open a new decision case"),
    "open_plan": ("Lagret plan", "Stored plan"),
    "plan_label": ("Plan {id}: {scenario}, {when}{record}", "Plan {id}: {scenario}, {when}{record}"),
    "plan_of_record_mark": (" (styrende plan)", " (plan of record)"),
    "open_title_field": ("Tittel (valgfri)", "Title (optional)"),
    "open": ("Åpne sak", "Open case"),
    "opened": ("Sak {id} er åpnet.", "Case {id} is open."),
    "open_needs_plan": (
        "Ingen lagret plan med tidsplan ennå: kjør et scenario på Veikart-siden først.",
        "No stored plan with a schedule yet: run a scenario on the Roadmap page first.",
    ),
    "cannot_prepare": (
        "Bare koordinatorer og administratorer åpner saker og lager nye versjoner.",
        "Only coordinators and administrators open cases and make new versions.",
    ),
    "version": (
        "Versjon {number}: plan {plan} (scenario {scenario}), laget {when} av {who}.",
        "Version {number}: plan {plan} (scenario {scenario}), made {when} by {who}.",
    ),
    "reason": ("Grunn til ny versjon: {reason}", "Reason for a new version: {reason}"),
    "state.in_treatment": ("Til behandling", "In treatment"),
    "state.held_up": (
        "Stanset: en part har sendt planen tilbake, avvist den, eller satt et forbehold planen ikke holder",
        "Held up: a body returned or rejected the plan, or set a condition the plan does not hold",
    ),
    "state.approved": ("Godkjent av alle parter", "Approved by every body"),
    "record_this": ("Planen i denne versjonen er styrende plan.", "This version's plan is the plan of record."),
    "record_other": (
        "Styrende plan nå: plan {plan}, godkjent av {who}.",
        "Plan of record now: plan {plan}, approved by {who}.",
    ),
    "record_none": ("Ingen plan er styrende ennå.", "No plan is the plan of record yet."),
    "inputs_changed": (
        "Grunnlaget er endret etter at versjon {number} ble laget. Vedtakene så langt gjelder den versjonen; "
        "lag en ny versjon på dagens grunnlag før flere vedtak føres.",
        "The data changed after version {number} was made. The decisions so far apply to that version; make a "
        "new version on the current data before more decisions are recorded.",
    ),
    "revise": ("Lag ny versjon på dagens grunnlag", "Make a new version on the current data"),
    "revise_reason": ("Grunn", "Reason"),
    "revised": (
        "Versjon {number} er laget; alle parter behandler den på nytt.",
        "Version {number} is made; every body treats it again.",
    ),
    "stage": ("Ledd {stage}", "Stage {stage}"),
    "action.recommend": ("anbefaler", "recommends"),
    "action.treat": ("behandler", "treats"),
    "action.approve": ("godkjenner", "approves"),
    "advisory": ("rådgivende", "advisory"),
    "party.waiting": ("Venter på tidligere ledd", "Waiting for the stage before"),
    "party.pending": ("Til behandling", "To be treated"),
    "party.approved.recommend": ("Anbefalt", "Recommended"),
    "party.approved.treat": ("Behandlet", "Treated"),
    "party.approved.approve": ("Godkjent", "Approved"),
    "party.approved_with_conditions": ("Godkjent med forbehold", "Approved with conditions"),
    "party.condition_not_met": ("Forbeholdet holder ikke", "Condition not met"),
    "party.returned": ("Sendt tilbake", "Returned"),
    "party.rejected": ("Ikke godkjent", "Rejected"),
    "outcome.approved": ("Godkjent / anbefalt / behandlet", "Approved / recommended / treated"),
    "outcome.approved_with_conditions": ("Godkjent med forbehold", "Approved with conditions"),
    "outcome.returned": ("Sendt tilbake med merknader", "Returned with comments"),
    "outcome.rejected": ("Ikke godkjent", "Rejected"),
    "meeting": ("{date}, {number}", "{date}, {number}"),
    "condition": ("Forbehold: {text}", "Condition: {text}"),
    "holds": (
        "Planen holder forbeholdet: {pool} {year} bruker {spend} av høyst {limit} MNOK.",
        "The plan holds the condition: {pool} {year} spends {spend} of at most {limit} MNOK.",
    ),
    "fails": (
        "Planen holder ikke forbeholdet: {pool} {year} bruker {spend}, høyst {limit} MNOK.",
        "The plan does not hold the condition: {pool} {year} spends {spend}, at most {limit} MNOK.",
    ),
    "record": ("Før vedtak for {body}", "Record the decision of {body}"),
    "outcome": ("Utfall", "Outcome"),
    "date": ("Møtedato", "Meeting date"),
    "case_no": ("Saksnummer", "Case number"),
    "case_no_hint": ("Sak 045-2026", "Sak 045-2026"),
    "text": ("Vedtak", "Decision (vedtak)"),
    "condition_text": ("Forbehold (tekst)", "Condition (text)"),
    "cap": ("Veikart skal sjekke forbeholdet mot egen ramme", "Veikart checks the condition on the own envelope"),
    "cap_year": ("År", "Year"),
    "cap_max": ("Høyst (MNOK)", "At most (MNOK)"),
    "save": ("Før vedtaket", "Record the decision"),
    "recorded": ("Vedtaket til {body} er ført.", "The decision of {body} is recorded."),
    "adopted": (
        "Alle parter har godkjent: planen er nå styrende plan.",
        "Every body has approved: the plan is now the plan of record.",
    ),
    "not_yours": (
        "Bare sekretæren for {body} (eller en administrator) fører vedtaket.",
        "Only the secretary of {body} (or an administrator) records its decision.",
    ),
    "consequence": ("Hva forbeholdet fra {body} betyr", "What the condition of {body} means"),
    "consequence_npv": (
        "{moves} tiltak flyttes; netto nåverdi endres med {npv}.",
        "{moves} initiatives move; net present value changes by {npv}.",
    ),
    "pays": ("Endring i hva hver region betaler per år (MNOK)", "Change in what each region pays per year (MNOK)"),
    "apply_condition": ("Lag ny versjon med forbeholdet", "Make a new version with the condition"),
    "earlier": ("Versjon {number} (plan {plan}): gjelder ikke lenger", "Version {number} (plan {plan}): superseded"),
    "earlier_summary": (
        "Mot versjon {number} flytter gjeldende versjon {moves} tiltak; netto nåverdi endres med {npv}.",
        "Against version {number} the current version moves {moves} initiatives; net present value changes by {npv}.",
    ),
    "earlier_decisions": ("Vedtak om versjon {number}", "Decisions on version {number}"),
    "commitments": ("Endring i forpliktelse per region (MNOK)", "Change in each region's commitment (MNOK)"),
    "papers": ("Saksframlegg", "Board papers"),
    "papers_intro": (
        "Ett saksframlegg per styre, på norsk: regionens forpliktelser, behandlingen så langt og forslag til vedtak.",
        "One board paper per board, in Norwegian: the region's commitments, the treatment so far and a proposed "
        "decision.",
    ),
    "html": ("{region}: HTML", "{region}: HTML"),
    "pdf": ("{region}: PDF", "{region}: PDF"),
    "col.body": ("Organ", "Body"),
    "col.pool": ("Region", "Region"),
    "col.total": ("Sum", "Total"),
    "col.initiative": ("Tiltak", "Initiative"),
    "col.change": ("Endring", "Change"),
    "col.start_a": ("Start før", "Start before"),
    "col.start_b": ("Start etter", "Start after"),
    "col.outcome": ("Utfall", "Outcome"),
    "col.date": ("Møte", "Meeting"),
    "col.case_no": ("Sak", "Case no."),
    "col.text": ("Vedtak", "Decision"),
}

ERRORS_BOKMAL: dict[str, str] = {
    "unknown_case": "det finnes ingen behandlingssak {case}",
    "unknown_body": "sak {case} har ikke noe organ «{body}»; bruk ett av: {bodies}",
    "unknown_outcome": "«{outcome}» er ikke et utfall; bruk ett av: {outcomes}",
    "empty_field": "{field} mangler: oppgi {example}; ingenting er lagret",
    "too_long": "{field} har {length} tegn, høyst {limit} tas vare på; gjør teksten kortere; ingenting er lagret",
    "bad_date": "møtedatoen «{value}» er ikke en dato: skriv den som ÅÅÅÅ-MM-DD, for eksempel 2026-10-15",
    "future_date": "møtedatoen {date} er etter i dag ({today}): før vedtaket etter møtet; ingenting er lagret",
    "unknown_version": "sak {case} har ingen versjon {version}; versjonene er 1 til {last}",
    "superseded_version": (
        "versjon {version} av sak {case} er erstattet av versjon {current} (laget {made}): vedtak føres på "
        "gjeldende versjon; ingenting er lagret"
    ),
    "inputs_changed": (
        "grunnlaget er endret etter at versjon {version} av sak {case} ble laget (plan {plan} stemmer ikke lenger "
        "med porteføljen): vedtakene så langt gjelder den versjonen. En koordinator lager en ny versjon på dagens "
        "grunnlag; ingenting er lagret"
    ),
    "stage_not_done": (
        "{body} kan ikke behandle versjon {version} ennå: {waiting} har ikke {verb} den; før det vedtaket først; "
        "ingenting er lagret"
    ),
    "before_previous_stage": (
        "møtedatoen {date} er før {previous} behandlet planen {previous_date} ({case_no}): {body} behandler planen "
        "etter leddet før; sjekk datoen; ingenting er lagret"
    ),
    "before_own_decision": (
        "møtedatoen {date} er før det forrige vedtaket til {body} om denne versjonen ({previous_date}, {case_no}); "
        "sjekk datoen; ingenting er lagret"
    ),
    "already_decided": (
        "{body} har allerede fattet vedtak om versjon {version} ({outcome} {date}, {case_no}); vedtaket står. "
        "Ny behandling krever en ny versjon av sak {case}; ingenting er lagret"
    ),
    "later_stage_decided": (
        "{body} kan ikke lenger behandle versjon {version}: {later} har allerede fattet vedtak; ny behandling krever "
        "en ny versjon; ingenting er lagret"
    ),
    "condition_needs_text": "godkjent med forbehold krever forbeholdet som tekst; ingenting er lagret",
    "condition_without_outcome": (
        "et forbehold hører til utfallet godkjent med forbehold, ikke {outcome}; ingenting er lagret"
    ),
    "condition_incomplete": (
        "et forbehold Veikart sjekker, trenger region, år og høyeste beløp sammen (mangler: {missing}); "
        "ingenting er lagret"
    ),
    "condition_other_region": (
        "forbeholdet gjelder rammen til {pool}, men {body} kan bare sette forbehold om egen ramme ({own}); "
        "ingenting er lagret"
    ),
    "condition_no_envelope": "{body} har ingen egen ramme: skriv forbeholdet bare som tekst; ingenting er lagret",
    "condition_year": "året {year} i forbeholdet er utenfor planens horisont {first}–{last}; ingenting er lagret",
    "condition_amount": "høyeste beløp i forbeholdet må være et tall på 0 eller mer, ikke {value}; ingenting er lagret",
    "plan_without_schedule": "plan {plan} er {status}: bare en plan med tidsplan kan behandles",
    "plan_on_other_data": (
        "plan {plan} er laget på et annet grunnlag enn porteføljen har nå: kjør scenario {scenario} på nytt og "
        "bruk den nye planen"
    ),
    "plan_in_case": "plan {plan} behandles allerede i sak {case} (versjon {version})",
    "same_plan": "plan {plan} er allerede versjon {version} av sak {case}; en ny versjon trenger en annen plan",
    "nothing_changed": (
        "verken planen eller grunnlaget er endret siden versjon {version} av sak {case}: det er ingenting å "
        "behandle på nytt; ingenting er lagret"
    ),
    "no_condition_to_apply": "vedtak {decision} i sak {case} har ikke noe forbehold planen ikke holder",
    "bodies_invalid": "organene i en sak: {problem}",
}
"""Every :data:`planning.approval.words.MESSAGES` key in bokmål, with the same values."""
VERBS_BOKMAL = {"recommended": "anbefalt", "treated": "behandlet", "approved": "godkjent"}
OUTCOMES_BOKMAL = {
    "approved": "godkjent",
    "approved_with_conditions": "godkjent med forbehold",
    "returned": "sendt tilbake",
    "rejected": "ikke godkjent",
}


def text(key: str, language: str, /, **values: Any) -> str:
    nb, en = TEXTS[key]
    return (en if language == "en" else nb).format(**values)


def case_error(error: CaseError, bodies: Sequence[Body], language: str) -> str:
    """``error`` in ``language``: bokmål from :data:`ERRORS_BOKMAL`, bodies by their own name."""
    if language == "en":
        return str(error)
    names = {b.name_en: b.name for b in bodies}
    values = {k: names.get(v, v) for k, v in error.values.items()}
    if "verb" in values:
        values["verb"] = VERBS_BOKMAL.get(values["verb"], values["verb"])
    if "outcome" in values:
        values["outcome"] = OUTCOMES_BOKMAL.get(values["outcome"], values["outcome"])
    message = ERRORS_BOKMAL[error.key].format(**values)
    return message[:1].upper() + message[1:]
