"""Render, sign and write certificates in batches (worker processes for large ones), with a
``certificates.csv`` manifest."""

from __future__ import annotations

import csv
import hashlib
import io
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from evaluator.files import replace_file, temporary_beside
from reports.certificates.data import CertificateData, Kind, facts_of
from reports.certificates.page import prepare_image, render_certificate
from reports.certificates.seal import Seal
from reports.font_subsets import PROCESS_SUBSETS
from reports.signing import PdfCertificateSigner, SignerState


@dataclass(frozen=True)
class IssuedCertificate:
    path: Path
    kind: Kind
    tambon_code: str
    recipient: str
    verification_code: str
    sha256: str
    identity: dict[str, object] = field(default_factory=dict)  # CertificateData.identity()
    seal: str | None = None  # the QR code's fragment: sealed facts and their signature


@dataclass
class IssueResult:
    files: list[IssuedCertificate] = field(default_factory=list)
    cancelled: bool = False
    manifest: Path | None = None


Progress = Callable[[int, int], None]


def sealed(data: CertificateData, signer: PdfCertificateSigner) -> CertificateData:
    """``data`` with its facts signed by ``signer``'s key for the QR code (and its code)."""
    facts = facts_of(data)
    return replace(data, seal=Seal(facts, signer.seal(facts)))


class _Issuer:
    """Renders, signs and writes certificates; images are decoded once per process (the last
    few kept, :func:`prepare_image`), font subsets numbered alike by every batch of the process
    (:data:`reports.font_subsets.PROCESS_SUBSETS`)."""

    def __init__(self, signer: PdfCertificateSigner | None, logo: bytes | None) -> None:
        self.signer = signer
        self.logo = prepare_image(logo) if logo else None
        self.subsets = PROCESS_SUBSETS

    def issue(self, data: CertificateData, out_dir: Path) -> IssuedCertificate:
        png = data.signatory.signature_png if data.signatory else None
        signature = prepare_image(png) if png else None
        if self.signer is not None:
            data = sealed(data, self.signer)
        pdf = render_certificate(
            data,
            logo=self.logo,
            signature=signature,
            signer=self.signer,
            signer_name=data.signatory.name if data.signatory else None,
            subsets=self.subsets,
        )
        target = out_dir / data.file_name
        _write_atomic(target, pdf)
        return IssuedCertificate(
            target,
            data.kind,
            data.tambon_code,
            data.recipient,
            data.verification_code,
            hashlib.sha256(pdf).hexdigest(),
            data.identity(),
            data.seal.fragment() if data.seal is not None else None,
        )


_WORKER: list[_Issuer] = []


def _init_worker(state: SignerState | None, logo: bytes | None) -> None:
    signer = PdfCertificateSigner.from_state(state) if state is not None else None
    _WORKER[:] = [_Issuer(signer, logo)]


def _issue_chunk(chunk: list[CertificateData], out_dir: Path) -> list[IssuedCertificate]:
    issuer = _WORKER[0]
    return [issuer.issue(data, out_dir) for data in chunk]


PARALLEL_MINIMUM = 100  # below this, starting worker processes costs more than it saves
DEFAULT_PARALLEL_MINIMUM = 3000  # below this, one process unless more are asked for
CHUNK = 16


def default_workers(count: int | None = None) -> int:
    """Worker processes for a batch of ``count`` certificates when none are asked for.

    One process makes a certificate in a few milliseconds once it has started; a worker first
    starts Python, imports reportlab and pyHanko and builds the word segmenter's dictionary
    (a second or more), and only helps on a core nobody else uses. Measured (bench/README.md):
    1,000 certificates on a 2-core machine busy with other work took 24 s in 2 processes and
    14 s in one. So: one process below ``DEFAULT_PARALLEL_MINIMUM`` certificates, else one per
    idle CPU (CPUs less the load average, where the system tells it), at most 8.
    """
    if count is not None and count < DEFAULT_PARALLEL_MINIMUM:
        return 1
    cpus = os.cpu_count() or 1
    try:
        idle = cpus - os.getloadavg()[0]
    except (AttributeError, OSError):  # Windows: no load average
        idle = cpus
    return max(1, min(8, cpus, int(idle + 0.5)))


