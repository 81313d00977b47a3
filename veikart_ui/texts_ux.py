"""The app's words for issue 33's usability mends, bokmål and English: the comparison, what an
approval approves, the first start, Streamlit's own chrome and the tables.

Kept apart from :mod:`veikart_ui.i18n` so the feature's words live together; ``i18n`` merges
:data:`TEXTS` into its own book.
"""

from __future__ import annotations

TEXTS: dict[str, str] = {
    # the first start (veikart_ui/first_run.py)
    "ux.first_admin_terminal": (
        "Veikart: first start with no users and no sign-in configured. Made a local administrator.\n  "
        "Username: {username}\n  Password: {password}\nThe password is shown this once only. Sign in to the "
        "app, and change it with `planning users set-password {username}`."
    ),
    "ux.first_admin_hint": (
        "First start: sign in as **{username}** with the password printed in the terminal where the app was started."
    ),
    # Streamlit's own English words
    "ux.upload_hint": "Drag the file here, or press «Browse files» to choose it.",
    # the comparison (Scenarier, Sammenlign)
    "ux.working_copy": "{name} (working copy, not saved)",
    "ux.compare_default_help": (
        "Chosen for you: the scenario you are working on and the one it builds on. The working copy can be "
        "compared before it is saved."
    ),
    "ux.compare_differences_help": (
        "Each initiative that starts differently in the scenarios, with the optimiser's reason where it is "
        "out or later than it could be."
    ),
    "ux.compare_none_differ": "Every initiative starts at the same time in the chosen scenarios.",
    "ux.col.initiative": "Initiative",
    "ux.col.why": "Why",
    "ux.later_than": "starts {start}, could start {earliest}",
    "ux.reason_in": "{scenario}: {reason}",
    "ux.reason_unknown": "reason not found",
    # what an approval approves (Scenarier, Godkjent plan; Behandling)
    "ux.approval_title": "This is what is approved",
    "ux.approval_scenario": "Scenario **{scenario}**, plan {plan}",
    "ux.approval_npv": "Net present value",
    "ux.approval_investment": "Investment",
    "ux.approval_initiatives": "Initiatives in the plan",
    "ux.approval_npv_change": "NPV change from the plan of record",
    "ux.approval_by_region": "Investment per funding pool (MNOK)",
    "ux.approval_no_record": "There is no approved plan yet; this will be the first.",
    "ux.approval_same_as_record": "This is the plan of record (plan {plan}).",
    "ux.approval_against_record": (
        "Against the plan of record (plan {plan}, scenario {scenario}): {added} added, {dropped} dropped, "
        "{moved} moved."
    ),
    "ux.approval_list": "The initiatives in the plan ({n})",
    "ux.approval_changes": "Changes from the plan of record ({n})",
    "ux.col.pool": "Funding pool",
    "ux.col.this_plan": "This plan",
    "ux.col.record": "Plan of record",
    "ux.col.change": "Change",
    "ux.col.start": "Start",
    "ux.col.finish": "Finish",
    "ux.col.start_record": "Start in the plan of record",
    "ux.col.start_new": "Start in this plan",
    "ux.col.what": "What",
}
"""Keys prefixed ``ux.``; each (bokmål, English)."""
