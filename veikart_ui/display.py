"""How stored ids are shown to people: a scenario written without Norwegian letters in its id.

Ids stay as they are stored (``Hoy`` in files, links and the command line); only what the
reader sees changes. A scenario whose id is an ambition level's name spelled without æ, ø
or å (``Hoy`` for the level ``Høy``) is shown with the level's spelling.
"""

from __future__ import annotations

from planning.domain.portfolio import Portfolio

FOLDED = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})
"""The usual way æ, ø and å are written in an id that only takes a to z."""


def folded(name: str) -> str:
    """``Høy`` as ``hoy``: without Norwegian letters, in lower case, to compare ids."""
    return name.translate(FOLDED).casefold()


def scenario_label(portfolio: Portfolio, scenario_id: str) -> str:
    """The scenario's name as people write it: ``Høy`` for ``Hoy``; otherwise the id itself."""
    levels = [str(level) for level in portfolio.ambition_levels.index]
    if scenario_id in levels:
        return scenario_id
    return next((level for level in levels if folded(level) == folded(scenario_id) != level.casefold()), scenario_id)
