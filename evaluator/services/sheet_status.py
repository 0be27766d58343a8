"""Which sheets count and a sheet's total: shared by the sheet services (re-exported by
:mod:`evaluator.services.sheet_data`) and the dashboard's progress, which needs nothing else of
theirs (the committee's start loads this, not the sheet services' data classes)."""

from __future__ import annotations

from evaluator.db import models as m

COUNTED = (m.SheetStatus.SUBMITTED, m.SheetStatus.LOCKED)


def sheet_total(lines: list[tuple[float, float, float]]) -> float:
    """A sheet's total from (weight, max_score, score) lines: Σ weight × score / max_score."""
    return sum(weight * score / max_score for weight, max_score, score in lines)
