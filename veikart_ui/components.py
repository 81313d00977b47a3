"""Pieces several pages share: an editable table that keeps drafts, problem lists, solver facts.

Only presentation and session plumbing lives here; validation and storage are the domain's
(:mod:`planning.domain.editing`, :mod:`planning.store.database`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from planning.domain.columns import column_specs
from planning.domain.editing import merge_rows
from planning.domain.problems import Problem
from planning.messages.render import date_text, datetime_text
from planning.optimise import SolverFacts
from veikart_ui import i18n, session
from veikart_ui.i18n import TEXTS, names
from veikart_ui.phrases import translate, translate_message, translate_problem
from veikart_ui.session import tr

PROBLEMS = "problems"
"""Column of the editable tables that shows each row's validation problems."""


NUMBER_FORMAT = "localized"
"""Numbers in tables and editors in the reader's browser locale ("1 234,5" in Norwegian):
printf formats such as "%.1f" always write a decimal point."""
EMPTY_CELL = ""
"""What an editor shows in a cell without a value (Streamlit's default is the English "None")."""
MISSING = "–"
"""What a read-only table shows in a cell without a value (a plan's missing start, an unmeasured year)."""
SEPARATORS = {"nb": ",\u202f", "en": ".,"}
"""Plotly's decimal mark and thousands separator per language (bokmål: a narrow space, as i18n.number)."""
DEFAULT_TIME_LIMIT = 30.0
"""Seconds the solver gets by default from the app's run buttons."""


def time_limit_input(label: str, key: str, container: Any = st) -> float:
    """Seconds for the solver, 1 to 600, shown whole (30, not 30.00)."""
    value = container.number_input(
        label, min_value=1.0, max_value=600.0, value=DEFAULT_TIME_LIMIT, step=5.0, format="%g", key=key
    )
    return float(value)


def bounds(table: str, column: str) -> tuple[float | None, float | None]:
    """The lowest and highest value of a number column as declared in :mod:`planning.domain.models`, for an
    editor's ``NumberColumn`` (the domain checks them again on save)."""
    spec = next(spec for spec in column_specs(table) if spec.name == column)
    return spec.minimum, spec.maximum


def header(title: str, intro: str | None = None) -> None:
    st.title(title)
    if intro:
        st.caption(intro)


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as plain dicts; missing cells (``NaN``, ``<NA>``) become ``None``."""
    plain = frame.astype(object)
    plain = plain.where(plain.notna(), None)
    return [{str(k): _plain(v) for k, v in row.items()} for row in plain.to_dict("records")]


def _plain(value: Any) -> Any:
    if hasattr(value, "item") and not isinstance(value, (list, dict, str)):
        return value.item()
    if isinstance(value, tuple):
        return list(value)
    return value


def draft_editor(
    key: str,
    base: pd.DataFrame,
    *,
    keep: Callable[[pd.DataFrame], pd.Series] | None = None,
    signature: str = "",
    problems: Mapping[str, str] | None = None,
    most_rows: int | None = None,
    **editor: Any,
) -> list[dict[str, Any]]:
    """An editable table (``st.data_editor``, key ``{key}_editor``) whose edits survive.

    Edits live in a draft in session state until :func:`clear_draft`: changing a filter
    (``keep``, described by ``signature``), a failed save or the portfolio changing
    underneath never loses what the user typed.

    Parameters
    ----------
    base
        Every row, with an ``id`` column, as stored.
    keep
        Which rows of the draft to show.
    problems
        Text per row id, shown in a first column (only while there are problems).
    most_rows
        Make the table as tall as the rows it shows, up to this many before it scrolls.

    Returns
    -------
    list of dict
        Every row as it stands after the edits in the table (shown or not).
    """
    draft_key, pending_key, signature_key = f"{key}_draft", f"{key}_pending", f"{key}_signature"
    draft: pd.DataFrame = st.session_state.get(draft_key, base)
    pending = st.session_state.get(pending_key)
    if pending is not None and st.session_state.get(signature_key) != signature:
        draft = pd.DataFrame(merge_rows(records(draft), pending[0], pending[1]), columns=draft.columns)
        draft = draft.astype(base.dtypes.to_dict(), errors="ignore")
        st.session_state[draft_key] = draft
        st.session_state[pending_key] = None
    st.session_state[signature_key] = signature
    view = draft[keep(draft)] if keep is not None else draft
    view = view.reset_index(drop=True)
    if problems:
        view.insert(0, PROBLEMS, [problems.get(str(i), "") for i in view["id"]])
    elif "column_order" in editor:
        editor["column_order"] = [c for c in editor["column_order"] if c != PROBLEMS]
    editor["column_config"] = fitted(view, editor.get("column_config"))  # no header cut off
    if most_rows is not None:  # as tall as the rows shown (and the row for adding one), never blank rows below
        adding = 1 if editor.get("num_rows") == "dynamic" else 0
        editor["height"] = table_height(len(view), most=most_rows, extra_rows=adding)
    edited = st.data_editor(view, key=editor_key(key), hide_index=True, placeholder=EMPTY_CELL, **editor)
    shown = [str(i) for i in view["id"]]
    rows = records(edited.drop(columns=[PROBLEMS], errors="ignore"))
    if rows != records(view.drop(columns=[PROBLEMS], errors="ignore")):
        st.session_state[draft_key] = draft
        st.session_state[pending_key] = (shown, rows)
    else:
        st.session_state[pending_key] = None
    return merge_rows(records(draft), shown, rows)


def clear_draft(key: str) -> None:
    """Forget the draft and the pending edits of :func:`draft_editor` ``key`` (after a save), and
    the table's own record of the cells typed since, which would otherwise put them back."""
    for suffix in ("_draft", "_pending", "_signature", "_problems"):
        st.session_state.pop(f"{key}{suffix}", None)
    st.session_state.pop(editor_key(key), None)


