"""The report's Core Index: which of the roadmap's initiatives are safe to commit now, which depend on estimates."""

from __future__ import annotations

from typing import Any

from planning.report.content import Report
from planning.report.tables import KLASS
from planning.report.text import translated
from planning.uncertainty.core_index import CORE, EXTERIOR


def core_index_context(report: Report) -> dict[str, Any] | None:
    """The sentence, the two lists and one row per initiative; ``None`` when no index was computed."""
    index = report.core_index
    if index is None:
        return None
    starts = report.roadmap.starts if report.roadmap.has_plan else {}
    safe, depends = index.commitment(starts)
    frame = index.initiatives.reset_index()
    klass = translated(KLASS, report.language)
    rows = [
        {**row, "klass_name": klass.get(str(row["klass"]), ""), "in_roadmap": row["id"] in starts}
        for row in frame.to_dict("records")
    ]
    return {
        "options": index.options,
        "finished": len(index.futures),
        "requested": index.requested,
        "planned": index.planned,
        "limited": index.stopped_by_limit,
        "node_limited": index.stopped_by_work,
        "cancelled": index.cancelled,
        "in_plan": len(starts),
        "safe": safe,
        "depends": depends,
        "rows": rows,
        "core": CORE,
        "exterior": EXTERIOR,
    }
