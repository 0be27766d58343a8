"""Scoring and ranking as pure functions over plain data (DESIGN.md section 6): no database."""
