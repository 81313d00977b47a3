"""Text a spreadsheet would run as a formula is recognised the same way in every export."""

from __future__ import annotations

import pytest

from planning.io.audit_files import safe_text
from planning.io.formulas import defused, is_formula_like


@pytest.mark.parametrize("text", ['=HYPERLINK("http://evil.example")', "+47 1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_formula_like_text_gets_an_apostrophe(text: str) -> None:
    assert is_formula_like(text)
    assert defused(text) == "'" + text
    assert safe_text(text) == "'" + text  # the audit export says the same


@pytest.mark.parametrize("value", ["Helse Vest", "a=b", "", 3, None, -2.5])
def test_other_values_are_left_alone(value: object) -> None:
    assert not is_formula_like(value)
    if isinstance(value, str):
        assert defused(value) == value