def issue_certificates(
    items: Sequence[CertificateData],
    out_dir: Path,
    signer: PdfCertificateSigner | None,
    *,
    logo: bytes | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    workers: int = 1,
) -> IssueResult:
    """Render, sign and write one PDF per item into ``out_dir``, with a ``certificates.csv``
    manifest of files and verification codes.

    ``progress(done, total)`` is called as files are written; when ``cancelled()`` turns true
    the batch stops (after the files in hand). With ``workers`` > 1 and a large batch, the work
    is shared among that many processes, each loading the key once.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    if workers > 1 and len(items) >= PARALLEL_MINIMUM:
        result = _issue_parallel(items, out_dir, signer, logo, progress, cancelled, workers)
    else:
        result = IssueResult()
        issuer = _Issuer(signer, logo)
        total = len(items)
        for done, data in enumerate(items, start=1):
            if cancelled is not None and cancelled():
                result.cancelled = True
                break
            result.files.append(issuer.issue(data, out_dir))
            if progress is not None:
                progress(done, total)
    result.manifest = _write_manifest(out_dir, result.files)
    return result


def _issue_parallel(
    items: Sequence[CertificateData],
    out_dir: Path,
    signer: PdfCertificateSigner | None,
    logo: bytes | None,
    progress: Progress | None,
    cancelled: Callable[[], bool] | None,
    workers: int,
) -> IssueResult:
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

    result = IssueResult()
    chunks = [list(items[i : i + CHUNK]) for i in range(0, len(items), CHUNK)]
    done_by_chunk: dict[int, list[IssuedCertificate]] = {}
    total = len(items)
    written = 0
    pending: dict[Future[list[IssuedCertificate]], int] = {}
    state = signer.to_state() if signer is not None else None
    context = multiprocessing.get_context("spawn")  # safe from a threaded (Qt) parent
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_init_worker,
        initargs=(state, logo),
    ) as pool:
        next_chunk = 0
        while next_chunk < len(chunks) or pending:
            stop = cancelled is not None and cancelled()
            if stop:
                result.cancelled = True
                for future in pending:
                    future.cancel()
            while not stop and next_chunk < len(chunks) and len(pending) < workers * 2:
                pending[pool.submit(_issue_chunk, chunks[next_chunk], out_dir)] = next_chunk
                next_chunk += 1
            if stop:
                next_chunk = len(chunks)
            finished, _ = wait(list(pending), timeout=0.5, return_when=FIRST_COMPLETED)
            for future in finished:
                index = pending.pop(future)
                if future.cancelled():
                    continue
                done_by_chunk[index] = future.result()
                written += len(done_by_chunk[index])
                if progress is not None:
                    progress(written, total)
    for index in sorted(done_by_chunk):
        result.files.extend(done_by_chunk[index])
    return result


def _write_atomic(path: Path, data: bytes) -> None:
    """``data`` written whole to ``path`` in its existing folder, as ``evaluator.files``'
    ``write_bytes(durable=False)`` does (a temporary file beside it, then renamed, reported when
    another program holds it open), with a certificate's fewest system calls: no folder made
    again for every file, no buffered file object."""
    tmp = temporary_beside(path)
    try:
        fd = os.open(tmp, _WRITE_FLAGS, 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
        replace_file(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


_WRITE_FLAGS = (
    os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
)


MANIFEST = "certificates.csv"
MANIFEST_FIELDS = ["file", "kind", "tambon_code", "recipient", "verification_code", "sha256"]


def _earlier_rows(path: Path) -> list[dict[str, str]]:
    """The rows of an earlier manifest (none when it is missing or unreadable)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            if reader.fieldnames is None or "file" not in reader.fieldnames:
                return []
            return [{k: row.get(k) or "" for k in MANIFEST_FIELDS} for row in reader]
    except (OSError, UnicodeDecodeError, csv.Error):
        return []


def _files_in(folder: Path) -> set[str]:
    """The names of the regular files in ``folder`` (one listing, not a stat per row)."""
    with os.scandir(folder) as entries:
        return {e.name for e in entries if e.is_file()}


def _write_manifest(out_dir: Path, files: Sequence[IssuedCertificate]) -> Path:
    """Write ``certificates.csv``: every certificate in the folder, not only this batch's.

    The rows of an earlier batch stay for the files still in the folder that this batch did not
    write again (a cancelled re-print of 10 of 1,440 certificates leaves 1,440 rows, 10 of them
    new); a file written again takes its new row in its old place; this batch's other files
    follow, in the batch's order. Rows whose file is gone are dropped.
    """
    path = out_dir / MANIFEST
    fresh = {
        f.path.name: {
            "file": f.path.name,
            "kind": str(f.kind),
            "tambon_code": f.tambon_code,
            "recipient": f.recipient,
            "verification_code": f.verification_code,
            "sha256": f.sha256,
        }
        for f in files
    }
    rows: list[dict[str, str]] = []
    seen: set[str] = set()
    earlier = _earlier_rows(path)
    present = _files_in(out_dir) if earlier else set()
    for row in earlier:
        name = row["file"]
        if name in seen or "/" in name or "\\" in name or name not in present:
            continue
        seen.add(name)
        rows.append(fresh.get(name, row))
    rows.extend(row for name, row in fresh.items() if name not in seen)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, MANIFEST_FIELDS)
    writer.writeheader()
    writer.writerows(rows)
    _write_atomic(path, ("\ufeff" + buf.getvalue()).encode("utf-8"))
    return path
