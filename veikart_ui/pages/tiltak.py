"""Tiltak: the initiatives as a filterable, editable table, and a detail view of each."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from planning.domain.economics import cost_profile
from planning.domain.editing import replace_rows
from planning.domain.estimates import ESTIMATE_COLUMNS
from planning.domain.graph import unlocks, waits_for
from planning.domain.models import AREAS, COST_SHARING_KEYS, OBLIGATIONS, RISKS, STATUSES
from planning.domain.portfolio import Portfolio
from planning.domain.problems import Problem
from planning.plans.budget import cost_share_table, pool_order
from veikart_ui import i18n, session
from veikart_ui.components import (
    PROBLEMS,
    clear_draft,
    decimals,
    discard_draft,
    draft_editor,
    header,
    keep_draft,
    mnok,
    problem_table,
    row_problems,
    set_row_problems,
    show_frame,
    spelled,
)
from veikart_ui.forms import flat_frame, raw_rows
from veikart_ui.grid_layout import KEY_WIDTHS, PARTICIPANTS_WIDTH
from veikart_ui.i18n import names
from veikart_ui.number_cells import number_cells
from veikart_ui.number_editor import number_base, number_hint, read_numbers, text_column
from veikart_ui.plain import plain, plain_join
from veikart_ui.session import tr

TABLE = "initiative"
KEY = "initiative"
MAIN_COLUMNS = [
    PROBLEMS,
    "id",
    "name",
    "area",
    "lead_region",
    "status",
    "participating_regions",
    "duration",
    "total_cost",
    "cost_sharing",
    "earliest_start",
    "latest_finish",
    "mandatory",
    "obligation",
    "obligation_note",
    "risk",
    *ESTIMATE_COLUMNS,
    "alternative_group_id",
    "cost_profile",
    "custom_shares",
    "capacity_usage",
    "scores",
    "strategic_goal",
    "description",
]


def column_config(portfolio: Portfolio) -> dict[str, object]:
    lang = session.language()
    pools = [str(p) for p in portfolio.funding_pools.index]
    pool_names = names("pool", lang, portfolio)
    areas, statuses = names("area", lang), names("status", lang)
    risks, keys = names("risk", lang), names("cost_sharing", lang)
    groups = [str(g) for g in portfolio.alternative_groups.index]
    col = st.column_config
    return {
        PROBLEMS: col.TextColumn(tr("col.problems"), disabled=True, width="medium", pinned=True),
        "id": col.TextColumn(tr("col.id"), required=True, pinned=True, help=tr("help.id"), width=KEY_WIDTHS["id"]),
        "name": col.TextColumn(tr("col.name"), required=True, width=KEY_WIDTHS["name"]),
        "area": col.SelectboxColumn(
            tr("col.area"), options=list(AREAS), format_func=spelled(areas), required=True, width=KEY_WIDTHS["area"]
        ),
        "lead_region": col.SelectboxColumn(
            tr("col.lead_region"), options=pools, required=True, help=tr("help.lead"), width=KEY_WIDTHS["lead_region"]
        ),
        "status": col.SelectboxColumn(
            tr("col.status"), options=list(STATUSES), format_func=spelled(statuses), width=KEY_WIDTHS["status"]
        ),
        "participating_regions": col.MultiselectColumn(
            tr("col.participating"),
            options=pools,
            format_func=lambda p: p,
            help=plain_join(pool_names.values()),
            width=PARTICIPANTS_WIDTH,
        ),
        "duration": text_column(tr("col.duration"), required=True),
        "total_cost": text_column(tr("col.total_cost"), help=f"{tr('help.cost')} {number_hint()}"),
        "cost_sharing": col.SelectboxColumn(
            tr("col.cost_sharing"), options=list(COST_SHARING_KEYS), format_func=spelled(keys)
        ),
        "earliest_start": col.TextColumn(tr("col.earliest_start"), help=tr("help.period")),
        "latest_finish": col.TextColumn(tr("col.latest_finish"), help=tr("help.period")),
        "mandatory": col.CheckboxColumn(tr("col.mandatory")),
        "obligation": col.SelectboxColumn(
            tr("col.obligation"),
            options=list(OBLIGATIONS),
            format_func=spelled(obligation_names()),
            help=tr("help.obligation"),
            required=True,
        ),
        "obligation_note": col.TextColumn(tr("col.obligation_note"), help=tr("help.obligation_note")),
        "risk": col.SelectboxColumn(tr("col.risk"), options=list(RISKS), format_func=spelled(risks)),
        **estimate_columns(),
        "alternative_group_id": col.SelectboxColumn(tr("col.alternative_group"), options=groups),
        "cost_profile": col.TextColumn(tr("col.cost_profile"), help=tr("help.cost_profile")),
        "custom_shares": col.TextColumn(tr("col.custom_shares"), help=tr("help.pairs")),
        "capacity_usage": col.TextColumn(tr("col.capacity_usage"), help=tr("help.pairs")),
        "scores": col.TextColumn(tr("col.scores"), help=tr("help.pairs")),
        "strategic_goal": col.TextColumn(tr("col.strategic_goal")),
        "description": col.TextColumn(tr("col.description"), width="large"),
    }


def obligation_names() -> dict[str, str]:
    """The obligation kinds in the reader's language: Ingen, Lovpålagt, Likeverd."""
    return {kind: tr(f"ux_b.obligation.{kind}") for kind in OBLIGATIONS}