def discard_draft(key: str) -> None:
    """Throw away every edit of :func:`draft_editor` ``key``: the draft, and the table in the
    browser too, which keeps the cells typed into it until it is drawn afresh under a new key."""
    clear_draft(key)
    st.session_state[f"{key}_generation"] = int(st.session_state.get(f"{key}_generation", 0)) + 1


def editor_key(key: str) -> str:
    """The widget key of :func:`draft_editor` ``key``'s table: ``{key}_editor``, and a new one
    after each :func:`discard_draft`."""
    generation = int(st.session_state.get(f"{key}_generation", 0))
    return f"{key}_editor" if generation == 0 else f"{key}_editor_{generation}"


def keep_draft(key: str, rows: list[dict[str, Any]], columns: Iterable[str], dtypes: Mapping[str, Any]) -> None:
    """Make ``rows`` the draft of :func:`draft_editor` ``key`` (after a failed save)."""
    frame = pd.DataFrame(rows, columns=list(columns)).astype(dict(dtypes), errors="ignore")
    st.session_state[f"{key}_draft"] = frame
    st.session_state[f"{key}_pending"] = None


def row_problems(key: str) -> dict[str, str]:
    """The problems of the last failed save of table ``key``, by row id."""
    stored: dict[str, str] = st.session_state.get(f"{key}_problems", {})
    return stored


def set_row_problems(key: str, problems: Iterable[Problem], table: str) -> list[Problem]:
    """Remember ``problems`` of ``table`` by row; return the ones that name no row of it."""
    by_row: dict[str, list[str]] = {}
    other = []
    for problem in problems:
        if problem.table == table and problem.row not in ("", "-"):
            shown = translate_problem(problem, session.language())
            text = f"{shown.field}: {shown.message}" + (f" ({shown.fix})" if shown.fix else "")
            by_row.setdefault(problem.row, []).append(text)
        else:
            other.append(problem)
    st.session_state[f"{key}_problems"] = {row: " · ".join(texts) for row, texts in by_row.items()}
    return other


def spelled(names: Mapping[str, str]) -> Callable[[Any], str]:
    """A ``format_func`` that spells out a coded value, or shows the code when it has no name."""
    return lambda value: names.get(str(value), str(value))


def progress_line() -> Callable[[str], None]:
    """A line on the page that each call replaces with the newest progress text (a message in the reader's language)."""
    line = st.empty()

    def report(text: str) -> None:
        line.text(translate(text, session.language()))

    return report


def problem_table(problems: Iterable[Problem]) -> None:
    """Problems as a table: table, row, the row's number in the file (where known), field, message, how to fix."""
    listed = [translate_problem(p, session.language()) for p in problems]
    numbered = any(p.line is not None for p in listed)
    rows = [
        {
            tr("problem.severity"): tr(f"problem.{p.severity}") if p.severity in ("error", "warning") else p.severity,
            tr("problem.table"): p.table,
            tr("problem.row"): p.row,
            **({tr("problem.line"): "" if p.line is None else str(p.line)} if numbered else {}),
            tr("problem.field"): p.field,
            tr("problem.message"): p.message,
            tr("problem.fix"): p.fix,
        }
        for p in listed
    ]
    if rows:
        show_frame(pd.DataFrame(rows))


