"""The dependencies as an editable table on the Avhengigheter page: add, change and remove.

Each row is one dependency: the initiative that comes first, the one that waits, the kind
(finish-to-start or start-to-start) and the lag in periods. A cycle is named as soon as the
edited rows form one; saving validates the whole portfolio (the cycle again, unknown
initiatives, lags out of range) and stores through the shared store as the signed-in user
(roles, row versions, audit trail), or stores nothing and shows every problem by its row.
Only those who may write the dependency table see the editor; everyone else sees the table.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st

from planning.domain.dependency_edits import cycles_in, rows_on_cycles, with_ids_from_ends
from planning.domain.editing import replace_rows
from planning.domain.models import DEPENDENCY_KINDS
from planning.domain.portfolio import Portfolio
from planning.domain.problems import Problem
from planning.messages.phrases import phrase
from planning.store.access import TABLE_WRITERS
from veikart_ui import session
from veikart_ui.components import (
    PROBLEMS,
    clear_draft,
    discard_draft,
    draft_editor,
    keep_draft,
    problem_table,
    row_problems,
    set_row_problems,
    show_frame,
    spelled,
)
from veikart_ui.forms import flat_frame, raw_rows
from veikart_ui.i18n import choose
from veikart_ui.number_cells import ReadRows, number_cells
from veikart_ui.number_editor import number_base, read_numbers, text_column
from veikart_ui.plain import plain

TABLE = "dependency"
KEY = "dependency"
COLUMNS = [PROBLEMS, "predecessor_id", "successor_id", "kind", "lag", "id"]
TEXTS: dict[str, tuple[str, str]] = {
    "title": ("Rediger avhengighetene", "Edit the dependencies"),
    "help": (
        "Legg til en rad nederst, endre en celle, eller merk rader og slett dem. Ingenting lagres før "
        "du trykker «Lagre endringer», og da bare om avhengighetene ikke danner en sykel.",
        "Add a row at the bottom, change a cell, or select rows and delete them. Nothing is saved until "
        "you press “Save changes”, and only if the dependencies form no cycle.",
    ),
    "focused": (
        "Viser avhengighetene til og fra {focus}. Velg «(ingen)» over for å se alle.",
        "Showing the dependencies to and from {focus}. Choose “(none)” above to see them all.",
    ),
    "title_read_only": ("Avhengighetene", "The dependencies"),
    "read_only": (
        "Bare koordinatorer og administratorer kan endre avhengighetene.",
        "Only coordinators and administrators can change the dependencies.",
    ),
    "predecessor": ("Kommer først", "Comes first"),
    "predecessor_help": ("Tiltaket som må komme først.", "The initiative that has to come first."),
    "successor": ("Venter", "Waits"),
    "successor_help": ("Tiltaket som venter på det første.", "The initiative that waits for the first one."),
    "kind": ("Type", "Kind"),
    "kind_help": (
        "Slutt til start: kan starte når det første er ferdig. Start til start: kan starte når det første har startet.",
        "Finish to start: may start once the first has finished. Start to start: may start once the first has started.",
    ),
    "lag": ("Forsinkelse (perioder)", "Lag (periods)"),
    "lag_help": (
        "Hele perioder mellom det første tiltakets slutt (eller start) og denne starten, 0 til 100.",
        "Whole periods between the first initiative's finish (or start) and this start, 0 to 100.",
    ),
    "id": ("ID", "ID"),
    "id_help": ("Lages av de to tiltakene: FØRST->VENTER.", "Made from the two initiatives: FIRST->WAITS."),
    "kind.finish_to_start": ("Slutt til start", "Finish to start"),
    "kind.start_to_start": ("Start til start", "Start to start"),
    "cycle": (
        "Avhengighetene danner en sykel, og kan ikke lagres slik: {cycles}. Fjern eller snu én avhengighet i sykelen.",
        "The dependencies form a cycle and cannot be saved like this: {cycles}. "
        "Remove or reverse one dependency in the cycle.",
    ),
    "save": ("Lagre endringer", "Save changes"),
    "discard": ("Forkast endringer", "Discard changes"),
    "saved": ("Lagret avhengighetene ({n} i alt).", "Saved the dependencies ({n} in all)."),
    "invalid": (
        "Ikke lagret: {n} problemer. Se kolonnen ⚠ ved radene; endringene dine er beholdt.",
        "Not saved: {n} problems. See the ⚠ column next to the rows; your edits are kept.",
    ),
    "invalid_one": (
        "Ikke lagret: ett problem. Se kolonnen ⚠ ved raden; endringene dine er beholdt.",
        "Not saved: one problem. See the ⚠ column next to the row; your edits are kept.",
    ),
    "other_problems": ("Problemer som ikke gjelder én rad:", "Problems that concern no single row:"),
}


def t(key: str, **values: Any) -> str:
    """This module's text ``key`` in the session's language."""
    return choose(TEXTS[key], session.language(), **values)


def may_edit() -> bool:
    """Whether the signed-in user may write the dependency table (the domain checks again on saving)."""
    user = session.user()
    return user is not None and user.role in TABLE_WRITERS[TABLE]


def column_config(portfolio: Portfolio) -> dict[str, Any]:
    """The editor's columns: initiatives chosen by id and shown with their names, the kind
    spelled out, the lag as text read the reader's way."""
    names = {str(i): f"{i} – {n}" for i, n in portfolio.initiatives["name"].items()}
    ids = [str(i) for i in portfolio.initiatives.index]
    kinds = {kind: t(f"kind.{kind}") for kind in DEPENDENCY_KINDS}
    col = st.column_config
    return {
        PROBLEMS: col.TextColumn(session.tr("col.problems"), disabled=True, width="medium"),
        "predecessor_id": col.SelectboxColumn(
            t("predecessor"),
            options=ids,
            format_func=spelled(names),
            required=True,
            width="medium",
            help=t("predecessor_help"),
        ),
        "successor_id": col.SelectboxColumn(
            t("successor"),
            options=ids,
            format_func=spelled(names),
            required=True,
            width="medium",
            help=t("successor_help"),
        ),
        "kind": col.SelectboxColumn(
            t("kind"),
            options=list(DEPENDENCY_KINDS),
            format_func=spelled(kinds),
            required=True,
            help=t("kind_help"),
            default=DEPENDENCY_KINDS[0],
        ),
        "lag": text_column(t("lag"), help=t("lag_help")),
        "id": col.TextColumn(t("id"), disabled=True, help=t("id_help")),
    }


