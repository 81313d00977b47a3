"""Babel extractors: the templates kept as a dictionary literal (``PHRASES``), and the command line's help.

``pybabel extract`` (see ``babel.cfg``) reads each ``"code": "English template"`` entry as a
message with the code as its context (``msgctxt``) and the template as its ``msgid``; the
catalogs translate the template, and :func:`planning.messages.render.render` looks it up by
code and template (``pgettext``). :func:`extract_cli` reads the command line's modules: their
``_()`` and ``N_()``, and the help of each command and option. Files are parsed, not imported.
"""

from __future__ import annotations

import ast
import inspect
import io
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any, cast

from babel.messages.extract import extract_python

DICTIONARIES = ("PHRASES",)


def extract_templates(
    fileobj: IO[bytes], keywords: Collection[str], comment_tags: Collection[str], options: Mapping[str, Any]
) -> Iterator[tuple[int, str, list[str], list[str]]]:
    """(line, "pgettext", [prefix + code, template], []) for every entry of the dictionaries named in
    ``options["dictionaries"]`` (comma-separated; ``PHRASES`` when not given); ``options["prefix"]``
    sets the contexts apart where two books use the same keys. A dictionary of dictionaries
    (``CHART_TEXTS``: chart -> key -> English) gives the context ``NAME.chart.key``."""
    names = {n.strip() for n in str(options.get("dictionaries", ",".join(DICTIONARIES))).split(",")}
    prefix = str(options.get("prefix", ""))
    tree = ast.parse(fileobj.read())
    constants = {
        node.targets[0].id: node.value.value
        for node in tree.body
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
        and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
    }  # fmt: skip
    for node in ast.walk(tree):
        target: ast.expr | None = node.target if isinstance(node, ast.AnnAssign) else None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
        value = getattr(node, "value", None)
        if not (isinstance(target, ast.Name) and target.id in names and isinstance(value, ast.Dict)):
            continue
        for key, template in zip(value.keys, value.values, strict=True):
            if isinstance(key, ast.Constant) and isinstance(template, ast.Dict):  # a book of books: CHART_TEXTS
                yield from _nested(f"{prefix}{target.id}.{key.value!s}.", template, constants)
                continue
            text = _text(template, constants)
            if isinstance(key, ast.Constant) and text:
                yield key.lineno, "pgettext", [prefix + str(key.value), text], []


def _nested(
    context: str, book: ast.Dict, constants: Mapping[str, str]
) -> Iterator[tuple[int, str, list[str], list[str]]]:
    """The entries of a dictionary inside a dictionary (``CHART_TEXTS["roadmap"]["title"]``), the
    context naming both keys (``CHART_TEXTS.roadmap.title``)."""
    for key, template in zip(book.keys, book.values, strict=True):
        text = _text(template, constants)
        if isinstance(key, ast.Constant) and text:
            yield key.lineno, "pgettext", [context + str(key.value), text], []


def _text(node: ast.expr, constants: Mapping[str, str]) -> str | None:
    """A template written as a string, or as strings and module constants joined by ``+``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        return constants.get(node.id)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _text(node.left, constants), _text(node.right, constants)
        return None if left is None or right is None else left + right
    return None


def extract_cli(
    fileobj: IO[bytes], keywords: Collection[str], comment_tags: Collection[str], options: Mapping[str, Any]
) -> Iterator[tuple[Any, ...]]:
    """What Babel's Python extractor finds (``_("...")``, ``N_("...")``), and the help people read
    with ``--help``: the docstring of every command and group (a function decorated
    ``@...command(...)`` or ``@...group(...)``) and every ``help=`` given as a string (or strings
    joined), cleaned as click cleans them (:func:`inspect.cleandoc`), as ``_`` messages."""
    source = fileobj.read()
    # Babel's annotations name a mapping of keywords; ``pybabel extract`` hands over their names, as here
    yield from extract_python(io.BytesIO(source), cast(Any, keywords), comment_tags, cast(Any, options))
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef) and any(_makes_command(d) for d in node.decorator_list):
            doc = ast.get_docstring(node, clean=True)
            if doc:
                yield node.lineno, "_", [doc], []
        elif isinstance(node, ast.keyword) and node.arg == "help":
            text = _text(node.value, {})
            if text:
                yield node.value.lineno, "_", [inspect.cleandoc(text)], []


def _makes_command(decorator: ast.expr) -> bool:
    """``@click.command(...)``, ``@bench.command()``, ``@click.group(...)`` and the like."""
    call = decorator.func if isinstance(decorator, ast.Call) else decorator
    name = call.attr if isinstance(call, ast.Attribute) else call.id if isinstance(call, ast.Name) else ""
    return name in ("command", "group")