ROW_PIXELS = 35
"""Height of one row (and of the header row) in Streamlit's tables."""
MOST_ROWS = 15
"""Rows a read-only table shows before it scrolls."""


def table_height(rows: int, *, most: int = MOST_ROWS, extra_rows: int = 0) -> int:
    """Pixels for a table of ``rows`` rows (at most ``most`` before it scrolls): the header, the rows
    and ``extra_rows`` (an editor's row for adding), with no blank rows below the last."""
    return ROW_PIXELS * (min(max(rows, 1), most) + 1 + extra_rows) + 3


HEADER_CHAR_PIXELS, HEADER_PADDING = 7, 30
"""A header's width: per character, and the padding with room for the edit or sort icon (measured in Chromium)."""
CELL_CHAR_PIXELS, CELL_PADDING = 7.5, 20
"""A cell's width as Streamlit sizes a column to its content."""
WIDEST_FITTED = 420
"""No column is made wider than this to fit its header."""


def header_width(label: str, values: Iterable[Any]) -> int | None:
    """Pixels that show ``label`` whole above ``values``, or ``None`` when the values are wider
    anyway (Streamlit sizes a column to its cells, and would cut a longer header off)."""
    header = HEADER_CHAR_PIXELS * len(label) + HEADER_PADDING
    content = CELL_CHAR_PIXELS * max((len(str(v)) for v in values), default=0) + CELL_PADDING
    return min(int(header), WIDEST_FITTED) if header > content else None


def fitted(frame: pd.DataFrame, column_config: Mapping[str, Any] | None) -> dict[str, Any]:
    """``column_config`` with a width for each column whose header is wider than its cells, so
    that no header is cut ("Løsetid", "Mangler måling"); columns given a width keep it."""
    config = dict(column_config or {})
    for column in frame.columns:
        entry = config.get(str(column), {})
        if not isinstance(entry, dict) or entry.get("width") is not None:
            continue  # hidden (None), a plain label, or sized by the page
        width = header_width(str(entry.get("label") or column), frame[column].head(200))
        if width is not None:
            config[str(column)] = {**entry, "width": width}
    return config


def show_frame(frame: pd.DataFrame, where: Any = st, **options: Any) -> None:
    """A read-only table at full width without its index, a missing value shown as
    :data:`MISSING`, each header whole; ``options`` go to ``st.dataframe`` (column_config,
    height, key). Without a height it is as tall as its rows, up to :data:`MOST_ROWS`."""
    options["column_config"] = fitted(frame, options.get("column_config"))
    where.dataframe(frame, **{"hide_index": True, "width": "stretch", "placeholder": MISSING, **options})


def decimals(frame: pd.DataFrame, digits: int | None = None) -> dict[str, Any]:
    """A ``column_config`` that shows ``frame``'s decimal columns in the reader's locale
    (whole-number columns, such as years, stay as they are), with exactly ``digits``
    decimals if given (else as many as each value has)."""
    return {
        str(column): locale_number(None, digits)
        for column in frame.columns
        if pd.api.types.is_float_dtype(frame[column])
    }


def locale_number(label: str | None, digits: int | None = None) -> Any:
    """A read-only number column in the reader's locale. With ``digits`` every value shows
    that many decimals ("2 461,0" beside "2 406,4"), not a whole number bare among decimals."""
    step = None if digits is None else 10.0**-digits
    return st.column_config.NumberColumn(label, format=NUMBER_FORMAT, step=step)


def show_table(
    frame: pd.DataFrame,
    *,
    money: Iterable[str] = (),
    shares: Iterable[str] = (),
    coded: Mapping[str, str] | None = None,
    height: int | None = None,
) -> None:
    """A table from the domain for people: headers in the session's language, MNOK rounded to
    one decimal and shown in the reader's locale, shares as percentages, coded values
    (``coded``: column -> kind of name) spelled out."""
    lang = session.language()
    shown = frame.copy()
    for column, kind in (coded or {}).items():
        if column in shown:
            spelled = names(kind, lang)
            shown[column] = [spelled.get(str(v), v) for v in shown[column]]
    for column in set(money) & set(shown.columns):
        shown[column] = pd.to_numeric(shown[column], errors="coerce").round(1) + 0.0  # no "-0.0"
    for column in shown.columns:
        if shown[column].dtype == object:
            shown[column] = shown[column].where(shown[column].notna(), "–")
    config: dict[str, Any] = {}
    for column in shown.columns:
        label = tr(f"field.{column}") if f"field.{column}" in TEXTS else str(column)
        if column in set(money):
            config[str(column)] = locale_number(label, 1)
        elif column in set(shares):
            config[str(column)] = st.column_config.NumberColumn(label, format="percent")
        else:
            config[str(column)] = st.column_config.Column(label)
    kwargs: dict[str, Any] = {} if height is None else {"height": height}
    show_frame(shown, column_config=config, **kwargs)


