"""The layers stay clean: import-linter's contracts hold (evaluator and reports never import Qt
or ui; evaluator never imports reports), no import cycle, no source file over 600 lines and no
function of radon complexity E or F (docs/architecture.md)."""

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


def test_no_import_cycles_in_the_app() -> None:
    assert _cycles("ui") == []


# --- size and complexity ------------------------------------------------------------------------

SOURCE_FOLDERS = ("evaluator", "reports", "ui", "tools")
MAX_LINES = 600


def _sources() -> list[Path]:
    return sorted(p for folder in SOURCE_FOLDERS for p in (ROOT / folder).rglob("*.py"))


def _name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_no_source_file_over_600_lines() -> None:
    """No file a newcomer has to hold in their head at once is longer than about 600 lines."""
    lengths = {_name(p): len(p.read_text(encoding="utf-8").splitlines()) for p in _sources()}
    too_long = {name: n for name, n in lengths.items() if n > MAX_LINES}
    assert too_long == {}, f"split these along their seams (lines): {too_long}"


def test_no_function_of_complexity_e_or_f() -> None:
    """radon's cyclomatic complexity of every function and method is at most 30 (rank D)."""
    from radon.complexity import cc_rank, cc_visit
    from radon.visitors import Class, Function

    found: dict[str, int] = {}
    for path in _sources():
        for block in cc_visit(path.read_text(encoding="utf-8")):
            functions: list[Function] = block.methods if isinstance(block, Class) else [block]
            for f in functions:
                name = f"{_name(path)}:{f.fullname}"
                if cc_rank(f.complexity) in "EF":
                    found[name] = f.complexity
    assert found == {}, f"break these up into well-named parts (radon complexity): {found}"


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
