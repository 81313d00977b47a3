"""Benchmarks: synthetic portfolios, solver comparisons and external validation.

``python -m bench`` runs everything and writes ``docs/performance.md``; the command line
``planning bench`` runs one part at a time.
"""