def show_chart(figure: go.Figure, key: str, where: Any = st) -> None:
    """A plotly figure at full width in ``where``, its numbers written the reader's way: "2 399,2"
    and "10 000" on axes in bokmål, never plotly's "10k"."""
    figure.update_layout(separators=SEPARATORS[session.language()])
    figure.update_yaxes(exponentformat="none", separatethousands=True)  # years are on x, and have tickformat "d"
    where.plotly_chart(figure, width="stretch", key=key)


def local_time(when: dt.datetime) -> str:
    """A stored (UTC) time in Oslo time, written the reader's way: ``26. nov. 2026 01:29``, ``26 Nov 2026 01:29``."""
    return datetime_text(when, session.language())


def local_date(day: dt.date) -> str:
    """A date written the reader's way: ``4. des. 2026``, ``4 Dec 2026``."""
    return date_text(day, session.language())


def percent(value: float | None) -> str:
    """``48,3 %`` (bokmål) or ``48.3 %``, two decimals below 10 %; "–" for no value."""
    if value is None or value != value:  # None or NaN
        return "–"
    return i18n.percent(value, 2 if value < 0.1 else 1, session.language())


def money_metric(column: Any, label: str, value: float | None, *, digits: int = 0, help: str | None = None) -> None:
    """A metric in MNOK with the unit in its label (``Netto nåverdi (MNOK)``, ``2 830``), so that
    the whole amount shows in a narrow column; Streamlit cuts a long value off with an ellipsis."""
    amount = "–" if value is None else i18n.number(value, digits, session.language())
    column.metric(f"{label} (MNOK)", amount, help=help)


def mnok(value: float | None, digits: int = 0) -> str:
    """An amount in MNOK with a thin space between thousands, as Norwegians write it."""
    if value is None:
        return "–"
    return f"{i18n.number(value, digits, session.language())} MNOK"


def solver_summary(facts: SolverFacts) -> tuple[str, str]:
    """(kind, text) stating what the solver proved; a time-limited plan is never called optimal."""
    gap, lang = percent(facts.gap), session.language()
    limit = i18n.seconds(facts.time_limit, lang)
    if facts.status == "optimal":
        return "success", tr("facts.optimal", gap=gap, seconds=i18n.number(facts.solve_seconds, 1, lang))
    if facts.status == "time_limit":
        if facts.objective is None:
            return "error", tr("facts.time_limit_none", limit=limit)
        return "warning", tr("facts.time_limit", limit=limit, gap=gap)
    if facts.status == "work_limit":
        message = translate_message(facts.message, session.language())
        if facts.objective is None:
            return "error", tr("facts.work_limit_none", message=message)
        return "warning", tr("facts.work_limit", message=message, gap=gap)
    if facts.status == "infeasible":
        return "error", tr("facts.infeasible")
    return "error", tr("facts.error", message=translate_message(facts.message, session.language()) or "–")


def show_solver_summary(facts: SolverFacts) -> None:
    kind, text = solver_summary(facts)
    {"success": st.success, "warning": st.warning}.get(kind, st.error)(text)


def solver_details(facts: SolverFacts) -> pd.DataFrame:
    """The solver facts as a two-column table for people."""
    lang = session.language()
    rows = [
        (tr("facts.status"), tr(f"status.{facts.status}")),
        (tr("facts.objective"), mnok(facts.objective, 1)),
        (tr("facts.bound"), mnok(facts.bound, 1)),
        (tr("facts.gap"), percent(facts.gap)),
        (tr("facts.solve_seconds"), f"{i18n.number(facts.solve_seconds, 2, lang)} s"),
        (tr("facts.build_seconds"), f"{i18n.number(facts.build_seconds, 2, lang)} s"),
        (tr("facts.time_limit_label"), f"{i18n.seconds(facts.time_limit, lang)} s"),
        (tr("facts.solver"), f"{facts.solver} {facts.solver_version}"),
        (tr("facts.input_hash"), facts.input_hash),
    ]
    if facts.message:
        rows.append((tr("facts.message"), translate_message(facts.message, session.language())))
    return pd.DataFrame(rows, columns=[tr("facts.what"), tr("facts.value")])
