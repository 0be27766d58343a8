"""About: the version, the database, where the log is, the licence, and what the program is
built from with each part's licence (geothai's data is CC-BY-4.0 and must be attributed)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from evaluator import __version__, about
from evaluator.logs import current_log_file, log_dir
from ui.geometry import fit_to_screen
from ui.icons import icon


def notice_html() -> str:
    """The licence notice as HTML: this program, each component, the attributions."""
    rows = "".join(
        f"<tr><td>{escape(c.distribution)}</td><td>{escape(about.installed_version(c.distribution))}"
        f"</td><td>{escape(c.licence)}</td><td>{escape(c.used_for)}</td></tr>"
        for c in about.COMPONENTS
    )
    attributions = "".join(f"<p>{escape(text)}</p>" for text in about.ATTRIBUTIONS)
    return (
        f"<p>{escape(about.COPYRIGHT)}. สัญญาอนุญาต {about.LICENCE} — "
        f"licensed under the {about.LICENCE} License.</p>"
        "<h4>ที่มาของข้อมูลและแบบอักษร — Attributions</h4>"
        f"{attributions}"
        "<h4>ส่วนประกอบ — Components</h4>"
        "<table cellspacing='0' cellpadding='3' border='1'>"
        "<tr><th>ชื่อ — name</th><th>รุ่น — version</th><th>สัญญาอนุญาต — licence</th>"
        f"<th>ใช้ทำ — used for</th></tr>{rows}</table>"
    )


class AboutDialog(QDialog):
    """The program's name and version, the database, the log folder and the licences."""

    def __init__(self, database: str, schema: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(QCoreApplication.translate("MainWindow", "เกี่ยวกับโปรแกรม"))
        self.setWindowIcon(icon("app"))
        layout = QVBoxLayout(self)
        header = QCoreApplication.translate(
            "MainWindow",
            "ระบบประเมินตำบลผู้นำการเปลี่ยนแปลง\n"
            "กรมการพัฒนาชุมชน กระทรวงมหาดไทย\n"
            "ทำงานได้โดยไม่ต้องต่ออินเทอร์เน็ต",
        )
        self.header = QLabel(header)
        self.header.setObjectName("aboutHeader")
        layout.addWidget(self.header)
        log_file = current_log_file()
        facts = [
            f"รุ่นโปรแกรม — version: {__version__}",
            f"ฐานข้อมูล — database: {database}",
            f"รุ่นโครงสร้างฐานข้อมูล — schema: {schema or '-'}",
            f"บันทึกการทำงาน — log: {log_file or log_dir()}",
        ]
        self.facts = QLabel("\n".join(facts))
        self.facts.setObjectName("aboutFacts")
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.facts)
        self.notice = QTextBrowser()
        self.notice.setObjectName("aboutNotice")
        self.notice.setOpenExternalLinks(False)
        self.notice.setHtml(notice_html())
        layout.addWidget(self.notice, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_to_screen(self, QSize(760, 560))
