"""The edge of every page: an unexpected error becomes a plain message, never a traceback.

:func:`page_edge` wraps the run of the chosen page (in ``app.py``), the sign-in in the
sidebar and the parts of pages that Streamlit runs on their own (fragments, widget
callbacks). The reader sees what happened in their language and a short error code; the
exception with its traceback goes to the log under the same code. Streamlit's own
handler is the last line of defence and hides details too (``client.showErrorDetails =
"none"`` in ``.streamlit/config.toml``).
"""

from __future__ import annotations

import functools
import logging
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, ParamSpec, TypeVar

import streamlit as st

from veikart_ui import session
from veikart_ui.i18n import choose

LOGGER = logging.getLogger("veikart_ui")
TEXTS: dict[str, tuple[str, str]] = {
    "failed": (
        "Noe gikk galt, og siden kunne ikke vises helt. Prøv igjen, eller last siden på nytt. "
        "Skjer det igjen, oppgi feilkoden **{code}** til den som drifter Veikart.",
        "Something went wrong and the page could not be shown in full. Try again, or reload the page. "
        "If it happens again, give the error code **{code}** to whoever runs Veikart.",
    ),
}

P = ParamSpec("P")
R = TypeVar("R")


def error_code() -> str:
    """A short random code that ties the message a reader sees to the log entry."""
    return uuid.uuid4().hex[:8]


@contextmanager
def page_edge(where: str, container: Any = st) -> Iterator[None]:
    """Run the block; an unexpected exception is logged with its traceback and shown as a plain
    message in the reader's language in ``container``.

    Streamlit's own control flow (``st.rerun``, ``st.stop``, ``st.switch_page``) derives from
    ``BaseException``, not ``Exception``, and passes through untouched.

    Parameters
    ----------
    where
        What was running (a page's name), for the log.
    container
        Where the message goes (``st``, ``st.sidebar``).
    """
    try:
        yield
    except Exception:
        code = error_code()
        LOGGER.exception("unexpected error in %s (error code %s)", where, code)
        container.error(choose(TEXTS["failed"], session.language(), code=code), icon=":material/error:")


def guarded(where: str) -> Callable[[Callable[P, R | None]], Callable[P, R | None]]:
    """A decorator running a function (a fragment, a widget callback) inside :func:`page_edge`."""

    def decorate(function: Callable[P, R | None]) -> Callable[P, R | None]:
        @functools.wraps(function)
        def run(*args: P.args, **kwargs: P.kwargs) -> R | None:
            with page_edge(where):
                return function(*args, **kwargs)
            return None  # an error was shown instead

        return run

    return decorate
