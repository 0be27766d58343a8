"""The tie panel's notes: each tied tambon's sheet notes inline (the general note and the notes
per criterion, by inspector) and its photos as a count with a button that opens them, read with
:func:`evaluator.services.tambons.tambon_sheets` off the UI thread."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from evaluator.services import tambons as tambon_service
from evaluator.services.sheet_data import PhotoInfo
from evaluator.services.tambons import ComparedTambon, Comparison
from evaluator.services.users import get_user
from ui.context import AppContext
from ui.geometry import fit_to_screen
from ui.photos import PhotoStrip, open_photo
from ui.tasks import TaskControl


def _plain(text: str) -> QLabel:
    """A label that shows ``text`` as typed (a note is never read as HTML)."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class TambonPhotos(QDialog):
    """A tied tambon's photos (every counted sheet's), opened full size by double-click/Enter."""

    def __init__(
        self, ctx: AppContext, title: str, photos: list[PhotoInfo], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("tiePhotos")
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        self.strip = PhotoStrip(ctx)
        self.strip.set_photos(photos)
        self.strip.photo_activated.connect(lambda pid: open_photo(ctx, pid, title, self))
        layout.addWidget(self.strip)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("ปิด"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_to_screen(self, QSize(720, 260))


class TieNotes(QScrollArea):
    """The notes and photo counts of the tambons of the tie on screen."""

    loaded = Signal()  # the notes of the current tie are on screen

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("tieNotes")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.comparison: Comparison | None = None
        self.photo_buttons: dict[str, QPushButton] = {}
        self.note_labels: dict[str, QLabel] = {}
        self._generation = 0
        self._fill(None)

    def load(self, round_code: str | None, codes: list[str]) -> None:
        """Read the sheets of ``codes`` in the round in the background, then show their notes."""
        self._generation += 1
        generation = self._generation
        if round_code is None or not codes:
            self._fill(None)
            return
        db, user_id = self.ctx.db, self.ctx.user.id

        def job(control: TaskControl) -> tuple[int, Comparison]:
            user = get_user(db, user_id)
            return generation, tambon_service.tambon_sheets(db, user, round_code, codes)

        task = self.ctx.tasks.start(job, "tie notes")
        task.finished.connect(self._loaded)  # a bound method: dropped if the panel goes first

    def _loaded(self, done: tuple[int, Comparison]) -> None:
        generation, comparison = done
        if generation == self._generation:  # else another tie was chosen meanwhile
            self._fill(comparison)
            self.loaded.emit()

    def _fill(self, comparison: Comparison | None) -> None:
        self.comparison = comparison
        self.photo_buttons = {}
        self.note_labels = {}
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        titles = {c.code: c.title for c in comparison.criteria} if comparison else {}
        for t in comparison.tambons if comparison else []:
            layout.addWidget(self._tambon(t, titles))
        layout.addStretch(1)
        self.setWidget(body)

    def _tambon(self, t: ComparedTambon, titles: dict[str, str]) -> QWidget:
        box = QFrame()
        box.setObjectName(f"tieNotes_{t.code}")
        box.setFrameShape(QFrame.Shape.StyledPanel)
        column = QVBoxLayout(box)
        row = QHBoxLayout()
        name = QLabel(f"<b>{self.tr('ตำบล')}{_escape(t.tambon)}</b> ({t.code})")
        row.addWidget(name, 1)
        photos = [p for sheet in t.sheets for p in sheet.photos]
        button = QPushButton(self.tr("ภาพถ่าย %1 รูป…").replace("%1", str(len(photos))))
        button.setObjectName(f"tiePhotos_{t.code}")
        button.setEnabled(bool(photos))
        button.clicked.connect(lambda: self.open_photos(t))
        self.photo_buttons[t.code] = button
        row.addWidget(button)
        column.addLayout(row)
        lines: list[str] = []
        for sheet in t.sheets:
            said = [sheet.note] if sheet.note else []
            said += [
                f"{code} {titles.get(code, '')}: {text}"
                for code, text in sheet.notes.items()
                if text
            ]
            if said:
                lines.append(f"{sheet.inspector}:")
                lines += [f"  {line}" for line in said]
        if not t.sheets:
            lines.append(self.tr("ยังไม่มีแบบประเมินที่ส่งแล้ว"))
        elif not lines:
            lines.append(self.tr("(ไม่มีหมายเหตุ)"))
        notes = _plain("\n".join(lines))
        notes.setObjectName(f"tieNoteText_{t.code}")
        self.note_labels[t.code] = notes
        column.addWidget(notes)
        return box

    def open_photos(self, t: ComparedTambon) -> TambonPhotos:
        """The tambon's photos in their own window (non-modal); returns it."""
        photos = [p for sheet in t.sheets for p in sheet.photos]
        title = self.tr("ภาพถ่าย: ตำบล%1").replace("%1", t.tambon)
        dialog = TambonPhotos(self.ctx, title, photos, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
