"""The command line's language: ``--lang nb|en``, else ``LANG`` (bokmål where it starts with nb or no).

Messages (:class:`~planning.messages.message.Message`) are rendered here, at the edge, in
the reader's language (:func:`say`); the command line's own words go through the catalogs
with :func:`_`. JSON gives every message twice: rendered, and as its code and values
(:func:`problem_json`).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from typing import Any

import click

from planning.approval.words import CaseError
from planning.domain.problems import InvalidPortfolio, Problem
from planning.messages.counts import counted
from planning.messages.message import Message, as_json, said
from planning.messages.phrases import phrase
from planning.messages.render import catalog, date_text, datetime_text, gettext_in, number, percent, render
from planning.messages.words import access_words

LANGUAGES = ("en", "nb")
DEFAULT = "en"
KEY = "language"
MAX_PROBLEMS = 20
"""Problems an error about invalid data lists, as its English text does."""
ASKED = "language_asked"
"""Where the context keeps the ``--lang`` given (``None``: none)."""
DOCUMENT_DEFAULT = "nb"
"""The language of a written document (the report, the board papers) where nothing names one."""


def from_environment(environ: Mapping[str, str] | None = None) -> str:
    """``nb`` where ``LANG`` names bokmål or Norwegian (``nb_NO.UTF-8``, ``no``), else English."""
    lang = (os.environ if environ is None else environ).get("LANG", "")
    return "nb" if lang.lower().startswith(("nb", "no")) else DEFAULT


def current() -> str:
    """The language of the command being run (``--lang``), or of the environment."""
    ctx = click.get_current_context(silent=True)
    chosen = ctx.find_root().obj.get(KEY) if ctx is not None and isinstance(ctx.find_root().obj, dict) else None
    return chosen if chosen in LANGUAGES else from_environment()


def document_language(environ: Mapping[str, str] | None = None) -> str:
    """The language of a document the command writes (the steering committee report, the board papers):
    ``--lang``, else the language ``LANG`` names (bokmål for ``nb``/``no``, English for ``en``), else
    bokmål: the documents are for Norwegian committees and boards, and were bokmål only before."""
    ctx = click.get_current_context(silent=True)
    root = None if ctx is None else ctx.find_root().obj
    asked = root.get(ASKED) if isinstance(root, dict) else None
    if asked in LANGUAGES:
        return str(asked)
    lang = (os.environ if environ is None else environ).get("LANG", "").lower()
    if lang.startswith(("nb", "no")):
        return "nb"
    return "en" if lang.startswith("en") else DOCUMENT_DEFAULT


def say(text: str) -> str:
    """``text`` in the command's language where it is a message; other text as it is."""
    language = current()
    return render(text, language, access_words(language))


def stage(text: str) -> str:
    """A progress stage in the command's language: a message rendered, a plain stage name of the
    optimiser ("Solving", "Checking the plan on fresh futures") from the catalogs' stage words
    (context ``stage.NAME``, which the app shows too), other text as it is."""
    if isinstance(text, Message):
        return say(text)
    return catalog(current()).pgettext(f"stage.{text}", text)


def _(words: str) -> str:
    """The command line's own ``words`` in the command's language (from the catalogs)."""
    return gettext_in(current())(words)


def N_(words: str) -> str:
    """``words`` as they are, marked for the catalogs: translated later, where they are shown (help texts)."""
    return words


def num(value: float, digits: int) -> str:
    """A number in the command's language (Babel): ``1,234.5`` in English, ``1 234,5`` in bokmål."""
    return number(value, current(), digits)


def plain_num(value: float) -> str:
    """A number with the decimals it has, as ``{value:g}`` writes it, in the command's language: ``10``, ``0,35``."""
    text = f"{value:g}"
    return text if "e" in text else num(value, len(text.partition(".")[2]))


def signed(value: float, digits: int) -> str:
    """A change with its sign in the command's language: ``+1,234.5``, ``-7,8``, ``+0,0``."""
    return ("+" if value >= 0 else "") + num(value, digits)


def share(value: float, digits: int = 0) -> str:
    """A share as a percentage in the command's language (Babel): ``4.25%``, ``4,25 %``."""
    return percent(value, current(), digits)


def day(date: dt.date) -> str:
    """A date in the command's language (Babel): ``4 Dec 2026``, ``4. des. 2026``."""
    return date_text(date, current())


def moment(when: dt.datetime) -> str:
    """A stored time (UTC) in Oslo time in the command's language: ``4 Dec 2026 14:05``, ``4. des. 2026 14:05``.

    Tables and the audit log keep ISO times in UTC (sortable, as ``--since`` takes them)."""
    return datetime_text(when, current())


def error(exc: BaseException) -> str:
    """What an exception says, in the command's language (a decision case's refusal from the catalogs;
    an unknown name's ``KeyError`` without the quotes ``str`` puts around it)."""
    if isinstance(exc, CaseError):
        return exc.told(current())
    if isinstance(exc, KeyError) and len(exc.args) == 1 and isinstance(exc.args[0], str):
        return say(exc.args[0])
    if isinstance(exc, InvalidPortfolio):
        shown = [told(problem) for problem in exc.problems[:MAX_PROBLEMS]]
        if len(exc.problems) > MAX_PROBLEMS:
            shown.append(say(phrase("and_more", count=len(exc.problems) - MAX_PROBLEMS)))
        count = counted(len(exc.problems), _("problem"), _("problems"))
        return "\n".join([_("{count} in the portfolio:").format(count=count), *shown])
    return say(said(exc))


def told(problem: Problem) -> str:
    """One problem for people, in the command's language (as ``str(problem)`` in English)."""
    text = f"{problem.table}/{say(problem.row)}/{say(problem.field)}: {say(problem.message)}"
    if problem.fix:
        text += " " + _("Fix:") + " " + say(problem.fix)
    return f"[{problem.severity}] {text}" if problem.severity != "error" else text


def problem_json(problem: Problem) -> dict[str, Any]:
    """A problem as JSON: each text rendered, and the message and fix as code and values too."""
    return {
        "table": problem.table,
        "row": say(problem.row),
        "line": problem.line,
        "field": say(problem.field),
        "message": say(problem.message),
        "fix": say(problem.fix),
        "severity": problem.severity,
        "message_code": as_json(problem.message) if not isinstance(as_json(problem.message), str) else None,
        "fix_code": as_json(problem.fix) if not isinstance(as_json(problem.fix), str) else None,
    }
