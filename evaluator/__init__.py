"""The core of the change-leader award evaluator: domain, storage, scoring, import and export.

Nothing in this package imports Qt, ``ui`` or ``reports``; an import-linter contract keeps it so.
"""

__version__ = "0.1.0"
