"""Edits to the dependency table before they are validated: ids that follow their ends, and
the cycles the edited table would form.

An editor hands over the dependency rows as the user left them. :func:`with_derived_ids`
gives a row whose ends were changed the id of its new ends (a dependency ``A->B`` moved to
``C->B`` is ``C->B``, not ``A->B`` pointing elsewhere); :func:`cycles_in` names every cycle
the rows would form, so that the user sees it as soon as it is made. Validation
(:func:`planning.editing.replace_rows`) refuses a cycle again before anything is saved.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from planning.columns import is_blank
from planning.graph import find_cycles, name_cycle

ID_SEPARATOR = "->"
"""Between the ends of a derived dependency id (``PREDECESSOR->SUCCESSOR``)."""


def derived_id(predecessor: str, successor: str) -> str:
    """The id a dependency gets from its ends: ``PREDECESSOR->SUCCESSOR``."""
    return f"{predecessor}{ID_SEPARATOR}{successor}"


def with_derived_ids(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """``rows`` with the id of each row whose ends no longer match its derived id left empty,
    so that loading derives it from the new ends; ids that were never derived stay."""
    out = []
    for row in rows:
        edited = dict(row)
        row_id = edited.get("id")
        if isinstance(row_id, str) and ID_SEPARATOR in row_id:
            before = tuple(part.strip() for part in row_id.split(ID_SEPARATOR, 1))
            if before != (str(edited.get("predecessor_id") or ""), str(edited.get("successor_id") or "")):
                edited["id"] = ""
        out.append(edited)
    return out


def cycles_in(rows: Iterable[Mapping[str, Any]], limit: int = 5) -> list[str]:
    """Each cycle the dependency ``rows`` form, named as people read it (``A -> B -> A``); at
    most ``limit``. Rows without both ends are left out (validation names them)."""
    graph = nx.DiGraph()
    for row in rows:
        predecessor, successor = row.get("predecessor_id"), row.get("successor_id")
        if not is_blank(predecessor) and not is_blank(successor):
            graph.add_edge(str(predecessor).strip(), str(successor).strip())
    return [name_cycle(cycle) for cycle in find_cycles(graph, limit=limit)]
