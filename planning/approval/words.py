"""What a decision case says to people when it refuses something, with one template per kind.

The domain writes English; :class:`CaseError` keeps the template's key and values, so the
app can write the same message in bokmål (``veikart_ui/case_texts.py``). Every message says
what is wrong, how to fix it, and that nothing stored was changed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from planning.messages.render import catalog, date_text, datetime_text

NOTHING_STORED = "nothing was stored"

MESSAGES: dict[str, str] = {
    "unknown_case": "there is no decision case {case}; list the cases with 'planning case list'",
    "unknown_body": "case {case} has no body '{body}'; use one of: {bodies}",
    "unknown_outcome": "'{outcome}' is not an outcome; use one of: {outcomes}",
    "empty_field": "{field} is empty: give {example}; " + NOTHING_STORED,
    "too_long": "{field} has {length} characters, at most {limit} are kept; shorten it; " + NOTHING_STORED,
    "bad_date": "the meeting date '{value}' is not a date: write it as YYYY-MM-DD, for example 2026-10-15",
    "future_date": (
        "the meeting date {date} is after today ({today}): record a decision after the meeting; " + NOTHING_STORED
    ),
    "unknown_version": "case {case} has no version {version}; its versions are 1 to {last}",
    "superseded_version": (
        "version {version} of case {case} is superseded by version {current} (made {made}): decisions are "
        "recorded on the current version; " + NOTHING_STORED
    ),
    "inputs_changed": (
        "the data changed since version {version} of case {case} was made (plan {plan} no longer matches the "
        "portfolio): the approvals so far apply to that version. A coordinator makes a new version on the "
        "current data ('planning case revise {case}'); " + NOTHING_STORED
    ),
    "stage_not_done": (
        "{body} cannot decide on version {version} yet: {waiting} has not {verb} it; "
        "record that decision first; " + NOTHING_STORED
    ),
    "before_previous_stage": (
        "the meeting date {date} is before {previous} decided on {previous_date} ({case_no}): {body} treats the "
        "plan after the stage before it; check the date; " + NOTHING_STORED
    ),
    "before_own_decision": (
        "the meeting date {date} is before {body}'s earlier decision on this version ({previous_date}, "
        "{case_no}); check the date; " + NOTHING_STORED
    ),
    "already_decided": (
        "{body} has already decided on version {version} ({outcome} on {date}, {case_no}); that decision stands. "
        "A new treatment needs a new version ('planning case revise {case}'); " + NOTHING_STORED
    ),
    "later_stage_decided": (
        "{body} cannot decide on version {version} any more: {later} has already decided on it; "
        "a new treatment needs a new version; " + NOTHING_STORED
    ),
    "condition_needs_text": (
        "approved with conditions needs the condition as text (--condition, for example "
        "'approved provided 2027 is at most 240 MNOK'); " + NOTHING_STORED
    ),
    "condition_without_outcome": (
        "a condition belongs to the outcome approved_with_conditions, not {outcome}; " + NOTHING_STORED
    ),
    "condition_incomplete": (
        "a condition Veikart checks needs the pool, the year and the most MNOK together (missing: {missing}); "
        + NOTHING_STORED
    ),
    "condition_other_region": (
        "the condition names the envelope of {pool}, but {body} sets conditions only on its own envelope "
        "({own}); " + NOTHING_STORED
    ),
    "condition_no_envelope": ("{body} has no envelope of its own: give its condition as text only; " + NOTHING_STORED),
    "condition_year": "the condition's year {year} is outside the plan's horizon {first}–{last}; " + NOTHING_STORED,
    "condition_amount": ("the condition's most MNOK must be a number at or above 0, not {value}; " + NOTHING_STORED),
    "plan_without_schedule": "plan {plan} is {status}: only a plan with a schedule can be treated",
    "plan_on_other_data": (
        "plan {plan} was made on other data than the portfolio holds now: run scenario {scenario} again "
        "('planning run {scenario}') and use the new plan"
    ),
    "plan_in_case": (
        "plan {plan} is already treated in case {case} (version {version}); see 'planning case status {case}'"
    ),
    "same_plan": "plan {plan} is already version {version} of case {case}; a new version needs another plan",
    "nothing_changed": (
        "neither the plan nor its data changed since version {version} of case {case}: there is nothing to "
        "treat again; " + NOTHING_STORED
    ),
    "no_condition_to_apply": (
        "decision {decision} of case {case} has no condition Veikart checked that fails: nothing to apply"
    ),
    "bodies_invalid": "the bodies of a case: {problem}",
}
"""Message key -> English template."""


VERBS_BOKMAL = {"recommended": "anbefalt", "treated": "behandlet", "approved": "godkjent"}
OUTCOMES_BOKMAL = {
    "approved": "godkjent",
    "approved_with_conditions": "godkjent med forbehold",
    "returned": "sendt tilbake",
    "rejected": "ikke godkjent",
}


class CaseError(ValueError):
    """A decision case refused a request; ``key`` and ``values`` name the message (:data:`MESSAGES`).

    Dates and times are kept as such (:attr:`dates`), written ISO in the English text and the
    reader's way by :meth:`told`."""

    def __init__(self, key: str, /, *, named: Iterable[Any] = (), **values: Any) -> None:
        self.key = key
        self.dates = {name: value for name, value in values.items() if isinstance(value, dt.date)}
        self.names = {b.name_en: b.name for b in (*named, *values.values()) if _is_body(b)}
        """The bodies named, by English name -> own name (bokmål): a body given as a value, or in ``named``."""
        self.values = {name: _plain(value) for name, value in values.items()}
        super().__init__(MESSAGES[key].format(**self.values))

    def told(self, language: str, names: Mapping[str, str] | None = None) -> str:
        """The refusal in ``language``: the catalog's words (context ``case_error.KEY``), dates the
        reader's way (``15. okt. 2026``), and in bokmål the bodies by their own names (those the
        error was raised with, and ``names``: English name -> own)."""
        values = dict(self.values)
        if language != "en":
            own = {**self.names, **(names or {})}
            values = {k: _own_names(v, own) for k, v in values.items()}
            if "verb" in values:
                values["verb"] = VERBS_BOKMAL.get(values["verb"], values["verb"])
            if "outcome" in values:
                values["outcome"] = OUTCOMES_BOKMAL.get(values["outcome"], values["outcome"])
        for name, when in self.dates.items():
            values[name] = datetime_text(when, language) if isinstance(when, dt.datetime) else date_text(when, language)
        message = catalog(language).pgettext(f"case_error.{self.key}", MESSAGES[self.key]).format(**values)
        return message if language == "en" else message[:1].upper() + message[1:]


def _is_body(value: Any) -> bool:
    """A body (:class:`planning.approval.bodies.Body`, which imports this module): it has both names."""
    return isinstance(getattr(value, "name", None), str) and isinstance(getattr(value, "name_en", None), str)


def _own_names(text: str, names: Mapping[str, str]) -> str:
    """``text`` with each body's English name replaced by its own (also within a list of bodies)."""
    english = sorted((n for n in names if n and names[n] != n), key=len, reverse=True)
    if not english:
        return text
    return re.sub("|".join(map(re.escape, english)), lambda m: names[m.group(0)], text)


def _plain(value: Any) -> str:
    """A value in the English text: a body by its English name, a date ISO (``2026-10-15``), a time
    in UTC (``2026-10-15 12:00 UTC``)."""
    if _is_body(value):
        return str(value.name_en)
    if isinstance(value, dt.datetime):
        aware = value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)
        return aware.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
