"""What a command loads before it runs (issue 32, target 4: ``planning optimize`` end to end):
OR-Tools only where CP-SAT solves, Alembic only where the schema is upgraded, openpyxl only where
a workbook is read or written."""

from __future__ import annotations

import json
import subprocess
import sys


def loaded_by(statement: str) -> set[str]:
    code = f"import sys, json; {statement}; print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_the_command_line_starts_without_or_tools_alembic_or_openpyxl() -> None:
    loaded = loaded_by("import planning.cli")
    assert "planning.cli" in loaded and "planning.optimise.solve" in loaded
    assert not {m for m in loaded if m.startswith(("ortools", "alembic", "openpyxl"))}


def test_the_workbook_functions_load_openpyxl_when_first_asked_for() -> None:
    loaded = loaded_by("from planning.io import write_portfolio")
    assert "planning.io.workbook" in loaded and "openpyxl" in loaded


def test_cp_sat_loads_or_tools_when_it_solves() -> None:
    loaded = loaded_by("from planning.optimise.cpsat import solve_cp")
    assert "ortools.sat.python.cp_model" in loaded
