"""The storage model of the whole domain (DESIGN.md section 3).

Defined once: the tables in :mod:`evaluator.db.schema` (SQLAlchemy Core), the ORM's classes in
:mod:`evaluator.db.mapped`, mapped onto those tables. This module is how the program uses both:
``models.Role``, ``models.utcnow``, ``models.Sheet``, ``models.Base.metadata``… The mapped classes
(and SQLAlchemy's ORM under them) are built the first time one of them is asked for, not when
this module is imported: the app's start reads what comes before and with its first window with
the tables alone, and the rest comes when the GUI is idle (:func:`load`; docs/architecture.md).

Every table is created by the Alembic migrations in ``evaluator/db/migrations``; a change of the
schema needs a new migration (``make migration``); ``tests/evaluator/test_schema.py`` checks
that they agree.
"""

from __future__ import annotations

import sys
import threading
from typing import TYPE_CHECKING

from evaluator.db.schema import NAMING as NAMING
from evaluator.db.schema import Role as Role
from evaluator.db.schema import SheetStatus as SheetStatus
from evaluator.db.schema import new_uuid as new_uuid
from evaluator.db.schema import utcnow as utcnow

# the names :mod:`evaluator.db.mapped` gives this module, built at first use
MAPPED = frozenset(
    [
        "Base",
        "Zone",
        "Province",
        "District",
        "Tambon",
        "Village",
        "Leader",
        "Inspector",
        "User",
        "Contest",
        "Criterion",
        "CriterionLevel",
        "Round",
        "TieDecision",
        "Signatory",
        "Assignment",
        "Sheet",
        "Score",
        "Photo",
        "Lesson",
        "AuditEntry",
        "AuditHead",
        "ImportRecord",
        "CertificateRecord",
    ]
)

if TYPE_CHECKING:
    from evaluator.db.mapped import Assignment as Assignment
    from evaluator.db.mapped import AuditEntry as AuditEntry
    from evaluator.db.mapped import AuditHead as AuditHead
    from evaluator.db.mapped import Base as Base
    from evaluator.db.mapped import CertificateRecord as CertificateRecord
    from evaluator.db.mapped import Contest as Contest
    from evaluator.db.mapped import Criterion as Criterion
    from evaluator.db.mapped import CriterionLevel as CriterionLevel
    from evaluator.db.mapped import District as District
    from evaluator.db.mapped import ImportRecord as ImportRecord
    from evaluator.db.mapped import Inspector as Inspector
    from evaluator.db.mapped import Leader as Leader
    from evaluator.db.mapped import Lesson as Lesson
    from evaluator.db.mapped import Photo as Photo
    from evaluator.db.mapped import Province as Province
    from evaluator.db.mapped import Round as Round
    from evaluator.db.mapped import Score as Score
    from evaluator.db.mapped import Sheet as Sheet
    from evaluator.db.mapped import Signatory as Signatory
    from evaluator.db.mapped import Tambon as Tambon
    from evaluator.db.mapped import TieDecision as TieDecision
    from evaluator.db.mapped import User as User
    from evaluator.db.mapped import Village as Village
    from evaluator.db.mapped import Zone as Zone
else:  # mypy sees the names above; Python builds them when one is first asked for

    def __getattr__(name: str) -> object:
        if name not in MAPPED:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        load()
        return globals()[name]


def loaded() -> bool:
    """Whether the mapped classes are built (SQLAlchemy's ORM imported, the classes mapped)."""
    return "evaluator.db.mapped" in sys.modules and "Base" in globals()


_LOADING = threading.Lock()  # a background task and the GUI thread may ask at the same time


def load() -> None:
    """Build the mapped classes now, with the mappers configured (what the first ORM query
    would otherwise do): the app calls this when its first window is up and the GUI is idle."""
    if "Base" in globals():
        return
    with _LOADING:
        if "Base" in globals():
            return
        from sqlalchemy.orm import configure_mappers

        from evaluator.db import mapped

        configure_mappers()
        globals().update({name: getattr(mapped, name) for name in MAPPED})
