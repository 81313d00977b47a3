#!/usr/bin/env bash
# Create .venv (Python 3.11) and install Veikart with pinned versions from constraints.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null || PYTHON=python3
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -c constraints.txt -e ".[dev]"
.venv/bin/python scripts/catalogs.py compile >/dev/null  # the .mo files from the .po catalogs (committed too)