def estimate_columns() -> dict[str, object]:
    """The three-point estimates and the stop probability, written the reader's way (text read
    with :mod:`planning.messages.locale_numbers`); blank takes the risk class's default."""
    helps = {
        "cost_low": "help.cost_low",
        "cost_high": "help.cost_high",
        "duration_low": "help.duration_low",
        "duration_high": "help.duration_high",
        "benefit_low": "help.benefit_share",
        "benefit_likely": "help.benefit_likely",
        "benefit_high": "help.benefit_share",
        "stop_probability": "help.stop_probability",
    }
    return {name: text_column(tr(f"col.{name}"), help=f"{tr(key)} {number_hint()}") for name, key in helps.items()}


def filters(portfolio: Portfolio) -> tuple[list[str], list[str], list[str], str]:
    lang = session.language()
    left, middle, right, search = st.columns([3, 2, 2, 2])  # an area's name whole in its chip
    areas = left.multiselect(
        tr("filter.area"),
        list(AREAS),
        format_func=spelled(names("area", lang)),
        key="filter_area",
        placeholder=tr("filter.all"),
        select_all=False,  # Streamlit writes "Select all" in English only
    )
    regions = middle.multiselect(
        tr("filter.region"),
        pool_order(portfolio),
        format_func=spelled(names("pool", lang, portfolio)),
        key="filter_region",
        placeholder=tr("filter.all"),
        select_all=False,  # Streamlit writes "Select all" in English only
    )
    statuses = right.multiselect(
        tr("filter.status"),
        list(STATUSES),
        format_func=spelled(names("status", lang)),
        key="filter_status",
        placeholder=tr("filter.all"),
        select_all=False,  # Streamlit writes "Select all" in English only
    )
    text = search.text_input(tr("filter.text"), key="filter_text", placeholder=tr("filter.text_hint"))
    return areas, regions, statuses, text


def _listed(cell: object) -> list[str]:
    """The regions in a multiselect cell: a list, tuple or array, or nothing (a new row's empty cell)."""
    if isinstance(cell, str) or not hasattr(cell, "__iter__"):
        return []
    return [str(item) for item in cell]


def keep_rows(areas: list[str], regions: list[str], statuses: list[str], text: str) -> object:
    """Which rows of the initiative table the filters keep: a boolean Series on the table's index
    (pandas 3 refuses ``&=`` with a plain list, so every part is a Series)."""

    def keep(frame: pd.DataFrame) -> pd.Series:
        mask = pd.Series(True, index=frame.index, dtype=bool)
        if areas:
            mask &= frame["area"].isin(areas)
        if statuses:
            mask &= frame["status"].isin(statuses)
        if regions:
            mask &= pd.Series(
                [
                    lead in regions or bool(set(_listed(parts)) & set(regions))
                    for lead, parts in zip(frame["lead_region"], frame["participating_regions"], strict=True)
                ],
                index=frame.index,
                dtype=bool,
            )
        if text.strip():
            needle = text.strip().casefold()
            haystack = frame["id"].fillna("").astype(str) + " " + frame["name"].fillna("").astype(str)
            mask &= haystack.str.casefold().str.contains(needle, regex=False)
        return mask

    return keep


def labels() -> dict[str, str]:
    """The number columns' headers, to name a refused cell's column."""
    columns = ("duration", "total_cost", *ESTIMATE_COLUMNS, "cost_profile", "custom_shares", "capacity_usage", "scores")
    return {column: tr(f"col.{column}") for column in columns}


def editor(portfolio: Portfolio) -> None:
    chosen = filters(portfolio)
    cells = number_cells(TABLE, labels())
    base = number_base(KEY, flat_frame(portfolio, TABLE), cells)
    rows = draft_editor(
        KEY,
        base,
        keep=keep_rows(*chosen),  # type: ignore[arg-type]
        signature=repr(chosen),
        problems=row_problems(KEY),
        column_config=column_config(portfolio),
        column_order=MAIN_COLUMNS,
        num_rows="dynamic",
        most_rows=14,  # as tall as the rows the filters leave, no blank rows below
    )
    read = read_numbers(raw_rows(rows, TABLE), cells)
    save, discard, note = st.columns([1, 1, 4], vertical_alignment="center")
    editable = session.can_edit()
    if not editable:
        note.caption(tr("auth.read_only"))
    if save.button(tr("edit.save"), type="primary", key="save_initiatives", disabled=not editable):
        result = replace_rows(portfolio, TABLE, read.rows)
        problems = read.with_validation(result.problems)
        valid = result.portfolio is not None and not problems
        error = session.save(result.portfolio) if valid and result.portfolio is not None else None
        if valid and error is None:
            clear_draft(KEY)
            session.flash(tr("edit.saved", n=len(rows)))
        else:
            other = set_row_problems(KEY, problems, TABLE)
            st.session_state[f"{KEY}_other_problems"] = other
            keep_draft(KEY, rows, base.columns, base.dtypes.to_dict())
            session.flash(error or tr("edit.invalid", n=len(problems)), "error")
        st.rerun()
    if discard.button(tr("edit.discard"), key="discard_initiatives"):
        discard_draft(KEY)
        st.session_state.pop(f"{KEY}_other_problems", None)
        st.rerun()
    elsewhere: list[Problem] = st.session_state.get(f"{KEY}_other_problems") or []
    if elsewhere:
        st.caption(tr("edit.other_problems"))
        problem_table(elsewhere)


