"""The domain's sentences for people: one template per kind of reason or problem.

Every reason, exclusion and diagnosis line the optimiser writes, and every problem message
and fix that validation and the readers of files write, is made from a template in
:data:`PHRASES`, so the words live in one place and a text can be read back into its kind
and values (:func:`read_phrase`). The app uses that to show them in the reader's language;
the domain itself writes English. Column names and coded values (``total_cost``,
``custom``) are kept as they are: they are what people type into the files.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from typing import Any

PHRASES: dict[str, str] = {
    # why an initiative is out of the plan or later than it could start
    "alternative_chosen": "alternative {chosen} was chosen (group {group})",
    "waits_for_one_missing": "waits for {missing}, which is not in the plan",
    "waits_for_missing": "waits for {missing}, which are not in the plan",
    "chain_too_long": "cannot finish in time: the chain {chain} lets it start {when} at the earliest",
    "after_horizon": "after the horizon",
    "first_room": "{blocker}; the first period with room is {period}",
    "blocked_later_too": "{blocker}, and every later start is blocked too",
    "later_start_better": "a later start gives a higher net present value",
    "does_not_pay_off": "does not pay off: net present value {npv} MNOK at its earliest start",
    "displaces": "fits, but would displace initiatives worth more (its own value is {npv} MNOK at its earliest start)",
    "waits_until_ready": "waits for {predecessor} (ready {period})",
    "budget_full": "the budget of {pool} in {period} is full ({amount} MNOK short)",
    "capacity_full": "capacity {pool} is full in {period}",
    # why an initiative is not decided at all
    "completed": "completed before the horizon",
    "stopped": "stopped",
    "forced_out": "forced out by the scenario",
    "waits_for_excluded": "waits for {predecessor}, which is {reason}",
    # why a scenario has no plan
    "required_but": "{initiative} is required but {reason}",
    "chain_misses_deadline": "{initiative} cannot finish by {period}: the dependency chain {chain} takes too long",
    "window_too_short": (
        "{initiative} cannot run inside its window: it needs {duration} periods from {start} "
        "but must finish by {finish}"
    ),
    "period_number": "period {number}",
    "required_cannot_fit": "{initiative} is required (mandatory, forced in or started) but cannot fit",
    "group_cannot_fit": "alternative group {group} needs one option, but none can fit",
    "pool_short": "{pool} is {amount} MNOK short in {period}",
    "capacity_over": "capacity {pool} is {amount} over its limit in {period}",
    "no_cause_found": "no plan exists, and the diagnosis model found no cause within its time limit",
    "no_single_rule": "no plan exists, but no single rule could be named",
    # what the solver did, beside its own status words
    "highs_stalled": "HiGHS stopped after {seconds} s: no better plan, and its bound closing slowly",
    "polished": "polishing: {rounds} neighbourhoods searched, {improvements} improved the plan",
    "core_searched": "core search: {rounds} cores searched, {improvements} improved the plan",
    "core_proven": (
        "core search: {rounds} cores searched, {improvements} improved the plan; no number of selected"
        " initiatives can hold a better plan (each searched to the end on every choice that could change,"
        " or ruled out by its relaxation), which proves the plan optimal"
    ),
    "work_limit": "node limit reached ({nodes} nodes), gap {gap}",
    "work_limit_no_plan": "node limit reached ({nodes} nodes) before any plan was found",
    "time_limit_safety_net": "the time limit ({limit} s), a safety net here, stopped the solve before its node limit",
    "time_guard": (
        "HiGHS had not stopped {limit} s into its search (it looks at the clock only between its"
        " steps), so Veikart stopped waiting and took the best plan it had found"
    ),
    "solving_no_plan": "Solving ({elapsed} of {limit} s): no plan found yet",
    "solving_plan_no_bound": "Solving ({elapsed} of {limit} s): a plan is found, no bound yet",
    "explaining": "Explaining initiative {done} of {total}: {initiative}",
    "solving_gap": "Solving ({elapsed} of {limit} s): the best plan so far is at most {gap} % from the best possible",
    "cbc_no_bound": "CBC stopped with a feasible plan; it reports no bound here",
    "cbc_no_plan": "CBC found no plan",
    "cbc_no_plan_in_time": "CBC found no plan within the time limit",
    # problems in the data: messages
    "horizon_rows": "the horizon needs exactly one row, found {count}",
    "unknown_reference": "unknown {what} '{value}'",
    "self_dependency": "an initiative cannot depend on itself",
    "more_cycles": "more dependency cycles not listed",
    "cycle": "dependency cycle {cycle}",
    "no_cost": "no cost given",
    "negative_profile_cost": "a cost in the profile is negative",
    "profile_length": "the profile has {values} values but the duration is {duration} periods",
    "total_differs": "total_cost {total} differs from the profile's sum {sum}",
    "shares_sum": "custom shares sum to {total}, not 1",
    "negative_share": "a share is negative",
    "shares_without_key": "shares are given but the key is '{key}'",
    "no_population_share": "funding pool '{pool}' has no population share for the population key",
    "not_a_period": "'{label}' is not a period; write a year such as {year}",
    "not_a_period_or": "'{label}' is not a period; write a year such as {year} or {period}",
    "wrong_period_length": "'{label}' does not fit {length} periods; write for example {period}",
    "outside_horizon": "{label} is outside the horizon {first}-{last}",
    "year_outside_horizon": "{year} is outside the horizon",
    "start_after_finish": "earliest start {start} is after latest finish {finish}",
    "window_does_not_fit": "{duration} periods do not fit between {since} and {finish}",
    "horizon_start": "the horizon's start {period}",
    "started_waits": "{successor} is started but waits for {predecessor}, which is {status}",
    "mandatory_alternatives": "mandatory initiatives {names} are alternatives in group '{group}'; only one can be done",
    "obligation_without_note": "a {obligation} obligation needs a note saying which law or duty requires it",
    "obligation_alternatives": "obligations {names} are alternatives in group '{group}'; only one can be done",
    "lifetime": "lifetime is {lifetime} years",
    "ramp_up_range": "ramp-up shares must lie between 0 and 1",
    "estimate_low_above_likely": "{field} {value} is above the most likely value {likely} ({likely_field})",
    "estimate_high_below_likely": "{field} {value} is below the most likely value {likely} ({likely_field})",
    "estimate_on_completed": "a completed initiative has no uncertainty left, but {field} is {value}",
    "no_reference_level": "no ambition level has factor 1",
    "forced_both": "'{initiative}' is forced both in and out",
    "not_pool_year": "'{key}' is not POOL/YEAR",
    "unknown_table": "unknown table '{table}' was not read",
    "unknown_column": "unknown column '{column}' was not read",
    "duplicate_id": "duplicate id (also on row {line})",
    "not_allowed": "'{value}' is not allowed",
    "boolean_for_number": "{value} is true or false, not a number",
    "nan_value": "{value} is not a number (NaN)",
    "infinite_value": "{value} is infinite or too large to be a number",
    "outside_range": "{value} is outside the range {low} to {high}",
    "optimiser_not_finite": "a number the optimiser would plan with is not finite",
    "not_a_pair": "'{text}' is not a KEY=value pair; write pairs as A=0.5;B=0.5",
    "not_a_workbook": "{file} is not a readable .xlsx workbook ({reason})",
    "sheet_twice": "sheets '{first}' and '{second}' both hold table {table}",
    "sheet_missing": "sheet '{table}' is missing",
    "too_many_rows": "sheet '{sheet}' has {rows} rows, more than the {limit} read",
    "merged_cells": "cells {cells} of sheet '{sheet}' are merged",
    "blank_header": "column {column} holds data but its header is blank",
    "column_twice": "column '{column}' appears twice (columns {first} and {second})",
    "error_value": "cell {cell} holds the error value {value}",
    "formula": "cell {cell} holds a formula",
    "path_missing": "{path} does not exist",
    "file_problem": "{path}: {reason}",
    "csv_unreadable": "{file} is not a readable CSV file ({reason})",
    "csv_not_text": "{file} is neither UTF-8 nor Windows-1252 text",
    "csv_columns_missing": "{file} has no column {columns} (the first row names: {found})",
    "csv_no_rows": "{file} has no rows under its first row",
    "no_columns": "no columns",
    "plan_json_unreadable": "{file} is not readable JSON ({reason})",
    "plan_json_shape": "{file} has no list 'initiatives' or 'roadmap' of objects with id and start",
    "plan_id_missing": "the initiative's id is missing",
    "plan_workbook_unreadable": "{file} is not a readable .xlsx workbook",
    "plan_too_many_rows": "{file} has {rows} rows, more than the {limit} a plan file may have",
    "plan_not_selected": "selected says no, but start is {start}",
    # the plan checker: one rule a plan breaks
    "check_excluded": "{initiative}: in the plan, but it cannot be ({reason})",
    "check_unknown": "{initiative}: unknown initiative",
    "check_before_horizon": "{initiative}: starts before the horizon",
    "check_before_earliest": "{initiative}: starts {start}, before its earliest start {earliest}",
    "check_after_latest": "{initiative}: finishes {finish}, after its latest finish {latest}",
    "check_after_horizon": "{initiative}: finishes {finish}, after the horizon's end {latest}",
    "check_started": "{initiative}: started, so it must continue from the first period",
    "check_mandatory": "{initiative}: mandatory (or forced in), but not in the plan",
    "check_obligation": "{initiative}: an obligation ({obligation}) the scenario keeps, but not in the plan",
    "check_locked": "{initiative}: locked to start {locked}, starts {start}",
    "check_target": "{initiative}: a completion target, but not in the plan",
    "check_predecessor_out": "{initiative}: depends on {predecessor}, which is not in the plan",
    "check_before_predecessor": "{initiative}: starts {start}, before {predecessor} allows ({ready})",
    "check_alternatives": "alternative group {group}: {chosen} are all in the plan; at most one may be",
    "check_no_alternative": "alternative group {group}: required, but no option is in the plan",
    "check_budget": "budget {pool} {period}: spends {used} MNOK of {available} MNOK",
    "check_capacity": "capacity {pool} {period}: uses {use} of {limit}",
    "json_invalid": "not valid JSON ({reason})",
    "json_shape": "expected an object of table name -> list of rows",
    "json_rows": "every row must be an object of column -> value",
    "no_scenario": "no scenario given",
    "upload_kind": "{file} is not a workbook, JSON file or .zip of CSV files",
    "zip_unreadable": "{file} is not a readable .zip file",
    "zip_no_csv": "{file} holds no .csv files",
    "zip_twice": "{file} holds {names} more than once",
    "zip_too_large": "{file} unpacks to more than {limit} MB",
    "zip_cannot_unpack": "{file} cannot be unpacked ({reason})",
    "file_too_large": "{file} is {size} MB, more than the {limit} MB read",
    "unzipped_too_large": "{file} unpacks to {size} MB, more than the {limit} MB read",
    "zip_too_many_members": "{file} holds {count} files, more than the {limit} read",
    "file_empty": "{file} is empty",
    "file_not_text": "{file} is not a text file: it holds NUL bytes (binary data, or UTF-16 text)",
    "json_too_deep": "{file} is nested more than {limit} levels deep",
    "json_too_long": "{file} has a list of more than {limit} items",
    "json_too_many": "{file} holds more than {limit} values",
    "csv_too_many_rows": "{file} has more than {limit} rows",
    "csv_too_many_columns": "{file} has more than {limit} columns",
    "too_many_columns": "sheet '{sheet}' has data in more than {limit} columns",
    "no_value": "has no value (NaN is not a number)",
    "too_large_to_store": "{value} is too large to store (the limit is {limit})",
    "holds_nan": "holds NaN, which is not a number",
    "unknown_benefit": "unknown benefit '{benefit}'",
    "not_the_unit": "unit '{unit}' is not the benefit's unit",
    "in_the_future": "{year} is in the future",
    "before_baseline": "{year} is before the baseline ({first})",
    "negative_mnok": "{value} MNOK is negative",
    "over_ten_times": "{value} MNOK is over 10 times the planned {planned}",
    "percent_range": "{value} % is outside 0-100",
    "far_outside": "{value} {unit} is far outside baseline {baseline} to target {target}",
    "entered_by_missing": "who entered the value is missing",
    "same_benefit_year": "same benefit and year as row {line}",
    "invalid_with_others": "together with changes others saved meanwhile, the portfolio is invalid:",
    "database_refused": "the database refused the save: {reason}",
    # problems in the data: how to fix them
    "fix_horizon_rows": "keep one row with first_year, periods and period_length",
    "fix_save_csv_utf8": "save it from Excel as CSV UTF-8 (comma or semicolon between cells)",
    "fix_measurement_columns": (
        "the first row names the columns: benefit_id, year, value (optional: comment, unit, entered_by)"
    ),
    "fix_plan_file": (
        "use the plan as Veikart exports it, or a sheet or CSV file whose first row names the columns id "
        "and start (empty start = not in the plan)"
    ),
    "fix_plan_json": "use the plan's JSON export, or the JSON that planning optimize --json prints",
    "fix_plan_not_selected": "clear start to leave the initiative out, or set selected to true",
    "fix_plan_id": "enter the initiative's id, or delete the row",
    "fix_plan_duplicate": "keep one row for each initiative",
    "fix_plan_start": "enter a period from {first} to {last}, or leave start empty for not in the plan",
    "fix_use_one_of": "use one of: {choices}",
    "fix_add_first": "add the {what} first",
    "fix_self_dependency": "remove the row or name another predecessor",
    "fix_more_cycles": "fix the cycles above and validate again",
    "fix_cycle": "remove or reverse one dependency in the cycle",
    "fix_no_cost": "enter total_cost in MNOK, or a cost_profile with one value per period",
    "fix_negative_profile_cost": "enter costs of 0 MNOK or more",
    "fix_profile_length": "give one cost per period of execution, or change the duration",
    "fix_total_differs": "leave total_cost empty or make it equal the profile's sum",
    "fix_shares_sum": "adjust the shares so they add up to 1",
    "fix_negative_share": "use shares of 0 or more",
    "fix_shares_without_key": "set cost_sharing to custom, or clear custom_shares",
    "fix_no_population_share": "choose the equal, lead or custom key, or give the pool a population share",
    "fix_period": "write a period inside the horizon, for example a year",
    "fix_outside_horizon": "use a period inside the horizon, or extend the horizon",
    "fix_year_outside_horizon": "remove the row or extend the horizon",
    "fix_start_after_finish": "move the earliest start earlier or the latest finish later",
    "fix_window_does_not_fit": "widen the window or shorten the duration",
    "fix_started_waits": "mark {predecessor} as {ready}, change {successor}'s status, or remove the dependency",
    "fix_mandatory_alternatives": "make at most one of them mandatory, or mark the group required instead",
    "fix_obligation_note": (
        "write the law or duty in obligation_note (for example 'sameloven kap. 3'), or set obligation to none"
    ),
    "fix_obligation_alternatives": "keep at most one of them an obligation (set obligation to none on the others)",
    "fix_lifetime": "enter a lifetime of at least 1 year",
    "fix_ramp_up_range": "write fractions of full effect, for example 0.3;0.7",
    "fix_estimate_order": "give low <= most likely <= high, or leave {field} blank for the {risk} risk class's default",
    "fix_estimate_on_completed": "leave {field} blank on completed initiatives",
    "fix_no_reference_level": "mark the reference level (for example Basis) with factor 1",
    "fix_forced_both": "remove it from one of the two lists",
    "fix_not_pool_year": "write keys such as HSO/2027=120",
    "fix_unknown_table": "rename it to one of: {tables}",
    "fix_unknown_column": "remove it or rename it to a documented column",
    "fix_duplicate_id": "give each row its own id",
    "fix_fill_in": "fill in {column}: {description}",
    "fix_in_range": "enter a value within the allowed range",
    "fix_in_range_unit": "enter a value in {unit} within the allowed range",
    "fix_number_range": "enter a number from {low} to {high}",
    "fix_number_range_unit": "enter a number from {low} to {high} ({unit})",
    "fix_whole_number_range": "enter a whole number from {low} to {high}",
    "fix_whole_number_range_unit": "enter a whole number from {low} to {high} ({unit})",
    "fix_number_above": "enter a number above {low} and at most {high}",
    "fix_number_above_unit": "enter a number above {low} and at most {high} ({unit})",
    "fix_enter": "enter {expected}",
    "fix_enter_unit": "enter {expected} in {unit}",
    "fix_text_length": "shorten or fill in the text",
    "fix_not_a_workbook": "open it in a spreadsheet program and save it as an Excel workbook (.xlsx)",
    "fix_sheet_twice": "keep one of them",
    "fix_sheet_missing": "add a sheet named {table} with its header row (planning template writes one)",
    "fix_too_many_rows": "delete the rows below the data",
    "fix_merged_cells": "unmerge the cells",
    "fix_blank_header": "enter the column's name in row 1, or delete the column",
    "fix_column_twice": "delete or rename one of them",
    "fix_error_value": "enter the value itself",
    "fix_formula": "enter the value itself (copy, then paste values only)",
    "fix_path": "check the path",
    "fix_file_format": "fix the file's format",
    "fix_upload_kind": "upload .xlsx, .json or .zip",
    "fix_zip_again": "zip the folder of TABLE.csv files again",
    "fix_zip_no_csv": "put one TABLE.csv per table in the .zip (initiative.csv, ...)",
    "fix_zip_twice": "keep one file per table",
    "fix_zip_too_large": "upload the portfolio's tables only",
    "fix_file_too_large": "split the file, or keep only the portfolio's tables in it",
    "fix_file_empty": "choose the right file, or export it again",
    "fix_json_limits": "use the JSON Veikart exports: an object of table name -> list of rows",
    "fix_plain_number": "enter a plain number",
    "fix_optimiser_not_finite": "enter finite numbers within each column's range (docs/data-model.md)",
    "fix_benefit_id": "use a benefit id",
    "fix_use": "use {value}",
    "fix_or_earlier": "use {year} or earlier",
    "fix_or_later": "use {year} or later",
    "fix_realised_benefit": "enter the realised benefit, 0 or more",
    "fix_mnok_per_year": "enter MNOK per year (not NOK or a total), or correct the benefit's annual value",
    "fix_percentage": "enter a percentage from 0 to 100",
    "fix_check_unit": "check the value is in {unit}",
    "fix_give_name": "give a name",
    "fix_keep_one": "keep one",
    # words inside the sentences above
    "funding_pool": "funding pool",
    "capacity_pool": "capacity pool",
    "alternative_group": "alternative group",
    "initiative": "initiative",
    "ambition_level": "ambition level",
    "benefit": "benefit",
    "true_or_false": "true or false",
    "whole_number": "a whole number",
    "number": "a number",
    "date": "a date such as 2027-06-30",
    "date_time": "a date and time such as 2027-06-30T12:00",
    "type_list_text": "list of text (a;b)",
    "type_list_number": "list of numbers (1;2.5)",
    "type_map_text": "pairs (KEY=text;KEY=text)",
    "type_map_number": "pairs (KEY=number;KEY=number)",
    "type_text": "text",
    # where a problem is, when the row has no id or the column no name
    "row_number": "row {line}",
    "column_letter": "column {letter}",
    # units of columns and period lengths
    "unit_mnok_per_period": "MNOK per period",
    "unit_mnok_per_year": "MNOK per year",
    "unit_fraction": "fraction",
    "unit_fraction_per_year": "fraction per year",
    "unit_periods": "periods",
    "unit_score": "score",
    "unit_seconds": "seconds",
    "unit_units_per_period": "units per period",
    "unit_year": "year",
    "unit_years": "years",
    "half_year": "half-year",
    "quarter": "quarter",
    # who may do what (planning.store.access); {action} and {roles} are the access words, {table} a table's name
    "anonymous_user": "an anonymous user (not signed in)",
    "sign_in_to": "sign in to {action}: {who} may only read",
    "unknown_role": "{user} has the unknown role '{role}' and may do nothing",
    "only_roles_may": "{who} may not {action}: only {roles} may",
    "only_roles_change": "{who} may not {action} {table} '{row}': only {roles} change {table} rows",
    "only_roles_change_region": (
        "{who} may not {action} {table} '{row}': only {roles} change {table} rows; region editors only {rule}"
    ),
    "no_region_set": "{who} may not {action} {table} '{row}': the user has no region set (planning users set-role)",
    "region_editors_only": "{who} may not {action} {table} '{row}': region editors may only change {rule}",
    "row_of_other_region": (
        "{who} may not {action} {table} '{row}': region editors may only change {rule} (this row belongs to {regions})"
    ),
    "no_region": "no region",
    "and_more": "... and {count} more",
    "rule_envelope": "envelopes of its own region",
    "rule_initiative": "initiatives its region leads",
    "rule_measurement": "benefit measurements of initiatives its region leads",
    "rule_scenario": "its own region's ambition level in a scenario (nothing else in it)",
    "not_signed_in_session": "not a signed-in session: sign in through the store (planning.store.users.open_session)",
    "session_user_gone": "the signed-in user '{user}' is no longer in the user store",
    # the audit chain (planning.store.audit_verify)
    "audit_unhashed": "entry {id} has no hash: it was written outside the application",
    "audit_chain_start": "the start of the chain",
    "audit_entry_ref": "entry {id}",
    "audit_link_broken": (
        "entry {id} does not follow {before}: an entry between them was deleted, or entry {id} was inserted"
    ),
    "audit_altered": "entry {id} was altered after it was written: its content no longer matches its hash",
    "audit_backdated": "entry {id} is back-dated: dated {at}, before the entry before it ({last})",
    "audit_anchor_missing": "the chain no longer holds the entry hashed {anchor}: entries were deleted or rewritten",
    "audit_record_missing": "{records}, sealed by entry {id}, is missing: it was deleted",
    "audit_record_altered": "{records} differs from its seal in entry {id}: it was altered",
    "audit_record_unsealed": "{record} has no audit entry sealing it: it was written outside the application",
    "audit_superseded_unrecorded": "approval {id} is marked superseded, but no approval in the chain replaced it",
    "audit_replaced_but_current": "approval {id} was replaced by a later approval, but is marked current",
    "audit_first_version": "version 1 of case {case}",
    "joint_mandatory": (
        "{who} may not {action} {table} '{row}': only {roles} mark an initiative mandatory or not,"
        " as it binds every region"
    ),
    "joint_cost_shift": (
        "{who} may not {action} {table} '{row}': it would charge a larger share of the cost to {regions};"
        " only {roles} shift cost to other regions"
    ),
    "joint_capacity": (
        "{who} may not {action} {table} '{row}': it would use more of the shared capacity {pools};"
        " only {roles} change the use of shared capacity"
    ),
    "only_secretary_records": "{who} may not record the decision of {body}: only its secretary ({role}) may",
    "secretary_of_other_region": (
        "{who} may not record the decision of {body}: a board secretary records only the decisions of "
        "the board of its own region ({region})"
    ),
    # simulating a plan under uncertain estimates
    "unknown_distribution": "distribution: unknown name '{value}'; use one of {choices}",
    "option_out_of_range": "{option}: {value} is outside the allowed {low} to {high}",
    "unknown_policy": "policy: unknown name '{value}'; use one of {choices}",
    "unknown_grouping": "correlate_by: unknown name '{value}'; use one of {choices}",
    "no_plan_to_simulate": "there is no plan to simulate (status {status})",
    "simulating": "Simulating: {done} of {total} futures",
}


class PhraseBook:
    """Templates by key: write a sentence from one, or read a sentence back into key and values."""

    def __init__(self, templates: Mapping[str, str]) -> None:
        self.templates = dict(templates)
        self._patterns = _compile(self.templates)

    def say(self, key: str, /, **values: Any) -> str:
        """The text of ``key`` with ``values`` filled in (numbers formatted by the caller)."""
        return self.templates[key].format(**values)

    def read(self, text: str) -> tuple[str, dict[str, str]] | None:
        """(key, values) of the template ``text`` was made from; ``None`` for any other text.

        Templates with more fixed words are tried first, so ``waits for X, which is not in
        the plan`` reads as a missing predecessor, not as one excluded for "not in the plan".
        """
        for key, pattern in self._patterns:
            found = pattern.fullmatch(text)
            if found:
                return key, found.groupdict()
        return None


def _compile(templates: Mapping[str, str]) -> list[tuple[str, re.Pattern[str]]]:
    compiled = []
    for key, template in templates.items():
        parts = list(string.Formatter().parse(template))
        regex, seen = "", set()
        for literal, name, _, _ in parts:
            regex += re.escape(literal)
            if name:  # a value used twice must read the same both times
                regex += f"(?P={name})" if name in seen else f"(?P<{name}>.+?)"
                seen.add(name)
        fixed = sum(len(literal) for literal, *_ in parts)
        compiled.append((fixed, key, re.compile(regex, re.DOTALL)))
    return [(key, pattern) for _, key, pattern in sorted(compiled, key=lambda c: -c[0])]


BOOK = PhraseBook(PHRASES)


def phrase(key: str, /, **values: Any) -> str:
    """The text of ``key`` in :data:`PHRASES` with ``values`` filled in."""
    return BOOK.say(key, **values)


def read_phrase(text: str) -> tuple[str, dict[str, str]] | None:
    """(key, values) of the phrase ``text`` was made from; ``None`` for any other text."""
    return BOOK.read(text)
