"""A document whose file another program holds open (Windows: a PDF in a reader, a workbook in
Excel) is retried, then reported by name; the file already there is kept whole."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from openpyxl import Workbook

from evaluator import files
from reports import excel
from reports.pdf import DocInfo, Para, build_pdf


@pytest.fixture
def held_open(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every rename onto an existing target is refused, as Windows refuses it while open."""
    refused: list[str] = []
    real = os.replace

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if Path(dst).exists():
            refused.append(str(dst))
            raise PermissionError(13, "The process cannot access the file", str(dst))
        real(src, dst)

    monkeypatch.setattr(files.os, "replace", replace)
    monkeypatch.setattr(files, "FIRST_DELAY", 0.001)
    return refused


def test_a_pdf_open_in_a_reader_is_reported(tmp_path: Path, held_open: list[str]) -> None:
    info = DocInfo(title="สรุปผล", contest="การประกวด", date_text="1 มกราคม 2569")
    target = tmp_path / "สรุปผล.pdf"
    assert build_pdf(target, [Para("ฉบับแรก")], info) == 1
    first = target.read_bytes()
    with pytest.raises(files.OutputInUseError, match="another program has it open") as caught:
        build_pdf(target, [Para("ฉบับที่สอง")], info)
    assert str(target) in str(caught.value)
    assert held_open == [str(target)] * files.ATTEMPTS
    assert target.read_bytes() == first
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_a_workbook_open_in_excel_is_reported(tmp_path: Path, held_open: list[str]) -> None:
    target = tmp_path / "rankings.xlsx"
    excel.save(Workbook(), target)
    with pytest.raises(files.OutputInUseError, match=r"rankings\.xlsx"):
        excel.save(Workbook(), target)
    assert [p.name for p in tmp_path.iterdir()] == [target.name]
