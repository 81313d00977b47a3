"""Plans as people work with them: stored runs, the approved baseline, stepwise plans.

What lives here: plan runs in the store (:mod:`~planning.plans.runs`), the approved baseline,
the nested ambition ladder, delivery steps (trinn), the efficient frontier, scenarios side by
side, differences between plans, key figures and the budget tables people edit.

May import :mod:`planning.optimise`, :mod:`planning.store`, :mod:`planning.domain` and
:mod:`planning.messages`.
"""
