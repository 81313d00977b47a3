"""The columns' descriptions in bokmål.

The domain describes every column once, in English, on its table declaration
(:attr:`planning.domain.columns.ColumnSpec.description`). A problem's fix quotes the description
("fill in lead_region: Funding pool that leads"); :func:`description` gives the bokmål text
for such a quote. A test keeps this book and the declarations in step.
"""

from __future__ import annotations

DESCRIPTIONS: dict[str, str] = {
    # funding_pool
    "Short code, for example HSO, HV, HMN, HN, NHN.": "Kortkode, for eksempel HSO, HV, HMN, HN, NHN.",
    "Full name, for example Helse Sør-Øst.": "Fullt navn, for eksempel Helse Sør-Øst.",
    "Regional authority or national funder.": "Regionalt helseforetak eller nasjonal finansiør.",
    "Share of the population served (regions), used by the population key.": (
        "Andel av befolkningen som betjenes (regioner), brukt av befolkningsnøkkelen."
    ),
    "Regional IT provider, for example Sykehuspartner HF.": "Regional IKT-leverandør, for eksempel Sykehuspartner HF.",
    "Patient record system in use, for example DIPS Arena.": "Pasientjournalsystem i bruk, for eksempel DIPS Arena.",
    # horizon
    "Always 'default'.": "Alltid 'default'.",
    "Calendar year of the first period.": "Kalenderåret til den første perioden.",
    "Number of periods in the horizon.": "Antall perioder i horisonten.",
    "Length of one period.": "Lengden på én periode.",
    # ambition_level
    "Name of the level, for example Basis.": "Navnet på nivået, for eksempel Basis.",
    "Order from lowest (1) to highest ambition.": "Rekkefølge fra laveste (1) til høyeste ambisjon.",
    "Multiplier on the reference (factor 1) envelope where no explicit envelope is given.": (
        "Faktor på referanserammen (faktor 1) der ingen egen ramme er gitt."
    ),
    "What the level means.": "Hva nivået innebærer.",
    # envelope
    "Derived as POOL/YEAR/LEVEL when left empty.": "Settes til KILDE/ÅR/NIVÅ når feltet står tomt.",
    "Funding pool that holds the envelope.": "Finansieringskilden som har rammen.",
    "Calendar year.": "Kalenderår.",
    "Ambition level the envelope belongs to.": "Ambisjonsnivået rammen hører til.",
    "Money available for investment.": "Midler tilgjengelig til investering.",
    # capacity_pool
    "Short code of the pool.": "Kortkode for puljen.",
    "What the capacity is.": "Hva kapasiteten er.",
    "Available per period.": "Tilgjengelig per periode.",
    "Unit of the limit, for example go-lives or FTE.": "Enheten for grensen, for eksempel innføringer eller årsverk.",
    "Used in every period of execution, or only in the go-live period.": (
        "Brukes i hver gjennomføringsperiode, eller bare i innføringsperioden."
    ),
    # capacity_limit
    "Derived as POOL/PERIOD when left empty.": "Settes til PULJE/PERIODE når feltet står tomt.",
    "Capacity pool the limit is for.": "Kapasitetspuljen grensen gjelder.",
    "Period label, for example 2028, 2028H2 or 2028Q3; a year in a finer horizon means each of its periods that "
    "has no row of its own.": (
        "Periode, for eksempel 2028, 2028H2 eller 2028Q3; et år i en finere horisont betyr hver av årets perioder "
        "som ikke har en egen rad."
    ),
    "Available in that period.": "Tilgjengelig i den perioden.",
    # alternative_group
    "Short code of the group.": "Kortkode for gruppen.",
    "What is being decided.": "Hva som skal avgjøres.",
    "Exactly one option must be chosen (else at most one).": "Nøyaktig ett alternativ må velges (ellers høyst ett).",
    "The dispute behind the choice.": "Uenigheten bak valget.",
    # initiative
    "Stable short id, for example PLL-HV.": "Stabil kort-id, for eksempel PLL-HV.",
    "Name of the initiative.": "Navnet på tiltaket.",
    "What it delivers.": "Hva tiltaket leverer.",
    "Area of the joint plan.": "Område i den felles planen.",
    "Funding pool that leads (hovedsamarbeidspart).": "Finansieringskilden som leder (hovedsamarbeidspart).",
    "Other funding pools taking part.": "Andre finansieringskilder som deltar.",
    "Where the initiative stands.": "Hvor tiltaket står.",
    "Periods of execution; for a started initiative, the remaining periods.": (
        "Gjennomføringsperioder; for et påbegynt tiltak, periodene som gjenstår."
    ),
    "Investment cost, spread evenly when no cost profile is given; remaining cost when started.": (
        "Investeringskostnad, fordelt jevnt når ingen kostnadsprofil er gitt; gjenstående kostnad når påbegynt."
    ),
    "Cost in each period of execution; its length must equal the duration.": (
        "Kostnad i hver gjennomføringsperiode; antallet må være lik varigheten."
    ),
    "Cost-sharing key (fordelingsnøkkel).": "Fordelingsnøkkel.",
    "Share per funding pool for the custom key; shares sum to 1.": (
        "Andel per finansieringskilde for egen nøkkel; andelene summerer til 1."
    ),
    "First period it may start, for example 2027.": "Første periode tiltaket kan starte, for eksempel 2027.",
    "Last period it may still run in.": "Siste periode tiltaket fortsatt kan pågå i.",
    "Must be in every plan (for example a legal requirement).": "Må være med i alle planer (for eksempel et lovkrav).",
    "Alternative group it is one option of.": "Alternativgruppen tiltaket er ett av alternativene i.",
    "Delivery risk.": "Leveranserisiko.",
    (
        "A duty to do it whatever it pays: statutory (a law requires it) or equity (equal access, for example "
        "services in the Sami languages). Kept in every plan unless the scenario releases obligations."
    ): (
        "En plikt til å gjennomføre tiltaket uansett lønnsomhet: lovpålagt (en lov krever det) eller likeverd "
        "(likeverdig tilgang, for eksempel tjenester på samisk). Holdes med i alle planer med mindre scenarioet "
        "frigir forpliktelsene."
    ),
    "The law or duty behind the obligation, for example 'sameloven kap. 3'.": (
        "Loven eller plikten bak forpliktelsen, for eksempel «sameloven kap. 3»."
    ),
    "Strategic goal it serves.": "Strategisk mål tiltaket støtter.",
    "Use of each capacity pool per period (or at go-live, by the pool's basis).": (
        "Bruk av hver kapasitetspulje per periode (eller ved innføring, etter puljens grunnlag)."
    ),
    "Non-monetised criteria scores, 0 to 5 each.": "Ikke-prissatte kriteriepoeng, 0 til 5 hver.",
    "Lowest plausible cost, as total_cost (three-point estimate); blank: the risk class's default.": (
        "Laveste trolige kostnad, som total_cost (trepunktsestimat); tom: standardverdien for risikoklassen."
    ),
    "Highest plausible cost, as total_cost (three-point estimate); blank: the risk class's default.": (
        "Høyeste trolige kostnad, som total_cost (trepunktsestimat); tom: standardverdien for risikoklassen."
    ),
    "Fewest plausible periods of execution (three-point estimate); blank: the risk class's default.": (
        "Færrest trolige perioder i gjennomføring (trepunktsestimat); tom: standardverdien for risikoklassen."
    ),
    "Most plausible periods of execution (three-point estimate); blank: the risk class's default.": (
        "Flest trolige perioder i gjennomføring (trepunktsestimat); tom: standardverdien for risikoklassen."
    ),
    "Lowest plausible share of the stated benefits realised; blank: the risk class's default.": (
        "Laveste trolige andel av de oppgitte gevinstene som realiseres; tom: standardverdien for risikoklassen."
    ),
    "Most likely share of the stated benefits realised (below 1 corrects optimism bias); blank: the risk class's "
    "default.": (
        "Mest sannsynlige andel av de oppgitte gevinstene som realiseres (under 1 retter opp optimisme); "
        "tom: standardverdien for risikoklassen."
    ),
    "Highest plausible share of the stated benefits realised; blank: the risk class's default.": (
        "Høyeste trolige andel av de oppgitte gevinstene som realiseres; tom: standardverdien for risikoklassen."
    ),
    "Probability that the initiative is stopped before delivery; blank: the risk class's default.": (
        "Sannsynligheten for at tiltaket stoppes før levering; tom: standardverdien for risikoklassen."
    ),
    # dependency
    "Derived as PREDECESSOR->SUCCESSOR when left empty.": "Settes til FORGJENGER->ETTERFØLGER når feltet står tomt.",
    "Initiative that comes first.": "Tiltaket som kommer først.",
    "Initiative that waits.": "Tiltaket som venter.",
    "Finish-to-start or start-to-start.": "Slutt-til-start eller start-til-start.",
    "Periods between the predecessor's finish (or start) and the successor's start.": (
        "Perioder mellom forgjengerens slutt (eller start) og etterfølgerens start."
    ),
    # benefit
    "Stable short id of the benefit.": "Stabil kort-id for gevinsten.",
    "Initiative that yields the benefit.": "Tiltaket som gir gevinsten.",
    "What improves.": "Hva som blir bedre.",
    "DFØ benefit type.": "Gevinsttype etter DFØ.",
    "Benefit theme.": "Gevinsttema.",
    "Who sees the benefit.": "Hvem som får gevinsten.",
    "Benefit owner in the line organisation (gevinstansvarlig).": "Gevinstansvarlig i linjen.",
    "Indicator that measures it.": "Indikatoren som måler gevinsten.",
    "Unit of the indicator.": "Enheten for indikatoren.",
    "Baseline measurement (nullpunktsmåling).": "Nullpunktsmåling.",
    "Date of the baseline measurement.": "Dato for nullpunktsmålingen.",
    "Target value (målverdi).": "Målverdi.",
    "Date the target should be reached.": "Datoen målverdien skal være nådd.",
    "Valued in money (prissatt).": "Verdsatt i penger (prissatt).",
    "Yearly value at full effect.": "Årlig verdi ved full effekt.",
    "Share of full effect in each year after the lag; full effect after the list ends.": (
        "Andel av full effekt i hvert år etter forsinkelsen; full effekt etter at listen slutter."
    ),
    "Years from go-live until the benefit starts.": "År fra innføring til gevinsten begynner.",
    "Years the benefit lasts once it starts.": "År gevinsten varer når den først har begynt.",
    # measurement
    "Derived as BENEFIT/YEAR when left empty.": "Settes til GEVINST/ÅR når feltet står tomt.",
    "Benefit measured.": "Gevinsten som er målt.",
    "Year the value was realised in.": "Året verdien ble realisert.",
    "Realised value, in the benefit's indicator unit (MNOK if monetised).": (
        "Realisert verdi, i gevinstens indikatorenhet (MNOK hvis prissatt)."
    ),
    "Source or remark.": "Kilde eller merknad.",
    "Who entered the value.": "Hvem som registrerte verdien.",
    "When the value was entered.": "Når verdien ble registrert.",
    # scenario
    "Name of the scenario.": "Navnet på scenarioet.",
    "What the scenario explores.": "Hva scenarioet utforsker.",
    "Ambition level per funding pool; pools not named use the reference level.": (
        "Ambisjonsnivå per finansieringskilde; kilder som ikke er nevnt, bruker referansenivået."
    ),
    "Multiplier on every envelope, for example 0.8 for a 20 % cut.": (
        "Faktor på alle rammer, for eksempel 0,8 for et kutt på 20 %."
    ),
    "Envelope per POOL/YEAR that replaces the ambition level's.": "Ramme per KILDE/ÅR som erstatter ambisjonsnivåets.",
    "Initiatives that must be in the plan.": "Tiltak som må være med i planen.",
    "Initiatives that must stay out.": "Tiltak som må holdes utenfor.",
    "Fixed start period per initiative.": "Fast startperiode per tiltak.",
    "Real discount rate (kalkulasjonsrente), R-109.": "Reell kalkulasjonsrente, R-109.",
    "What to optimise.": "Hva som skal optimeres.",
    "Value of one score point per initiative done.": "Verdien av ett poeng per gjennomført tiltak.",
    (
        "Initiatives whose finish the earliest-completion objective minimises; empty means the mandatory "
        "and started ones, or every initiative when there are none."
    ): (
        "Tiltak som målet om tidligst ferdig skal få ferdige så tidlig som mulig; tomt betyr de påkrevde "
        "og påbegynte, eller alle tiltak når det ikke finnes noen."
    ),
    "Fraction of unspent budget moved to the next period.": "Andel av ubrukt ramme som flyttes til neste periode.",
    "Started initiatives may be stopped.": "Påbegynte tiltak kan stoppes.",
    ("Statutory and equity obligations may be left out like any initiative (the plan then says so at the top)."): (
        "Lovpålagte og likeverdsbegrunnede tiltak kan utelates som alle andre tiltak (planen sier det da øverst)."
    ),
    "Shorter horizon than the portfolio's, in periods.": "Kortere horisont enn porteføljens, i perioder.",
    "Solver time limit.": "Tidsgrense for optimeringen.",
    (
        "Plan at this confidence: what must hold holds in at least this share of sampled futures "
        "(wherever the scenario is optimised); blank means the point estimates."
    ): (
        "Planlegg med denne sikkerheten: det som skal holde, holder i minst denne andelen av trukne utfall "
        "(overalt der scenarioet optimeres); tomt betyr punktestimatene."
    ),
    "What must hold at the confidence: each envelope (pool-period) or each pool's total over the horizon.": (
        "Hva som skal holde ved sikkerheten: hver ramme (kilde og periode) eller hver kildes sum over horisonten."
    ),
}
"""Each column description of the table declarations, by its English text, in bokmål."""


def description(text: str, language: str) -> str:
    """A column's description in ``language`` (``nb`` or ``en``); unknown text comes back as is."""
    return text if language == "en" else DESCRIPTIONS.get(text, text)
