"""The joint treatment and approval of a plan by the bodies that each commit their own money.

The joint e-health plan is treated and recommended by the interregional IT directors'
meeting, treated by the leaders' meeting, and approved by the board of each of the four
regional health authorities. A plan is the plan of record only when every required body
has approved the same version.

What lives here: the bodies and their stages (:mod:`~planning.approval.bodies`), opening a
decision case and new versions of it (:mod:`~planning.approval.cases`), recording a body's
decision with who may record it (:mod:`~planning.approval.decisions`), conditions on a
board's own envelope checked against the plan (:mod:`~planning.approval.conditions`), the
case's state across the bodies (:mod:`~planning.approval.status`), each region's
commitments (:mod:`~planning.approval.commitments`) and the content of each region's board
paper (:mod:`~planning.approval.paper`; rendered by :mod:`planning.report.paper`).

The tables are :mod:`planning.store.case_records` (append-only). May import
:mod:`planning.realisation`, :mod:`planning.plans`, :mod:`planning.store`,
:mod:`planning.optimise`, :mod:`planning.domain` and :mod:`planning.messages`.
"""
