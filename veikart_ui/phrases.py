"""The domain's messages in the reader's language, and the words the app adds to them.

A reason, problem or refusal is a :class:`~planning.messages.message.Message` (a code and
values); :func:`translate` renders it from the catalogs (``planning/locale``) with the values
the app knows in bokmål beside them: the access rules' actions and roles, the columns'
descriptions. Text that is no message (HiGHS's status words, the text of an older stored
plan) is shown as it is, or through :data:`SOLVER_WORDS` where it is a status word.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from planning.domain.problems import Problem
from planning.messages.message import JOINED, Message, Value
from planning.messages.phrases import phrase
from planning.messages.render import render
from planning.store.access import PermissionDenied
from planning.store.versions import Conflict, ConflictError, ConflictWords
from veikart_ui.column_help import DESCRIPTIONS, description

SOLVER_WORDS = {
    "not set": "ikke satt",
    "load error": "feil ved innlesing",
    "model error": "feil i modellen",
    "presolve error": "feil i forbehandlingen",
    "solve error": "feil under løsingen",
    "postsolve error": "feil i etterbehandlingen",
    "empty": "tom modell",
    "optimal": "optimal",
    "infeasible": "ingen gyldig plan",
    "primal infeasible or unbounded": "ingen gyldig plan, eller ubegrenset",
    "unbounded": "ubegrenset",
    "bound on objective reached": "grensen for målfunksjonen nådd",
    "target for objective reached": "målet for målfunksjonen nådd",
    "time limit reached": "tidsgrensen nådd",
    "iteration limit reached": "iterasjonsgrensen nådd",
    "unknown": "ukjent",
    "solution limit reached": "grensen for antall løsninger nådd",
    "interrupted by user": "avbrutt",
    "memory limit reached": "minnegrensen nådd",
    "interrupted by highs": "avbrutt av HiGHS",
}
"""HiGHS's own status words (``modelStatusToString``, lower case), which the solver facts carry
beside the phrases."""
ACCESS_WORDS = {
    "read": "lese",
    "insert": "legge til",
    "update": "endre",
    "delete": "slette",
    "import": "lese inn",
    "run": "kjøre optimeringen",
    "approve": "godkjenne planer",
    "manage users": "administrere brukere",
    "prepare case": "forberede behandlingssaker",
    "record decision": "føre vedtak",
    "Admin": "administrator",
    "Coordinator": "IT-koordinator",
    "Region editor": "regional redaktør",
    "Steering member": "styringsgruppemedlem",
    "Viewer": "leser",
    "IT directors' meeting secretary": "sekretær for IKT-direktørmøtet",
    "Leaders' meeting secretary": "sekretær for ledermøtet",
    "Board secretary": "styresekretær",
}
"""The access rules' actions and role names (:data:`planning.store.access.ROLE_LABELS`) in bokmål."""
CONFLICT_BOKMAL = ConflictWords(
    line="{table} '{row}' ble {count} av {who} {when}: {what}",
    changed="endret",
    changed_times="endret {n} ganger siden du åpnet den, sist",
    language="nb",
    unknown_time="på et ukjent tidspunkt",
    outsider="noen utenfor den versjonerte lagringen",
    no_field="ingen felt er ulike nå (endret og endret tilbake)",
    deleted="raden ble slettet",
    yours=" (din endring, ikke lagret: {fields})",
    empty="(tom)",
    decimal=",",
)
"""A row someone else changed meanwhile, told in bokmål."""
PLACES = ("row_number", "column_letter")
"""Phrases that may stand for a row or a column; everything else there is an id or a column name."""


def translate(text: str, language: str) -> str:
    """``text`` in ``language`` (``nb`` or ``en``) when it is a message; other text as it is."""
    return render(text, language, lambda name, value: _value(name, value, language))


def user_label(label: str, language: str) -> str:
    """A user's label (:attr:`planning.store.access.User.label`) with the role in ``language``."""
    return translate(label, language)


def refusal_lines(refused: PermissionDenied, language: str) -> str:
    """Every reason the access rules gave, one a line, in ``language``."""
    shown = [translate(reason, language) for reason in refused.reasons[:20]]
    return _with_count_of_rest(shown, len(refused.reasons) - 20, language)


def conflict_lines(conflicted: ConflictError, language: str, limit: int = 20) -> str:
    """The first ``limit`` rows someone else changed meanwhile, one a line in ``language``, and
    how many more there are."""
    shown = [conflict_line(conflict, language) for conflict in conflicted.conflicts[:limit]]
    return _with_count_of_rest(shown, len(conflicted.conflicts) - limit, language)


def conflict_line(conflict: Conflict, language: str) -> str:
    """Who changed the row and when, what they changed, and the change that was not saved."""
    return conflict.told(CONFLICT_BOKMAL if language == "nb" else ConflictWords())


def translate_problem(problem: Problem, language: str) -> Problem:
    """``problem`` with its message and fix in ``language``, and a row or column named by its
    number ("row 3") too; ids, tables and column names stay as they are."""
    if language == "en":
        return problem
    return replace(
        problem,
        row=_place(problem.row, language),
        field=_place(problem.field, language),
        message=translate(problem.message, language),
        fix=translate(problem.fix, language),
    )


def _place(label: str, language: str) -> str:
    """A row or column named by its number or letter, translated; ids and column names stay."""
    return translate(label, language) if isinstance(label, Message) and label.code in PLACES else label


def problem_line(problem: Problem, language: str) -> str:
    """One problem on one line, in ``language``: where it is, what is wrong, how to fix it."""
    shown = translate_problem(problem, language)
    return f"{shown.location}: {shown.message}" + (f" ({shown.fix})" if shown.fix else "")


def problem_lines(problems: Sequence[Problem], language: str, limit: int = 20) -> str:
    """The first ``limit`` problems, one a line in ``language``, and how many more there are."""
    shown = [problem_line(p, language) for p in problems[:limit]]
    return _with_count_of_rest(shown, len(problems) - limit, language)


def _with_count_of_rest(shown: list[str], more: int, language: str) -> str:
    """``shown`` one a line, then "... and N more" in ``language`` when ``more`` were left out."""
    rest = [translate(phrase("and_more", count=more), language)] if more > 0 else []
    return "\n".join(shown + rest)


def translate_message(message: str, language: str) -> str:
    """A solver message: notes (messages) and HiGHS's status words joined by "; ", each in ``language``."""
    if language == "en" or not message:
        return message
    parts = message.values["parts"] if isinstance(message, Message) and message.code == JOINED else (message,)
    assert isinstance(parts, tuple)
    return "; ".join(_solver_part(part, language) for part in parts)


def _solver_part(part: Value, language: str) -> str:
    if isinstance(part, Message):
        return translate(part, language)
    return SOLVER_WORDS.get(str(part), str(part))


def _value(name: str, value: Value, language: str) -> str | None:
    """A value the app words itself in ``language``, or ``None`` for the catalogs' way."""
    if language == "en":
        return None
    if name == "action" and isinstance(value, str):
        return ACCESS_WORDS.get(value, value)
    if name in ("roles", "role") and isinstance(value, (str, tuple)):
        *others, last = [
            ACCESS_WORDS.get(str(role), str(role)) for role in (value if isinstance(value, tuple) else (value,))
        ]
        return f"{', '.join(others)} og {last}" if others else last
    if isinstance(value, str) and not isinstance(value, Message) and value in DESCRIPTIONS:
        return description(value, language)
    return None
