"""The working copy in words: what differs from the stored scenario, field by field, in the reader's language.

:func:`marker` is shown wherever the working scenario is (the scenario box on Scenarier and
Veikart, the ambition levels on Budsjett): unsaved changes named one by one, a working
scenario that is not stored at all, the choice a link to another scenario asks for, and
notices about the draft. :func:`change_lines` and :func:`changes_table` tell the same
changes for the save confirmations.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import streamlit as st

from planning.domain.changes import FieldChange
from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.optimise.inputs import resolve_scenario
from planning.store.scenarios import working_changes
from veikart_ui import i18n, session
from veikart_ui.components import local_time
from veikart_ui.plain import plain
from veikart_ui.session import tr

PERCENT_FIELDS = {"budget_factor": 0, "discount_rate": 1, "carry_over": 0, "confidence": 0}
"""Fields that are shares, shown as percentages with this many decimals."""
SHOWN = 6
"""Changes named in a marker before "and N more"."""


def field_label(portfolio: Portfolio, name: str) -> str:
    """``ambition.HSO`` as ``Ambisjonsnivå Helse Sør-Øst RHF (HSO)``, ``budget_factor`` as ``Rammer``."""
    base, _, key = name.partition(".")
    label = tr(f"scenario_field.{base}")
    if not key:
        return label
    if base == "ambition":
        key = i18n.names("pool", session.language(), portfolio).get(key, key)
    return f"{label} {key}"


def shown_value(name: str, value: Any) -> str:
    """A field's value as the reader writes it: ``80 %``, ``Netto nåverdi``, ``ja``, ``A, B``, ``–``."""
    lang = session.language()
    base = name.partition(".")[0]
    if value is None or value == [] or value == {} or value == "":
        return "–"
    if base in PERCENT_FIELDS and isinstance(value, (int, float)):
        return i18n.percent(float(value), PERCENT_FIELDS[base], lang)
    if base == "objective":
        return i18n.names("objective", lang).get(str(value), str(value))
    if base == "confidence_scope":
        return tr(f"robust.scope.{value}")
    if isinstance(value, bool):
        return tr("value.yes") if value else tr("value.no")
    if isinstance(value, (list, tuple)):
        return ", ".join(str(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, float):
        return i18n.seconds(value, lang)  # as short as it can be written, with the reader's decimal mark
    return str(value)


def change_lines(portfolio: Portfolio, changes: Sequence[FieldChange], limit: int | None = None) -> str:
    """``Ambisjonsnivå Helse Sør-Øst RHF (HSO): Basis → Lav; Rammer: 100 % → 80 %`` (``limit``: then "and N more")."""
    told = [
        f"{field_label(portfolio, c.name)}: {shown_value(c.name, c.old)} → {shown_value(c.name, c.new)}"
        for c in changes
    ]
    if limit is not None and len(told) > limit:
        told = [*told[:limit], tr("working.more", n=len(told) - limit)]
    return "; ".join(told)


def changes_table(portfolio: Portfolio, changes: Sequence[FieldChange]) -> pd.DataFrame:
    """One row per changed field: the field, before, after."""
    return pd.DataFrame(
        {
            tr("changes.field"): [field_label(portfolio, c.name) for c in changes],
            tr("changes.before"): [shown_value(c.name, c.old) for c in changes],
            tr("changes.after"): [shown_value(c.name, c.new) for c in changes],
        }
    )


def marker(portfolio: Portfolio, working: Scenario) -> None:
    """What differs between the working scenario and what is stored, and anything to tell or ask about it."""
    _notice()
    changes = working_changes(portfolio, working)
    if changes is None:
        st.warning(tr("working.not_saved", name=plain(working.id)), icon=":material/edit_note:")
    elif changes:
        told = plain(change_lines(portfolio, changes, SHOWN))
        st.warning(tr("working.unsaved", name=plain(working.id), changes=told), icon=":material/edit_note:")
    _link_choice(portfolio, working, changes)


def _notice() -> None:
    notice = st.session_state.pop(session.WORKING_NOTICE, None)
    if notice is None:
        return
    kind, name, when = notice
    if kind == "restored":
        st.info(tr("working.restored", name=plain(name), when=local_time(when)), icon=":material/history:")
    elif kind == "unknown_link":
        st.warning(tr("working.unknown_link", name=plain(name)))
    else:
        st.warning(tr("working.draft_failed"))


def _link_choice(portfolio: Portfolio, working: Scenario, changes: list[FieldChange] | None) -> None:
    linked = st.session_state.get(session.LINK_CHOICE)
    if linked is None:
        return
    if linked not in portfolio.scenarios.index:
        st.session_state.pop(session.LINK_CHOICE, None)
        return
    told = (
        plain(change_lines(portfolio, changes, SHOWN)) if changes else tr("working.not_saved", name=plain(working.id))
    )
    st.warning(tr("working.link_choice", linked=plain(linked), name=plain(working.id), changes=told))
    left, right, _ = st.columns([2, 2, 1])
    if left.button(tr("working.open_linked", name=plain(linked)), key="open_linked_scenario"):
        session.set_working_scenario(resolve_scenario(portfolio, linked))
        st.rerun()
    if right.button(tr("working.keep", name=plain(working.id)), key="keep_working_scenario"):
        session.set_working_scenario(working)
        st.rerun()
