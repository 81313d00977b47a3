"""The app's words for issue 33's usability mends, bokmål and English: the comparison, what an
approval approves, the first start, Streamlit's own chrome and the tables.

Kept apart from :mod:`veikart_ui.i18n` so the feature's words live together; ``i18n`` merges
:data:`TEXTS` into its own book.
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # the first start (veikart_ui/first_run.py)
    "ux.first_admin_terminal": (
        "Veikart: første oppstart uten brukere og uten innlogging satt opp. Laget en lokal administrator.\n"
        "  Brukernavn: {username}\n"
        "  Passord:    {password}\n"
        "Passordet vises bare denne ene gangen. Logg inn i appen, og bytt det med "
        "`planning users set-password {username}`.",
        "Veikart: first start with no users and no sign-in configured. Made a local administrator.\n"
        "  Username: {username}\n"
        "  Password: {password}\n"
        "The password is shown this once only. Sign in to the app, and change it with "
        "`planning users set-password {username}`.",
    ),
    "ux.first_admin_hint": (
        "Første oppstart: logg inn som **{username}** med passordet som står i terminalen der appen ble startet.",
        "First start: sign in as **{username}** with the password printed in the terminal where the app was started.",
    ),
    # Streamlit's own English words
    "ux.upload_hint": (
        "Dra filen hit, eller trykk «Browse files» for å velge den (knappeteksten er Streamlits egen og står "
        "alltid på engelsk).",
        "Drag the file here, or press «Browse files» to choose it.",
    ),
    # the comparison (Scenarier, Sammenlign)
    "ux.working_copy": ("{name} (arbeidskopi, ikke lagret)", "{name} (working copy, not saved)"),
    "ux.compare_default_help": (
        "Forhåndsvalgt: scenarioet du arbeider med og det det bygger på. Arbeidskopien kan sammenlignes før den "
        "er lagret.",
        "Chosen for you: the scenario you are working on and the one it builds on. The working copy can be "
        "compared before it is saved.",
    ),
    "ux.compare_differences_help": (
        "Hvert tiltak som starter ulikt i scenarioene, med optimererens grunn der det er ute eller senere enn det "
        "kunne.",
        "Each initiative that starts differently in the scenarios, with the optimiser's reason where it is out or "
        "later than it could be.",
    ),
    "ux.compare_none_differ": (
        "Alle tiltak starter likt i de valgte scenarioene.",
        "Every initiative starts at the same time in the chosen scenarios.",
    ),
    "ux.col.initiative": ("Tiltak", "Initiative"),
    "ux.col.why": ("Hvorfor", "Why"),
    "ux.later_than": ("starter {start}, kunne startet {earliest}", "starts {start}, could start {earliest}"),
    "ux.reason_in": ("{scenario}: {reason}", "{scenario}: {reason}"),
    "ux.reason_unknown": ("grunnen er ikke funnet", "reason not found"),
    # what an approval approves (Scenarier, Godkjent plan; Behandling)
    "ux.approval_title": ("Dette godkjennes", "This is what is approved"),
    "ux.approval_scenario": ("Scenario **{scenario}**, plan {plan}", "Scenario **{scenario}**, plan {plan}"),
    "ux.approval_npv": ("Netto nåverdi", "Net present value"),
    "ux.approval_investment": ("Investering", "Investment"),
    "ux.approval_initiatives": ("Tiltak i planen", "Initiatives in the plan"),
    "ux.approval_npv_change": ("Endring i nåverdi mot gjeldende plan", "NPV change from the plan of record"),
    "ux.approval_by_region": ("Investering per finansieringskilde (MNOK)", "Investment per funding pool (MNOK)"),
    "ux.approval_no_record": (
        "Det finnes ingen godkjent plan ennå; dette blir den første.",
        "There is no approved plan yet; this will be the first.",
    ),
    "ux.approval_same_as_record": (
        "Dette er den gjeldende godkjente planen (plan {plan}).",
        "This is the plan of record (plan {plan}).",
    ),
    "ux.approval_against_record": (
        "Mot gjeldende godkjente plan (plan {plan}, scenario {scenario}): {added} nye, {dropped} tatt ut, "
        "{moved} flyttet.",
        "Against the plan of record (plan {plan}, scenario {scenario}): {added} added, {dropped} dropped, "
        "{moved} moved.",
    ),
    "ux.approval_list": ("Tiltakene i planen ({n})", "The initiatives in the plan ({n})"),
    "ux.approval_changes": ("Endringer mot gjeldende plan ({n})", "Changes from the plan of record ({n})"),
    "ux.col.pool": ("Finansieringskilde", "Funding pool"),
    "ux.col.this_plan": ("Denne planen", "This plan"),
    "ux.col.record": ("Gjeldende plan", "Plan of record"),
    "ux.col.change": ("Endring", "Change"),
    "ux.col.start": ("Start", "Start"),
    "ux.col.finish": ("Ferdig", "Finish"),
    "ux.col.start_record": ("Start i gjeldende plan", "Start in the plan of record"),
    "ux.col.start_new": ("Start i denne planen", "Start in this plan"),
    "ux.col.what": ("Hva", "What"),
}
"""Keys prefixed ``ux.``; each (bokmål, English)."""
