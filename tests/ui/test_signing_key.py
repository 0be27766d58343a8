"""The department's signing key in the app: a PKCS#12 made here with cryptography, checked and
installed through the Settings dialog (its password refused when wrong, never stored), a
certificate batch from the documents view signed with it after asking its password, and its
removal, after which the self-signed key signs again."""

from __future__ import annotations

import stat
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.serialization import pkcs12
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from evaluator.db import Database
from evaluator.permissions import UserInfo
from reports import signing
from reports.jobs import DocumentResult
from reports.verify import load_trusted, verify_pdf
from tests.evaluator.sheet_fixtures import Contest
from tests.reports.test_signing import _pkcs12
from tests.ui.conftest import answer_modal, make_context, type_text
from ui.dialogs.settings import SettingsDialog
from ui.i18n import date_text
from ui.settings import UiSettings
from ui.tasks import TaskRunner
from ui.views.documents import DocumentsView


def _fingerprint(p12: Path, password: bytes) -> str:
    _key, cert, _extra = pkcs12.load_key_and_certificates(p12.read_bytes(), password)
    assert cert is not None
    return cert.fingerprint(hashes.SHA256()).hex()


def _settings(
    qtbot: QtBot, db: Database, user: UserInfo, s: UiSettings, r: TaskRunner
) -> SettingsDialog:
    dialog = SettingsDialog(make_context(db, user, s, r))
    qtbot.addWidget(dialog)
    return dialog


def _certificates(
    qtbot: QtBot, view: DocumentsView, password: str | None
) -> tuple[DocumentResult | None, list[str]]:
    """Make the tambon certificates of the outstanding round from the view, answering the
    password question (when asked) with ``password``."""
    asked: list[str] = []

    def answer(widget: QWidget) -> None:
        assert isinstance(widget, QInputDialog)
        asked.append(widget.labelText())
        assert widget.textEchoMode() == widget.textEchoMode().Password
        widget.setTextValue(password or "")
        widget.accept()

    view.choose_kind("certificates")
    if password is not None:
        answer_modal(answer)
    view.generate()
    qtbot.waitUntil(lambda: view.task is None, timeout=60000)
    return view.result, asked


