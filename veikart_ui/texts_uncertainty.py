"""The app's words for uncertain estimates and the Forutsigbarhet (Predictability) page, bokmål and English.

Kept apart from :mod:`veikart_ui.i18n` so the feature's words live together; ``i18n`` merges
:data:`TEXTS` into its own book and :data:`CHART_TEXTS` into the charts' English texts.
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # the initiative editor
    "col.cost_low": ("Kostnad lav (MNOK)", "Cost low (MNOK)"),
    "col.cost_high": ("Kostnad høy (MNOK)", "Cost high (MNOK)"),
    "col.duration_low": ("Varighet lav", "Duration low"),
    "col.duration_high": ("Varighet høy", "Duration high"),
    "col.benefit_low": ("Gevinst lav (andel)", "Benefit low (share)"),
    "col.benefit_likely": ("Gevinst mest sannsynlig (andel)", "Benefit most likely (share)"),
    "col.benefit_high": ("Gevinst høy (andel)", "Benefit high (share)"),
    "col.stop_probability": ("Sannsynlighet for stopp", "Stop probability"),
    "help.cost_low": (
        "Laveste trolige kostnad i et trepunktsestimat (lav / mest sannsynlig = Kostnad / høy). Tom: standard for "
        "risikoklassen.",
        "Lowest plausible cost of a three-point estimate (low / most likely = Cost / high). Blank: the risk "
        "class's default.",
    ),
    "help.cost_high": (
        "Høyeste trolige kostnad. Tom: standard for risikoklassen (middels risiko: 1,9 × kostnaden).",
        "Highest plausible cost. Blank: the risk class's default (medium risk: 1.9 × the cost).",
    ),
    "help.duration_low": (
        "Færrest trolige perioder. Tom: standard for risikoklassen (varigheten selv).",
        "Fewest plausible periods. Blank: the risk class's default (the duration itself).",
    ),
    "help.duration_high": (
        "Flest trolige perioder. Tom: standard for risikoklassen (middels risiko: 1,35 × varigheten).",
        "Most plausible periods. Blank: the risk class's default (medium risk: 1.35 × the duration).",
    ),
    "help.benefit_share": (
        "Andel av tiltakets oppgitte gevinster som realiseres, for eksempel 0,5. Tom: standard for risikoklassen.",
        "Share of the initiative's stated benefits realised, for example 0.5. Blank: the risk class's default.",
    ),
    "help.benefit_likely": (
        "Mest sannsynlige andel av de oppgitte gevinstene; under 1 retter opp for optimisme i anslagene.",
        "Most likely share of the stated benefits; below 1 corrects for optimism in the estimates.",
    ),
    "help.stop_probability": (
        "Sannsynligheten for at tiltaket stoppes før levering (0 til 1). Tom: standard for risikoklassen.",
        "Probability that the initiative is stopped before delivery (0 to 1). Blank: the risk class's default.",
    ),
}
TEXTS.update(
    {
        "page.predictability": ("Forutsigbarhet", "Predictability"),
        "predictability.intro": (
            "Hvor sannsynlig er det at planen holder investeringsrammene og leverer i tide, når kostnad, varighet "
            "og gevinst er usikre? Trepunktsestimatene (eller risikoklassens standard) trekkes mange ganger, og "
            "planen leves gjennom hvert av de mulige utfallene.",
            "How likely is the plan to keep its investment envelopes and deliver on time when cost, duration and "
            "benefit are uncertain? The three-point estimates (or the risk class's defaults) are sampled many "
            "times, and the plan is lived through each of the possible futures.",
        ),
        "sim.source": ("Plan som simuleres", "Plan to simulate"),
        "sim.source.working": ("Arbeidsscenarioets plan", "The working scenario's plan"),
        "sim.source.approved": ("Godkjent plan", "The approved plan"),
        "sim.samples": ("Antall mulige utfall", "Number of futures"),
        "sim.seed": ("Frø", "Seed"),
        "sim.seed_help": ("Samme frø gir samme svar.", "The same seed gives the same answer."),
        "sim.policy": ("Når en ramme ville bli overskredet", "When an envelope would be exceeded"),
        "sim.policy.defer": ("Utsett det som ikke er startet", "Defer what has not started"),
        "sim.policy.report": ("Vis overskridelsen", "Report the overrun"),
        "sim.policy_help": (
            "Utsett: tiltak som skal starte, stilles opp etter verdi; fra det første som ville sprengt en "
            "ramme, venter det og alt med lavere verdi fra samme kilde til neste periode. Igangsatt, påkrevd og "
            "låst arbeid utsettes aldri. Vis: alt starter som planlagt, og overskridelsen vises.",
            "Defer: initiatives due to start line up by value; from the first that would break an envelope, it "
            "and everything of lower value paid from that pool waits to the next period. Started, mandatory and "
            "locked work is never deferred. Report: everything starts as planned and the overrun is shown.",
        ),
        "sim.distribution": ("Fordeling av trepunktsestimat", "Distribution of a three-point estimate"),
        "sim.distribution.triangular": ("Triangel", "Triangular"),
        "sim.distribution.pert": ("PERT", "PERT"),
        "sim.correlation": ("Korrelasjon", "Correlation"),
        "sim.correlation_help": (
            "Hvor mye overskridelser med felles faktor henger sammen: 0 uavhengige, 0,99 nesten like.",
            "How much overruns that share a factor move together: 0 independent, 0.99 nearly alike.",
        ),
        "sim.correlate_by": ("Felles faktor", "Shared factor"),
        "sim.correlate_by.lead_region": ("Ansvarlig region (leverandør)", "Lead region (supplier)"),
        "sim.correlate_by.area": ("Område", "Area"),
        "sim.button": ("Simuler", "Simulate"),
        "sim.planning": ("Lager planen for {scenario} først …", "Making the plan for {scenario} first …"),
        "sim.running": ("Simulerer …", "Simulating …"),
        "sim.done": ("Ferdig: {samples} mulige utfall simulert.", "Done: {samples} futures simulated."),
        "sim.failed": ("Simuleringen feilet: {error}", "The simulation failed: {error}"),
        "sim.failed_short": ("Simuleringen feilet", "The simulation failed"),
        "sim.none": (
            "Velg innstillinger og trykk «Simuler».",
            "Choose the settings and press “Simulate”.",
        ),
        "sim.no_approved": ("Ingen plan er godkjent ennå.", "No plan has been approved yet."),
        "sim.stale": (
            "Resultatet under ble laget før siste endring av data eller innstillinger; simuler igjen.",
            "The result below was made before the latest change of data or settings; simulate again.",
        ),
        "sim.what": (
            "Simulert: {plan}, {samples} utfall, frø {seed}.",
            "Simulated: {plan}, {samples} futures, seed {seed}.",
        ),
        "sim.plan_working": ("planen for scenario {scenario}", "the plan of scenario {scenario}"),
        "sim.plan_approved": ("godkjent plan {id} (scenario {scenario})", "approved plan {id} (scenario {scenario})"),
        "sim.left_out": (
            "Ikke simulert, fordi scenarioet ikke lenger kan planlegge dem: {ids}",
            "Not simulated, as the scenario can no longer plan them: {ids}",
        ),
        "sim.kpi.all_within": ("Alle rammer holder", "Every envelope holds"),
        "sim.kpi.all_within_help": (
            "Andelen av utfallene der hver finansieringskilde holder rammen i hvert år.",
            "The share of futures in which every funding pool keeps its envelope in every year.",
        ),
        "sim.kpi.spend_p50": ("P50 styringsramme", "P50 management budget"),
        "sim.kpi.spend_p85": ("P85 kostnadsramme", "P85 cost frame"),
        "sim.kpi.spend_help": (
            "Samlet forbruk i horisonten som holder i 50 % (P50) og 85 % (P85) av utfallene; planen selv: {plan} MNOK.",
            "Total spend in the horizon that holds in 50 % (P50) and 85 % (P85) of the futures; the plan itself: "
            "{plan} MNOK.",
        ),
        "sim.kpi.npv": ("Nåverdi P50", "NPV P50"),
        "sim.kpi.npv_help": (
            "P10–P90: {p10} til {p90} MNOK; planen: {plan} MNOK.",
            "P10–P90: {p10} to {p90} MNOK; the plan: {plan} MNOK.",
        ),
        "sim.kpi.deferred": ("Tiltak utsatt ut", "Initiatives deferred out"),
        "sim.kpi.deferred_help": (
            "Gjennomsnittlig antall tiltak i planen som ikke starter innen horisonten.",
            "Mean number of the plan's initiatives that do not start within the horizon.",
        ),
        "sim.tab.spend": ("Forbruk mot ramme", "Spend against envelope"),
        "sim.tab.delivery": ("Leveransesikkerhet", "Delivery confidence"),
        "sim.tab.steps": ("Trinn", "Steps"),
        "sim.tab.value": ("Verdi", "Value"),
        "sim.tab.drivers": ("Drivere", "Drivers"),
        "sim.tab.estimates": ("Estimater", "Estimates"),
        "sim.value.npv": ("Netto nåverdi", "Net present value"),
        "sim.value.benefit": (
            "Prissatt gevinst realisert i horisonten (ikke diskontert)",
            "Monetised benefit realised in the horizon (undiscounted)",
        ),
        "sim.drivers_help": (
            "For hvert tiltak: gjennomsnittlig samlet overskridelse av rammene i utfallene der tiltakets kostnad er "
            "blant de 10 % laveste og de 10 % høyeste. Jo større utslag, jo mer driver tiltaket overskridelsene.",
            "Per initiative: the mean total overrun of the envelopes in the futures where its cost is among its "
            "lowest 10 % and its highest 10 %. The larger the swing, the more it drives the overruns.",
        ),
        "sim.estimates_help": (
            "Estimatene som brukes: tomme felt på Tiltak-siden får risikoklassens standard (se docs/uncertainty.md).",
            "The estimates used: blank fields on the Initiatives page take the risk class's default "
            "(see docs/uncertainty.md).",
        ),
        "sim.method": (
            "Metode: {distribution} fordeling av hvert trepunktsestimat; korrelasjon {correlation} innen {by}; "
            "forsinkelser forplanter seg gjennom avhengighetene; igangsatt arbeid fullføres. Se docs/uncertainty.md.",
            "Method: {distribution} distribution of each three-point estimate; correlation {correlation} within "
            "{by}; delays travel through the dependencies; started work is finished. See docs/uncertainty.md.",
        ),
        # table headers
        "sim.col.pool": ("Finansieringskilde", "Funding pool"),
        "sim.col.label": ("Periode", "Period"),
        "sim.col.envelope": ("Ramme (MNOK)", "Envelope (MNOK)"),
        "sim.col.planned": ("Planen (MNOK)", "The plan (MNOK)"),
        "sim.col.p10": ("P10 (MNOK)", "P10 (MNOK)"),
        "sim.col.p50": ("P50 (MNOK)", "P50 (MNOK)"),
        "sim.col.p85": ("P85 (MNOK)", "P85 (MNOK)"),
        "sim.col.p90": ("P90 (MNOK)", "P90 (MNOK)"),
        "sim.col.p_within": ("Holder rammen", "Holds the envelope"),
        "sim.col.start": ("Start", "Start"),
        "sim.col.finish": ("Ferdig", "Finish"),
        "sim.col.initiatives": ("Tiltak", "Initiatives"),
        "sim.col.mean": ("Gjennomsnitt (MNOK)", "Mean (MNOK)"),
        "sim.col.cost_likely": ("Kostnad mest sannsynlig (MNOK)", "Cost most likely (MNOK)"),
        "sim.col.duration_likely": ("Varighet mest sannsynlig", "Duration most likely"),
        "sim.col.p_on_time": ("I tide", "On time"),
        "sim.col.p_within_one": ("Høyst én periode sent", "At most one period late"),
        "sim.col.p_after_horizon": ("Ferdig etter horisonten", "Finishes after the horizon"),
        "sim.col.p_deferred": ("Utsatt ut av horisonten", "Deferred out of the horizon"),
        "sim.col.p_blocked": ("… fordi noe det venter på, stoppet", "… as something it waits for stopped"),
        "sim.col.p_stopped": ("Stoppet", "Stopped"),
        "sim.col.expected_slip": ("Forventet forsinkelse (perioder)", "Expected slip (periods)"),
        "sim.col.step": ("Trinn", "Step"),
        "sim.col.years": ("År", "Years"),
        "sim.col.deadline": ("Frist", "Deadline"),
        "sim.col.p_step_on_time": ("Alt levert innen fristen", "All delivered by the deadline"),
        "sim.col.measure": ("Mål", "Measure"),
        "sim.col.overrun_low": ("Overskridelse, lav kostnad (MNOK)", "Overrun, low cost (MNOK)"),
        "sim.col.overrun_high": ("Overskridelse, høy kostnad (MNOK)", "Overrun, high cost (MNOK)"),
        "sim.col.swing": ("Utslag (MNOK)", "Swing (MNOK)"),
        "sim.col.correlation": ("Korrelasjon", "Correlation"),
        "sim.col.risk": ("Risiko", "Risk"),
        "sim.col.defaults": ("Fra risikoklassen", "From the risk class"),
    }
)

CHART_TEXTS: dict[str, dict[str, str]] = {
    "fan": {
        "title": "Spend against the investment envelope: P10–P90 and P50 of simulated futures",
        "x": "Year",
        "y": "MNOK",
        "band": "P10–P90",
        "median": "P50",
        "envelope": "Investment envelope",
        "plan": "The plan",
        "holds": "holds",
        "empty": "No simulation to show",
    },
    "confidence": {
        "title": "Roadmap by delivery confidence: the chance of finishing by the planned finish",
        "x": "Year",
        "colour": "On time",
        "on_time": "On time",
        "one_late": "At most one period late",
        "deferred": "Deferred out of the horizon",
        "stopped": "Stopped",
        "slip": "Expected slip (periods)",
        "empty": "No initiatives in the plan",
    },
    "tornado": {
        "title": "What drives the overruns: total overrun when the initiative's cost is low and high",
        "x": "Mean total overrun of the envelopes (MNOK)",
        "low": "Cost among its lowest 10 %",
        "high": "Cost among its highest 10 %",
        "mean": "Mean",
        "empty": "No simulated future exceeds the envelopes",
    },
}
"""English texts of the uncertainty charts in ``planning.charts``; their Norwegian texts are the defaults."""
