"""The portfolio and its rules, independent of any database, solver or screen.

What lives here: the table declarations (:mod:`~planning.domain.models`) and the column
specifications read from them, the :class:`~planning.domain.portfolio.Portfolio` of pandas
tables, the planning horizon's periods, money over time, validation of rows into a portfolio
and the problems it finds, the dependency graph, row-by-row differences and single-table
edits, and the generated data-model documentation.

May import :mod:`planning.messages` only.
"""
