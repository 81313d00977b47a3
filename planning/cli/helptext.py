"""The command line's help in the reader's language: each command's help, its options' and the epilog.

Help is written in English in the source (a command's docstring, an option's ``help=``) and
translated from the catalogs when it is shown, in the command's language
(:func:`planning.cli.language.current`: ``planning --lang nb COMMAND --help``, or ``LANG``).
``pybabel extract`` reads the docstrings of commands and the options' ``help=`` through
:func:`planning.messages.extract.extract_cli`; a help text with values in it (a limit, a
default) is made by :func:`filled` from a template marked ``N_``. Click's own words
(``Usage:``, ``Options``, ``[default: ...]``) stay click's.

Every command is a :class:`Command` and every group a :class:`Group`: a group refuses to
add a command of click's plain classes.
"""

from __future__ import annotations

import copy
import inspect
from gettext import gettext as click_words  # click's own words, looked up as click does
from typing import Any

import click

from planning.cli.language import N_, _

HELP_OPTION = N_("Show this message and exit.")
"""Click's help for ``--help``, translated like the options' own."""
_FILLED: dict[str, tuple[str, dict[str, Any]]] = {}


def filled(template: str, /, **values: Any) -> str:
    """``template`` with ``values`` (the English help); shown in the reader's language from the
    template's translation with the same values."""
    text = template.format(**values)
    _FILLED[inspect.cleandoc(text)] = (template, values)
    return text


def help_words(text: str | None) -> str | None:
    """A help text in the command's language (the English where the catalogs have none)."""
    if not text:
        return text
    key = inspect.cleandoc(text)
    if key in _FILLED:
        template, values = _FILLED[key]
        return _(template).format(**values)
    return _(key)


def _shown(param: click.Parameter) -> click.Parameter:
    if not isinstance(param, click.Option) or not param.help:
        return param
    shown = copy.copy(param)
    shown.help = help_words(param.help)
    return shown


class Command(click.Command):
    """A command whose help, short help, epilog and options' help are shown in the reader's language."""

    def _in_words(self) -> Command:
        shown = copy.copy(self)
        shown.help, shown.short_help, shown.epilog = (help_words(t) for t in (self.help, self.short_help, self.epilog))
        return shown

    def get_short_help_str(self, limit: int = 45) -> str:
        return click.Command.get_short_help_str(self._in_words(), limit)

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        click.Command.format_help_text(self._in_words(), ctx, formatter)

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        click.Command.format_epilog(self._in_words(), ctx, formatter)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The options as click writes them (its own words too), each option's help translated."""
        rows = [
            record
            for param in self.get_params(ctx)
            if not isinstance(param, click.Argument) and (record := _shown(param).get_help_record(ctx)) is not None
        ]
        if rows:
            with formatter.section(click_words("Options")):
                formatter.write_dl(rows)
        if isinstance(self, click.Group):
            self.format_commands(ctx, formatter)


class Group(Command, click.Group):
    """A group of :class:`Command` (``@group.command()`` makes one) that takes no other kind."""

    command_class = Command
    group_class = type

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        if not isinstance(cmd, Command):
            raise TypeError(f"{cmd.name}: make it with cls=Command (planning.cli.helptext) so its help is translated")
        super().add_command(cmd, name)
