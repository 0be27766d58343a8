"""Output files are written whole, and a target held open by another program is reported."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from evaluator import files
from evaluator.errors import EvaluatorError


def _refuse(times: int, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Make os.replace fail ``times`` times as Windows does while a reader holds the target."""
    calls: list[tuple[str, str]] = []
    real = os.replace

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        calls.append((str(src), str(dst)))
        if len(calls) <= times:
            raise PermissionError(13, "The process cannot access the file", str(dst))
        real(src, dst)

    monkeypatch.setattr(files.os, "replace", replace)
    monkeypatch.setattr(files, "FIRST_DELAY", 0.001)
    return calls


def test_write_bytes_replaces_the_whole_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "out.pdf"
    files.write_bytes(target, b"old")
    files.write_bytes(target, b"new content")
    assert target.read_bytes() == b"new content"
    assert sorted(p.name for p in target.parent.iterdir()) == ["out.pdf"]


def test_a_target_held_open_for_a_moment_is_retried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"open in a reader")
    calls = _refuse(2, monkeypatch)
    files.write_bytes(target, b"fresh")
    assert len(calls) == 3
    assert target.read_bytes() == b"fresh"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_a_target_held_open_is_reported_and_nothing_is_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"open in a reader")
    calls = _refuse(99, monkeypatch)
    with pytest.raises(files.OutputInUseError) as caught:
        files.write_bytes(target, b"fresh")
    assert len(calls) == files.ATTEMPTS
    assert isinstance(caught.value, EvaluatorError)
    message = str(caught.value)
    assert str(target) in message
    assert "มีโปรแกรมอื่นเปิดไฟล์นี้อยู่" in message and "another program has it open" in message
    assert target.read_bytes() == b"open in a reader"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_other_errors_are_not_retried(tmp_path: Path) -> None:
    target = tmp_path / "a-folder"
    target.mkdir()
    (target / "inside").write_text("x")
    with pytest.raises(OSError) as caught:
        files.write_bytes(target, b"data")
    assert not isinstance(caught.value, files.OutputInUseError)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-folder"]
