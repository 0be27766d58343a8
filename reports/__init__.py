"""PDF (reportlab) and Excel (openpyxl) outputs: data in, file out. No Qt."""