def labels() -> dict[str, str]:
    """The number column's header, to name a refused lag's column."""
    return {"lag": t("lag")}


def touching(focus: str | None, problems: Mapping[str, str]) -> Any:
    """The rows to show: those to and from ``focus`` (all without one), and every row with a
    problem, so that a refused edit never hides behind the filter."""

    def keep(frame: pd.DataFrame) -> pd.Series:
        if focus is None:
            return pd.Series(True, index=frame.index, dtype=bool)
        near = (frame["predecessor_id"] == focus) | (frame["successor_id"] == focus)
        return near | frame["id"].astype(str).isin(list(problems))

    return keep


def dependency_editor(portfolio: Portfolio, focus: str | None) -> None:
    """The dependency table: editable for those who may write it, read-only for everyone else."""
    if not may_edit():
        read_only_table(portfolio, focus)
        return
    st.subheader(t("title"))
    st.caption(t("help") + (" " + t("focused", focus=plain(focus)) if focus else ""))
    cells = number_cells(TABLE, labels())
    base = number_base(KEY, flat_frame(portfolio, TABLE), cells)
    problems = row_problems(KEY)
    rows = draft_editor(
        KEY,
        base,
        keep=touching(focus, problems),
        signature=repr(focus),
        problems=problems,
        column_config=column_config(portfolio),
        column_order=COLUMNS,
        num_rows="dynamic",
    )
    read = read_numbers(raw_rows(rows, TABLE), cells)
    cycles = cycles_in(read.rows)
    if cycles:
        st.error(t("cycle", cycles=plain("; ".join(cycles))))
    save, discard, _ = st.columns([1, 1, 4], vertical_alignment="center")
    if save.button(t("save"), type="primary", key="save_dependencies"):
        store(portfolio, read, rows, base)
    if discard.button(t("discard"), key="discard_dependencies"):
        discard_draft(KEY)
        st.session_state.pop(f"{KEY}_other_problems", None)
        st.rerun()
    elsewhere: list[Problem] = st.session_state.get(f"{KEY}_other_problems") or []
    if elsewhere:
        st.caption(t("other_problems"))
        problem_table(elsewhere)


def store(portfolio: Portfolio, read: ReadRows, rows: list[dict[str, Any]], base: pd.DataFrame) -> None:
    """Validate the edited dependencies (``read``, their lags read) with the whole portfolio and
    save them as the signed-in user, or keep the draft (``rows`` as typed, new and moved rows
    with the ids of their ends) and show every problem by its row; then run the page again, so
    that the graph shows what is stored."""
    candidate = with_ids_from_ends(read.rows)
    for typed, row in zip(rows, candidate, strict=True):
        typed["id"] = row["id"]
    result = replace_rows(portfolio, TABLE, candidate)
    problems = read.with_validation(cycle_problems(candidate, result.problems))
    valid = result.portfolio is not None and not problems
    error = session.save(result.portfolio) if valid and result.portfolio is not None else None
    if valid and error is None:
        clear_draft(KEY)
        st.session_state.pop(f"{KEY}_other_problems", None)
        session.flash(t("saved", n=len(candidate)))
    else:
        st.session_state[f"{KEY}_other_problems"] = set_row_problems(KEY, problems, TABLE)
        keep_draft(KEY, rows, base.columns, base.dtypes.to_dict())
        message = t("invalid_one") if len(problems) == 1 else t("invalid", n=len(problems))
        session.flash(error or message, "error")
    st.rerun()


def cycle_problems(rows: list[dict[str, Any]], problems: list[Problem]) -> list[Problem]:
    """``problems`` with the domain's cycle problem (on the row that closes a cycle) replaced by
    one on every row of the cycle, each naming the cycle."""
    closing = phrase("cycle", cycle="")
    kept = [p for p in problems if not (p.table == TABLE and p.message.startswith(closing))]
    marked = [
        Problem(TABLE, row_id, "predecessor_id", phrase("cycle", cycle=name), phrase("fix_cycle"))
        for row_id, names in rows_on_cycles(rows).items()
        for name in names
    ]
    return [*marked, *kept]


def read_only_table(portfolio: Portfolio, focus: str | None) -> None:
    """The dependencies for those who may not change them: a table, and why there is no editor."""
    st.subheader(t("title_read_only"))
    st.caption(t("read_only"))
    frame = portfolio.dependencies.reset_index()
    if focus is not None:
        frame = frame[(frame["predecessor_id"] == focus) | (frame["successor_id"] == focus)]
    names = portfolio.initiatives["name"]
    shown = pd.DataFrame(
        {
            t("predecessor"): [f"{i} – {names.get(i, '')}" for i in frame["predecessor_id"]],
            t("successor"): [f"{i} – {names.get(i, '')}" for i in frame["successor_id"]],
            t("kind"): [t(f"kind.{k}") for k in frame["kind"]],
            t("lag"): frame["lag"].astype(int),
        }
    )
    show_frame(shown)
