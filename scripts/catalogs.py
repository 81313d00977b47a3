"""Extract, update and compile the gettext catalogs (``planning/locale``) with Babel.

    .venv/bin/python scripts/catalogs.py          # extract + update + compile
    .venv/bin/python scripts/catalogs.py compile  # compile only (scripts/install.sh)

The same as ``pybabel extract -F babel.cfg -k _ -k N_ ...``, ``pybabel update`` and
``pybabel compile``, with one mend: Veikart's templates use ``{name}`` placeholders
(python-brace-format) and never ``%``-placeholders, and a literal ``%`` beside a word ("{value}
% is outside", "a 20 % cut") would read as one, so the ``python-format`` flag is dropped.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "planning" / "locale"
TEMPLATE = LOCALE / "veikart.pot"
LANGUAGES = ("nb", "en")
PYBABEL = str(Path(sys.executable).with_name("pybabel"))


def mend(path: Path) -> None:
    """Drop ``python-format``: Veikart's texts use ``{name}`` placeholders only (a ``%`` is a per cent)."""
    with path.open("rb") as f:
        catalog = read_po(f)
    for message in catalog:
        message.flags.discard("python-format")
    with path.open("wb") as f:
        write_po(f, catalog, width=120, omit_header=False)


def main(steps: list[str]) -> None:
    if "compile" not in steps or len(steps) > 1 or not steps:
        run("extract", "-F", "babel.cfg", "-k", "_", "-k", "N_", "-k", "NP_:1c,2", "--no-location", "--sort-by-file",
            "--project=Veikart", "-o", str(TEMPLATE), ".")  # fmt: skip
        mend(TEMPLATE)
        for language in LANGUAGES:
            run("update", "-D", "veikart", "-i", str(TEMPLATE), "-d", str(LOCALE), "-l", language,
                "-w", "120", "--ignore-obsolete", "--no-fuzzy-matching")  # fmt: skip
            mend(LOCALE / language / "LC_MESSAGES" / "veikart.po")
    for language in LANGUAGES:
        compile_catalog(LOCALE / language / "LC_MESSAGES" / "veikart.po")


def compile_catalog(path: Path) -> None:
    """``pybabel compile`` without its ``%``-placeholder check (see :func:`mend`); the
    ``{name}`` placeholders are checked by ``tests/test_catalogs.py``. Fuzzy entries are left out."""
    with path.open("rb") as f:
        catalog = read_po(f)
    with path.with_suffix(".mo").open("wb") as f:
        write_mo(f, catalog)


def run(*args: str) -> None:
    subprocess.run([PYBABEL, *args], cwd=ROOT, check=True)


if __name__ == "__main__":
    main(sys.argv[1:])
