"""The page template and the drawing pieces the reports share (summary, executive, tambon).

Built on reportlab's platypus (frames, page templates, page breaks) with flowables of our own
that draw every string through :mod:`reports.thai` (shaped, wrapped at Thai word boundaries,
extractable exactly as drawn). One module per kind of piece:

* :mod:`reports.pdf.style` — colours, the status colours, number formats, text styles;
* :mod:`reports.pdf.flowables` — :class:`Para` and :func:`heading` (headings go to the PDF
  outline), :class:`Note`, :class:`KeyFigures`, :class:`PhotoGrid` (photos scaled to fit);
* :mod:`reports.pdf.tables` — :class:`Table`, the one table renderer: wrapped cells, status
  colours, a header repeated on every page the table runs over, rows split across pages only
  when one is very tall;
* :mod:`reports.pdf.charts` — :class:`BarChart`, drawn with ``reportlab.graphics`` with no
  labels of its own; its labels are drawn afterwards with the Thai engine;
* :mod:`reports.pdf.page` — :func:`build_pdf`: A4 portrait pages (landscape ones on request)
  with the contest's title and the document's in the header and the date (Buddhist era) and
  ``หน้า ๑ / ๓`` in the footer.

Numbers: Thai numerals in running text, headers, footers and dates, as the department writes
them; Arabic numerals in tables and charts of figures (scores, codes, amounts), where columns
of digits are read and compared.
"""

from reportlab.platypus import CondPageBreak, NextPageTemplate, PageBreak, Spacer

from reports.pdf.charts import BarChart, GroupedBarChart, Spread, SpreadChart, nice_scale
from reports.pdf.flowables import (
    KEEP_WITH_NEXT,
    Figure,
    Heading,
    KeyFigures,
    Note,
    Para,
    PhotoGrid,
    PhotoItem,
    heading,
    keep,
)
from reports.pdf.page import DocInfo, build_pdf, page_label
from reports.pdf.style import (
    BODY,
    BODY_CENTRED,
    CHART_BLUE,
    DRAFT_FILL,
    DRAFT_RED,
    GOLD,
    GREY,
    H1,
    H2,
    H3,
    INK,
    ISSUER,
    LANDSCAPE,
    LIGHT,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    NAVY,
    NOTE_FILL,
    PORTRAIT,
    RULE,
    SMALL,
    STATUS_CHART,
    STATUS_FILL,
    STATUS_INK,
    STATUS_SHORT,
    SUBMITTED_GREEN,
    SUBTITLE,
    TITLE,
    ZEBRA,
    TextStyle,
    ascent,
    descent,
    fmt_int,
    fmt_score,
    thai_int,
    wrap_lines,
)
from reports.pdf.tables import Column, Row, Table, TableStyle

__all__ = [
    "BODY",
    "BODY_CENTRED",
    "CHART_BLUE",
    "DRAFT_FILL",
    "DRAFT_RED",
    "GOLD",
    "GREY",
    "H1",
    "H2",
    "H3",
    "INK",
    "ISSUER",
    "KEEP_WITH_NEXT",
    "LANDSCAPE",
    "LIGHT",
    "MARGIN_BOTTOM",
    "MARGIN_TOP",
    "MARGIN_X",
    "NAVY",
    "NOTE_FILL",
    "PORTRAIT",
    "RULE",
    "SMALL",
    "STATUS_CHART",
    "STATUS_FILL",
    "STATUS_INK",
    "STATUS_SHORT",
    "SUBMITTED_GREEN",
    "SUBTITLE",
    "TITLE",
    "ZEBRA",
    "BarChart",
    "Column",
    "CondPageBreak",
    "DocInfo",
    "Figure",
    "GroupedBarChart",
    "Heading",
    "KeyFigures",
    "NextPageTemplate",
    "Note",
    "PageBreak",
    "Para",
    "PhotoGrid",
    "PhotoItem",
    "Row",
    "Spacer",
    "Spread",
    "SpreadChart",
    "Table",
    "TableStyle",
    "TextStyle",
    "ascent",
    "build_pdf",
    "descent",
    "fmt_int",
    "fmt_score",
    "heading",
    "keep",
    "nice_scale",
    "page_label",
    "thai_int",
    "wrap_lines",
]
