"""Texts of saving, overwriting, restoring and the working copy, in bokmål and English.

Kept apart from :mod:`veikart_ui.i18n` (which merges them into its ``TEXTS``) so that the
scenario store's words live together.
"""

from __future__ import annotations

TEXTS: dict[str, str] = {
    # the working copy, wherever the working scenario is shown
    "working.unsaved": "**Unsaved changes** from the stored '{name}': {changes}",
    "working.not_saved": "**Not saved:** no stored scenario is called '{name}'.",
    "working.more": "and {n} more",
    "working.restored": "Your working scenario from your last session ('{name}', last changed {when}) is back.",
    "working.unknown_link": (
        "The link names the scenario '{name}', which does not exist. The working scenario is unchanged."
    ),
    "working.draft_failed": "The working scenario could not be kept in the database; it lasts this session only.",
    "working.link_choice": (
        "The link opens the scenario '{linked}', but you have unsaved changes in '{name}': {changes}. Opening "
        "'{linked}' discards them; save them on the Scenarios page first to keep them."
    ),
    "working.open_linked": "Open '{name}' and discard the changes",
    "working.keep": "Carry on with '{name}'",
    "working.discard": "Discard the changes",
    "working.discarded": "The changes are discarded: the working scenario is the stored '{name}'.",
    # the fields of a scenario, as a change names them
    "scenario_field.description": "Description",
    "scenario_field.ambition": "Ambition level",
    "scenario_field.budget_factor": "Envelopes",
    "scenario_field.envelope_overrides": "Envelope override",
    "scenario_field.forced_in": "Forced in",
    "scenario_field.forced_out": "Kept out",
    "scenario_field.locked_starts": "Locked start",
    "scenario_field.discount_rate": "Discount rate",
    "scenario_field.objective": "Objective",
    "scenario_field.score_weight": "Value per score point (MNOK)",
    "scenario_field.completion_targets": "Initiatives to finish earliest",
    "scenario_field.carry_over": "Unspent budget carried over",
    "scenario_field.allow_stopping_started": "Started initiatives may be stopped",
    "scenario_field.periods": "Periods",
    "scenario_field.time_limit": "Time limit (seconds)",
    "scenario_field.confidence": "Confidence",
    "scenario_field.confidence_scope": "What must hold at the confidence",
    "value.yes": "yes",
    "value.no": "no",
    # saving
    "scenarios.save_title": "Save",
    "scenarios.new_name": "Name of the new scenario",
    "scenarios.new_name_help": "A free name is suggested, so nothing stored is overwritten. Type another if you like.",
    "scenarios.copy_word": "copy",
    "scenarios.description_from": "From '{name}': {changes}",
    "scenarios.save_new": "Save as new",
    "scenarios.overwrite": "Save the changes to '{name}' …",
    "scenarios.overwrite_help": "Replaces the stored scenario, which everyone sees, once you have seen the changes. "
    "The version replaced is kept in its history.",
    "scenarios.exists": (
        "A scenario called '{name}' is already stored. See what changes, and confirm if it is to be overwritten."
    ),
    "scenarios.confirm_title": "Overwrite '{name}'?",
    "scenarios.confirm_restore_title": "Restore version {version} of '{name}'?",
    "scenarios.confirm_text": (
        "This replaces the stored scenario '{name}', which every user sees. The version replaced is kept in "
        "its history and can be restored. This changes:"
    ),
    "scenarios.confirm_none": "No changes: the stored '{name}' is already like this.",
    "scenarios.description_check": "Description (check that it still fits)",
    "scenarios.confirm_overwrite": "Yes, overwrite '{name}'",
    "scenarios.confirm_restore": "Yes, restore version {version}",
    "scenarios.cancel": "Cancel",
    "scenarios.cancelled": "Cancelled: nothing was saved.",
    "scenarios.overwritten": "'{name}' is overwritten. The version before is in its history.",
    "changes.field": "Field",
    "changes.before": "Before",
    "changes.after": "After",
    # loading
    "scenarios.load_title": "Load",
    "scenarios.load_discards": "You have unsaved changes in '{name}': {changes}. Loading '{other}' discards them.",
    "scenarios.load_anyway": "Load '{name}' and discard the changes",
    # history
    "scenarios.history": "History",
    "scenarios.history_help": "Every stored version of a scenario is kept, also when it is overwritten or deleted. "
    "Restoring a version stores it as a new version; nothing is deleted.",
    "scenarios.history_which": "History of",
    "scenarios.history_none": "No versions of '{name}' are kept yet: it was stored before history was kept. "
    "As it is stored now, it is kept the first time it is saved again.",
    "history.version": "Version",
    "history.saved_by": "Saved by",
    "history.saved_at": "When",
    "history.what": "What",
    "history.changes": "Changed from the version before",
    "history.insert": "created",
    "history.update": "changed",
    "history.delete": "deleted",
    "history.unrecorded": "stored before history was kept",
    "history.restored": "restored from version {version}",
    "history.unknown": "unknown",
    "scenarios.restore_which": "Version",
    "scenarios.restore": "Restore …",
    "scenarios.open_version": "Open as the working scenario",
    "scenarios.version_opened": "Version {version} of '{name}' is the working scenario (not saved).",
    "scenarios.deleted_version": (
        "Version {version} is the deletion of '{name}' and holds nothing to restore; choose an earlier version."
    ),
    "scenarios.restored": "Version {version} of '{name}' is restored and stored as version {new}.",
    "scenarios.restore_same": "'{name}' already equals version {version}; nothing changed.",
}
