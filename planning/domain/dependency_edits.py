"""Edits to the dependency table before they are validated: ids that follow their ends, and
the cycles the edited table would form.

An editor hands over the dependency rows as the user left them. :func:`with_ids_from_ends`
gives a new row, or a row whose ends were changed, the id of its ends (a dependency ``A->B``
moved to ``C->B`` is ``C->B``, not ``A->B`` pointing elsewhere), so that every problem found
can be shown at its row; :func:`cycles_in` names every cycle the rows would form, so that the
user sees it as soon as it is made, and :func:`rows_on_cycles` marks each row on one.
Validation (:func:`planning.domain.editing.replace_rows`) refuses a cycle again before anything is
saved.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from planning.domain.columns import is_blank
from planning.domain.graph import find_cycles, name_cycle

ID_SEPARATOR = "->"
"""Between the ends of a derived dependency id (``PREDECESSOR->SUCCESSOR``)."""


def derived_id(predecessor: str, successor: str) -> str:
    """The id a dependency gets from its ends: ``PREDECESSOR->SUCCESSOR``."""
    return f"{predecessor}{ID_SEPARATOR}{successor}"


def with_ids_from_ends(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """``rows`` with each id that is empty, or derived from ends the row no longer has, made
    from the row's ends (``PREDECESSOR->SUCCESSOR``; empty while an end is missing, for
    validation to name). Ids that were never derived stay as they are."""
    out = []
    for row in rows:
        edited = dict(row)
        ends = (_end(edited.get("predecessor_id")), _end(edited.get("successor_id")))
        row_id = edited.get("id")
        moved = (
            isinstance(row_id, str)
            and ID_SEPARATOR in row_id
            and tuple(part.strip() for part in row_id.split(ID_SEPARATOR, 1)) != ends
        )
        if is_blank(row_id) or moved:
            edited["id"] = derived_id(*ends) if all(ends) else ""
        out.append(edited)
    return out


def _end(value: Any) -> str:
    return "" if is_blank(value) else str(value).strip()


def _graph(rows: Iterable[Mapping[str, Any]]) -> nx.DiGraph:
    graph = nx.DiGraph()
    for row in rows:
        predecessor, successor = _end(row.get("predecessor_id")), _end(row.get("successor_id"))
        if predecessor and successor:
            graph.add_edge(predecessor, successor)
    return graph


def cycles_in(rows: Iterable[Mapping[str, Any]], limit: int = 5) -> list[str]:
    """Each cycle the dependency ``rows`` form, named as people read it (``A -> B -> A``); at
    most ``limit``. Rows without both ends are left out (validation names them)."""
    return [name_cycle(cycle) for cycle in find_cycles(_graph(rows), limit=limit)]


def rows_on_cycles(rows: Iterable[Mapping[str, Any]], limit: int = 5) -> dict[str, list[str]]:
    """The id of each of ``rows`` that lies on a cycle, with the cycles it lies on (named as in
    :func:`cycles_in`), so that every row of a cycle can be marked, not only the one closing it."""
    listed = list(rows)
    on: dict[tuple[str, str], list[str]] = {}
    for cycle in find_cycles(_graph(listed), limit=limit):
        for edge in zip(cycle, [*cycle[1:], cycle[0]], strict=True):
            on.setdefault(edge, []).append(name_cycle(cycle))
    marked: dict[str, list[str]] = {}
    for row in listed:
        edge = (_end(row.get("predecessor_id")), _end(row.get("successor_id")))
        if edge in on:
            marked[str(row.get("id") or "")] = on[edge]
    return marked
