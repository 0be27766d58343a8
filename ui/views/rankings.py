"""Rankings per round, per zone and national: status colours, the explanation of the selected
tambon, how well the inspectors agree, the ties at the cutoff for the committee to settle
(:mod:`ui.views.ties_panel`), and finalising a round (admin)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from evaluator.i18n import language, one_language, reason_in
from evaluator.permissions import Action, require
from evaluator.scoring.figures import in_band
from evaluator.scoring.labels import STATUS_LABELS, STATUS_ORDER
from evaluator.scoring.model import aggregation_title, score_text
from evaluator.services import finalise as finalise_service
from evaluator.services import ranking as ranking_service
from evaluator.services import tambons as tambon_service
from evaluator.services import ties as tie_service
from evaluator.services.ranking import RankedTambon, RoundAgreement, RoundRanking
from evaluator.services.users import get_user
from ui.context import AppContext
from ui.dialogs.signing_secrets import unlock_audit_key
from ui.icons import icon
from ui.labels import ranking_status_title
from ui.models.keyed import SortProxy
from ui.models.records import CENTER, LEFT, RIGHT, Column, RecordTableModel
from ui.tasks import TaskControl
from ui.views.base import View
from ui.views.ties_panel import TiePanel
from ui.widgets import RoundCombo, fit_columns, restore_splitter, setup_table, show_error

BAND_BACKGROUND = QColor("#ffd8a8")  # the cutoff band: resampling does not settle the place
# Colours from the one status table (evaluator.scoring.labels); a plain row keeps the palette's.
STATUS_BACKGROUND = {
    code: QColor(label.fill) if label.fill else None for code, label in STATUS_LABELS.items()
}
STATUS_FOREGROUND = {
    code: QColor(label.ink) if label.fill else None for code, label in STATUS_LABELS.items()
}


@dataclass(frozen=True)
class Loaded:
    ranking: RoundRanking
    agreement: RoundAgreement | None
    ties: tie_service.TieList | None = None


class RankingsView(View):
    key = "rankings"
    explained = Signal(str)  # a tambon's explanation is on screen
    reopened = Signal(object)  # the ReopenResult, after a finalised round is reopened

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("rankingsView")
        self.ranking: RoundRanking | None = None
        self._explaining = ""
        layout = QVBoxLayout(self)

        bar = QHBoxLayout()
        self.round = RoundCombo(ctx.settings)
        self.round.setObjectName("round")
        self.scope = QComboBox()
        self.scope.setObjectName("scope")
        self.scope.addItem(self.tr("ทั้งประเทศ"), None)
        for z in range(1, 19):
            self.scope.addItem(self.tr("เขต %1").replace("%1", str(z)), z)
        for label, widget in ((self.tr("รอบ"), self.round), (self.tr("ขอบเขต"), self.scope)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            bar.addWidget(caption)
            bar.addWidget(widget)
        self.refresh_button = QPushButton(icon("refresh"), self.tr("คำนวณใหม่"))
        self.refresh_button.clicked.connect(self.reload)
        bar.addWidget(self.refresh_button)
        bar.addStretch(1)
        self.compare_button = QPushButton(icon("compare"), self.tr("เปรียบเทียบที่เลือก"), self)
        self.compare_button.setObjectName("compareSelected")
        self.compare_button.clicked.connect(self.compare_selected)
        self.compare_button.setVisible(ctx.can(Action.COMPARE))
        bar.addWidget(self.compare_button)
        self.finalise_button = QPushButton(icon("lock"), self.tr("ยืนยันผลรอบนี้…"), self)
        self.finalise_button.setObjectName("finalise")
        self.finalise_button.setVisible(ctx.can(Action.FINALISE_ROUND))
        self.finalise_button.clicked.connect(self.finalise)
        bar.addWidget(self.finalise_button)
        self.reopen_button = QPushButton(icon("reopen"), self.tr("เปิดรอบนี้อีกครั้ง…"), self)
        self.reopen_button.setObjectName("reopenRound")
        self.reopen_button.setToolTip(
            self.tr("ยกเลิกการยืนยันผล ปลดล็อกแบบประเมิน (ผู้ดูแลระบบ ต้องระบุเหตุผล)")
        )
        self.reopen_button.setVisible(False)  # shown for a finalised round to those allowed
        self.reopen_button.clicked.connect(self.reopen_round)
        bar.addWidget(self.reopen_button)
        layout.addLayout(bar)

        self.summary = QLabel("")
        self.summary.setObjectName("rankingSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        legend = QHBoxLayout()
        for status in STATUS_ORDER:
            chip = QLabel(ranking_status_title(status))
            bg = STATUS_BACKGROUND[status]
            fg = STATUS_FOREGROUND[status]
            chip.setStyleSheet(
                "QLabel { padding: 2px 10px; border: 1px solid #bbb; border-radius: 8px;"
                f" background: {bg.name() if bg else 'white'};"
                f" color: {fg.name() if fg else 'black'}; }}"
            )
            legend.addWidget(chip)
        legend.addStretch(1)
        layout.addLayout(legend)

        self.model = RecordTableModel(self._columns(), self)
        self.proxy = SortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("rankingTable")
        self.table.setModel(self.proxy)
        setup_table(self.table, ctx.settings, "rankings")
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection())

        self.tabs = QTabWidget()
        self.explanation = QTextBrowser()
        self.explanation.setObjectName("explanation")
        self.explanation.setOpenLinks(False)
        self.tabs.addTab(self.explanation, self.tr("คำอธิบาย"))
        agreement = QWidget()
        agreement_layout = QVBoxLayout(agreement)
        self.alpha = QLabel("")
        self.alpha.setObjectName("alpha")
        self.alpha.setWordWrap(True)
        agreement_layout.addWidget(self.alpha)
        self.leniency_model = RecordTableModel(
            [
                Column(self.tr("ผู้ประเมิน"), lambda x: x.inspector),
                Column(self.tr("แบบ"), lambda x: str(x.sheets), lambda x: x.sheets, RIGHT),
                Column(
                    self.tr("เฉลี่ย"),
                    lambda x: score_text(x.mean_total),
                    lambda x: x.mean_total,
                    RIGHT,
                ),
                Column(
                    self.tr("ให้สูง/ต่ำกว่าผู้อื่น"),
                    lambda x: "–" if x.leniency is None else f"{x.leniency:+.2f}",
                    lambda x: x.leniency,
                    RIGHT,
                ),
            ],
            self,
        )
        leniency_proxy = SortProxy(self)
        leniency_proxy.setSourceModel(self.leniency_model)
        self.leniency_table = QTableView()
        self.leniency_table.setObjectName("leniency")
        self.leniency_table.setModel(leniency_proxy)
        setup_table(self.leniency_table)
        agreement_layout.addWidget(self.leniency_table, 1)
        self.tabs.addTab(agreement, self.tr("ความสอดคล้องของผู้ประเมิน"))
        self.tie_panel = TiePanel(ctx, self)
        self.tie_panel.resolved.connect(self.reload)
        self.tabs.addTab(self.tie_panel, self.tr("คะแนนเท่ากัน"))

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([780, 460])
        restore_splitter(self.splitter, ctx.settings, "rankings")
        layout.addWidget(self.splitter, 1)
        self.round.round_changed.connect(lambda _c: self.reload())
        self.scope.currentIndexChanged.connect(lambda _i: self.reload())

    def _columns(self) -> list[Column]:
        def bg(e: RankedTambon) -> QColor | None:
            return STATUS_BACKGROUND.get(e.status)

        def fg(e: RankedTambon) -> QColor | None:
            return STATUS_FOREGROUND.get(e.status)

        def col(title: str, display: object, sort: object = None, align: object = None) -> Column:
            return Column(
                title,
                display,  # type: ignore[arg-type]
                sort,  # type: ignore[arg-type]
                align or LEFT,  # type: ignore[arg-type]
                background=bg,
                foreground=fg,
            )

        return [
            col(
                self.tr("อันดับ"),
                lambda e: (
                    "–" if e.rank is None else (f"{e.rank}=" if e.shared > 1 else str(e.rank))
                ),
                lambda e: e.rank if e.rank is not None else 10**6,
                CENTER,
            ),
            col(self.tr("เขต"), lambda e: str(e.zone), lambda e: e.zone, CENTER),
            col(self.tr("จังหวัด"), lambda e: e.province),
            col(self.tr("อำเภอ"), lambda e: e.district),
            col(self.tr("ตำบล"), lambda e: e.tambon),
            col(
                self.tr("คะแนน"),
                lambda e: "–" if e.score is None else score_text(e.score),
                lambda e: e.score,
                RIGHT,
            ),
            col(self.tr("แบบ"), lambda e: str(e.sheets), lambda e: e.sheets, CENTER),
            col(
                self.tr("สถานะ"),
                lambda e: ranking_status_title(e.status),
                lambda e: STATUS_ORDER.index(e.status) if e.status in STATUS_ORDER else 9,
            ),
            *self._figure_columns(),
            col(self.tr("เหตุผล"), lambda e: reason_in(e.reason, e.reason_en)),
        ]

    def _figure_columns(self) -> list[Column]:
        """How sure each place is: the margin to the cutoff and the share of resamples won;
        the cutoff band (neither nearly always won nor nearly always lost) is shaded."""

        def band(e: RankedTambon) -> QColor | None:
            return BAND_BACKGROUND if in_band(e.p_winner) else STATUS_BACKGROUND.get(e.status)

        def fg(e: RankedTambon) -> QColor | None:
            return STATUS_FOREGROUND.get(e.status)

        def tip(e: RankedTambon) -> str:
            if e.p_winner is None or e.rank is None:
                return ""
            text = self.tr("ชนะใน %1% ของการสุ่มแบบประเมินซ้ำ").replace("%1", f"{e.p_winner * 100:.1f}")
            if e.se is not None:
                text += "\n" + self.tr("ความคลาดเคลื่อนมาตรฐานของคะแนน ±%1").replace(
                    "%1", f"{e.se:.2f}"
                )
            if in_band(e.p_winner):
                text += "\n" + self.tr("อยู่ในช่วงเส้นตัด: ผลอาจเปลี่ยนได้หากได้แบบประเมินต่างไป")
            return text

        return [
            Column(
                self.tr("ส่วนต่าง"),
                lambda e: "–" if e.margin is None else f"{e.margin:+.2f}",
                lambda e: e.margin,
                RIGHT,
                tooltip=tip,
                background=band,
                foreground=fg,
                header_tooltip=self.tr(
                    "ผู้ได้รับรางวัล: คะแนนเหนือตำบลแรกที่ไม่ได้รางวัล; ตำบลอื่น: คะแนนห่างจากผู้ได้รางวัลคนสุดท้าย"
                ),
            ),
            Column(
                self.tr("ความมั่นใจ"),
                lambda e: "–" if e.p_winner is None or e.rank is None else f"{e.p_winner:.0%}",
                lambda e: e.p_winner,
                RIGHT,
                tooltip=tip,
                background=band,
                foreground=fg,
                header_tooltip=self.tr(
                    "สัดส่วนของการสุ่มแบบประเมินซ้ำ 1,000 ครั้ง (ในแต่ละตำบล) ที่ตำบลนี้ได้รับรางวัล"
                ),
            ),
        ]

    # loading ---------------------------------------------------------------------------------
    def reload(self) -> None:
        self._stale = False
        db, user_id = self.ctx.db, self.ctx.user.id
        if self.round.count() == 0:
            self.round.set_rounds(tambon_service.list_rounds(db))
        round_code = self.round.code()
        if round_code is None:
            return
        zone = self.scope.currentData()
        self.summary.setText(self.tr("กำลังคำนวณ…"))

        def job(control: TaskControl) -> Loaded:
            require(get_user(db, user_id), Action.VIEW_RANKINGS)
            ranking = ranking_service.rank_round(db, round_code, zone)
            control.check()
            agreement = ranking_service.round_agreement(db, round_code)
            control.check()
            return Loaded(ranking, agreement, tie_service.list_ties(db, round_code))

        task = self.ctx.tasks.start(job, "ranking")
        task.finished.connect(self._loaded)
        task.failed.connect(lambda exc, _tb: self._failed(exc))

    def _failed(self, exc: BaseException) -> None:
        self.summary.setText(str(exc))
        self.model.set_records([])
        show_error(self, self.tr("จัดอันดับไม่ได้"), exc)

    def _loaded(self, loaded: Loaded) -> None:
        r = loaded.ranking
        self.ranking = r
        self.model.set_records(r.entries)
        fit_columns(self.table, {10: 260})
        quota = (
            self.tr("%1 ตำบลต่อเขต").replace("%1", str(r.quota))
            if r.quota_kind == "zone"
            else self.tr("%1 ตำบลทั้งประเทศ").replace("%1", str(r.quota))
        )
        winners = len(r.winners())
        ties = len(r.ties())
        text = (
            self.tr("%1 · รางวัล %2 บาท · โควตา %3 · วิธีรวมคะแนน %4 · ได้รับรางวัล %5 · เท่ากัน %6")
            .replace("%1", r.round_title)
            .replace("%2", f"{r.prize_baht:,}")
            .replace("%3", quota)
            .replace("%4", aggregation_title(r.aggregation, language()))
            .replace("%5", str(winners))
            .replace("%6", str(ties))
        )
        if r.finalised:
            text += "\n" + self.tr("ยืนยันผลแล้วโดย %1 · SHA-256 %2").replace(
                "%1", r.finalised_by or ""
            ).replace("%2", r.result_hash or "")
        band = sum(1 for e in r.entries if e.rank is not None and in_band(e.p_winner))
        if r.resamples:
            text += "\n" + self.tr(
                "ช่วงเส้นตัด (ความมั่นใจ 5–95% จากการสุ่มแบบประเมินซ้ำ %1 ครั้ง): %2 ตำบล"
            ).replace("%1", f"{r.resamples:,}").replace("%2", str(band))
        for warning in r.warnings:
            text += "\n⚠ " + (one_language(warning))
        self.summary.setText(text)
        self.finalise_button.setEnabled(not r.finalised and self.scope.currentData() is None)
        may_reopen = self.ctx.can(Action.REOPEN_ROUND)
        self.finalise_button.setVisible(self.ctx.can(Action.FINALISE_ROUND) and not r.finalised)
        self.reopen_button.setVisible(may_reopen and r.finalised)
        self.reopen_button.setEnabled(may_reopen and r.finalised)
        if loaded.agreement is not None:
            a = loaded.agreement.agreement
            flagged = len(a.flagged)
            self.alpha.setText(
                a.alpha_text_in()
                + "\n"
                + self.tr("ตำบลที่ผู้ประเมินให้คะแนนต่างกันเกิน %1 คะแนน: %2 ตำบล")
                .replace("%1", f"{a.spread_threshold:g}")
                .replace("%2", str(flagged))
            )
            self.leniency_model.set_records(list(a.leniency))
            fit_columns(self.leniency_table)
        self.tie_panel.set_ties(loaded.ties)
        if loaded.ties is not None and loaded.ties.open():
            self.tabs.setTabText(
                self.tabs.indexOf(self.tie_panel),
                self.tr("คะแนนเท่ากัน (%1)").replace("%1", str(len(loaded.ties.open()))),
            )
        else:
            self.tabs.setTabText(self.tabs.indexOf(self.tie_panel), self.tr("คะแนนเท่ากัน"))
        self.explanation.setPlainText(self.tr("เลือกตำบลในตารางเพื่อดูคำอธิบายอันดับ"))
        self.ctx.events.data_loaded.emit(self.key)

    # selection -------------------------------------------------------------------------------
    def selected(self) -> list[RankedTambon]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.proxy.record(r) for r in rows]

    def _selection(self) -> None:
        chosen = self.selected()
        self.compare_button.setEnabled(2 <= len(chosen) <= 4)
        current: QModelIndex = self.table.currentIndex()
        if not current.isValid() or self.ranking is None:
            return
        entry = self.proxy.record(current.row())
        db, round_code, code = self.ctx.db, self.ranking.round_code, entry.tambon_code
        self._explaining = code
        self.explanation.setPlainText(self.tr("กำลังคำนวณ…"))

        def job(control: TaskControl) -> ranking_service.TambonExplanation:
            return ranking_service.explain_tambon(db, round_code, code)

        task = self.ctx.tasks.start(job, "explain")
        task.finished.connect(self._explained)
        task.failed.connect(lambda exc, _tb: self.explanation.setPlainText(str(exc)))

    def _explained(self, explanation: ranking_service.TambonExplanation) -> None:
        if explanation.tambon_code != self._explaining:
            return  # the user has moved on to another tambon
        head = f"{explanation.tambon} · {explanation.district} · {explanation.province}"
        self.explanation.setPlainText("\n\n".join([head, *explanation.lines_in()]))
        self.explained.emit(explanation.tambon_code)

    def compare_selected(self) -> None:
        codes = [e.tambon_code for e in self.selected()]
        if 2 <= len(codes) <= 4:
            self.ctx.events.compare.emit(codes)

    # finalising ------------------------------------------------------------------------------
    def finalise(self) -> None:
        r = self.ranking
        if r is None or r.finalised:
            return
        answer = QMessageBox.question(
            self,
            self.tr("ยืนยันผลรอบการประกวด"),
            self.tr(
                "ยืนยันผลรอบ “%1” หรือไม่?\nเมื่อยืนยันแล้ว แบบประเมินของรอบนี้จะถูกล็อก"
                " แก้ไขไม่ได้อีก\nได้รับรางวัล %2 ตำบล · คะแนนเท่ากัน %3 ตำบล"
            )
            .replace("%1", r.round_title)
            .replace("%2", str(len(r.winners())))
            .replace("%3", str(len(r.ties()))),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        if not unlock_audit_key(self):  # the finalise is signed into the log's checkpoint
            return
        db, user_id, code = self.ctx.db, self.ctx.user.id, r.round_code

        def job(control: TaskControl) -> finalise_service.FinaliseResult:
            return finalise_service.finalise_round(db, get_user(db, user_id), code)

        task = self.ctx.tasks.start(job, "finalise")
        task.finished.connect(self._finalised)
        task.failed.connect(lambda exc, _tb: show_error(self, self.tr("ยืนยันผลไม่ได้"), exc))

    def reopen_round(self) -> None:
        """Reopen the finalised round shown: the reason, a confirmation, then the service."""
        from ui.dialogs.reopen_round import ReopenRoundDialog

        r = self.ranking
        if r is None or not r.finalised:
            return
        dialog = ReopenRoundDialog(r.round_title, r.result_hash or "", self)
        if not dialog.exec():
            return
        db, user_id, code, reason = self.ctx.db, self.ctx.user.id, r.round_code, dialog.text

        def job(control: TaskControl) -> finalise_service.ReopenResult:
            return finalise_service.reopen_round(db, get_user(db, user_id), code, reason)

        task = self.ctx.tasks.start(job, "reopen round")
        task.finished.connect(self._reopened)
        task.failed.connect(lambda exc, _tb: show_error(self, self.tr("เปิดรอบอีกครั้งไม่ได้"), exc))

    def _reopened(self, result: finalise_service.ReopenResult) -> None:
        QMessageBox.information(
            self,
            self.tr("เปิดรอบอีกครั้งแล้ว"),
            self.tr("เปิดรอบ %1 อีกครั้งแล้ว ปลดล็อกแบบประเมิน %2 แบบ\nเหตุผลบันทึกไว้ในบันทึกการเปลี่ยนแปลง")
            .replace("%1", self.ranking.round_title if self.ranking else result.round_code)
            .replace("%2", str(result.unlocked_sheets)),
        )
        self.reopened.emit(result)
        self.round.set_rounds(tambon_service.list_rounds(self.ctx.db))
        self.ctx.events.data_changed.emit()
        self.reload()

    def _finalised(self, result: finalise_service.FinaliseResult) -> None:
        QMessageBox.information(
            self,
            self.tr("ยืนยันผลแล้ว"),
            self.tr("ยืนยันผลรอบ %1 แล้ว ล็อกแบบประเมิน %2 แบบ\nSHA-256 %3")
            .replace("%1", result.round_code)
            .replace("%2", str(result.locked_sheets))
            .replace("%3", result.result_hash),
        )
        self.round.set_rounds(tambon_service.list_rounds(self.ctx.db))
        self.ctx.events.data_changed.emit()
        self.reload()
