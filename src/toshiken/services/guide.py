"""The printable one-page guide per municipality: its HTML rendered to PDF with WeasyPrint."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment

from toshiken.services.model import Finding
from toshiken.services.rows import finding_row, grouped
from toshiken.vision.model import Vision

GUIDE_CSS = Path(__file__).parent / "static" / "guide.css"
TEMPLATE = "services/guide.html"


def guide_html(env: Environment, vision: Vision, finding: Finding, today: date) -> str:
    """The guide as one HTML document (no request, no files beside the template)."""
    row = finding_row(vision, finding)
    services: list[dict[str, Any]] = row["services"]  # type: ignore[assignment]
    return env.get_template(TEMPLATE).render(
        vision=vision, finding=row, groups=grouped(services), today=today
    )


def _document(html: str) -> Any:
    from weasyprint import CSS, HTML  # type: ignore[import-untyped]

    return HTML(string=html).render(stylesheets=[CSS(filename=str(GUIDE_CSS))])


def guide_pdf(html: str) -> bytes:
    """PDF bytes of the guide; the stylesheet names the TrueType IPAexGothic font only."""
    pdf: bytes = _document(html).write_pdf()
    return pdf


def page_count(html: str) -> int:
    """How many pages the guide takes (the layout must keep it to one)."""
    return len(_document(html).pages)
