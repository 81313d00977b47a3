"""Every command's help in bokmål and English: ``planning --lang nb COMMAND --help`` or ``LANG=nb_NO.UTF-8``.

The help is written in English in the source and shown from the catalogs; click's own words
(``Usage:``, ``Options``, ``[default: ...]``) stay click's.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from planning.cli import main
from planning.cli.helptext import HELP_OPTION, Command, Group, help_words
from planning.cli.language import KEY as LANGUAGE_KEY
from planning.messages.extract import extract_cli
from planning.messages.render import catalog

CLI = Path(__file__).resolve().parents[1] / "planning" / "cli"


def commands(
    command: click.Command = main, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    yield path, command
    if isinstance(command, click.Group):
        for name, sub in sorted(command.commands.items()):
            yield from commands(sub, (*path, name))


ALL = list(commands())


def flat(text: str) -> str:
    """``text`` as click shows it, joined to one line: ``\\b`` (which keeps a block's lines) is not shown,
    and click may wrap a line after a hyphen."""
    return re.sub(r"-\s+", "-", " ".join(text.replace("\b", "").split()))


def helped(*args: str, env: dict[str, str] | None = None) -> str:
    result = CliRunner().invoke(main, list(args), env=env)
    assert result.exit_code == 0, result.output
    return result.output


def english_help(command: click.Command) -> list[str]:
    """The help people read of ``command``: its own and each option's (``--help`` too), as written."""
    texts = [inspect.cleandoc(command.help)] if command.help else []
    texts += [p.help for p in command.params if isinstance(p, click.Option) and p.help]
    return [*texts, HELP_OPTION]


def test_every_command_translates_its_help() -> None:
    assert len(ALL) > 50
    assert all(isinstance(command, Command) for _, command in ALL)
    assert all(isinstance(command, Group) for _, command in ALL if isinstance(command, click.Group))


@pytest.mark.parametrize("path", [path for path, _ in ALL], ids=lambda path: " ".join(path) or "planning")
def test_each_command_has_its_help_in_bokmal_and_english(path: tuple[str, ...]) -> None:
    command = dict(ALL)[path]
    bokmal = helped("--lang", "nb", *path, "--help")
    english = helped("--lang", "en", *path, "--help")
    assert bokmal != english
    shown = flat(bokmal)
    untranslated = [text for text in english_help(command) if flat(text) in shown]
    assert untranslated == [], f"English help in 'planning --lang nb {' '.join(path)} --help'"
    assert all(flat(text) in flat(english) for text in english_help(command))
    if command.help and "Example" in command.help:
        assert ("Eksempel" in bokmal or "Eksempler" in bokmal) and "Example" not in bokmal


def test_every_help_text_has_a_bokmal_entry_in_the_catalogs() -> None:
    """Every help text has its bokmål in the catalogs (a help with values through its template)."""
    with click.Context(main, obj={LANGUAGE_KEY: "nb"}):
        missing = [text for _, command in ALL for text in english_help(command) if help_words(text) == text]
    assert missing == []
    assert catalog("nb").gettext(HELP_OPTION) == "Vis denne hjelpeteksten og avslutt."


def test_the_environment_chooses_the_language_of_the_help_and_lang_overrides_it() -> None:
    assert "Simuler en plan under de usikre estimatene" in helped("simulate", "--help", env={"LANG": "nb_NO.UTF-8"})
    assert "Simulate a plan under" in helped("--lang", "en", "simulate", "--help", env={"LANG": "nb_NO.UTF-8"})
    assert "Simulate a plan under" in helped("simulate", "--help", env={"LANG": "C.UTF-8"})
    root = helped("--lang", "nb", "--help")
    assert "planlegg den interregionale e-helseporteføljen" in root and "Avslutningskoder, for alle kommandoer" in root
    assert "Optimer et scenario på nytt i trukne utfall" in root  # a command's short help in the list
    assert "Vis denne hjelpeteksten og avslutt." in helped("--lang", "nb", "bench", "run", "--help")


def test_lang_after_help_is_heard_too() -> None:
    for args in (("--help", "--lang", "nb"), ("--help", "--lang=nb"), ("--debug", "--help", "--lang", "nb")):
        assert "planlegg den interregionale e-helseporteføljen" in helped(*args, env={"LANG": "C.UTF-8"}), args
    assert "plan the interregional e-health portfolio" in helped("--help", "--lang", "en", env={"LANG": "nb_NO.UTF-8"})
    refused = CliRunner().invoke(main, ["--help", "--lang", "sv"], env={"LANG": "C.UTF-8"})
    assert "plan the interregional e-health portfolio" in refused.output  # an unknown language: click's --help first


def test_help_with_values_is_translated_with_them() -> None:
    shown = flat(helped("--lang", "nb", "bench", "external", "--help"))
    assert "Løsersekunder per instans. [standard: mknap1 20, mknapcb1 60, mknapcb2 120, j30 20]" in shown
    assert "Trukne utfall, 1 til 50000." in flat(helped("--lang", "nb", "simulate", "--help"))
    assert "Opptre som denne lagrede brukeren (standard $VEIKART_USER" in flat(helped("--lang", "nb", "run", "--help"))


def test_a_group_takes_only_commands_that_translate_their_help() -> None:
    group = Group("g")
    with pytest.raises(TypeError, match="cls=Command"):
        group.add_command(click.Command("plain"))

    @group.command()
    def made() -> None:
        """Made by the group."""

    assert isinstance(group.commands["made"], Command)


def test_the_extractor_reads_commands_docstrings_and_options_help() -> None:
    with (CLI / "simulate.py").open("rb") as f:
        found = [m if isinstance(m, str) else m[0] for _, _, m, _ in extract_cli(f, ["_", "N_"], [], {})]
    assert any(text.startswith("Simulate a plan under its uncertain estimates:") for text in found)
    assert "The same seed gives the same futures." in found and "Sampled futures, 1 to {most}." in found
    assert "give either --scenario NAME or --plan ID" in found  # _("...") as Babel's own extractor finds it
