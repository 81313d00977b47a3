#!/usr/bin/env bash
# Install everything and run the whole test suite: lint, types, then pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-packages.sh
bash scripts/install.sh
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/lint-imports --no-cache
# One pytest worker per logical core (pytest-xdist), each test file kept on one worker so its
# module fixtures are built once; VEIKART_TEST_WORKERS=0 runs everything in this process.
.venv/bin/python -m pytest -n "${VEIKART_TEST_WORKERS:-logical}" --dist loadfile "$@"
