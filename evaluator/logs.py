"""The program's log: one rotating file in the user's log folder, for the app and the CLI alike.

A clerk whose program misbehaves can send this file; the crash dialog names it. Warnings of the
libraries go there too (not onto a clerk's console). Nothing secret is logged: no passwords, no
passphrases, no keys.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
import traceback
from pathlib import Path
from types import TracebackType

import platformdirs

from evaluator import __version__
from evaluator.db.engine import APP_NAME

LOG_FILE = "evaluator.log"
MAX_BYTES = 2_000_000
BACKUPS = 5  # evaluator.log.1 … .5: about 12 MB at most
FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"

log = logging.getLogger("evaluator")


class _Handler(logging.handlers.RotatingFileHandler):
    """The program's own handler (so setting up twice adds nothing)."""


LOG_DIR_VARIABLE = "EVALUATOR_LOG_DIR"


def log_dir() -> Path:
    """$EVALUATOR_LOG_DIR, else the user's log folder (Windows: %LOCALAPPDATA%\\cdd-evaluator\\Logs,
    Linux: ~/.local/state/cdd-evaluator/log)."""
    chosen = os.environ.get(LOG_DIR_VARIABLE)
    if chosen:
        return Path(chosen)
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def current_log_file() -> Path | None:
    """The file the log is written to, None before :func:`setup_logging` (or when it failed)."""
    for handler in logging.getLogger().handlers:
        if isinstance(handler, _Handler):
            return Path(handler.baseFilename)
    return None


def setup_logging(folder: Path | None = None, *, level: int = logging.INFO) -> Path | None:
    """Send the log (and Python's warnings) to ``folder``/evaluator.log, rotated at 2 MB.

    Returns the log file, or None when the folder cannot be written (then nothing is logged to
    a file and the program goes on: a log is never a reason to refuse to work).
    """
    existing = current_log_file()
    if existing is not None:
        return existing
    folder = folder or log_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = _Handler(
            folder / LOG_FILE, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError as exc:
        print(f"cannot write the log in {folder}: {exc}", file=sys.stderr)
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    logging.captureWarnings(True)
    log.info("evaluator %s started: %s", __version__, " ".join(sys.argv))
    return Path(handler.baseFilename)


def crash_report(
    kind: type[BaseException], value: BaseException, tb: TracebackType | None, where: str = ""
) -> str:
    """Log an unhandled exception and return its details as text (for the dialog or stderr)."""
    log.critical(
        "unhandled exception%s", f" in {where}" if where else "", exc_info=(kind, value, tb)
    )
    lines = traceback.format_exception(kind, value, tb)
    head = f"evaluator {__version__}" + (f" ({where})" if where else "")
    return head + "\n" + "".join(lines)
