"""The committed English translation (.qm) is the one built from the committed .ts, so every
wheel and bundle has a current translation without running lrelease."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ui.i18n import translation_file

ROOT = Path(__file__).resolve().parents[2]


def _lrelease() -> Path:
    tool = Path(sys.executable).with_name("pyside6-lrelease")
    if not tool.exists():
        pytest.skip(f"{tool} is not installed")
    return tool


def test_the_committed_qm_is_built_from_the_committed_ts(tmp_path: Path) -> None:
    ts = ROOT / "resources" / "i18n" / "evaluator_en.ts"
    committed = translation_file("en")
    assert committed.exists(), f"{committed} is missing: run `make translations` and commit it"
    fresh = tmp_path / "evaluator_en.qm"
    subprocess.run([str(_lrelease()), "-silent", str(ts), "-qm", str(fresh)], check=True)
    assert fresh.read_bytes() == committed.read_bytes(), (
        f"{committed.name} is older than {ts.name}: run `make translations` and commit the .qm"
    )