def test_an_admin_installs_the_departments_pkcs12_and_certificates_are_signed_with_it(
    qtbot: QtBot,
    db: Database,
    contest: Contest,
    ui_settings: UiSettings,
    runner: TaskRunner,
    tmp_path: Path,
) -> None:
    folder = signing.signing_folder(db)
    (tmp_path / "dept").mkdir()
    p12 = _pkcs12(tmp_path / "dept", b"s3cret")
    dialog = _settings(qtbot, db, contest.admin, ui_settings, runner)
    assert "self-signed" in dialog.key_state.text()
    assert not dialog.remove_key_button.isEnabled()
    # a wrong password: refused with a clear message, nothing installed
    dialog.p12_path.setText(str(p12))
    type_text(dialog.p12_password, "wrong")
    assert dialog.check_pkcs12() is None
    assert "รหัสผ่านผิด" in dialog.p12_info.text() and "PKCS#12" in dialog.p12_info.text()
    assert not dialog.install_key_button.isEnabled()
    assert not dialog.install_pkcs12()
    assert signing.installed_pkcs12(folder) is None
    # the right one: who it signs as is shown, then the file is copied (0600), never the password
    dialog.p12_password.clear()
    type_text(dialog.p12_password, "s3cret")
    info = dialog.check_pkcs12()
    assert info is not None and dialog.install_key_button.isEnabled()
    shown = dialog.p12_info.text()
    digest = _fingerprint(p12, b"s3cret")
    assert "CN=กรมการพัฒนาชุมชน" in shown and "CN=CDD Test CA" in shown and digest in shown
    assert info.not_before is not None and date_text(info.not_after, time=False) in shown
    assert dialog.install_pkcs12()
    installed = folder / signing.PKCS12_FILE
    assert signing.installed_pkcs12(folder) == installed
    assert installed.read_bytes() == p12.read_bytes()
    assert stat.S_IMODE(installed.stat().st_mode) == 0o600
    assert dialog.p12_password.text() == ""
    assert "กุญแจของกรม" in dialog.key_state.text() and digest[:16] in dialog.key_state.text()
    assert digest in dialog.key_state.toolTip()
    assert dialog.remove_key_button.isEnabled()
    for path in [*folder.iterdir(), Path(ui_settings.store.fileName())]:
        if path.is_file():
            assert b"s3cret" not in path.read_bytes(), path

    # a certificate batch from the documents view asks the password, then signs with that key
    ui_settings.store.setValue("documents/folder", str(tmp_path / "docs"))
    view = DocumentsView(make_context(db, contest.admin, ui_settings, runner))
    qtbot.addWidget(view)
    view.activate()
    view.round.setCurrentIndex(view.round.findData("outstanding"))
    view.choose_kind("certificates")
    assert "กุญแจของกรม" in view.signing_key.text()
    result, asked = _certificates(qtbot, view, "s3cret")
    assert asked and "PKCS#12" in asked[0]
    assert result is not None and result.first_pdf is not None, view.messages.text()
    report = verify_pdf(result.first_pdf, load_trusted([tmp_path / "dept" / "ca.pem"]))
    assert report.genuine and report.trusted and not report.self_signed, report.problems
    assert report.status == ("draft" if report.draft else "valid")
    assert report.signer_sha256 == digest
    assert "กรมการพัฒนาชุมชน" in report.signer
    assert not (folder / signing.KEY_FILE).exists()  # no self-signed key was needed

    # a wrong password at batch time: a clear message, no file
    for f in result.files:
        f.unlink()
    view.result = None
    failed, _asked = _certificates(qtbot, view, "nope")
    assert failed is None
    assert "รหัสผ่านผิด" in view.messages.text() and "PKCS#12" in view.messages.text()
    assert view.stage.text() == "สร้างเอกสารไม่สำเร็จ"
    assert not list((tmp_path / "docs" / "outstanding").glob("*.pdf"))

    # removal (after confirming): the self-signed key signs again, no password asked
    answer_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    assert dialog.remove_pkcs12()
    assert signing.installed_pkcs12(folder) is None and not installed.exists()
    assert "self-signed" in dialog.key_state.text()
    assert not dialog.remove_key_button.isEnabled()
    view.choose_kind("plaques")
    view.choose_kind("certificates")
    assert "self-signed" in view.signing_key.text()
    again, asked = _certificates(qtbot, view, None)
    assert not asked
    assert again is not None and again.first_pdf is not None, view.messages.text()
    own = verify_pdf(again.first_pdf, db=db)
    assert own.genuine and own.trusted and own.trust == "installation" and own.self_signed
    assert own.status == "draft" and own.signer_sha256 != digest
    own_cert = x509.load_pem_x509_certificate((folder / signing.CERT_FILE).read_bytes())
    assert own.signer_sha256 == own_cert.fingerprint(hashes.SHA256()).hex()


def test_only_an_admin_manages_the_signing_key(
    qtbot: QtBot,
    db: Database,
    contest: Contest,
    ui_settings: UiSettings,
    runner: TaskRunner,
    tmp_path: Path,
) -> None:
    import pytest

    from evaluator.errors import PermissionDenied

    dialog = _settings(qtbot, db, contest.committee, ui_settings, runner)
    assert not dialog.p12_path.isEnabled() and not dialog.check_key_button.isEnabled()
    assert not dialog.install_key_button.isEnabled() and not dialog.remove_key_button.isEnabled()
    assert "self-signed" in dialog.key_state.text()
    (tmp_path / "dept").mkdir()
    p12 = _pkcs12(tmp_path / "dept", b"s3cret")
    with pytest.raises(PermissionDenied):  # the rule holds below the UI too
        signing.install_pkcs12(p12, "s3cret", tmp_path / "keys", user=contest.committee)
    assert signing.installed_pkcs12(tmp_path / "keys") is None
