"""Writing output files whole: through a temporary file beside the target, then one rename.

Every writer of a document, workbook or package (the core and ``reports`` alike) ends with
:func:`replace_file`, so a reader never sees half a file. On Windows the rename fails while
another program holds the target open (a PDF open in a reader, a workbook open in Excel): the
rename is tried a few times, then the user is told which file to close, and the temporary file
is removed. Nothing here relies on file modes for secrecy.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from evaluator.errors import EvaluatorError

ATTEMPTS = 5
FIRST_DELAY = 0.1  # seconds; doubled after each failed attempt (0.1 + 0.2 + 0.4 + 0.8 = 1.5 s)


class OutputInUseError(EvaluatorError):
    """An output file could not be replaced: another program has it open."""

    def __init__(self, path: Path, cause: OSError) -> None:
        self.path = path
        super().__init__(
            f"เขียนไฟล์ {path} ไม่ได้ เพราะมีโปรแกรมอื่นเปิดไฟล์นี้อยู่ (เช่น โปรแกรมอ่าน PDF หรือ Excel)"
            f" ปิดไฟล์นั้นแล้วลองใหม่ — cannot write {path}: another program has it open"
            f" (a PDF reader or Excel?); close it and try again ({cause.strerror or cause})"
        )


def temporary_beside(path: Path) -> Path:
    """A temporary name in the target's folder (so the final rename stays on one disk)."""
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


def replace_file(tmp: Path, path: Path, *, attempts: int = ATTEMPTS) -> None:
    """Rename ``tmp`` over ``path``; retry while the target is held open, then report it.

    Raises :class:`OutputInUseError` (and removes ``tmp``) when every attempt was refused.
    """
    delay = FIRST_DELAY
    for attempt in range(1, attempts + 1):
        try:
            os.replace(tmp, path)
            return
        except PermissionError as exc:
            if attempt == attempts:
                Path(tmp).unlink(missing_ok=True)
                raise OutputInUseError(Path(path), exc) from exc
            time.sleep(delay)
            delay *= 2


def write_bytes(path: Path, data: bytes, *, durable: bool = True) -> Path:
    """Write ``data`` to ``path`` whole (temporary file, then renamed).

    ``durable`` flushes the data to the disk before the rename (skip it only for big batches
    of files that can be made again, such as a run of certificates)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temporary_beside(path)
    try:
        with tmp.open("wb") as out:
            out.write(data)
            if durable:
                out.flush()
                os.fsync(out.fileno())
        replace_file(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


@contextlib.contextmanager
def exclusive(
    lock: Path, timeout_error: Callable[[Path], Exception], *, timeout: float = 30.0
) -> Iterator[None]:
    """One process at a time inside the block: the ``lock`` file made exclusively (its folder
    made when missing), waited for up to ``timeout`` seconds, then ``timeout_error(lock)``
    raised (a lock left by a killed process is named, for the user to remove)."""
    lock.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + timeout
    while True:
        try:
            fd = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            break
        except FileExistsError:
            if time.monotonic() > deadline:
                raise timeout_error(lock) from None
            time.sleep(0.05)
    try:
        yield
    finally:
        os.close(fd)
        lock.unlink(missing_ok=True)
