"""Numbers in the portfolio: finite, inside their column's declared range, never a boolean.

Every number column of :mod:`planning.domain.models` declares its range there (``ge``/``le`` on a
single number, ``item_range`` on a list or pairs of numbers). The checks here run on
``model_validate`` for every way data comes in (workbooks, CSV, JSON, the app's forms,
``planning rows set``), before pydantic converts the value, so that

- a boolean (Excel's TRUE, JSON's ``true``) is refused instead of read as 1;
- NaN is refused as "not a number" rather than as out of range;
- infinity, and text such as ``inf`` or ``1e400`` that reads as infinity, is refused;
- each value of a list or pair cell is held to the column's range.

The error types (:data:`NUMBER_ERRORS`) let the loader attach the fix "enter a number from
LOW to HIGH UNIT".
"""

from __future__ import annotations

import functools
import math
import types
from collections.abc import Hashable, Mapping
from typing import Any, Union, get_args, get_origin

import numpy as np
from pydantic_core import PydanticCustomError

from planning.messages.message import exact
from planning.messages.phrases import phrase

NOT_FINITE = "not_finite"
BOOLEAN_NUMBER = "boolean_number"
ITEM_OUT_OF_RANGE = "item_out_of_range"
NUMBER_ERRORS = (NOT_FINITE, BOOLEAN_NUMBER, ITEM_OUT_OF_RANGE)
"""Error types these checks raise (pydantic's own range errors are ``greater_than_equal`` and so on)."""


def number_shape(annotation: Any) -> str | None:
    """``scalar``, ``list`` or ``map`` for a column of numbers (integer or float), else ``None``."""
    return _shape(annotation)


@functools.cache  # runs for every field of every row validated
def _shape(annotation: Hashable) -> str | None:
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        inner = [a for a in get_args(annotation) if a is not type(None)]
        return _shape(inner[0]) if len(inner) == 1 else None
    if origin is list:
        return "list" if get_args(annotation)[0] in (int, float) else None
    if origin is dict:
        return "map" if get_args(annotation)[1] in (int, float) else None
    return "scalar" if annotation in (int, float) else None


def refuse_non_numbers(value: Any, shape: str) -> None:
    """Raise for a boolean, NaN or infinity (also as text) in a number column of ``shape``.

    Raises
    ------
    PydanticCustomError
        Of type :data:`BOOLEAN_NUMBER` or :data:`NOT_FINITE`, with the value in the message.
    """
    if shape == "scalar":
        _refuse(value, None)
    elif shape == "list" and isinstance(value, (list, tuple)):
        for item in value:
            _refuse(item, None)
    elif shape == "map" and isinstance(value, Mapping):
        for key, item in value.items():
            _refuse(item, key)


def _refuse(value: Any, key: Any) -> None:
    shown = f"{key}={_text(value)}" if key is not None else _text(value)
    if isinstance(value, (bool, np.bool_)):
        raise PydanticCustomError(BOOLEAN_NUMBER, "{message}", {"message": phrase("boolean_for_number", value=shown)})
    number = _as_float(value)
    if number is None or math.isfinite(number):
        return
    if math.isnan(number):
        raise PydanticCustomError(NOT_FINITE, "{message}", {"message": phrase("nan_value", value=shown)})
    raise PydanticCustomError(NOT_FINITE, "{message}", {"message": phrase("infinite_value", value=shown)})


def _as_float(value: Any) -> float | None:
    """``value`` as a float where it is a number or text of one; ``None`` for anything else."""
    if isinstance(value, (float, np.floating)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return None
    return None


def _text(value: Any) -> str:
    if isinstance(value, (bool, np.bool_)):
        return "TRUE" if value else "FALSE"
    return str(value).strip()


def check_items(value: Any, low: float, high: float) -> None:
    """Raise unless every number of a list or pairs cell lies from ``low`` to ``high``.

    Raises
    ------
    PydanticCustomError
        Of type :data:`ITEM_OUT_OF_RANGE` naming the first value outside, or
        :data:`NOT_FINITE` for one that is not a finite number.
    """
    items = value.items() if isinstance(value, Mapping) else ((None, item) for item in value or ())
    for key, item in items:
        _refuse(item, key)
        if not low <= float(item) <= high:
            shown = f"{key}={limit_text(float(item))}" if key is not None else limit_text(float(item))
            message = phrase("outside_range", value=shown, low=exact(limit_text(low)), high=exact(limit_text(high)))
            raise PydanticCustomError(ITEM_OUT_OF_RANGE, "{message}", {"message": message})


def limit_text(number: float) -> str:
    """A number as people write it, without an exponent: 1000000, 0.5, -3."""
    if float(number).is_integer():
        return str(int(number))
    return f"{number:f}".rstrip("0").rstrip(".") if abs(number) >= 1e-4 else repr(number)
