"""Scoring: the sheet list (list.py), the form of one sheet (form.py), its inputs (inputs.py)
and its undo commands (undo.py)."""

from ui.views.scoring.form import SheetForm
from ui.views.scoring.list import ScoringView

__all__ = ["ScoringView", "SheetForm"]
