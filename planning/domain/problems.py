"""Problems found in input data, each naming table, row and field."""

from __future__ import annotations

from dataclasses import dataclass

from planning.messages.counts import counted


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, and how to fix it."""

    table: str
    row: str
    field: str
    message: str
    fix: str = ""
    severity: str = "error"
    line: int | None = None
    """Row number in the source file or sheet (1 = first data row), where known."""

    @property
    def location(self) -> str:
        return f"{self.table}/{self.row}/{self.field}"

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}"
        if self.fix:
            text += f" Fix: {self.fix}"
        if self.severity != "error":
            text = f"[{self.severity}] {text}"
        return text


class InvalidPortfolio(ValueError):
    """Raised where invalid data would otherwise be stored or planned with."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = [p for p in problems if p.severity == "error"]
        lines = "\n".join(str(p) for p in self.problems[:20])
        more = len(self.problems) - 20
        super().__init__(
            f"{counted(len(self.problems), 'problem', 'problems')} in the portfolio:\n{lines}"
            + (f"\n... and {more} more" if more > 0 else "")
        )


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]
