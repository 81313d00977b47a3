"""The Core Index section of the Forutsigbarhet page, and its sentence beside the recommended plan.

Every index goes through :func:`planning.uncertainty.core_index.core_index` on the sweep
engine (:func:`planning.sweeps.engine_for`: a Dask scheduler's address from
``VEIKART_DASK_SCHEDULER``, else a local cluster; ``VEIKART_CORE_INDEX_WORKERS`` sets its
worker processes, 0 solves in the app's own process). Results are kept in the process's plan
cache under the scenario, the data it depends on (the input hash) and the options; a
session remembers its latest index for the page and for the Veikart page's sentence.
"""

from __future__ import annotations

import os
from dataclasses import asdict
from typing import Any

import pandas as pd
import streamlit as st

from planning.charts.core_index import core_index_figure
from planning.messages.message import said
from planning.optimise.inputs import input_hash
from planning.sweeps import engine_for
from planning.uncertainty.core_index import DEFAULT_SAMPLES, MAX_SAMPLES, CoreIndex, CoreIndexOptions, core_index
from veikart_ui import i18n, predictability, session, state
from veikart_ui.components import show_chart, show_frame
from veikart_ui.phrases import translate
from veikart_ui.plain import plain
from veikart_ui.session import tr

RESULT = "core_index"
WORKERS_ENV = "VEIKART_CORE_INDEX_WORKERS"
APP_SAMPLES = min(DEFAULT_SAMPLES, 50)
"""The page's default: fewer futures than the CLI's, so a first answer comes in a minute or two."""


def workers() -> int | None:
    """Worker processes for the app's local cluster: ``VEIKART_CORE_INDEX_WORKERS``, else one per core."""
    found = os.environ.get(WORKERS_ENV, "").strip()
    return int(found) if found.isdigit() else None


def key(subject: predictability.Subject, options: CoreIndexOptions) -> str:
    chosen = "/".join(f"{k}={v}" for k, v in asdict(options).items())
    return f"core/{session.url()}/{subject.scenario.id}/{input_hash(subject.portfolio, subject.scenario)}/{chosen}"


def controls() -> tuple[CoreIndexOptions, bool]:
    cols = st.columns([1, 1, 1], vertical_alignment="bottom")
    samples = cols[0].number_input(tr("core.samples"), 1, MAX_SAMPLES, APP_SAMPLES, 10, key="core_samples",
                                   help=tr("core.samples_help"))  # fmt: skip
    seed = cols[1].number_input(tr("core.seed"), 0, 2**31 - 1, 1, 1, key="core_seed", help=tr("core.seed_help"))
    clicked = cols[2].button(tr("core.button"), key="core_button", width="stretch")
    return CoreIndexOptions(samples=int(samples), seed=int(seed)), clicked


def run(subject: predictability.Subject, options: CoreIndexOptions) -> tuple[CoreIndex, dict[str, int]] | None:
    """The index of the subject's scenario with its plan's starts, with progress; a message instead when it fails."""
    cache = state.plan_cache()
    made_for = key(subject, options)
    with st.status(tr("core.running"), expanded=True) as status:
        bar = st.progress(0.0, text=tr("core.running"))

        def planning(stage: str, fraction: float) -> None:
            bar.progress(min(max(fraction, 0.0), 1.0), text=i18n.stage(stage, session.language()))

        def solved(done: int, total: int) -> None:
            bar.progress(done / total, text=tr("core.progress", done=done, total=total))

        try:
            plan = predictability.plan_of(subject, planning)
            starts = plan.starts if plan.has_plan else {}
            known = cache.get(made_for)
            if isinstance(known, CoreIndex):
                result = known
            else:
                with engine_for(workers()) as engine:
                    result = core_index(subject.portfolio, subject.scenario, options, engine=engine, planned=starts,
                                        progress=solved)  # fmt: skip
                cache.put(made_for, result)
        except Exception as exc:  # an invalid portfolio, a bad option or a lost cluster: never a crash
            status.update(label=tr("core.failed_short"), state="error")
            st.error(tr("core.failed", error=plain(translate(said(exc), session.language()) or type(exc).__name__)))
            return None
        status.update(label=tr("core.done", futures=len(result.futures)), state="complete", expanded=False)
    st.session_state[RESULT] = (made_for, result, starts)
    return result, starts


def latest() -> tuple[str, CoreIndex, dict[str, int]] | None:
    """This session's latest index: the key it was made for, the index and the plan's starts it was shown beside."""
    found: Any = st.session_state.get(RESULT)
    return found if isinstance(found, tuple) else None


def sentence(result: CoreIndex, starts: dict[str, int]) -> str:
    safe, depends = result.commitment(starts)
    return tr("core.sentence", planned=len(starts), safe=len(safe), depends=len(depends))


def commitment(result: CoreIndex, starts: dict[str, int]) -> None:
    """The sentence and the two lists beside the recommended plan."""
    safe, depends = result.commitment(starts)
    st.markdown(f"**{sentence(result, starts)}**")
    cols = st.columns(2)
    names = result.initiatives["name"]
    for col, title, ids in ((cols[0], "core.safe", safe), (cols[1], "core.depends", depends)):
        col.markdown(f"**{tr(title)}**")
        col.markdown("\n".join(f"- {plain(i)} – {plain(names.get(i, i))}" for i in ids) or "–")


def table(result: CoreIndex) -> None:
    frame = result.initiatives.reset_index()[
        ["id", "name", "share", "klass", "planned", "start_min", "start_median", "start_max"]
    ].copy()
    frame["klass"] = [tr(f"core.klass.{k}") if k else "" for k in frame["klass"]]
    labels = {c: tr(f"core.col.{'initiative' if c == 'id' else c}") for c in frame.columns}
    config: dict[str, object] = {labels["share"]: st.column_config.NumberColumn(labels["share"], format="percent")}
    for column in ("planned", "start_min", "start_median", "start_max"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce")
        config[labels[column]] = st.column_config.NumberColumn(labels[column], format="%d")
    show_frame(frame.rename(columns=labels), column_config=config, key="core_table")


def show(result: CoreIndex, starts: dict[str, int]) -> None:
    o, lang = result.options, session.language()
    st.caption(tr("core.what", finished=len(result.futures), requested=result.requested, seed=o.seed,
                  gap=i18n.percent(o.gap, 1, lang), planned=result.planned, nodes=result.stopped_by_work,
                  limited=result.stopped_by_limit, engine=result.engine))  # fmt: skip
    if result.cancelled:
        st.warning(tr("core.cancelled"))
    commitment(result, starts)
    show_chart(core_index_figure(result.initiatives, text=i18n.chart_text("core_index", lang)), "core_chart")
    table(result)


def section(subject: predictability.Subject) -> None:
    """The Core Index of the subject's scenario: controls, progress while it runs, then the answer."""
    st.subheader(tr("core.heading"))
    st.caption(tr("core.intro"))
    options, clicked = controls()
    if clicked:
        run(subject, options)
    found = latest()
    if found is None:
        st.info(tr("core.none"))
        return
    made_for, result, starts = found
    if made_for != key(subject, options):
        st.warning(tr("core.stale"))
    show(result, starts)


def roadmap_note(scenario_id: str, starts: dict[str, int]) -> None:
    """Beside the recommended plan on the Veikart page: the latest index of this scenario, if any, in one line."""
    found = latest()
    if found is None or found[1].scenario != scenario_id or not starts:
        return
    result = found[1]
    safe, depends = result.commitment(starts)
    st.info(tr("core.on_roadmap", futures=len(result.futures), safe=len(safe), planned=len(starts),
               depends=len(depends)))  # fmt: skip
