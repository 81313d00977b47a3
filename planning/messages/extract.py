"""A Babel extractor for the templates kept as a dictionary literal (``PHRASES``).

``pybabel extract`` (see ``babel.cfg``) reads each ``"code": "English template"`` entry as a
message with the code as its context (``msgctxt``) and the template as its ``msgid``; the
catalogs translate the template, and :func:`planning.messages.render.render` looks it up by
code and template (``pgettext``). The file is parsed, not imported.
"""

from __future__ import annotations

import ast
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

DICTIONARIES = ("PHRASES",)


def extract_templates(
    fileobj: IO[bytes], keywords: Collection[str], comment_tags: Collection[str], options: Mapping[str, Any]
) -> Iterator[tuple[int, str, list[str], list[str]]]:
    """(line, "pgettext", [code, template], []) for every entry of the dictionaries named in
    ``options["dictionaries"]`` (comma-separated; ``PHRASES`` when not given)."""
    names = {n.strip() for n in str(options.get("dictionaries", ",".join(DICTIONARIES))).split(",")}
    tree = ast.parse(fileobj.read())
    for node in ast.walk(tree):
        target: ast.expr | None = node.target if isinstance(node, ast.AnnAssign) else None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
        value = getattr(node, "value", None)
        if not (isinstance(target, ast.Name) and target.id in names and isinstance(value, ast.Dict)):
            continue
        for key, template in zip(value.keys, value.values, strict=True):
            if isinstance(key, ast.Constant) and isinstance(template, ast.Constant) and template.value:
                yield key.lineno, "pgettext", [str(key.value), str(template.value)], []
