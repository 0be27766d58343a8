"""Data files shipped with the program: default contest, zone table, fonts, translations."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent


def path(name: str) -> Path:
    """The path of a shipped resource file."""
    return ROOT / name