def detail(portfolio: Portfolio) -> None:
    st.subheader(tr("detail.title"))
    frame = portfolio.initiatives
    if frame.empty:
        return
    ids = [str(i) for i in frame.index]
    chosen = st.selectbox(
        tr("detail.choose"), ids, format_func=lambda i: f"{i} – {frame.at[i, 'name']}", key="detail_initiative"
    )
    row = frame.loc[chosen]
    lang = session.language()
    pools = names("pool", lang, portfolio)
    st.markdown(f"**{plain(row['name'])}** — {plain(row['description'] or '')}")
    st.caption(
        " · ".join(
            [
                names("area", lang).get(str(row["area"]), str(row["area"])),
                names("status", lang).get(str(row["status"]), str(row["status"])),
                f"{tr('col.lead_region')}: {plain(pools.get(str(row['lead_region']), row['lead_region']))}",
                f"{tr('col.risk')}: {names('risk', lang).get(str(row['risk']), row['risk'])}",
            ]
        )
    )
    costs, benefits = st.columns([2, 3])
    with costs:
        cost_detail(portfolio, chosen)
    with benefits:
        benefit_detail(portfolio, chosen)
    dependency_detail(portfolio, chosen)


def cost_detail(portfolio: Portfolio, iid: str) -> None:
    row = portfolio.initiatives.loc[iid]
    profile = cost_profile(int(row["duration"]), row["total_cost"], row["cost_profile"])
    st.markdown(f"**{tr('detail.costs')}** ({mnok(sum(profile), 1)})")
    per_period = pd.DataFrame(
        {tr("detail.period"): [f"{n + 1}" for n in range(len(profile))], "MNOK": [round(c, 1) for c in profile]}
    )
    show_frame(per_period, column_config=decimals(per_period))
    shares = cost_share_table(portfolio).loc[iid].drop("cost_sharing").astype(float)
    shares = shares[shares > 0]
    pools = names("pool", session.language(), portfolio)
    split = pd.DataFrame(
        {
            tr("col.pool"): [pools.get(str(p), str(p)) for p in shares.index],
            tr("detail.share"): [i18n.percent(s, 1, session.language()) for s in shares],
            "MNOK": [round(s * sum(profile), 1) for s in shares],
        }
    )
    st.caption(tr("detail.split", key=names("cost_sharing", session.language()).get(str(row["cost_sharing"]), "")))
    show_frame(split, column_config=decimals(split))


def benefit_detail(portfolio: Portfolio, iid: str) -> None:
    mine = portfolio.benefits[portfolio.benefits["initiative_id"] == iid]
    st.markdown(f"**{tr('detail.benefits')}** ({len(mine)})")
    if mine.empty:
        st.caption(tr("detail.no_benefits"))
        return
    lang = session.language()
    shown = pd.DataFrame(
        {
            tr("col.title"): mine["title"],
            tr("col.benefit_type"): [names("benefit_type", lang).get(str(t), str(t)) for t in mine["type"]],
            tr("col.annual_value"): [
                mnok(float(v), 1) if bool(m) else tr("detail.non_monetised")
                for v, m in zip(mine["annual_value"], mine["monetised"], strict=True)
            ],
            tr("col.owner"): mine["owner"],
        }
    )
    show_frame(shown)


def dependency_detail(portfolio: Portfolio, iid: str) -> None:
    st.markdown(f"**{tr('detail.dependencies')}**")
    try:
        before, after = waits_for(portfolio, iid), unlocks(portfolio, iid)
    except ValueError as exc:
        st.error(plain(exc))
        return
    frame = portfolio.initiatives
    direct = set(portfolio.dependencies[portfolio.dependencies["successor_id"] == iid]["predecessor_id"].astype(str))
    left, right = st.columns(2)
    left.caption(tr("detail.waits_for", n=len(before)))
    left.markdown(
        "\n".join(f"- {plain(p)} – {plain(frame.at[p, 'name'])}" + (" ⟵" if p in direct else "") for p in before)
        or tr("detail.nothing")
    )
    right.caption(tr("detail.unlocks", n=len(after.dependants), value=mnok(after.annual_value, 1)))
    right.markdown(
        "\n".join(f"- {plain(d)} – {plain(frame.at[d, 'name'])}" for d in after.dependants) or tr("detail.nothing")
    )


def page() -> None:
    header(tr("page.initiatives"), tr("initiatives.intro"))
    session.show_flash()
    portfolio = session.portfolio()
    editor(portfolio)
    st.divider()
    detail(portfolio)


page()
