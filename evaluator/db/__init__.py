"""Storage: engine, transactions and schema migrations."""

from evaluator.db.engine import Database, default_db_path, open_database

__all__ = ["Database", "default_db_path", "open_database"]
