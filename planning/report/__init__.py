"""The steering committee report (styringsgrupperapport) as HTML and PDF.

``build_report`` gathers what the report says; ``write_report`` renders it. The command
line's ``planning report`` and the app's button both go through here.
"""

from __future__ import annotations

from planning.report.content import ApprovedPlan, Report, build_report
from planning.report.render import render_html, render_pdf, write_report

__all__ = ["ApprovedPlan", "Report", "build_report", "render_html", "render_pdf", "write_report"]
