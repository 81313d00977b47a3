"""Words for people: the templates every reason, problem and progress line is made from.

May import nothing else from :mod:`planning`; every other subpackage may import it.
"""
