"""Words that messages carry as values, in the reader's language from the catalogs.

HiGHS's own status words (``modelStatusToString``, lower case), which a solver's note may
carry beside the phrases, and the access rules' actions and role names
(:data:`planning.store.access.ROLE_LABELS`), which a refusal carries as its ``action`` and
``role``/``roles`` values. The English word is the msgid, its kind the context
(``scripts/catalogs.py`` extracts ``NP_(kind, word)``).
"""

from __future__ import annotations

from babel.lists import format_list

from planning.messages.message import Value
from planning.messages.render import Words, catalog

SOLVER = "solver"
ACCESS = "access"
LOCALES = {"nb": "nb_NO", "en": "en_GB"}


def NP_(kind: str, word: str) -> str:
    """Marks ``word`` of ``kind`` for the catalogs; translated where shown (:func:`word`)."""
    return word


SOLVER_WORDS = frozenset(
    {
        NP_("solver", "not set"),
        NP_("solver", "load error"),
        NP_("solver", "model error"),
        NP_("solver", "presolve error"),
        NP_("solver", "solve error"),
        NP_("solver", "postsolve error"),
        NP_("solver", "empty"),
        NP_("solver", "optimal"),
        NP_("solver", "infeasible"),
        NP_("solver", "primal infeasible or unbounded"),
        NP_("solver", "unbounded"),
        NP_("solver", "bound on objective reached"),
        NP_("solver", "target for objective reached"),
        NP_("solver", "time limit reached"),
        NP_("solver", "iteration limit reached"),
        NP_("solver", "unknown"),
        NP_("solver", "solution limit reached"),
        NP_("solver", "interrupted by user"),
        NP_("solver", "memory limit reached"),
        NP_("solver", "interrupted by highs"),
    }
)
ACCESS_WORDS = frozenset(
    {
        NP_("access", "read"),
        NP_("access", "insert"),
        NP_("access", "update"),
        NP_("access", "delete"),
        NP_("access", "import"),
        NP_("access", "run"),
        NP_("access", "approve"),
        NP_("access", "manage users"),
        NP_("access", "prepare case"),
        NP_("access", "record decision"),
        NP_("access", "Admin"),
        NP_("access", "Coordinator"),
        NP_("access", "Region editor"),
        NP_("access", "Steering member"),
        NP_("access", "Viewer"),
        NP_("access", "IT directors' meeting secretary"),
        NP_("access", "Leaders' meeting secretary"),
        NP_("access", "Board secretary"),
    }
)


def word(kind: str, value: str, language: str) -> str:
    """``value`` (a word of ``kind``) in ``language``; a word the catalogs do not know as it is."""
    return value if language == "en" else catalog(language).pgettext(kind, value)


def access_words(language: str) -> Words:
    """The access actions and role names of a refusal in ``language`` (for :func:`render`'s ``words``)."""

    def words(name: str, value: Value) -> str | None:
        if language == "en":
            return None
        if name == "action" and isinstance(value, str):
            return word(ACCESS, value, language)
        if name in ("roles", "role") and isinstance(value, (str, tuple)):
            roles = value if isinstance(value, tuple) else (value,)
            return format_list([word(ACCESS, str(role), language) for role in roles], locale=LOCALES[language])
        return None

    return words
