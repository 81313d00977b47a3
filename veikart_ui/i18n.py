"""The app's texts in Norwegian bokmål (default) and English, keyed by id.

``text(key, language, **values)`` formats one text; ``names(kind, language)`` gives the
display names of coded values (areas, statuses, ...). The optimiser's explanations are
translated in :mod:`veikart_ui.phrases`; validation problems come in the domain's own words.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import plotly.graph_objects as go

from planning.domain.portfolio import Portfolio
from planning.messages.locale_numbers import SHOWN_GROUP_MARK
from planning.messages.message import decimal
from planning.messages.render import number as locale_number
from veikart_ui import texts_core_index, texts_robust, texts_uncertainty, texts_ux, texts_ux_b
from veikart_ui.phrases import translate
from veikart_ui.scenario_texts import TEXTS as SCENARIO_TEXTS

LANGUAGES = {"nb": "Norsk", "en": "English"}
DEFAULT_LANGUAGE = "nb"

TEXTS: dict[str, tuple[str, str]] = {
    "auth.signed_in": ("Innlogget: {who}", "Signed in: {who}"),
    "auth.dev_switch": (
        "Utviklerbryteren {variable} er på: aldri på en delt server.",
        "Development switch {variable} is on: never on a shared server.",
    ),
    "auth.sign_out": ("Logg ut", "Sign out"),
    "auth.sign_in": ("Logg inn", "Sign in"),
    "auth.not_signed_in": ("Ikke innlogget: bare lesetilgang.", "Not signed in: read-only."),
    "auth.username": ("Brukernavn", "Username"),
    "auth.password": ("Passord", "Password"),
    # pages
    "app.language": ("Språk / Language", "Språk / Language"),
    "page.overview": ("Oversikt", "Overview"),
    "page.initiatives": ("Tiltak", "Initiatives"),
    "page.dependencies": ("Avhengigheter", "Dependencies"),
    "page.budget": ("Budsjett og ambisjonsnivå", "Budget and ambition level"),
    "page.roadmap": ("Veikart", "Roadmap"),
    "page.scenarios": ("Scenarier", "Scenarios"),
    "page.benefits": ("Gevinster", "Benefits"),
    "page.import_export": ("Import/eksport", "Import/export"),
    "page.approval": ("Behandling", "Approval"),
    "nav.plan": ("Planlegging", "Planning"),
    "nav.data": ("Data", "Data"),
    # database
    "db.empty": (
        "Databasen har ingen portefølje ennå. Last inn eksempelporteføljen, eller kjør `planning init`.",
        "The database holds no portfolio yet. Load the sample portfolio, or run `planning init`.",
    ),
    "db.load_sample": ("Last inn eksempelporteføljen", "Load the sample portfolio"),
    "db.lost": (
        "Får ikke kontakt med databasen: {error}. Sjekk forbindelsen og last siden på nytt.",
        "Cannot reach the database: {error}. Check the connection and reload the page.",
    ),
    "db.kept": (
        "Det du har skrevet inn i denne økten, er tatt vare på og kan lagres når forbindelsen er tilbake.",
        "What you entered in this session is kept and can be saved once the connection is back.",
    ),
    "db.save_failed": (
        "Lagringen feilet, ingenting er endret: {error}. Endringene dine er beholdt.",
        "Saving failed and nothing was changed: {error}. Your edits are kept.",
    ),
    "db.conflict": (
        "Ikke lagret: noen andre har endret de samme radene i mellomtiden. Endringene dine er beholdt; "
        "se over og lagre igjen. {error}",
        "Not saved: someone else changed the same rows meanwhile. Your edits are kept; check them and "
        "save again. {error}",
    ),
    "auth.denied": ("Ikke lagret: {reason}", "Not saved: {reason}"),
    "auth.read_only": (
        "Du er ikke logget inn med rett til å endre, så du kan se og prøve, men ikke lagre.",
        "You are not signed in with the right to change this, so you can look and try but not save.",
    ),
    "auth.cannot_approve": (
        "Bare medlemmer av styringsgruppen og administratorer kan godkjenne planer.",
        "Only steering committee members and administrators can approve plans.",
    ),
    "auth.not_stored": (
        "Planen er ikke lagret: bare koordinatorer og administratorer lagrer kjøringer. Den kan ikke godkjennes.",
        "The plan is not stored: only coordinators and administrators store runs. It cannot be approved.",
    ),
    # overview
    "overview.intro": (
        "Porteføljen og planen på ett blikk, og det som trenger oppmerksomhet.",
        "The portfolio and the plan at a glance, and what needs attention.",
    ),
    "overview.portfolio": ("Porteføljen {first}–{last}", "The portfolio {first}–{last}"),
    "overview.by_status": ("Tiltak etter status", "Initiatives by status"),
    "overview.approved_plan": (
        "Godkjent plan (godkjent av {who} {when})",
        "Approved plan (approved by {who} on {when})",
    ),
    "overview.session_plan": ("Siste plan i denne økten (ikke godkjent)", "Latest plan in this session (not approved)"),
    "overview.no_plan": (
        "Ingen plan er godkjent, og ingen plan er laget i denne økten.",
        "No plan has been approved, and none has been made in this session.",
    ),
    "overview.go_roadmap": ("Lag en plan på Veikart-siden", "Make a plan on the Roadmap page"),
    "overview.alerts": ("Varsler", "Alerts"),
    "alert.validation": (
        "Valideringsproblemer: {errors} feil, {warnings} advarsler",
        "Validation problems: {errors} errors, {warnings} warnings",
    ),
    "alert.behind": ("{n} gevinster ligger bak plan", "{n} benefits are behind plan"),
    "alert.behind_rule": (
        "Planlagt verdi: rett linje fra nullpunktsmåling til målverdi. Bak plan: mer enn 10 % av veien etter. "
        "Etterslep i prosent av veien fra nullpunkt til mål.",
        "Planned value: a straight line from the baseline measurement to the target. Behind plan: more than "
        "10 % of the way short. Shortfall as a percentage of the way from baseline to target.",
    ),
    "alert.overrun": (
        "Planen går over investeringsrammen i {n} region-år med dagens rammer",
        "The plan exceeds the investment envelope in {n} region-years with today's envelopes",
    ),
    "alert.none": ("Ingen varsler.", "No alerts."),
    # KPIs
    "kpi.initiatives": ("Tiltak", "Initiatives"),
    "kpi.open_investment": ("Gjenstående investering", "Remaining investment"),
    "kpi.open_investment_help": (
        "Kostnad for foreslåtte, godkjente og igangsatte tiltak (gjenstående for igangsatte).",
        "Cost of proposed, approved and started initiatives (remaining cost for started ones).",
    ),
    "kpi.annual_benefit": ("Prissatt gevinst per år", "Monetised benefit a year"),
    "kpi.annual_benefit_help": (
        "Summen av alle prissatte gevinster ved full effekt, MNOK per år.",
        "All monetised benefits at full effect, MNOK per year.",
    ),
    "kpi.non_monetised": ("Ikke-prissatte gevinster", "Non-monetised benefits"),
    "kpi.dependencies": ("Avhengigheter", "Dependencies"),
    "kpi.npv": ("Netto nåverdi", "Net present value"),
    "kpi.selected": ("Tiltak i planen", "Initiatives in the plan"),
    "kpi.left_out": ("{n} tiltak er utelatt", "{n} initiatives are left out"),
    "kpi.investment": ("Investering i horisonten", "Investment in the horizon"),
    "kpi.utilisation": ("Andel av rammene brukt", "Share of envelopes used"),
    "kpi.finish": ("Siste tiltak ferdig", "Last initiative done"),
    "kpi.finish_year": ("Alt ferdig (år)", "All done (year)"),
    # problems
    "problem.severity": ("Alvor", "Severity"),
    "problem.error": ("feil", "error"),
    "problem.warning": ("advarsel", "warning"),
    "problem.table": ("Tabell", "Table"),
    "problem.row": ("Rad", "Row"),
    "problem.line": ("Rad i filen", "Row in the file"),
    "problem.field": ("Felt", "Field"),
    "problem.message": ("Problem", "Problem"),
    "problem.fix": ("Slik retter du det", "How to fix it"),
    # columns
    "col.problems": ("⚠ Feil", "⚠ Problems"),
    "col.id": ("ID", "ID"),
    "col.period": ("Periode", "Period"),
    "col.name": ("Navn", "Name"),
    "col.area": ("Område", "Area"),
    "col.lead_region": ("Ansvarlig region", "Lead region"),
    "col.participating": ("Deltakende", "Participating"),
    "col.status": ("Status", "Status"),
    "col.duration": ("Varighet (perioder)", "Duration (periods)"),
    "col.total_cost": ("Kostnad (MNOK)", "Cost (MNOK)"),
    "col.cost_sharing": ("Fordelingsnøkkel", "Cost-sharing key"),
    "col.earliest_start": ("Tidligst start", "Earliest start"),
    "col.latest_finish": ("Senest ferdig", "Latest finish"),
    "col.mandatory": ("Påkrevd", "Mandatory"),
    "col.risk": ("Risiko", "Risk"),
    "col.alternative_group": ("Alternativgruppe", "Alternative group"),
    "col.cost_profile": ("Kostnadsprofil (MNOK per periode)", "Cost profile (MNOK per period)"),
    "col.custom_shares": ("Egen fordeling", "Custom shares"),
    "col.capacity_usage": ("Kapasitetsbruk", "Capacity use"),
    "col.scores": ("Poeng (ikke-prissatt)", "Scores (non-monetised)"),
    "col.strategic_goal": ("Strategisk mål", "Strategic goal"),
    "col.description": ("Beskrivelse", "Description"),
    "col.benefit": ("Gevinst", "Benefit"),
    "col.initiative": ("Tiltak", "Initiative"),
    "col.title": ("Tittel", "Title"),
    "col.unit": ("Enhet", "Unit"),
    "col.year": ("År", "Year"),
    "col.planned": ("Planlagt", "Planned"),
    "col.realised": ("Realisert", "Realised"),
    "col.shortfall": ("Etterslep (%)", "Shortfall (%)"),
    "col.pool": ("Finansieringskilde", "Funding pool"),
    "col.spend": ("Forbruk (MNOK)", "Spend (MNOK)"),
    "col.envelope": ("Ramme (MNOK)", "Envelope (MNOK)"),
    "col.excess": ("Over rammen (MNOK)", "Over the envelope (MNOK)"),
    "col.benefit_type": ("Type", "Type"),
    "col.annual_value": ("Per år", "Per year"),
    "col.owner": ("Gevinstansvarlig", "Benefit owner"),
    "help.id": (
        "Stabil kort ID, for eksempel PLL-HV. Endres den, må avhengigheter og gevinster følge med.",
        "Stable short id, for example PLL-HV. Change it and dependencies and benefits must follow.",
    ),
    "help.lead": ("Hovedsamarbeidspart.", "The lead partner (hovedsamarbeidspart)."),
    "help.cost": (
        "Investeringskostnad; for igangsatte tiltak det som gjenstår.",
        "Investment cost; for started initiatives what remains.",
    ),
    "help.period": (
        "År som 2027, eller 2027H2 / 2027Q3 ved finere perioder.",
        "A year such as 2027, or 2027H2 / 2027Q3.",
    ),
    "help.cost_profile": (
        "Kostnad i hver periode, skilt med semikolon, for eksempel 10;20,5;15. Like mange tall som varigheten.",
        "Cost in each period separated by semicolons, for example 10;20.5;15. As many numbers as the duration.",
    ),
    "help.pairs": ("Par som HSO=0,5;HV=0,5.", "Pairs such as HSO=0.5;HV=0.5."),
    # editing
    "edit.save": ("Lagre endringer", "Save changes"),
    "edit.discard": ("Forkast endringer", "Discard changes"),
    "edit.saved": ("Lagret ({n} rader).", "Saved ({n} rows)."),
    "edit.invalid": (
        "Ikke lagret: {n} problemer. Se kolonnen ⚠ ved radene; endringene dine er beholdt.",
        "Not saved: {n} problems. See the ⚠ column next to the rows; your edits are kept.",
    ),
    "edit.other_problems": (
        "Problemer som gjelder andre tabeller eller hele porteføljen:",
        "Problems in other tables or across the portfolio:",
    ),
    # initiatives
    "initiatives.intro": (
        "Filtrer og rediger tiltakene. Alt kontrolleres før det lagres; feil vises ved radene.",
        "Filter and edit the initiatives. Everything is checked before it is saved; problems show next to the rows.",
    ),
    "filter.area": ("Område", "Area"),
    "filter.region": ("Region (ansvarlig eller deltakende)", "Region (lead or participating)"),
    "filter.status": ("Status", "Status"),
    "filter.text": ("Søk", "Search"),
    "filter.all": ("Alle", "All"),
    "filter.text_hint": ("ID eller navn", "Id or name"),
    "detail.title": ("Detaljer for ett tiltak", "One initiative in detail"),
    "detail.choose": ("Tiltak", "Initiative"),
    "detail.costs": ("Kostnader", "Costs"),
    "detail.period": ("Periode", "Period"),
    "detail.share": ("Andel", "Share"),
    "detail.split": ("Fordeling etter nøkkelen «{key}»", "Split by the key '{key}'"),
    "detail.benefits": ("Gevinster", "Benefits"),
    "detail.no_benefits": ("Ingen gevinster registrert.", "No benefits recorded."),
    "detail.non_monetised": ("ikke prissatt", "not monetised"),
    "detail.dependencies": ("Avhengigheter", "Dependencies"),
    "detail.waits_for": ("Venter på {n} tiltak (⟵ direkte):", "Waits for {n} initiatives (⟵ directly):"),
    "detail.unlocks": (
        "Låser opp {n} tiltak med prissatte gevinster på {value} per år:",
        "Unlocks {n} initiatives with monetised benefits of {value} a year:",
    ),
    "detail.nothing": ("Ingen.", "None."),
    # dependencies
    "deps.intro": (
        "Tiltakene i trinn fra venstre mot høyre etter hva de venter på. Rød linje: kritisk linje.",
        "Initiatives in steps from left to right by what they wait for. Red: the critical path.",
    ),
    "deps.color_by": ("Farge etter", "Colour by"),
    "deps.color.area": ("Område", "Area"),
    "deps.color.status": ("Status", "Status"),
    "deps.focus": ("Fremhev et tiltak", "Highlight an initiative"),
    "deps.none": ("(ingen)", "(none)"),
    "deps.choose_hint": (
        "Velg et tiltak over for å se hva det venter på og hva det låser opp.",
        "Choose an initiative above to see what it waits for and what it unlocks.",
    ),
    "deps.critical": ("Kritisk linje", "Critical path"),
    "deps.no_critical": ("Ingenting igjen å planlegge.", "Nothing left to schedule."),
    "deps.critical_help": (
        "Den lengste kjeden av avhengigheter; alt kan tidligst være ferdig i {finish}.",
        "The longest chain of dependencies; everything can be done in {finish} at the earliest.",
    ),
    "deps.waits_for": ("Venter på ({n})", "Waits for ({n})"),
    "deps.unlocks": ("Låser opp ({n})", "Unlocks ({n})"),
    "deps.unlocks_value": (
        "Tiltakene det låser opp, har prissatte gevinster på {value} per år og {n} ikke-prissatte gevinster.",
        "The initiatives it unlocks have monetised benefits of {value} a year and {n} non-monetised ones.",
    ),
    "deps.schedule": (
        "Tidligste og seneste start (kritisk linje-metoden)",
        "Earliest and latest start (critical path)",
    ),
    "deps.earliest_start": ("Tidligst start", "Earliest start"),
    "deps.earliest_finish": ("Tidligst ferdig", "Earliest finish"),
    "deps.latest_start": ("Senest start", "Latest start"),
    "deps.slack": ("Slakk (perioder)", "Slack (periods)"),
    "deps.on_critical": ("På kritisk linje", "On the critical path"),
    # budget
    "budget.intro": (
        "Investeringsrammer per finansieringskilde og år, ambisjonsnivå, fordelingsnøkler og kapasitet.",
        "Investment envelopes per funding pool and year, ambition level, cost sharing and capacity.",
    ),
    "budget.ambition": ("Ambisjonsnivå per region", "Ambition level per region"),
    "budget.ambition_help": (
        "Gjelder arbeidskopien av scenarioet «{scenario}» i denne økten. Lagre den på Scenarier-siden.",
        "Applies to this session's working copy of the scenario '{scenario}'. Save it on the Scenarios page.",
    ),
    "budget.factor": ("Rammer i prosent", "Envelopes in percent"),
    "budget.factor_help": (
        "Ganger alle rammer, for eksempel 80 for et kutt på 20 %.",
        "Multiplies every envelope, for example 80 for a 20 % cut.",
    ),
    "budget.level": ("Ambisjonsnivå", "Ambition level"),
    "budget.level_factor": ("Faktor mot referansenivået", "Factor against the reference level"),
    "budget.envelopes": ("Rediger investeringsrammer", "Edit investment envelopes"),
    "budget.edit_level": ("Ambisjonsnivå som redigeres", "Ambition level to edit"),
    "budget.envelopes_help": (
        "MNOK per år. Tom celle: nivåets faktor ganger referansenivåets ramme.",
        "MNOK per year. Empty cell: the level's factor times the reference level's envelope.",
    ),
    "budget.cost_sharing": ("Fordelingsnøkler", "Cost-sharing keys"),
    "budget.cost_sharing_help": (
        "Hvor stor andel hver finansieringskilde betaler av hvert tiltak. Nøkkelen endres på Tiltak-siden.",
        "The share each funding pool pays of each initiative. Change the key on the Initiatives page.",
    ),
    "budget.capacity": ("Kapasitetspuljer", "Capacity pools"),
    "budget.capacity_help": (
        "Knappe ressurser ved siden av penger, for eksempel leverandørens team eller produksjonssettinger per år.",
        "Scarce resources besides money, for example a supplier's teams or go-lives a year.",
    ),
    "budget.limit": ("Grense per periode", "Limit per period"),
    "budget.capacity_periods": ("Kapasitet som varierer over tid", "Capacity that varies over time"),
    "budget.capacity_periods_help": (
        "En puljes grense i perioder der den avviker fra grensen over, for eksempel når leverandøren får flere team "
        "eller i sommerferien. Et år (2028) gjelder hver periode i året som ikke har en egen rad (2028Q3).",
        "A pool's limit in the periods where it differs from its limit above, for example when the supplier adds "
        "teams, or in the summer holidays. A year (2028) covers each of its periods without a row of its own "
        "(2028Q3).",
    ),
    "budget.capacity_pool": ("Kapasitetspulje", "Capacity pool"),
    "budget.limit_in_period": ("Grense i perioden", "Limit in the period"),
    "budget.basis": ("Brukes", "Used"),
    # roadmap
    "roadmap.intro": (
        "Kjør optimeringen for arbeidsscenarioet og se veikartet, forbruket mot rammene og gevinstene.",
        "Run the optimiser for the working scenario and see the roadmap, spend against envelopes and benefits.",
    ),
    "roadmap.color_by": ("Farge etter", "Colour by"),
    "roadmap.color.area": ("Område", "Area"),
    "roadmap.color.region": ("Region", "Region"),
    "roadmap.dependencies": ("Vis avhengigheter", "Show dependencies"),
    "roadmap.none": (
        "Ingen plan ennå. Velg tidsgrense og trykk «Kjør optimering».",
        "No plan yet. Choose a time limit and press 'Run optimiser'.",
    ),
    "roadmap.stale": (
        "Data eller scenario er endret siden denne planen ble laget. Kjør optimeringen på nytt for å oppdatere.",
        "Data or scenario changed since this plan was made. Run the optimiser again to update it.",
    ),
    "run.time_limit": ("Tidsgrense for løseren (sekunder)", "Solver time limit (seconds)"),
    "run.button": ("Kjør optimering", "Run optimiser"),
    "run.running": ("Optimerer …", "Optimising …"),
    "run.invalid": ("Porteføljen har feil og kan ikke planlegges", "The portfolio has errors and cannot be planned"),
    "run.failed": ("Løseren feilet", "The solver failed"),
    "run.failed_detail": (
        "Løseren feilet: {error}. Ingenting er endret; prøv igjen, eventuelt med lengre tidsgrense.",
        "The solver failed: {error}. Nothing was changed; try again, perhaps with a longer time limit.",
    ),
    "run.done.optimal": ("Ferdig: optimal plan", "Done: optimal plan"),
    "run.done.time_limit": (
        "Ferdig ved tidsgrensen: ikke bevist optimal",
        "Stopped at the time limit: not proven optimal",
    ),
    "run.done.infeasible": ("Ingen gjennomførbar plan", "No feasible plan"),
    "run.done.error": ("Løseren feilet", "The solver failed"),
    "stage.Preparing inputs": ("Forbereder data", "Preparing inputs"),
    "stage.Finding a starting plan": ("Finner en startplan", "Finding a starting plan"),
    "stage.Building the model": ("Bygger modellen", "Building the model"),
    "stage.Solving": ("Løser", "Solving"),
    "stage.Reading the plan": ("Leser planen", "Reading the plan"),
    "stage.Explaining the plan": ("Forklarer planen", "Explaining the plan"),
    "stage.Done": ("Ferdig", "Done"),
    "facts.optimal": (
        "Optimal plan: løseren har bevist at ingen plan er bedre (gap {gap}, løst på {seconds} s).",
        "Optimal plan: the solver proved that no plan is better (gap {gap}, solved in {seconds} s).",
    ),
    "facts.time_limit": (
        "Tidsgrensen på {limit} s ble nådd. Dette er den beste planen løseren fant, men den er IKKE bevist "
        "optimal: en bedre plan kan finnes innenfor et gap på {gap}.",
        "The time limit of {limit} s was reached. This is the best plan the solver found, but it is NOT proven "
        "optimal: a better plan may exist within a gap of {gap}.",
    ),
    "facts.work_limit": (
        "Nodegrensen ble nådd ({message}). Dette er den beste planen løseren fant, men den er IKKE bevist "
        "optimal: en bedre plan kan finnes innenfor et gap på {gap}. Samme data gir alltid samme plan.",
        "The node limit was reached ({message}). This is the best plan the solver found, but it is NOT proven "
        "optimal: a better plan may exist within a gap of {gap}. The same data always give the same plan.",
    ),
    "facts.work_limit_none": (
        "Ingen plan: {message}. Prøv en høyere nodegrense.",
        "No plan: {message}. Try a higher node limit.",
    ),
    "facts.time_limit_none": (
        "Tidsgrensen på {limit} s ble nådd før løseren fant noen plan. Prøv en lengre tidsgrense.",
        "The time limit of {limit} s was reached before the solver found any plan. Try a longer time limit.",
    ),
    "facts.infeasible": (
        "Ingen plan oppfyller alle krav i dette scenarioet. Se forklaringen under.",
        "No plan meets every requirement of this scenario. See the diagnosis below.",
    ),
    "facts.error": ("Løseren feilet: {message}", "The solver failed: {message}"),
    "facts.what": ("Hva", "What"),
    "facts.value": ("Verdi", "Value"),
    "facts.status": ("Status", "Status"),
    "facts.objective": ("Målfunksjon", "Objective"),
    "facts.bound": ("Beste grense", "Best bound"),
    "facts.gap": ("Bevist gap", "Proven gap"),
    "facts.solve_seconds": ("Løsetid", "Solve time"),
    "facts.build_seconds": ("Tid å bygge modellen", "Time to build the model"),
    "facts.time_limit_label": ("Tidsgrense", "Time limit"),
    "facts.solver": ("Løser", "Solver"),
    "facts.input_hash": ("Fingeravtrykk av data", "Input hash"),
    "facts.message": ("Melding", "Message"),
    "status.optimal": ("optimal (bevist)", "optimal (proven)"),
    "status.time_limit": ("stoppet ved tidsgrensen (ikke bevist optimal)", "stopped at the time limit (not proven)"),
    "status.infeasible": ("ingen gjennomførbar plan", "infeasible"),
    "status.error": ("feil", "error"),
    "plan.stored": ("Planen er lagret som plan nr. {id}.", "The plan is stored as plan no. {id}."),
    "plan.download": ("Last ned planen (Excel)", "Download the plan (Excel)"),
    "plan.not_in": ("ikke i planen", "not in the plan"),
    "plan.download_help": (
        "Veikart per tiltak, forbruk mot rammen, gevinstkurven og løserens fakta. Flytt startår i arket roadmap "
        "og kontroller planen under Import/eksport → Sjekk en plan.",
        "Roadmap per initiative, spend against the envelope, the benefits curve and the solver's facts. Move "
        "start years in the roadmap sheet and check the plan under Import/eksport → Check a plan.",
    ),
    "plan.diagnosis": ("Hvorfor det ikke finnes noen plan:", "Why there is no plan:"),
    "tab.roadmap": ("Veikart", "Roadmap"),
    "tab.spend": ("Forbruk mot ramme", "Spend against envelope"),
    "tab.benefits": ("Gevinstkurve", "Benefit curve"),
    "tab.steps": ("Trinn", "Steps"),
    "tab.explain": ("Utelatt og utsatt", "Left out and deferred"),
    "tab.facts": ("Løserdetaljer", "Solver details"),
    "benefit.note": (
        "Prissatte gevinster i løpet av levetiden, også etter horisonten; ikke diskontert.",
        "Monetised benefits over their lifetime, also beyond the horizon; not discounted.",
    ),
    "explain.none": (
        "Alle tiltak er med i planen og starter så tidlig som mulig.",
        "Every initiative is in the plan and starts as early as possible.",
    ),
    "explain.running": ("Forklaringer beregnes: {stage}", "Working out the explanations: {stage}"),
    "explain.help": (
        "Hva det ville koste i nåverdi å tvinge hvert tiltak inn ved tidligste start, regnes ut på forespørsel: "
        "planen løses på nytt for hvert tiltak, så det tar litt tid. Du kan bruke resten av appen i mens.",
        "What forcing each initiative in at its earliest start would cost in NPV is worked out on request: the "
        "plan is solved again for each one, so it takes a while. You can use the rest of the app meanwhile.",
    ),
    "explain.button": ("Regn ut nåverdi om tvunget inn", "Work out NPV if forced in"),
    "explain.failed": ("Forklaringene feilet: {error}", "The explanations failed: {error}"),
    "explain.pending": ("–", "–"),
    "explain.outcome": ("Utfall", "Outcome"),
    "explain.left_out": ("utelatt", "left out"),
    "explain.deferred": ("utsatt", "deferred"),
    "explain.start": ("Start i planen", "Start in the plan"),
    "explain.earliest": ("Tidligst mulig", "Earliest possible"),
    "explain.reason": ("Årsak", "Reason"),
    "explain.npv_if_forced": ("Endring i nåverdi om tvunget inn", "NPV change if forced in"),
    "explain.extra_budget": ("Ekstra ramme som trengs", "Extra budget needed"),
    "explain.after_horizon": ("etter horisonten", "after the horizon"),
    "steps.step": ("Trinn", "Step"),
    "steps.years": ("År", "Years"),
    "steps.delivered": ("Tiltak levert", "Initiatives delivered"),
    "steps.cost": ("Kostnad (MNOK)", "Cost (MNOK)"),
    "steps.benefits_starting": ("Gevinster som starter", "Benefits starting"),
    "steps.annual_value": ("Ny prissatt gevinst (MNOK per år)", "New monetised benefit (MNOK per year)"),
    "steps.deliveries": ("Hva hvert trinn leverer", "What each step delivers"),
    # scenario
    "scenario.working": ("Arbeidsscenario", "Working scenario"),
    "scenario.checked": ("Sjekkes mot scenario", "Checked against scenario"),
    "scenario.ambition": ("Ambisjonsnivå", "Ambition level"),
    "scenario.budget_factor": ("Rammer", "Envelopes"),
    "scenario.objective": ("Mål", "Objective"),
    "scenario.discount_rate": ("Kalkulasjonsrente", "Discount rate"),
    "scenario.change_ambition": ("Endre ambisjonsnivå", "Change ambition level"),
    "scenario.load_save": ("Last inn eller lagre scenario", "Load or save a scenario"),
    # scenarios
    "scenarios.intro": (
        "Lagre, last inn og sammenlign scenarier; ambisjonsstigen, effektiv front og godkjenning av plan.",
        "Save, load and compare scenarios; the ambition ladder, the efficient frontier and plan approval.",
    ),
    "scenarios.name": ("Navn", "Name"),
    "scenarios.name_missing": ("Gi scenarioet et navn.", "Give the scenario a name."),
    "scenarios.save": ("Lagre scenario", "Save scenario"),
    "scenarios.saved": ("Scenarioet «{name}» er lagret.", "The scenario '{name}' is saved."),
    "scenarios.load_which": ("Lagret scenario", "Stored scenario"),
    "scenarios.load": ("Last inn", "Load"),
    "scenarios.loaded": (
        "Scenarioet «{name}» er lastet inn som arbeidsscenario.",
        "The scenario '{name}' is now the working scenario.",
    ),
    "scenarios.stored": ("Lagrede scenarier ({n})", "Stored scenarios ({n})"),
    "scenarios.tab.store": ("Lagre og last inn", "Save and load"),
    "scenarios.tab.compare": ("Sammenlign", "Compare"),
    "scenarios.tab.ladder": ("Ambisjonsstige", "Ambition ladder"),
    "scenarios.tab.frontier": ("Effektiv front", "Efficient frontier"),
    "scenarios.tab.baseline": ("Godkjent plan", "Approved plan"),
    "scenarios.time_limit": (
        "Tidsgrense per løsning (sekunder)",
        "Time limit per solve (seconds)",
    ),
    "scenarios.diff_title": (
        "Endringer fra godkjent plan til planen i denne økten",
        "Changes from the approved plan to this session's plan",
    ),
    "scenarios.is_baseline": (
        "Planen i denne økten (nr. {id}) er gjeldende plan.",
        "This session's plan (no. {id}) is the plan of record.",
    ),
    "scenarios.approve_title": (
        "Godkjenn planen i denne økten (plan nr. {id}) som gjeldende plan",
        "Approve this session's plan (no. {id}) as the plan of record",
    ),
    "scenarios.compare_which": ("Scenarier å sammenligne", "Scenarios to compare"),
    "scenarios.compare_help": (
        "Forhåndsvalgt: de to lagringsalternativene mot Basis.",
        "Preselected: the two storage alternatives against Basis.",
    ),
    "scenarios.compare_button": ("Sammenlign", "Compare"),
    "scenarios.solving": ("Løser {n} scenarier …", "Solving {n} scenarios …"),
    "scenarios.compared": ("Scenariene er sammenlignet", "The scenarios are compared"),
    "scenarios.differences": ("Tiltak som starter ulikt", "Initiatives that start differently"),
    "scenarios.ladder_help": (
        "Arbeidsscenarioet løst på hvert ambisjonsnivå; det et lavere nivå inneholder, blir med på alle høyere.",
        "The working scenario solved at each ambition level; what a lower level holds stays in every higher one.",
    ),
    "scenarios.ladder_button": ("Beregn ambisjonsstigen", "Compute the ambition ladder"),
    "scenarios.ladder_running": ("Løser hvert nivå …", "Solving each level …"),
    "scenarios.ladder_done": ("Ambisjonsstigen er beregnet", "The ambition ladder is ready"),
    "scenarios.price_of_nesting": (
        "Prisen for nøsting (tapt nåverdi mot planer optimert alene): {price}.",
        "Price of nesting (NPV lost against plans optimised alone): {price}.",
    ),
    "scenarios.ladder_additions": ("Hva hvert trinn opp legger til", "What each step up adds"),
    "scenarios.frontier_help": (
        "Nåverdi mot investering ved ulike budsjettnivåer, med rangering etter nytte/kost ved siden av.",
        "NPV against investment at several budget levels, beside a benefit/cost ranking.",
    ),
    "scenarios.frontier_button": ("Beregn effektiv front", "Compute the efficient frontier"),
    "scenarios.frontier_running": ("Løser hvert budsjettnivå …", "Solving each budget level …"),
    "scenarios.frontier_done": ("Effektiv front er beregnet", "The efficient frontier is ready"),
    "scenarios.no_baseline": ("Ingen plan er godkjent ennå.", "No plan has been approved yet."),
    "scenarios.baseline_is": (
        "Godkjent plan: nr. {id} (scenario {scenario}), godkjent av {who} {when}. Kommentar: {comment}",
        "Approved plan: no. {id} (scenario {scenario}), approved by {who} on {when}. Comment: {comment}",
    ),
    "scenarios.approve_needs_plan": (
        "Kjør optimeringen på Veikart-siden for å få en plan å godkjenne.",
        "Run the optimiser on the Roadmap page to get a plan to approve.",
    ),
    "scenarios.approved_by": ("Godkjent av", "Approved by"),
    "scenarios.approved_by_hint": ("for eksempel styringsgruppen", "for example the steering committee"),
    "scenarios.comment": ("Kommentar", "Comment"),
    "scenarios.approve": ("Godkjenn planen", "Approve the plan"),
    "scenarios.approved": (
        "Plan nr. {id} er godkjent som gjeldende plan.",
        "Plan no. {id} is approved as the plan of record.",
    ),
    "diff.added": ("Lagt til", "Added"),
    "diff.dropped": ("Tatt ut", "Dropped"),
    "diff.earlier": ("Flyttet tidligere", "Moved earlier"),
    "diff.later": ("Flyttet senere", "Moved later"),
    "diff.npv_change": ("Endring i nåverdi", "Change in NPV"),
    # columns of domain tables (show_table)
    "field.scenario": ("Scenario", "Scenario"),
    "field.status": ("Status", "Status"),
    "field.gap": ("Bevist gap", "Proven gap"),
    "field.npv": ("Netto nåverdi (MNOK)", "Net present value (MNOK)"),
    "field.investment": ("Investering (MNOK)", "Investment (MNOK)"),
    "field.benefit": ("Samlet gevinst (MNOK)", "Total benefit (MNOK)"),
    "field.initiatives": ("Tiltak", "Initiatives"),
    "field.makespan": ("Perioder til alt er ferdig", "Periods until all is done"),
    "field.finish": ("Ferdig", "Finish"),
    "field.solve_seconds": ("Løsetid (s)", "Solve time (s)"),
    "field.initiative": ("Tiltak", "Initiative"),
    "field.name": ("Navn", "Name"),
    "field.level": ("Nivå", "Level"),
    "field.independent_npv": ("Nåverdi optimert alene (MNOK)", "NPV optimised alone (MNOK)"),
    "field.price_of_nesting": ("Pris for nøsting (MNOK)", "Price of nesting (MNOK)"),
    "field.envelope": ("Rammer (MNOK)", "Envelopes (MNOK)"),
    "field.added": ("Lagt til", "Added"),
    "field.nested": ("Nøstet", "Nested"),
    "field.fallback": ("Reserveløsning", "Fallback"),
    "field.note": ("Merknad", "Note"),
    "field.lead_region": ("Ansvarlig region", "Lead region"),
    "field.start": ("Start", "Start"),
    "field.pool": ("Finansieringskilde", "Funding pool"),
    "field.cost": ("Kostnad (MNOK)", "Cost (MNOK)"),
    "field.id": ("ID", "ID"),
    "field.change": ("Endring", "Change"),
    "field.start_a": ("Start i godkjent plan", "Start in the approved plan"),
    "field.start_b": ("Start i denne planen", "Start in this plan"),
    "field.shift": ("Flyttet (perioder)", "Moved (periods)"),
    "field.amount_a": ("Godkjent plan (MNOK)", "Approved plan (MNOK)"),
    "field.amount_b": ("Denne planen (MNOK)", "This plan (MNOK)"),
    "field.budget_factor": ("Budsjettnivå", "Budget level"),
    "field.npv_optimiser": ("Nåverdi, optimering (MNOK)", "NPV, optimiser (MNOK)"),
    "field.npv_greedy": ("Nåverdi, rangering nytte/kost (MNOK)", "NPV, benefit/cost ranking (MNOK)"),
    "field.gain": ("Optimeringen gir i tillegg (MNOK)", "Gained by optimising (MNOK)"),
    "field.step": ("Trinn", "Step"),
    "field.area": ("Område", "Area"),
    # benefit realisation tables (Gevinster)
    "field.benefit_id": ("Gevinst", "Benefit"),
    "field.title": ("Tittel", "Title"),
    "field.initiative_id": ("Tiltak", "Initiative"),
    "field.owner": ("Gevinsteier", "Owner"),
    "field.unit": ("Enhet", "Unit"),
    "field.monetised": ("Prissatt", "Monetised"),
    "field.latest_year": ("Sist målt", "Last measured"),
    "field.planned_to_date": ("Planlagt hittil", "Planned to date"),
    "field.realised_to_date": ("Realisert hittil", "Realised to date"),
    "field.variance": ("Avvik", "Variance"),
    "field.ratio": ("Andel av plan", "Share of plan"),
    "field.trend": ("Trend", "Trend"),
    "field.missing_years": ("År uten måling", "Years not measured"),
    "field.remaining_planned": ("Gjenstår, plan", "Remaining, plan"),
    "field.remaining_reforecast": ("Gjenstår, prognose", "Remaining, forecast"),
    "field.reforecast_target": ("Revidert mål", "Re-forecast target"),
    "field.region": ("Region", "Region"),
    "field.type": ("Type", "Type"),
    "field.benefits": ("Gevinster", "Benefits"),
    "field.green": ("Grønne", "Green"),
    "field.yellow": ("Gule", "Yellow"),
    "field.red": ("Røde", "Red"),
    "field.missing": ("Mangler måling", "Measurement missing"),
    "field.not_due": ("Ikke forfalt", "Not yet due"),
    "field.not_in_plan": ("Ikke i planen", "Not in the plan"),
    "field.own_annual_value": ("Egen verdi per år", "Own value per year"),
    "field.own_non_monetised": ("Egne ikke-prissatte poeng", "Own non-monetised points"),
    "field.dependants": ("Tiltak som venter", "Initiatives waiting"),
    "field.unlocked_annual_value": ("Muliggjort verdi per år", "Unlocked value per year"),
    "field.unlocked_non_monetised": ("Muliggjorte ikke-prissatte poeng", "Unlocked non-monetised points"),
    "field.unlocked": ("Muliggjør", "Unlocks"),
}
TEXTS.update(SCENARIO_TEXTS)

NAMES: dict[str, dict[str, tuple[str, str]]] = {
    "benefit_status": {
        "green": ("Grønn", "Green"),
        "yellow": ("Gul", "Yellow"),
        "red": ("Rød", "Red"),
        "missing": ("Mangler måling", "Measurement missing"),
        "not_due": ("Ikke forfalt", "Not yet due"),
        "not_in_plan": ("Ikke i planen", "Not in the plan"),
    },
    "trend": {"up": ("↑ opp", "↑ up"), "down": ("↓ ned", "↓ down"), "flat": ("→ flat", "→ flat")},
    "area": {
        "journal_collaboration": ("Journal og samhandling", "Records and collaboration"),
        "home_follow_up": ("Digital hjemmeoppfølging", "Digital home follow-up"),
        "citizen_services": ("Innbyggertjenester", "Citizen services"),
        "shared_infrastructure": ("Felles infrastruktur", "Shared infrastructure"),
    },
    "status": {
        "proposed": ("Foreslått", "Proposed"),
        "approved": ("Godkjent", "Approved"),
        "started": ("Igangsatt", "Started"),
        "completed": ("Fullført", "Completed"),
        "stopped": ("Stoppet", "Stopped"),
    },
    "risk": {"low": ("Lav", "Low"), "medium": ("Middels", "Medium"), "high": ("Høy", "High")},
    "cost_sharing": {
        "population": ("Befolkningsandel", "Population share"),
        "equal": ("Likt", "Equal"),
        "lead": ("Ansvarlig region betaler", "Lead region pays"),
        "custom": ("Egen fordeling", "Custom"),
    },
    "objective": {
        "npv": ("Netto nåverdi", "Net present value"),
        "benefit": ("Gevinst", "Benefit"),
        "earliest_completion": ("Tidligst ferdig", "Earliest completion"),
    },
    "benefit_type": {
        "efficiency": ("Effektivisering", "Efficiency"),
        "freed_capacity": ("Frigjort kapasitet", "Freed capacity"),
        "other_actors": ("Andre aktører", "Other actors"),
        "quality": ("Kvalitet", "Quality"),
    },
    "plan_status": {
        "optimal": ("optimal (bevist)", "optimal (proven)"),
        "time_limit": ("tidsgrense (ikke bevist)", "time limit (not proven)"),
        "work_limit": ("nodegrense (ikke bevist)", "node limit (not proven)"),
        "infeasible": ("ingen gjennomførbar plan", "infeasible"),
        "error": ("feil", "error"),
    },
    "change": {
        "added": ("lagt til", "added"),
        "dropped": ("tatt ut", "dropped"),
        "earlier": ("tidligere", "earlier"),
        "later": ("senere", "later"),
        "unchanged": ("uendret", "unchanged"),
    },
    "basis": {
        "execution": ("Hver periode i gjennomføring", "Every period of execution"),
        "go_live": ("Bare ved produksjonssetting", "Only at go-live"),
    },
}

CHART_TEXTS: dict[str, dict[str, str]] = {
    "roadmap": {
        "title": "Roadmap: initiatives in the plan",
        "x": "Year",
        "legend_area": "Area",
        "legend_region": "Lead region",
        "dependency": "Dependency",
        "started": "Hatched: started",
        "empty": "No initiatives in the plan",
        "start": "Start",
        "finish": "Finish",
        "cost": "Cost",
        "status": "Status",
    },
    "spend": {
        "title": "Spend against the investment envelope per funding pool and year",
        "x": "Year",
        "y": "MNOK",
        "spend": "Spend in the plan",
        "envelope": "Investment envelope",
        "over": "Over the envelope",
        "empty": "No plan to show",
    },
    "benefit": {
        "title": "Benefit curve: monetised benefit and investment per year",
        "x": "Year",
        "y": "MNOK per year",
        "benefit": "Benefit (monetised, undiscounted)",
        "investment": "Investment",
        "horizon_end": "End of horizon",
        "empty": "No plan to show",
    },
    "realisation": {
        "title": "Planned and realised",
        "x": "Year",
        "y": "MNOK per year",
        "planned": "Planned",
        "realised": "Realised",
        "reforecast": "Re-forecast",
        "planned_measured": "Planned for measured benefits",
        "as_of": "Measured up to {year}",
        "ratio_title": "Realised share of plan per benefit",
        "ratio_x": "Share of plan",
        "green": "green",
        "yellow": "yellow",
        "empty": "No benefits to show",
    },
    "stepwise": {
        "ladder_title": "Ambition ladder: net present value per level",
        "level": "Ambition level",
        "nested": "Nested plan",
        "alone": "Optimised alone",
        "investment": "Investment",
        "investment_axis": "Investment (MNOK)",
        "npv_axis": "Net present value (MNOK)",
        "npv_short": "NPV",
        "ladder_pool_title": "What each step up adds, per funding pool",
        "cost_axis": "Cost (MNOK)",
        "frontier_title": "Efficient frontier: {measure} against investment",
        "envelope_share": "Envelope",
        "optimiser": "Optimiser",
        "greedy": "Benefit/cost ranking",
        "measure_npv": "Net present value (MNOK)",
        "measure_benefit": "Total benefit, undiscounted (MNOK)",
        "measure_benefit_pv": "Present value of benefits (MNOK)",
        "compare_title": "Scenarios side by side",
        "kpis": "Key figures",
        "kpi_npv": "Net present value",
        "kpi_investment": "Investment",
        "kpi_benefit": "Total benefit",
        "compare_spend_title": "Spend against the investment envelope per funding pool and year",
        "envelope": "envelope",
        "per_year": "MNOK per year",
        "year": "Year",
        "steps_title": "Cost per step and funding pool",
        "step": "Step",
    },
    "envelope": {
        "title": "Investment envelopes per funding pool and year",
        "x": "Year",
        "y": "MNOK",
        "legend": "Funding pool",
        "empty": "No investment envelopes",
    },
}
"""English texts of the charts in ``planning.charts``; their Norwegian texts are the defaults."""
TEXTS.update(texts_uncertainty.TEXTS)
CHART_TEXTS.update(texts_uncertainty.CHART_TEXTS)
TEXTS.update(texts_robust.TEXTS)
CHART_TEXTS.update(texts_robust.CHART_TEXTS)
TEXTS.update(texts_core_index.TEXTS)
CHART_TEXTS.update(texts_core_index.CHART_TEXTS)
TEXTS.update(texts_ux.TEXTS)
TEXTS.update(texts_ux_b.TEXTS)
for _chart, _words in texts_ux_b.CHART_TEXTS.items():
    CHART_TEXTS.setdefault(_chart, {}).update(_words)

DEPENDENCY_FIGURE_EN = {
    "Avhengigheter mellom tiltak": "Dependencies between initiatives",
    "Trinn (rekkefølgen avhengighetene gir)": "Step (the order the dependencies give)",
    "Ferdig/stoppet": "Done/stopped",
    "Område": "Area",
    "Status": "Status",
    "Avhengighet": "Dependency",
    "Start-til-start": "Start-to-start",
    "Kritisk linje": "Critical path",
    "Andre avhengigheter": "Other dependencies",
    "Trinn": "Step",
}


def text(key: str, language: str = DEFAULT_LANGUAGE, /, **values: Any) -> str:
    """The text ``key`` in ``language``, formatted with ``values``; the key itself when unknown."""
    if values.get("n") == 1 and f"{key}.one" in TEXTS:  # the singular where the noun must agree: "1 rad"
        key = f"{key}.one"
    pair = TEXTS.get(key)
    return key if pair is None else choose(pair, language, **values)


def choose(pair: tuple[str, str], language: str = DEFAULT_LANGUAGE, /, **values: Any) -> str:
    """The bokmål or English text of ``pair`` for ``language``, formatted with ``values``."""
    chosen = pair[1] if language == "en" else pair[0]
    return chosen.format(**values) if values else chosen


def names(kind: str, language: str = DEFAULT_LANGUAGE, portfolio: Portfolio | None = None) -> dict[str, str]:
    """Display names of coded values of ``kind``; ``pool`` names come from ``portfolio``."""
    if kind == "pool":
        if portfolio is None:
            return {}
        return {str(i): f"{row['name']} ({i})" for i, row in portfolio.funding_pools.iterrows()}
    index = 1 if language == "en" else 0
    return {code: pair[index] for code, pair in NAMES[kind].items()}


def number(value: float, digits: int, language: str = DEFAULT_LANGUAGE) -> str:
    """``value`` with ``digits`` decimals, a narrow space between thousands and, in bokmål, a decimal comma
    (Babel's formatting of the language, with the mark between thousands the number cells read back)."""
    return locale_number(value, language, digits, group=SHOWN_GROUP_MARK)


def percent(share: float, digits: int, language: str = DEFAULT_LANGUAGE) -> str:
    """A share (0.04) as a percentage ('4,0 %' in bokmål, '4.0 %' in English)."""
    return f"{number(100 * share, digits, language)} %"


def seconds(value: float, language: str = DEFAULT_LANGUAGE) -> str:
    """Seconds as short as they can be written ('1,5' or '30'), without the unit."""
    shown = decimal(value, "g")
    return locale_number(shown, language, group=SHOWN_GROUP_MARK) if isinstance(shown, Decimal) else shown


def stage(name: str, language: str = DEFAULT_LANGUAGE) -> str:
    """An optimiser progress stage ('Solving', or a line on the solver's progress) in ``language``."""
    return text(f"stage.{name}", language) if f"stage.{name}" in TEXTS else translate(name, language)


def chart_text(chart: str, language: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """Texts for a chart in ``planning.charts``; empty (the Norwegian defaults) for bokmål."""
    return dict(CHART_TEXTS[chart]) if language == "en" else {}


def translate_dependency_figure(figure: go.Figure, language: str) -> None:
    """Put the dependency figure's Norwegian titles, axis and legend into ``language``."""
    if language != "en":
        return
    english = (
        DEPENDENCY_FIGURE_EN
        | {v[0]: v[1] for v in NAMES["area"].values()}
        | {v[0]: v[1] for v in NAMES["status"].values()}
    )

    def swap(value: str) -> str:
        for nb, en in english.items():
            if value == nb or value.startswith(f"{nb}:") or value.startswith(f"{nb} "):
                return en + value[len(nb) :]
        return value

    layout = figure.layout
    if layout.title.text:
        figure.update_layout(title_text=swap(layout.title.text))
    if layout.legend.title.text:
        figure.update_layout(legend_title_text=swap(layout.legend.title.text))
    if layout.xaxis.title.text:
        figure.update_xaxes(title_text=swap(layout.xaxis.title.text))
    if layout.xaxis.ticktext:
        figure.update_xaxes(ticktext=[swap(t) for t in layout.xaxis.ticktext])
    figure.for_each_trace(lambda trace: trace.update(name=swap(trace.name)) if trace.name else None)
