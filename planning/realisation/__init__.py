"""Benefit realisation (gevinstrealisering) following DFØ's method.

* :mod:`planning.realisation.planned`: planned values per benefit and year from a plan.
* :mod:`planning.realisation.review`: planned against realised, status, trend, re-forecast.
* :mod:`planning.realisation.rollup`: totals per initiative, region, area and type; the
  re-forecast as a portfolio for the next plan; credit for enablers.
* :mod:`planning.realisation.measurements`: realised measurements, validated and stored
  with their history.
"""
