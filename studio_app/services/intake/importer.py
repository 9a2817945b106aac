"""Importing pre-collected questions from CSV and XLSX files: preview, column mapping, drafts.

Reading and parsing finish completely before the caller files anything, so a broken file
never leaves half its questions behind; filing all drafts is one transaction
(``QuestionService.file_many``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, tzinfo
from enum import StrEnum
from pathlib import Path

from studio_app.domain.questions import MAX_QUESTION_LENGTH, Channel, QuestionDraft
from studio_app.services.intake.reading import (
    ENCODING_LABELS,
    MAX_FILE_BYTES,
    MAX_ROWS,
    Cell,
    ImportErrorCode,
    ImportFileError,
    RawTable,
    cell_text,
    is_blank,
    read_table,
)
from studio_app.services.intake.values import (
    Field,
    MappingGuess,
    guess_mapping,
    normalise_header,
    parse_channel,
    parse_time,
)

__all__ = [
    "ENCODING_LABELS",
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "PREVIEW_ROWS",
    "Field",
    "ImportErrorCode",
    "ImportFileError",
    "ImportPreview",
    "ImportResult",
    "ImportedRow",
    "MappingGuess",
    "RawTable",
    "RowWarning",
    "SkipReason",
    "SkippedRow",
    "WarningKind",
    "check_mapping",
    "column_label",
    "find_column",
    "group_numbers",
    "guess_mapping",
    "parse",
    "parse_table",
    "preview",
    "preview_table",
    "read_table",
    "with_overrides",
]

#: Rows a preview shows.
PREVIEW_ROWS = 20
#: Excel shows numbers of 12+ digits like this: the digits of a phone number are gone.
_SCIENTIFIC = re.compile(r"^\d(?:\.\d+)?e\+?\d+$", re.IGNORECASE)
#: A header cell that is data: a full date, or a long number (a phone number).
_DATA_LIKE = re.compile(
    r"^(?:\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}.*|\+?[\d\s\-]{7,}|\d+(?:\.\d+)?)$"
)


class SkipReason(StrEnum):
    """Why a row did not become a question."""

    EMPTY_ROW = "empty_row"
    TEXT_EMPTY = "text_empty"  # something in the row, but no question text
    TEXT_TOO_LONG = "text_too_long"  # detail: the length
    DUPLICATE = "duplicate"  # detail: the row number of the earlier, identical row


class WarningKind(StrEnum):
    """Something odd in a row that was imported anyway."""

    BAD_TIME = "bad_time"  # detail: the value; imported without a time (filing time is used)
    UNKNOWN_CHANNEL = "unknown_channel"  # detail: the value; imported as "other"
    PHONE_DIGITS_LOST = "phone_digits_lost"  # detail: the value, e.g. "1.38001E+10"


@dataclass(frozen=True, slots=True)
class SkippedRow:
    """A row that was not imported, with why; ``detail`` is a value, not prose."""

    row_number: int
    reason: SkipReason
    detail: str = ""


@dataclass(frozen=True, slots=True)
class RowWarning:
    """A row imported with a problem the operator should look at."""

    row_number: int
    kind: WarningKind
    detail: str = ""


@dataclass(frozen=True, slots=True)
class ImportedRow:
    """A question draft and the spreadsheet row it came from."""

    row_number: int
    draft: QuestionDraft


@dataclass(frozen=True, slots=True)
class ImportPreview:
    """What the mapping step shows: headers, the guessed mapping and the first rows."""

    path: Path
    format: str  # "csv" or "xlsx"
    headers: tuple[str, ...]
    mapping: dict[int, Field]
    unknown_headers: list[str]
    rows: list[tuple[str, ...]]  # the first rows, every cell as text, as wide as the headers
    row_numbers: list[int]
    total_rows: int  # data rows under the header (blank rows between them included)
    encoding: str  # codec of a CSV file, "" for XLSX (see :data:`ENCODING_LABELS`)
    delimiter: str
    sheet: str
    sheets: tuple[str, ...]
    header_looks_like_data: bool  # the first row seems to be data: the header is missing

    @property
    def needs_mapping(self) -> bool:
        """Whether no column is mapped to the question text (the user must choose one)."""
        return Field.TEXT not in self.mapping.values()


@dataclass(frozen=True, slots=True)
class ImportResult:
    """A fully parsed file: the drafts to file, the rows skipped and the warnings."""

    path: Path
    rows: list[ImportedRow]
    skipped: list[SkippedRow]
    warnings: list[RowWarning]
    mapping: dict[int, Field]
    headers: tuple[str, ...]
    total_rows: int  # = len(rows) + len(skipped)
    encoding: str
    delimiter: str
    sheet: str

    @property
    def drafts(self) -> list[QuestionDraft]:
        """The drafts in file order (``rows[i].draft``)."""
        return [row.draft for row in self.rows]


# ---------------------------------------------------------------- mapping
def column_label(index: int) -> str:
    """The spreadsheet letter of a 0-based column index (0 → A, 26 → AA)."""
    label = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        label = chr(ord("A") + remainder) + label
    return label


def find_column(headers: Sequence[str], name: str) -> int | None:
    """The column a user names: by its header (exactly, then loosely), letter or number.

    "问题", " 问题 ", "C" and "3" all name the third column when it is headed 问题.
    """
    name = name.strip()
    if not name:
        return None
    for index, header in enumerate(headers):
        if header.strip() == name:
            return index
    wanted = normalise_header(name)
    if wanted:
        for index, header in enumerate(headers):
            if normalise_header(header) == wanted:
                return index
    if name.isdigit() and 1 <= int(name) <= len(headers):
        return int(name) - 1
    if name.isascii() and name.isalpha() and len(name) <= 3:
        for index in range(len(headers)):
            if column_label(index) == name.upper():
                return index
    return None


def with_overrides(
    mapping: Mapping[int, Field], overrides: Mapping[int, Field | None]
) -> dict[int, Field]:
    """``mapping`` changed by the user's choices (column → field, or ``None``: not imported).

    A field the user gives a column loses the columns guessed for it, so choosing the
    question column replaces the guess rather than adding a second one.
    """
    chosen = {field for field in overrides.values() if field is not None}
    result = {i: f for i, f in mapping.items() if f not in chosen and i not in overrides}
    result.update({i: f for i, f in overrides.items() if f is not None})
    return dict(sorted(result.items()))


def check_mapping(table: RawTable, mapping: Mapping[int, Field]) -> None:
    """Raise unless ``mapping`` names valid columns and one of them holds the question.

    Raises:
        ImportFileError: ``NO_HEADER`` when the first row looks like data, else
            ``NO_QUESTION_COLUMN`` (``names`` holds the headers to choose from).
        ValueError: A column index outside the table (a programming error).
    """
    for index in mapping:
        if not 0 <= index < len(table.headers):
            raise ValueError(f"no column {index} in {len(table.headers)} columns")
    if Field.TEXT in mapping.values():
        return
    if _looks_like_data(table.headers):
        raise ImportFileError(ImportErrorCode.NO_HEADER, table.path, names=table.headers)
    raise ImportFileError(ImportErrorCode.NO_QUESTION_COLUMN, table.path, names=table.headers)


def _looks_like_data(headers: Sequence[str]) -> bool:
    """Whether the header row seems to be the first data row (no header row at all)."""
    return any(_DATA_LIKE.match(header.strip()) for header in headers if header.strip())


# ---------------------------------------------------------------- preview
def preview(
    path: Path | str,
    mapping: Mapping[int, Field] | None = None,
    limit: int = PREVIEW_ROWS,
    *,
    sheet: str | None = None,
) -> ImportPreview:
    """Read a file for the mapping step: headers, guessed (or given) mapping, first rows.

    Raises:
        ImportFileError: The file cannot be read as a table. A missing question column is
            not an error here (see :attr:`ImportPreview.needs_mapping`).
    """
    return preview_table(read_table(path, sheet), mapping, limit)


def preview_table(
    table: RawTable, mapping: Mapping[int, Field] | None = None, limit: int = PREVIEW_ROWS
) -> ImportPreview:
    """:func:`preview` of a table already read."""
    guess = guess_mapping(table.headers)
    chosen = dict(sorted(mapping.items())) if mapping is not None else guess.mapping
    width = len(table.headers)
    rows = [
        tuple(cell_text(row[i]) if i < len(row) else "" for i in range(width))
        for row in table.rows[:limit]
    ]
    return ImportPreview(
        path=table.path,
        format=table.format,
        headers=table.headers,
        mapping=chosen,
        unknown_headers=[h for i, h in enumerate(table.headers) if i not in chosen and h],
        rows=rows,
        row_numbers=table.row_numbers[:limit],
        total_rows=len(table.rows),
        encoding=table.encoding,
        delimiter=table.delimiter,
        sheet=table.sheet,
        sheets=table.sheets,
        header_looks_like_data=Field.TEXT not in chosen.values()
        and _looks_like_data(table.headers),
    )


# ---------------------------------------------------------------- parse
def parse(
    path: Path | str,
    mapping: Mapping[int, Field] | None = None,
    *,
    sheet: str | None = None,
    default_date: date | None = None,
    tz: tzinfo | None = None,
    default_channel: Channel = Channel.OTHER,
) -> ImportResult:
    """Read and parse a whole file into question drafts; nothing is written.

    Args:
        path: The CSV/TXT or XLSX file.
        mapping: Column index → field; ``None`` uses :func:`guess_mapping`.
        sheet: XLSX only: the sheet to read (default: the first with anything in it).
        default_date: The day of times given without a date and the year of dates without a
            year (default: today).
        tz: Time zone of times given without one (default: this computer's).
        default_channel: Channel of rows with an empty channel cell or no channel column.

    Raises:
        ImportFileError: The file cannot be read, no column holds the question text, or there
            are no rows under the header.
    """
    return parse_table(
        read_table(path, sheet),
        mapping,
        default_date=default_date,
        tz=tz,
        default_channel=default_channel,
    )


def parse_table(
    table: RawTable,
    mapping: Mapping[int, Field] | None = None,
    *,
    default_date: date | None = None,
    tz: tzinfo | None = None,
    default_channel: Channel = Channel.OTHER,
) -> ImportResult:
    """:func:`parse` of a table already read.

    A row is skipped when it is blank, has no question text, has a text longer than
    :data:`MAX_QUESTION_LENGTH`, or repeats an earlier row in every imported column. A time
    that cannot be read does not lose the row: it is imported without a time and a warning.
    """
    if mapping is None:
        mapping = guess_mapping(table.headers).mapping
    chosen = dict(sorted(mapping.items()))
    check_mapping(table, chosen)
    if not any(table.rows):
        raise ImportFileError(ImportErrorCode.NO_ROWS, table.path)
    columns = _columns_by_field(chosen)
    text_columns = columns.get(Field.TEXT, ())
    time_columns = columns.get(Field.RECEIVED_AT, ())
    asker_columns = columns.get(Field.ASKER, ())
    phone_columns = columns.get(Field.PHONE, ())
    channel_columns = columns.get(Field.CHANNEL, ())
    category_columns = columns.get(Field.CATEGORY, ())
    today = default_date or date.today()
    channels: dict[str, Channel | None] = {}  # a file uses a handful of channel words
    rows: list[ImportedRow] = []
    skipped: list[SkippedRow] = []
    warnings: list[RowWarning] = []
    seen: dict[tuple[object, ...], int] = {}
    for cells, number in zip(table.rows, table.row_numbers, strict=True):
        if not cells:
            skipped.append(SkippedRow(number, SkipReason.EMPTY_ROW))
            continue
        text = _joined(cells, text_columns, "\n")
        if not text:
            skipped.append(SkippedRow(number, SkipReason.TEXT_EMPTY))
            continue
        if len(text) > MAX_QUESTION_LENGTH:
            skipped.append(SkippedRow(number, SkipReason.TEXT_TOO_LONG, str(len(text))))
            continue
        time_cells = tuple(
            cells[i] for i in time_columns if i < len(cells) and not is_blank(cells[i])
        )
        asker = _joined(cells, asker_columns, " ")
        phone = _joined(cells, phone_columns, " ")
        channel_text = _joined(cells, channel_columns, " ")
        category = _joined(cells, category_columns, " ")
        # Identical in every imported column (unmapped ones such as a serial number differ).
        key = (text, asker, phone, channel_text, category, time_cells)
        earlier = seen.get(key)
        if earlier is not None:
            skipped.append(SkippedRow(number, SkipReason.DUPLICATE, str(earlier)))
            continue
        seen[key] = number

        time_value: Cell = (
            time_cells[0] if len(time_cells) == 1 else " ".join(map(cell_text, time_cells))
        )
        try:
            received_at = parse_time(time_value, today, tz)
        except (ValueError, OverflowError):
            received_at = None
            warnings.append(RowWarning(number, WarningKind.BAD_TIME, cell_text(time_value)))

        channel = default_channel
        if channel_text:
            if channel_text not in channels:
                channels[channel_text] = parse_channel(channel_text)
            found_channel = channels[channel_text]
            if found_channel is None:
                warnings.append(RowWarning(number, WarningKind.UNKNOWN_CHANNEL, channel_text))
                channel = Channel.OTHER
            else:
                channel = found_channel
        if phone and phone[0].isdigit() and _SCIENTIFIC.match(phone):
            warnings.append(RowWarning(number, WarningKind.PHONE_DIGITS_LOST, phone))

        draft = QuestionDraft(text, asker, phone, channel, category, received_at)
        rows.append(ImportedRow(number, draft))
    return ImportResult(
        path=table.path,
        rows=rows,
        skipped=skipped,
        warnings=warnings,
        mapping=chosen,
        headers=table.headers,
        total_rows=len(table.rows),
        encoding=table.encoding,
        delimiter=table.delimiter,
        sheet=table.sheet,
    )


def _joined(cells: tuple[Cell, ...], columns: tuple[int, ...], separator: str) -> str:
    """The texts of one row's ``columns``, empty ones left out."""
    if len(columns) == 1:  # the usual case, kept fast for 100 000-row files
        index = columns[0]
        return cell_text(cells[index]) if index < len(cells) else ""
    found = (cell_text(cells[i]) for i in columns if i < len(cells))
    return separator.join(text for text in found if text)


def _columns_by_field(mapping: Mapping[int, Field]) -> dict[Field, tuple[int, ...]]:
    columns: dict[Field, list[int]] = {}
    for index, field in sorted(mapping.items()):
        columns.setdefault(field, []).append(index)
    return {field: tuple(indexes) for field, indexes in columns.items()}


def group_numbers(numbers: Iterable[int]) -> list[tuple[int, int]]:
    """Row numbers as ranges: ``[3, 4, 5, 9]`` → ``[(3, 5), (9, 9)]``."""
    ranges: list[tuple[int, int]] = []
    for number in sorted(set(numbers)):
        if ranges and number == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], number)
        else:
            ranges.append((number, number))
    return ranges
