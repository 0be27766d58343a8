"""The main window."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from evaluator.db import Database
from evaluator.services.overview import overview


class MainWindow(QMainWindow):
    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.setWindowTitle("ระบบประเมินตำบลผู้นำการเปลี่ยนแปลง — กรมการพัฒนาชุมชน")
        data = overview(db)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        self.heading = QLabel(data.contest or "ยังไม่มีข้อมูลการประกวด — no contest loaded")
        self.heading.setObjectName("heading")
        layout.addWidget(self.heading)
        self.summary = QLabel(f"ตำบลเป้าหมาย {data.tambons:,} ตำบล · แบบประเมิน {data.sheets:,} แบบ")
        layout.addWidget(self.summary)
        table = QTableWidget(len(data.zones), 4, central)
        table.setHorizontalHeaderLabels(["เขตตรวจราชการ", "จังหวัด", "ตำบล", "แบบประเมิน"])
        for row, zone in enumerate(data.zones):
            for col, value in enumerate((zone.name, zone.provinces, zone.tambons, zone.sheets)):
                table.setItem(row, col, QTableWidgetItem(str(value)))
        table.resizeColumnsToContents()
        self.zone_table = table
        layout.addWidget(table)
        self.setCentralWidget(central)
        self.resize(900, 650)
        geometry = QSettings().value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        QSettings().setValue("main/geometry", self.saveGeometry())
        super().closeEvent(event)
