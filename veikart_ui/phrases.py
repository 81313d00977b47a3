"""The domain's messages in the reader's language, and the words the app adds to them.

A reason, problem or refusal is a :class:`~planning.messages.message.Message` (a code and
values); :func:`translate` renders it from the catalogs (``planning/locale``) with the values
the app knows in bokmål beside them: the access rules' actions and roles, the columns'
descriptions. Text that is no message (HiGHS's status words, the text of an older stored
plan) is shown as it is, or in the reader's language where it is one of HiGHS's status words
(:mod:`planning.messages.words`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from planning.domain.problems import Problem
from planning.messages.message import JOINED, Message, Value
from planning.messages.phrases import phrase
from planning.messages.render import render
from planning.messages.words import SOLVER, access_words, word
from planning.store.access import PermissionDenied
from planning.store.versions import Conflict, ConflictError, ConflictWords
from veikart_ui.column_help import DESCRIPTIONS, description

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
    return conflict.told(ConflictWords.in_language(language))


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
    return word(SOLVER, str(part), language)


def _value(name: str, value: Value, language: str) -> str | None:
    """A value the app words itself in ``language``, or ``None`` for the catalogs' way."""
    if language == "en":
        return None
    worded = access_words(language)(name, value)
    if worded is not None:
        return worded
    if isinstance(value, str) and not isinstance(value, Message) and value in DESCRIPTIONS:
        return description(value, language)
    return None
