"""The layers stay clean: import-linter's contracts hold (evaluator and reports never import Qt
or ui; evaluator never imports reports)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_hold() -> None:
    lint = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    result = subprocess.run([lint], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" not in result.stdout.lower().replace("0 broken", "")


def _cycles(*packages: str) -> list[list[str]]:
    """Strongly connected groups of modules (import cycles, at module level or inside
    functions), found with grimp (import-linter's graph); imports made only for the type
    checker (``if TYPE_CHECKING:``) never run and are left out."""
    import grimp

    graph = grimp.build_graph(*packages, exclude_type_checking_imports=True)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.find_modules_directly_imported_by(v):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def test_no_import_cycles_in_the_core_and_the_reports() -> None:
    assert _cycles("evaluator", "reports") == []


def test_core_cli_help_and_version() -> None:
    """``python -m evaluator`` prints its help when given no command (no GUI), and says so."""
    help_text = subprocess.run(
        [sys.executable, "-m", "evaluator", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    ).stdout
    help_text = " ".join(help_text.split())
    assert "without a command it prints this help" in help_text
    assert "no command" not in help_text.lower().replace("without a command", "")
    version = subprocess.run(
        [sys.executable, "-m", "evaluator", "--version"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert version.returncode == 0
    assert version.stdout.startswith("evaluator ")
