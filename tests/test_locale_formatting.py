"""Numbers, percentages and dates through Babel's locale formatting, in bokmål and English."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from click.testing import CliRunner

from planning.cli import main
from planning.messages.locale_numbers import parse_number
from planning.messages.render import date_text, datetime_text, number, percent
from planning.report.text import num, pct
from veikart_ui import i18n


def test_bokmal_and_english_numbers_percentages_and_dates() -> None:
    assert number(Decimal("1234.5"), "nb") == "1\u00a0234,5"
    assert number(Decimal("1234.5"), "en") == "1,234.5"
    assert number(-7.84, "nb", 1) == "-7,8"
    assert (percent(0.48, "nb"), percent(0.48, "en")) == ("48\u00a0%", "48%")
    assert (date_text(dt.date(2026, 12, 4), "nb"), date_text(dt.date(2026, 12, 4), "en")) == (
        "4. des. 2026",
        "4 Dec 2026",
    )
    assert (num(1234.5), pct(0.9)) == ("1\u00a0234,5", "90\u00a0%")  # the report, in bokmål


NEW_YORK = dt.timezone(dt.timedelta(hours=-5))


@pytest.mark.parametrize(
    ("when", "nb", "en"),
    [
        (dt.datetime(2026, 12, 4, 13, 5, tzinfo=dt.UTC), "4. des. 2026 14:05", "4 Dec 2026 14:05"),  # winter: UTC+1
        (dt.datetime(2026, 6, 30, 22, 30), "1. juli 2026 00:30", "1 Jul 2026 00:30"),  # naive is UTC; summer: +2
        (dt.datetime(2026, 3, 2, 9, 0, tzinfo=NEW_YORK), "2. mars 2026 15:00", "2 Mar 2026 15:00"),  # another zone
    ],
)
def test_times_are_written_in_oslo_time_in_the_readers_language(when: dt.datetime, nb: str, en: str) -> None:
    assert (datetime_text(when, "nb"), datetime_text(when, "en")) == (nb, en)
    assert (date_text(when, "nb"), date_text(when, "en")) == (nb.rsplit(" ", 1)[0], en.rsplit(" ", 1)[0])


@pytest.mark.parametrize("language", ["nb", "en"])
@pytest.mark.parametrize("value", [0.0, -0.04, 2399.172, -1234567.891, 1e9 + 0.5, 56.5])
def test_the_apps_numbers_read_back_as_shown(language: str, value: float) -> None:
    """A number cell shows Babel's formatting with the app's mark between thousands, and reads it back."""
    shown = i18n.number(value, 2, language)
    assert parse_number(shown, language) == pytest.approx(round(value, 2), abs=1e-9)


def test_the_command_line_writes_its_numbers_in_the_readers_language() -> None:
    english = CliRunner().invoke(main, ["optimize", "--from", "data/sample", "--scenario", "Basis"])
    bokmal = CliRunner().invoke(main, ["--lang", "nb", "optimize", "--from", "data/sample", "--scenario", "Basis"])
    assert "Net present value " in english.output and "In the plan (" in english.output
    line = next(line for line in bokmal.output.splitlines() if "Netto nåverdi" in line)
    figure = line.split("Netto nåverdi ")[1].split(" MNOK")[0]
    assert "," in figure and "." not in figure  # 1 234,5: a decimal comma, no point
    assert "I planen (" in bokmal.output
