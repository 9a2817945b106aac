"""The export formats (a module of its own: the command line's help names them at start-up)."""

from __future__ import annotations

from enum import StrEnum


class ExportFormat(StrEnum):
    """What an export writes."""

    XLSX = "xlsx"
    DOCX = "docx"
    PDF = "pdf"
    CSV = "csv"
    JSON = "json"
    CHAPTERS = "chapters"
    CLIPS = "clips"
