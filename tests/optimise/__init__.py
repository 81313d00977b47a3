"""Tests of the planning engine, one file per constraint family (issue 3).

The package marker gives these modules names of their own (``optimise.test_*``), so a
test file here may share its name with one elsewhere under ``tests``. Pytest puts
``tests`` on ``sys.path`` (its ``conftest.py`` has no package), so ``factories`` imports as is.
"""
