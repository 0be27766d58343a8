"""The schema is defined once: the Core tables of ``evaluator/db/schema.py``, which the Alembic
migrations create (on SQLite and PostgreSQL) and onto which the ORM's classes are mapped; and
``evaluator.db.models`` builds those classes only when one is first asked for."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from evaluator.db import Database, mapped, schema
from evaluator.db import models as m

ROOT = Path(__file__).resolve().parents[2]


def test_the_migrations_make_exactly_the_schema(any_db: Database) -> None:
    with any_db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, schema.metadata)
    assert differences == []


def test_the_search_index_is_a_cache_beside_the_schema(db: Database) -> None:
    from evaluator.services import audit_search
    from tests.evaluator.helpers import committee_user

    assert audit_search.catch_up(db, committee_user(db)) >= 0
    with db.engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        assert {t for t in tables if schema.is_derived(t)} >= {schema.AUDIT_SEARCH_TABLE}
        assert not any(schema.is_derived(t) for t in schema.metadata.tables)
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_object": schema.in_migrations}
        )
        assert compare_metadata(context, schema.metadata) == []


def test_every_table_has_its_mapped_class_on_the_schemas_own_table() -> None:
    classes = {name: getattr(m, name) for name in m.MAPPED - {"Base"}}
    assert m.Base.metadata is schema.metadata
    tables = {cls.__table__.name: cls for cls in classes.values()}
    assert set(tables) == set(schema.metadata.tables)
    for name, cls in tables.items():
        assert cls.__table__ is schema.metadata.tables[name]
        # every column is mapped under its own name, so a class's attribute is the table's column
        assert set(cls.__mapper__.columns.keys()) == set(cls.__table__.columns.keys())
        # and the class's typed attributes (what mypy sees) are exactly its columns
        typed = set(cls.__annotations__) - set(cls.__mapper__.relationships.keys())
        assert typed == set(cls.__table__.columns.keys()), name
    assert {c.__name__ for c in mapped.Base.__subclasses__()} == set(classes)
    assert m.Sheet.__mapper__.columns["round_id"] is schema.sheets.c.round_id  # one column


def test_the_models_module_builds_the_mapped_classes_at_first_use() -> None:
    script = (
        "import json, sys\n"
        "from evaluator.db import models as m\n"
        "before = [n for n in ('sqlalchemy.orm', 'evaluator.db.mapped') if n in sys.modules]\n"
        "enums = [m.Role.ADMIN.value, m.SheetStatus.DRAFT.value, m.loaded()]\n"
        "sheet = m.Sheet\n"
        "after = [n for n in ('sqlalchemy.orm', 'evaluator.db.mapped') if n in sys.modules]\n"
        "print(json.dumps([before, enums, after, m.loaded(), sheet.__name__]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    before, enums, after, loaded, name = json.loads(out.stdout.strip().splitlines()[-1])
    assert before == [] and enums == ["admin", "draft", False]
    assert after == ["sqlalchemy.orm", "evaluator.db.mapped"] and loaded and name == "Sheet"


def test_a_name_the_models_do_not_have_is_an_attribute_error() -> None:
    try:
        m.Shet  # type: ignore[attr-defined]  # noqa: B018
    except AttributeError as exc:
        assert "Shet" in str(exc)
    else:
        raise AssertionError("models.Shet was found")
