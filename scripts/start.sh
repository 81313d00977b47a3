#!/usr/bin/env bash
# Install Veikart into .venv, load the sample portfolio into SQLite (./var) and start the app.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-packages.sh
bash scripts/install.sh
.venv/bin/planning init
exec .venv/bin/streamlit run app.py --server.headless true "$@"
