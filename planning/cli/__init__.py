"""The ``planning`` command line.

Exit codes, for every command:
  0  success
  1  the input is invalid, or the question has no answer (for example an infeasible plan)
  2  wrong usage (unknown option, missing argument)
  3  an unexpected error (run again with --debug for the traceback)

Each command module exposes ``COMMANDS``; add a module to ``COMMAND_MODULES`` to register it.
"""

from __future__ import annotations

import importlib
import sys
import traceback
from typing import Any

import click

from planning.cli.common import EXIT_ERROR, EXIT_INVALID
from planning.cli.helptext import Group
from planning.cli.language import ASKED as LANGUAGE_ASKED
from planning.cli.language import KEY as LANGUAGE_KEY
from planning.cli.language import LANGUAGES, N_, _, error, from_environment, say, told
from planning.domain.problems import InvalidPortfolio
from planning.messages.phrases import phrase

MAX_PROBLEM_LINES = 50
"""Problems shown when a command meets invalid input it does not report itself."""

COMMAND_MODULES = [
    "planning.cli.data",
    "planning.cli.db",
    "planning.cli.files",
    "planning.cli.plan",
    "planning.cli.stepwise",
    "planning.cli.simulate",
    "planning.cli.robust",
    "planning.cli.core_index",
    "planning.cli.report",
    "planning.cli.bench",
    "planning.cli.users",
    "planning.cli.audit",
    "planning.cli.rows",
    "planning.cli.scenario",
    "planning.cli.case",
]


class PlanningGroup(Group):
    """A group that turns unexpected errors into one clear line unless ``--debug``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """The group's arguments, with ``--lang`` heard first: click handles eager options in the
        order typed, so ``planning --help --lang nb`` would show the help before hearing the language."""
        asked = language_before_command(args)
        if asked is not None:
            remember_language(ctx, None, asked)
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except InvalidPortfolio as exc:  # invalid input a command did not report itself, e.g. a number out of range
            for problem in exc.problems[:MAX_PROBLEM_LINES]:
                click.echo(told(problem), err=True)
            if len(exc.problems) > MAX_PROBLEM_LINES:
                click.echo(say(phrase("and_more", count=len(exc.problems) - MAX_PROBLEM_LINES)), err=True)
            click.echo(_("error: invalid input; fix the problems above and try again"), err=True)
            sys.exit(EXIT_INVALID)
        except Exception as exc:
            if ctx.obj and ctx.obj.get("debug"):
                traceback.print_exc()
            else:
                click.echo(_("error: {error} (run with --debug for details)").format(error=error(exc)), err=True)
            sys.exit(EXIT_ERROR)


EPILOG = N_("""\b
Exit codes, for every command:
  0  success
  1  invalid input, or no answer (for example an infeasible plan)
  2  wrong usage (unknown option, missing argument)
  3  an unexpected error (run again with --debug)""")


def language_before_command(args: list[str]) -> str | None:
    """The language ``--lang`` names among the group's own options (before the command), if one it knows."""
    for position, arg in enumerate(args):
        if arg.startswith("--lang="):
            value: str | None = arg.partition("=")[2]
        elif arg == "--lang":
            value = args[position + 1] if position + 1 < len(args) else None
        elif not arg.startswith("-"):
            return None  # the command's name: what follows is its own
        else:
            continue
        return value if value in LANGUAGES else None
    return None


def remember_language(ctx: click.Context, _param: click.Parameter | None, lang: str | None) -> str | None:
    """The language as soon as ``--lang`` is read (eager): a sub-command's help, and the group's own
    where ``--lang`` comes before ``--help``, are shown in it; without ``--lang``, ``LANG``'s."""
    obj = ctx.ensure_object(dict)
    obj[LANGUAGE_KEY] = lang or from_environment()
    obj[LANGUAGE_ASKED] = lang
    return lang


@click.group(cls=PlanningGroup, epilog=EPILOG)
@click.option("--debug", is_flag=True, help="Show tracebacks for unexpected errors.")
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default=None,
    is_eager=True,
    callback=remember_language,
    help="Language of the output and the help: en or nb (default: nb where LANG starts with nb or no, else en; the "
    "report and the board papers: bokmål unless LANG starts with en).",
)
@click.pass_context
def main(ctx: click.Context, debug: bool, lang: str | None) -> None:
    """Veikart: plan the interregional e-health portfolio.

    \b
    Example:
      planning init
      planning validate data/sample
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


for _name in COMMAND_MODULES:
    for _command in importlib.import_module(_name).COMMANDS:
        main.add_command(_command)
