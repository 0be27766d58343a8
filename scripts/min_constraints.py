"""Print pip constraints pinning every runtime dependency of pyproject.toml to its lower bound.

`make mindeps` installs the app with these constraints in a separate venv and runs the document
and signing tests, so the lower bounds pyproject.toml declares are ones that really work.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

_REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9._-]+)(\[[^\]]*\])?\s*(.*)$")


def constraints(pyproject: Path) -> list[str]:
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    lines = []
    for requirement in project["dependencies"]:
        match = _REQUIREMENT.match(requirement.split(";")[0])
        if match is None:
            raise SystemExit(f"min_constraints: cannot read {requirement!r}")
        name, _, spec = match.groups()
        lower = [part.strip()[2:] for part in spec.split(",") if part.strip().startswith(">=")]
        if len(lower) != 1:
            raise SystemExit(f"min_constraints: {requirement!r} has no single lower bound (>=)")
        lines.append(f"{name}=={lower[0].strip()}")
    return lines


def _release(version: str) -> tuple[int, ...]:
    parts = [int(p) for p in re.findall(r"\d+", version.split("+")[0])]
    while parts and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def check_installed(lines: list[str]) -> int:
    """Print each pinned package with the version installed; 1 when any differs."""
    from importlib.metadata import PackageNotFoundError, version

    wrong = 0
    for line in lines:
        name, wanted = line.split("==")
        try:
            have = version(name)
        except PackageNotFoundError:
            have = "missing"
        ok = have != "missing" and _release(have) == _release(wanted)
        wrong += not ok
        print(f"  {name:<24} {have:<12} {'ok' if ok else 'WANTED ' + wanted}")
    return 1 if wrong else 0


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--check"]
    root = Path(args[0]) if args else Path(__file__).resolve().parents[1]
    pins = constraints(root / "pyproject.toml")
    if "--check" in sys.argv[1:]:
        raise SystemExit(check_installed(pins))
    print("\n".join(pins))
