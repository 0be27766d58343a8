"""The service layer: every user action as one unit of work, shared by the UI and the CLI.

Services take a :class:`~evaluator.db.Database` and plain values, and return plain data
(dataclasses, never ORM objects), so that callers on other threads never hold a session.
"""
