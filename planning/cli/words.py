"""Coded values in words where people read them: a plan's status, a method, a scope, a verdict, a body's action.

A sentence or a table for people says ``time limit (not proven)`` / ``tidsgrense (ikke bevist)``
where the data says ``time_limit``; ``--json`` and CSV keep the codes. The words are the
messages of :func:`planning.messages.phrases.coded` (the catalogs' ``plan_status_*``,
``method_*``, ``scope_*``, ``verdict_*``), and for a decision case's bodies the app's own
words for their actions (context ``case.action.CODE``), reused from the catalogs.
"""

from __future__ import annotations

import pandas as pd

from planning.cli.language import current, say
from planning.messages.phrases import coded
from planning.messages.render import catalog

CASE_ACTIONS = {"recommend": "recommends", "treat": "treats", "approve": "approves"}
"""A body's action -> the app's English for it (``veikart_ui/case_texts.py``, ``action.CODE``),
whose translations the command line shares (a test holds the two the same)."""


def word(kind: str, value: str) -> str:
    """``value`` of ``kind`` (``plan_status``, ``method``, ``scope``, ``verdict``) in the command's
    language; a code without words (a benchmark's own status) as it is."""
    return say(coded(kind, value))


def action_word(action: str) -> str:
    """What a body does with the plan (``recommend``) in the command's language: ``recommends``, ``anbefaler``."""
    english = CASE_ACTIONS.get(action)
    return action if english is None else catalog(current()).pgettext(f"case.action.{action}", english)


def worded(frame: pd.DataFrame, **kinds: str) -> pd.DataFrame:
    """``frame`` with the codes of each named column (column=kind) in words; other columns as they are."""
    shown = frame.copy()
    for column, kind in kinds.items():
        if column in shown.columns:
            shown[column] = [word(kind, value) if isinstance(value, str) else value for value in shown[column]]
    return shown
