"""Texts of saving, overwriting, restoring and the working copy, in bokmål and English.

Kept apart from :mod:`veikart_ui.i18n` (which merges them into its ``TEXTS``) so that the
scenario store's words live together.
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # the working copy, wherever the working scenario is shown
    "working.unsaved": (
        "**Ulagrede endringer** fra lagret «{name}»: {changes}",
        "**Unsaved changes** from the stored '{name}': {changes}",
    ),
    "working.not_saved": (
        "**Ikke lagret:** det finnes ikke noe lagret scenario som heter «{name}».",
        "**Not saved:** no stored scenario is called '{name}'.",
    ),
    "working.more": ("og {n} til", "and {n} more"),
    "working.restored": (
        "Arbeidsscenarioet ditt fra forrige økt («{name}», sist endret {when}) er hentet fram.",
        "Your working scenario from your last session ('{name}', last changed {when}) is back.",
    ),
    "working.unknown_link": (
        "Lenken viser til scenarioet «{name}», som ikke finnes. Arbeidsscenarioet er uendret.",
        "The link names the scenario '{name}', which does not exist. The working scenario is unchanged.",
    ),
    "working.draft_failed": (
        "Arbeidsscenarioet kunne ikke tas vare på i databasen; det varer bare denne økten.",
        "The working scenario could not be kept in the database; it lasts this session only.",
    ),
    "working.link_choice": (
        "Lenken åpner scenarioet «{linked}», men du har ulagrede endringer i «{name}»: {changes}. "
        "Åpner du «{linked}», forkastes endringene; lagre dem først på siden Scenarier om du vil beholde dem.",
        "The link opens the scenario '{linked}', but you have unsaved changes in '{name}': {changes}. "
        "Opening '{linked}' discards them; save them on the Scenarios page first to keep them.",
    ),
    "working.open_linked": ("Åpne «{name}» og forkast endringene", "Open '{name}' and discard the changes"),
    "working.keep": ("Fortsett med «{name}»", "Carry on with '{name}'"),
    "working.discard": ("Forkast endringene", "Discard the changes"),
    "working.discarded": (
        "Endringene er forkastet: arbeidsscenarioet er lik lagret «{name}».",
        "The changes are discarded: the working scenario is the stored '{name}'.",
    ),
    # the fields of a scenario, as a change names them
    "scenario_field.description": ("Beskrivelse", "Description"),
    "scenario_field.ambition": ("Ambisjonsnivå", "Ambition level"),
    "scenario_field.budget_factor": ("Rammer", "Envelopes"),
    "scenario_field.envelope_overrides": ("Overstyrt ramme", "Envelope override"),
    "scenario_field.forced_in": ("Tvunget inn", "Forced in"),
    "scenario_field.forced_out": ("Holdt utenfor", "Kept out"),
    "scenario_field.locked_starts": ("Låst start", "Locked start"),
    "scenario_field.discount_rate": ("Kalkulasjonsrente", "Discount rate"),
    "scenario_field.objective": ("Mål", "Objective"),
    "scenario_field.score_weight": ("Verdi per poeng (MNOK)", "Value per score point (MNOK)"),
    "scenario_field.completion_targets": ("Tiltak som skal bli tidligst ferdig", "Initiatives to finish earliest"),
    "scenario_field.carry_over": ("Overført ubrukt budsjett", "Unspent budget carried over"),
    "scenario_field.allow_stopping_started": ("Igangsatte tiltak kan stoppes", "Started initiatives may be stopped"),
    "scenario_field.periods": ("Perioder", "Periods"),
    "scenario_field.time_limit": ("Tidsgrense (sekunder)", "Time limit (seconds)"),
    "scenario_field.confidence": ("Sikkerhet", "Confidence"),
    "scenario_field.confidence_scope": ("Hva skal holde ved sikkerheten", "What must hold at the confidence"),
    "value.yes": ("ja", "yes"),
    "value.no": ("nei", "no"),
    # saving
    "scenarios.save_title": ("Lagre", "Save"),
    "scenarios.new_name": ("Navn på nytt scenario", "Name of the new scenario"),
    "scenarios.new_name_help": (
        "Et ledig navn er foreslått, så ingenting lagret blir overskrevet. Skriv gjerne et annet.",
        "A free name is suggested, so nothing stored is overwritten. Type another if you like.",
    ),
    "scenarios.copy_word": ("kopi", "copy"),
    "scenarios.description_from": ("Fra «{name}»: {changes}", "From '{name}': {changes}"),
    "scenarios.save_new": ("Lagre som nytt", "Save as new"),
    "scenarios.overwrite": ("Lagre endringene i «{name}» …", "Save the changes to '{name}' …"),
    "scenarios.overwrite_help": (
        "Erstatter det lagrede scenarioet, som alle ser, etter at du har sett endringene. "
        "Versjonen som erstattes, tas vare på i historikken.",
        "Replaces the stored scenario, which everyone sees, once you have seen the changes. "
        "The version replaced is kept in its history.",
    ),
    "scenarios.exists": (
        "Det finnes allerede et scenario som heter «{name}». Se hva som endres, og bekreft om det skal overskrives.",
        "A scenario called '{name}' is already stored. See what changes, and confirm if it is to be overwritten.",
    ),
    "scenarios.confirm_title": ("Overskrive «{name}»?", "Overwrite '{name}'?"),
    "scenarios.confirm_restore_title": (
        "Hente tilbake versjon {version} av «{name}»?",
        "Restore version {version} of '{name}'?",
    ),
    "scenarios.confirm_text": (
        "Dette erstatter det lagrede scenarioet «{name}», som alle brukere ser. Versjonen som erstattes, "
        "tas vare på i historikken og kan hentes tilbake. Dette endres:",
        "This replaces the stored scenario '{name}', which every user sees. The version replaced is kept "
        "in its history and can be restored. This changes:",
    ),
    "scenarios.confirm_none": (
        "Ingen endringer: det lagrede «{name}» er allerede slik.",
        "No changes: the stored '{name}' is already like this.",
    ),
    "scenarios.description_check": (
        "Beskrivelse (sjekk at den fortsatt stemmer)",
        "Description (check that it still fits)",
    ),
    "scenarios.confirm_overwrite": ("Ja, overskriv «{name}»", "Yes, overwrite '{name}'"),
    "scenarios.confirm_restore": ("Ja, hent tilbake versjon {version}", "Yes, restore version {version}"),
    "scenarios.cancel": ("Avbryt", "Cancel"),
    "scenarios.cancelled": ("Avbrutt: ingenting er lagret.", "Cancelled: nothing was saved."),
    "scenarios.overwritten": (
        "«{name}» er overskrevet. Versjonen før ligger i historikken.",
        "'{name}' is overwritten. The version before is in its history.",
    ),
    "changes.field": ("Felt", "Field"),
    "changes.before": ("Før", "Before"),
    "changes.after": ("Etter", "After"),
    # loading
    "scenarios.load_title": ("Last inn", "Load"),
    "scenarios.load_discards": (
        "Du har ulagrede endringer i «{name}»: {changes}. Laster du inn «{other}», forkastes de.",
        "You have unsaved changes in '{name}': {changes}. Loading '{other}' discards them.",
    ),
    "scenarios.load_anyway": ("Last inn «{name}» og forkast endringene", "Load '{name}' and discard the changes"),
    # history
    "scenarios.history": ("Historikk", "History"),
    "scenarios.history_help": (
        "Hver lagrede versjon av et scenario tas vare på, også når det overskrives eller slettes. "
        "Å hente tilbake en versjon lagrer den som en ny versjon; ingenting slettes.",
        "Every stored version of a scenario is kept, also when it is overwritten or deleted. "
        "Restoring a version stores it as a new version; nothing is deleted.",
    ),
    "scenarios.history_which": ("Historikk for", "History of"),
    "scenarios.history_none": (
        "Ingen versjoner av «{name}» er tatt vare på ennå: den ble lagret før historikken ble ført. "
        "Slik den er lagret nå, tas den vare på første gang den lagres på nytt.",
        "No versions of '{name}' are kept yet: it was stored before history was kept. "
        "As it is stored now, it is kept the first time it is saved again.",
    ),
    "history.version": ("Versjon", "Version"),
    "history.saved_by": ("Lagret av", "Saved by"),
    "history.saved_at": ("Tidspunkt", "When"),
    "history.what": ("Hva", "What"),
    "history.changes": ("Endret fra versjonen før", "Changed from the version before"),
    "history.insert": ("opprettet", "created"),
    "history.update": ("endret", "changed"),
    "history.delete": ("slettet", "deleted"),
    "history.unrecorded": ("lagret før historikken ble ført", "stored before history was kept"),
    "history.restored": ("hentet tilbake fra versjon {version}", "restored from version {version}"),
    "history.unknown": ("ukjent", "unknown"),
    "scenarios.restore_which": ("Versjon", "Version"),
    "scenarios.restore": ("Hent tilbake …", "Restore …"),
    "scenarios.open_version": ("Åpne som arbeidsscenario", "Open as the working scenario"),
    "scenarios.version_opened": (
        "Versjon {version} av «{name}» er arbeidsscenarioet (ikke lagret).",
        "Version {version} of '{name}' is the working scenario (not saved).",
    ),
    "scenarios.deleted_version": (
        "Versjon {version} er slettingen av «{name}» og har ingenting å hente tilbake; velg en tidligere versjon.",
        "Version {version} is the deletion of '{name}' and holds nothing to restore; choose an earlier version.",
    ),
    "scenarios.restored": (
        "Versjon {version} av «{name}» er hentet tilbake og lagret som versjon {new}.",
        "Version {version} of '{name}' is restored and stored as version {new}.",
    ),
    "scenarios.restore_same": (
        "«{name}» er allerede lik versjon {version}; ingenting er endret.",
        "'{name}' already equals version {version}; nothing changed.",
    ),
}
