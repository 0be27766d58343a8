"""The notice names every runtime dependency with its licence and carries the attributions."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from evaluator import __version__, about

ROOT = Path(__file__).resolve().parents[2]


def _declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = (re.match(r"[A-Za-z0-9._-]+", d) for d in project["dependencies"])
    return {m.group(0).lower() for m in names if m}


def test_every_runtime_dependency_is_in_the_notice() -> None:
    listed = {c.distribution.lower() for c in about.COMPONENTS}
    assert listed == _declared()


def test_notice_has_the_licence_the_versions_and_the_attributions() -> None:
    text = about.notice_text()
    assert f"{about.NAME_EN} {__version__}" in text
    assert "Licensed under the MIT License" in text
    assert "GeoThai/data" in text and "CC-BY-4.0" in text
    assert "Sarabun" in text and "Open Font License" in text
    assert re.search(r"reportlab \d+\.\d+", text)


def test_the_licence_file_is_the_one_declared() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == about.LICENCE == "MIT"
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")


def test_version_line() -> None:
    assert about.version_line().startswith(f"evaluator {__version__} — ")
