"""Numbers typed in bokmål and English are read exactly, and anything else is refused with its reason."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planning.messages.locale_numbers import SPACES, NotANumber, format_number, parse_number

LANGUAGES = st.sampled_from(["nb", "en"])


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [
        ("56,5", "nb", 56.5),
        ("-5", "nb", -5.0),
        ("\u22125", "nb", -5.0),  # the minus sign, as a word processor writes it
        ("+5", "en", 5.0),
        ("1 234,5", "nb", 1234.5),
        ("1\u00a0234,5", "nb", 1234.5),  # a no-break space from Excel
        ("1\u202f234\u202f567", "nb", 1234567.0),  # the narrow space the app writes
        ("  12  ", "nb", 12.0),
        ("0,05", "nb", 0.05),
        (",5", "nb", 0.5),
        ("56.5", "en", 56.5),
        ("1,234.5", "en", 1234.5),
        ("1 234.5", "en", 1234.5),
        ("1,234,567", "en", 1234567.0),
        ("1234567,25", "nb", 1234567.25),
    ],
)
def test_numbers_as_each_language_writes_them(text: str, language: str, value: float) -> None:
    assert parse_number(text, language) == value


@pytest.mark.parametrize(
    ("text", "language", "reason"),
    [
        ("abc", "nb", "not_a_number"),
        ("12 kr", "nb", "not_a_number"),
        ("1e3", "en", "not_a_number"),
        ("-", "nb", "not_a_number"),
        (",", "nb", "not_a_number"),
        ("nan", "en", "not_a_number"),
        ("56.5", "nb", "decimal_mark"),  # a point in bokmål: not silently 565 or 56.5
        ("56,5", "en", "decimal_mark"),  # a comma in English: not 565
        ("1,23", "en", "decimal_mark"),
        ("1 23,5", "nb", "grouping"),
        ("1.234,5", "nb", "grouping"),
        ("12,34,5", "en", "grouping"),
        ("5,5,5", "nb", "grouping"),
        ("9" * 400, "en", "too_large"),
    ],
)
def test_anything_else_is_refused_with_its_reason(text: str, language: str, reason: str) -> None:
    with pytest.raises(NotANumber) as refused:
        parse_number(text, language)
    assert refused.value.reason == reason and refused.value.text == text


def test_blank_is_no_number_and_whole_numbers_are_whole() -> None:
    assert parse_number("", "nb") is None and parse_number(" \u00a0", "en") is None
    assert parse_number("4", "nb", whole=True) == 4 and isinstance(parse_number("4,0", "nb", whole=True), int)
    assert parse_number("2 026", "nb", whole=True) == 2026
    with pytest.raises(NotANumber) as refused:
        parse_number("4,5", "nb", whole=True)
    assert refused.value.reason == "not_whole"
    with pytest.raises(ValueError, match="unknown language"):
        parse_number("1", "de")


@pytest.mark.parametrize(
    ("value", "nb", "en"),
    [
        (56.5, "56,5", "56.5"),
        (-5.0, "-5", "-5"),
        (1234.5, "1\u202f234,5", "1\u202f234.5"),
        (0.1, "0,1", "0.1"),
        (1e-7, "0,0000001", "0.0000001"),
        (2026, "2\u202f026", "2\u202f026"),
        (-0.0, "0", "0"),
    ],
)
def test_numbers_are_written_the_readers_way(value: float, nb: str, en: str) -> None:
    assert (format_number(value, "nb"), format_number(value, "en")) == (nb, en)


def test_what_no_one_can_type_is_not_written() -> None:
    with pytest.raises(ValueError):
        format_number(math.nan, "nb")


@given(st.floats(allow_nan=False, allow_infinity=False), LANGUAGES)
def test_every_number_written_reads_back_exactly(value: float, language: str) -> None:
    assert parse_number(format_number(value, language), language) == value


@given(st.integers(min_value=-(10**30), max_value=10**30), LANGUAGES)
def test_every_whole_number_written_reads_back_whole(value: int, language: str) -> None:
    assert parse_number(format_number(value, language), language, whole=True) == value


@given(
    st.integers(min_value=0, max_value=10**12),
    st.integers(min_value=0, max_value=999),
    st.sampled_from(list(SPACES)),
    st.booleans(),
)
def test_bokmal_with_any_space_between_thousands(whole: int, hundredths: int, space: str, negative: bool) -> None:
    text = ("-" if negative else "") + f"{whole:,}".replace(",", space) + f",{hundredths:03d}"
    expected = float(f"{'-' if negative else ''}{whole}.{hundredths:03d}")
    assert parse_number(text, "nb") == expected


@given(st.text(alphabet=st.characters(categories=["L", "P", "S"], exclude_characters="+-\u2212\u2013,."), min_size=1))
def test_text_with_no_digits_is_never_a_number(text: str) -> None:
    if text.strip():
        with pytest.raises(NotANumber) as refused:
            parse_number(text, "nb")
        assert refused.value.reason == "not_a_number"


@given(st.text(alphabet="0123456789,. -\u00a0abc", max_size=12), LANGUAGES)
def test_any_typing_is_read_or_refused_never_misread(text: str, language: str) -> None:
    """Whatever is typed either reads as the number it writes or is refused: a read number,
    written again and read back, is the same number (nothing dropped on the way, as 56,5 -> 565)."""
    try:
        value = parse_number(text, language)
    except NotANumber:
        return
    if value is None:
        assert not text.strip()
        return
    digits = [c for c in text if c.isdigit()]
    assert "a" not in text and "b" not in text and "c" not in text
    assert value == parse_number(format_number(value, language), language)
    decimal = "," if language == "nb" else "."
    fraction = [c for c in text.split(decimal)[1] if c.isdigit()] if decimal in text else []  # ".1 " has one
    assert math.isclose(abs(value), float("".join(digits)) / 10 ** len(fraction), rel_tol=1e-12)
