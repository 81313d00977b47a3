"""Periods of the planning horizon and their labels (2027, 2027H2, 2027Q3)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from planning.messages.phrases import phrase, unit_phrase

PERIODS_PER_YEAR = {"year": 1, "half-year": 2, "quarter": 4}
_LABEL = re.compile(r"^\s*(\d{4})(?:\s*([HQ])\s*(\d))?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Timeline:
    """The horizon: ``periods`` periods of ``period_length`` from ``first_year``.

    Periods are numbered 0 .. periods-1 inside the model and labelled for people.
    """

    first_year: int
    periods: int
    period_length: str = "year"

    @property
    def per_year(self) -> int:
        return PERIODS_PER_YEAR[self.period_length]

    @property
    def labels(self) -> list[str]:
        return [self.label(t) for t in range(self.periods)]

    @property
    def years(self) -> list[int]:
        return sorted({self.year_of(t) for t in range(self.periods)})

    def label(self, period: int) -> str:
        year, part = divmod(period, self.per_year)
        year += self.first_year
        if self.per_year == 1:
            return str(year)
        return f"{year}{'H' if self.per_year == 2 else 'Q'}{part + 1}"

    def year_of(self, period: int) -> int:
        return self.first_year + period // self.per_year

    def start_in_years(self, period: int) -> float:
        """Time from the start of the horizon to the start of ``period``, in years."""
        return period / self.per_year

    def index(self, label: str | int, *, end: bool = False) -> int:
        """The period number of ``label``; may fall outside the horizon.

        A bare year in a finer horizon means its first period, or its last with ``end``.

        Raises
        ------
        ValueError
            When the label cannot be read or does not fit the period length.
        """
        match = _LABEL.match(str(label))
        if not match:
            if self.per_year == 1:
                raise ValueError(phrase("not_a_period", label=label, year=self.first_year))
            raise ValueError(phrase("not_a_period_or", label=label, year=self.first_year, period=self.label(0)))
        year, letter, number = int(match[1]), match[2], match[3]
        base = (year - self.first_year) * self.per_year
        if letter is None:
            return base + (self.per_year - 1 if end else 0)
        wanted = "H" if self.per_year == 2 else "Q" if self.per_year == 4 else None
        part = int(number)
        if letter.upper() != wanted or not 1 <= part <= self.per_year:
            raise ValueError(
                phrase("wrong_period_length", label=label, length=unit_phrase(self.period_length), period=self.label(0))
            )
        return base + part - 1

    def contains(self, period: int) -> bool:
        return 0 <= period < self.periods
