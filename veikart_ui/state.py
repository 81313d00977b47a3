"""Cached loaders: every input is an argument, nothing lives in module globals.

``st.cache_resource`` keeps one engine per database URL, one revision counter and one
plan cache per process (shared by all sessions); ``st.cache_data`` keeps the portfolio
snapshot per URL and revision, and hands each caller its own copy.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import streamlit as st
from sqlalchemy import Engine

from planning.store.database import is_empty, make_engine, upgrade
from planning.store.shared import Snapshot, load_snapshot

PORTFOLIO_TTL = 30
"""Seconds before the portfolio is read again even without a save in this process
(another process, such as the command line, may have written)."""


@st.cache_resource(show_spinner=False)
def engine(url: str) -> Engine:
    """The engine for ``url``, with the schema brought up to date once per process."""
    made = make_engine(url)
    upgrade(made)
    return made


@dataclass
class Revisions:
    """A counter per database URL, bumped on every save from this process."""

    counts: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def current(self, url: str) -> int:
        return self.counts.get(url, 0)

    def bump(self, url: str) -> int:
        with self.lock:
            self.counts[url] = self.counts.get(url, 0) + 1
            return self.counts[url]


@st.cache_resource(show_spinner=False)
def revisions() -> Revisions:
    return Revisions()


@st.cache_data(ttl=PORTFOLIO_TTL, max_entries=8, show_spinner=False)
def snapshot(url: str, revision: int) -> Snapshot:
    """The stored portfolio at ``url`` with its row versions; ``revision`` changes after every save.

    Edits are built on this snapshot's portfolio and saved against its versions, so that a
    save notices rows someone else changed meanwhile (:func:`planning.store.shared.save_portfolio_as`).
    """
    del revision  # part of the cache key only
    return load_snapshot(engine(url))


def database_is_empty(url: str) -> bool:
    return is_empty(engine(url))


@dataclass
class PlanCache:
    """Plans and what is derived from them, by key (input hash and options), newest kept.

    Shared by all sessions of the process; values are never changed once put.
    """

    size: int = 64
    plans: OrderedDict[str, Any] = field(default_factory=OrderedDict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def get(self, key: str) -> Any:
        with self.lock:
            plan = self.plans.get(key)
            if plan is not None:
                self.plans.move_to_end(key)
            return plan

    def put(self, key: str, plan: Any) -> None:
        with self.lock:
            self.plans[key] = plan
            self.plans.move_to_end(key)
            while len(self.plans) > self.size:
                self.plans.popitem(last=False)


@st.cache_resource(show_spinner=False)
def plan_cache() -> PlanCache:
    return PlanCache()


@dataclass
class Job:
    """Work running in the background, with its last reported stage and fraction."""

    stage: str = ""
    fraction: float = 0.0
    future: Future[Any] | None = None

    @property
    def done(self) -> bool:
        return self.future is not None and self.future.done()

    @property
    def failed(self) -> str | None:
        """The error of a job that ended in one, in one line."""
        if not self.done or self.future is None or self.future.cancelled():
            return None
        error = self.future.exception()
        return None if error is None else (str(error) or type(error).__name__)

    def report(self, stage: str, fraction: float) -> None:
        self.stage, self.fraction = stage, fraction


@dataclass
class Jobs:
    """One worker thread for slow follow-up work (explanations), keyed so that it runs once.

    Jobs still waiting when a newer one arrives for the same ``group`` are cancelled.
    """

    executor: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(max_workers=1))
    jobs: dict[str, Job] = field(default_factory=dict)
    groups: dict[str, str] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def submit(self, key: str, group: str, work: Callable[[Callable[[str, float], None]], Any]) -> Job:
        """Start ``work(progress)`` unless a job with ``key`` exists; return that job."""
        with self.lock:
            known = self.jobs.get(key)
            if known is not None and known.future is not None and not known.future.cancelled():
                return known
            previous = self.jobs.get(self.groups.get(group, ""))
            if previous is not None and previous.future is not None and previous.future.cancel():
                del self.jobs[self.groups[group]]
            job = Job()
            job.future = self.executor.submit(work, job.report)
            self.jobs[key] = job
            self.groups[group] = key
            return job

    def get(self, key: str) -> Job | None:
        with self.lock:
            return self.jobs.get(key)


@st.cache_resource(show_spinner=False)
def jobs() -> Jobs:
    return Jobs()
