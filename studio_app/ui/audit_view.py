"""The audit trail of a session or one question: who did what and when, before and after."""

from __future__ import annotations

import asyncio
import csv
import json
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QItemSelection,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from studio_app.domain.audit import AuditEntry
from studio_app.domain.followups import FollowUpStatus
from studio_app.domain.masking import mask_name, mask_personal_data
from studio_app.domain.questions import Channel, QuestionState, RejectionReason
from studio_app.domain.sessions import SessionStatus
from studio_app.messages import audit_action_text, channel_text, storage_error_text
from studio_app.services.audit import AuditService
from studio_app.services.tasks import TaskSet
from studio_app.storage.errors import StorageError
from studio_app.ui.dialogs import ask, message_box
from studio_app.ui.formatting import (
    follow_up_status_label,
    format_local_datetime,
    format_local_time,
    reason_label,
    state_label,
    status_label,
    to_qdatetime,
)

AnyIndex = QModelIndex | QPersistentModelIndex

#: Role returning the row's ``AuditEntry``.
EntryRole = Qt.ItemDataRole.UserRole + 1
#: Role returning the row's ``ActionKind``.
KindRole = Qt.ItemDataRole.UserRole + 2
#: Role returning a value that sorts naturally (the time as a number for the time column).
SortRole = Qt.ItemDataRole.UserRole + 3
#: Role returning the case-folded text the search looks in.
SearchRole = Qt.ItemDataRole.UserRole + 4

_CONTEXT = "AuditTrail"
# A summary value longer than this is cut (the full text is in the detail pane).
_SHORT = 40


class ActionKind(StrEnum):
    """The groups the action filter offers."""

    MODERATION = "moderation"
    ON_AIR = "on_air"
    RECORD = "record"
    FOLLOW_UPS = "follow_ups"
    OTHER = "other"


_ON_AIR_ACTIONS = frozenset(
    {
        "question.on_air",
        "question.pulled",
        "question.answered",
        "agenda.on_air",
        "session.live",
        "session.ended",
    }
)


def action_kind(action: str) -> ActionKind:
    """Which filter group an action name belongs to."""
    group = action.partition(".")[0]
    if action in _ON_AIR_ACTIONS or group in ("record", "stream"):
        return ActionKind.ON_AIR
    if group in ("follow_up", "department"):
        return ActionKind.FOLLOW_UPS
    if group in ("answer", "session"):
        return ActionKind.RECORD
    if group == "question":
        return ActionKind.MODERATION
    return ActionKind.OTHER


# Labels of snapshot fields; unknown fields show their raw name.
_FIELD_LABELS = {
    "state": str(QT_TRANSLATE_NOOP("AuditTrail", "State")),
    "status": str(QT_TRANSLATE_NOOP("AuditTrail", "Status")),
    "display_text": str(QT_TRANSLATE_NOOP("AuditTrail", "On-air text")),
    "text": str(QT_TRANSLATE_NOOP("AuditTrail", "Text")),
    "queue_position": str(QT_TRANSLATE_NOOP("AuditTrail", "Queue position")),
    "rejection_reason": str(QT_TRANSLATE_NOOP("AuditTrail", "Reason")),
    "rejection_note": str(QT_TRANSLATE_NOOP("AuditTrail", "Note")),
    "merged_into": str(QT_TRANSLATE_NOOP("AuditTrail", "Merged into")),
    "ask_count": str(QT_TRANSLATE_NOOP("AuditTrail", "Residents asking")),
    "sensitive_override": str(QT_TRANSLATE_NOOP("AuditTrail", "Sensitive words allowed")),
    "asker": str(QT_TRANSLATE_NOOP("AuditTrail", "Asker")),
    "phone": str(QT_TRANSLATE_NOOP("AuditTrail", "Phone")),
    "channel": str(QT_TRANSLATE_NOOP("AuditTrail", "Channel")),
    "category": str(QT_TRANSLATE_NOOP("AuditTrail", "Category")),
    "started_at": str(QT_TRANSLATE_NOOP("AuditTrail", "Started")),
    "ended_at": str(QT_TRANSLATE_NOOP("AuditTrail", "Ended")),
    "stopped_at": str(QT_TRANSLATE_NOOP("AuditTrail", "Stopped")),
    "summary": str(QT_TRANSLATE_NOOP("AuditTrail", "Answer")),
    "answered_by": str(QT_TRANSLATE_NOOP("AuditTrail", "Answered by")),
    "role": str(QT_TRANSLATE_NOOP("AuditTrail", "Role")),
    "department": str(QT_TRANSLATE_NOOP("AuditTrail", "Department")),
    "count": str(QT_TRANSLATE_NOOP("AuditTrail", "Questions")),
    "questions": str(QT_TRANSLATE_NOOP("AuditTrail", "Questions")),
    "source": str(QT_TRANSLATE_NOOP("AuditTrail", "From")),
    "promise": str(QT_TRANSLATE_NOOP("AuditTrail", "Promise")),
    "deadline": str(QT_TRANSLATE_NOOP("AuditTrail", "Deadline")),
    "responsible_person": str(QT_TRANSLATE_NOOP("AuditTrail", "Responsible")),
    "name": str(QT_TRANSLATE_NOOP("AuditTrail", "Name")),
    "title": str(QT_TRANSLATE_NOOP("AuditTrail", "Title")),
    "kind": str(QT_TRANSLATE_NOOP("AuditTrail", "Output")),
    "path": str(QT_TRANSLATE_NOOP("AuditTrail", "File")),
    "interrupted": str(QT_TRANSLATE_NOOP("AuditTrail", "Interrupted")),
    "scene_name": str(QT_TRANSLATE_NOOP("AuditTrail", "Scene")),
}

_ENTITY_LABELS = {
    "question": str(QT_TRANSLATE_NOOP("AuditTrail", "Question")),
    "session": str(QT_TRANSLATE_NOOP("AuditTrail", "Session")),
    "follow_up": str(QT_TRANSLATE_NOOP("AuditTrail", "Follow-up")),
    "agenda_item": str(QT_TRANSLATE_NOOP("AuditTrail", "Agenda item")),
    "output_run": str(QT_TRANSLATE_NOOP("AuditTrail", "Recording or stream")),
    "department": str(QT_TRANSLATE_NOOP("AuditTrail", "Department")),
}


_OUTPUT_LABELS = {
    "record": str(QT_TRANSLATE_NOOP("AuditTrail", "Recording")),
    "stream": str(QT_TRANSLATE_NOOP("AuditTrail", "Stream")),
}

# Fields never worth listing as a change: identities and bookkeeping.
_IGNORED = frozenset(
    {"id", "studio_id", "session_id", "question_id", "follow_up_id", "created_at", "hlc"}
)
# Fields listed (in this order) for an entry that created or removed something.
_CREATION_FIELDS = (
    "state",
    "status",
    "count",
    "source",
    "questions",
    "title",
    "name",
    "promise",
    "deadline",
    "summary",
    "answered_by",
    "kind",
    "stopped_at",
    "path",
    "interrupted",
    "scene_name",
)


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def field_label(key: str) -> str:
    """The translated label of a snapshot field (its raw name when unknown)."""
    label = _FIELD_LABELS.get(key)
    return _tr(label) if label else key


def entity_label(entity: str) -> str:
    """The translated name of an entity type (its raw name when unknown)."""
    label = _ENTITY_LABELS.get(entity)
    return _tr(label) if label else entity


def _short(text: str, limit: int = _SHORT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def value_text(key: str, value: Any, entity: str = "") -> str:
    """A snapshot value as a person reads it: translated states, local times, short texts."""
    if value is None or value == "":
        return "–"
    try:
        if key == "state":
            return state_label(QuestionState(value))
        if key == "status" and entity == "session":
            return status_label(SessionStatus(value))
        if key == "status":
            return follow_up_status_label(FollowUpStatus(value))
        if key == "rejection_reason":
            return reason_label(RejectionReason(value))
        if key == "channel":
            return channel_text(Channel(value))
    except (ValueError, KeyError):
        pass  # a value from a newer version: show it as it is
    if key == "kind" and value in _OUTPUT_LABELS:
        return _tr(_OUTPUT_LABELS[value])
    if isinstance(value, bool):
        return (
            QCoreApplication.translate("AuditTrail", "yes")
            if value
            else QCoreApplication.translate("AuditTrail", "no")
        )
    if isinstance(value, str) and key.endswith("_at"):
        try:
            return format_local_datetime(datetime.fromisoformat(value))
        except ValueError:
            pass
    if isinstance(value, Mapping | list):
        return _short(json.dumps(value, ensure_ascii=False))
    return _short(str(value))


def _listing(snapshot: Mapping[str, Any], entity: str) -> list[str]:
    return [
        f"{field_label(key)}: {value_text(key, snapshot[key], entity)}"
        for key in _CREATION_FIELDS
        if key in snapshot and snapshot[key] not in (None, "")
    ]


def change_summary(entry: AuditEntry) -> str:
    """The fields an entry changed, ``State: New → Approved; …`` (one line, translated)."""
    before, after, entity = entry.before, entry.after, entry.entity
    parts: list[str] = []
    if entry.action == "question.undone" and after is not None and after.get("undone"):
        undone = audit_action_text(str(after["undone"]))
        parts.append(QCoreApplication.translate("AuditTrail", "Undid: %1").replace("%1", undone))
    if entry.action in ("follow_up.status", "follow_up.reply") and after is not None:
        # Before is the follow-up's folded state, after the event: not the same shape.
        if after.get("status"):
            old = before.get("status") if before is not None else None
            parts.append(
                f"{field_label('status')}: {value_text('status', old, entity)} → "
                f"{value_text('status', after['status'], entity)}"
            )
        if after.get("text"):
            parts.append(_short(str(after["text"]), 2 * _SHORT))
        return "; ".join(parts)
    if before is not None and after is not None:
        # The state or status first: it is what a reader looks for.
        keys = sorted(after, key=lambda k: k not in ("state", "status"))
        for key in keys:
            new = after[key]
            if key in _IGNORED or key not in before or before[key] == new:
                continue
            parts.append(
                f"{field_label(key)}: {value_text(key, before[key], entity)} → "
                f"{value_text(key, new, entity)}"
            )
        if not parts:
            parts = _listing(after, entity)
    elif after is not None:
        parts += _listing(after, entity)
    elif before is not None:
        parts += _listing(before, entity)
    return "; ".join(parts)


def _snapshot_name(entity: str, snapshot: Mapping[str, Any]) -> str:
    """What a snapshot calls its entity, if it says (a question's on-air text …)."""
    if entity == "question":
        return str(snapshot.get("display_text") or "")
    if entity == "follow_up":
        inner = snapshot.get("follow_up")
        nested = inner.get("promise") if isinstance(inner, Mapping) else None
        return str(snapshot.get("promise") or nested or "")
    if entity in ("session", "department"):
        return str(snapshot.get("title") or snapshot.get("name") or "")
    if entity == "output_run" and snapshot.get("kind") in _OUTPUT_LABELS:
        return _tr(_OUTPUT_LABELS[snapshot["kind"]])
    return ""


def entity_names(
    entries: Iterable[AuditEntry], known: Mapping[uuid.UUID, str] | None = None
) -> dict[uuid.UUID, str]:
    """The newest name of every entity the entries mention; ``known`` names win."""
    names: dict[uuid.UUID, str] = {}
    for entry in entries:
        for snapshot in (entry.before, entry.after):
            if snapshot is not None and (name := _snapshot_name(entry.entity, snapshot)):
                names[entry.entity_id] = name
    names.update(known or {})
    return names


def without_doubles(entries: Sequence[AuditEntry]) -> list[AuditEntry]:
    """Drop the follow-up's own copy of a "follow-up created" that is also under its question.

    The service writes that action twice (under the follow-up and under the question) so each
    history is complete; a session's list would otherwise show it twice.
    """
    under_questions = {
        str(e.after.get("id"))
        for e in entries
        if e.action == "follow_up.created" and e.entity == "question" and e.after is not None
    }
    return [
        e
        for e in entries
        if not (
            e.action == "follow_up.created"
            and e.entity == "follow_up"
            and str(e.entity_id) in under_questions
        )
    ]


def private_data_hidden(snapshot: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    """A question snapshot with the resident's phone, name and personal data masked.

    The audit answers who changed what; the resident's details stay in the question itself
    (as the follow-ups' audit keeps only that a contact was given), so neither the detail
    pane nor an exported file spreads them.
    """
    if snapshot is None or not ({"phone", "asker", "text"} & snapshot.keys()):
        return snapshot
    values = dict(snapshot)
    asker = str(values.get("asker") or "")
    if values.get("phone"):
        phone = str(values["phone"])
        masked = mask_personal_data(phone).text
        values["phone"] = masked if masked != phone else "***"
    if asker:
        values["asker"] = mask_name(asker)
    if isinstance(values.get("text"), str):
        values["text"] = mask_personal_data(values["text"], names=[asker] if asker else []).text
    return values


def pretty_json(snapshot: Mapping[str, Any] | None) -> str:
    """A snapshot as indented JSON (Chinese kept readable, private data masked); "" for none."""
    if snapshot is None:
        return ""
    return json.dumps(private_data_hidden(snapshot), ensure_ascii=False, indent=2, default=str)


def compact_json(snapshot: Mapping[str, Any] | None) -> str:
    """A snapshot as one line of JSON (private data masked); "" for none."""
    if snapshot is None:
        return ""
    return json.dumps(private_data_hidden(snapshot), ensure_ascii=False, default=str)


@dataclass(frozen=True, slots=True)
class AuditRow:
    """One entry with its texts computed once (sorting and filtering thousands stays cheap)."""

    entry: AuditEntry
    time_text: str
    full_time: str
    action_text: str
    kind: ActionKind
    item_text: str
    item_tooltip: str
    changes: str
    search: str


class AuditTableModel(QAbstractTableModel):
    """Audit entries, oldest first. Columns: time, operator, action, item, changes."""

    TIME, OPERATOR, ACTION, ITEM, CHANGES = range(5)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[AuditRow] = []

    def set_entries(
        self, entries: Sequence[AuditEntry], known: Mapping[uuid.UUID, str] | None = None
    ) -> None:
        """Replace every row; ``known`` names entities the snapshots may not (a title …)."""
        names = entity_names(entries, known)
        days = {to_qdatetime(e.at).date() for e in entries}
        one_day = len(days) <= 1
        rows = []
        for entry in entries:
            action_text = audit_action_text(entry.action)
            kind_label = entity_label(entry.entity)
            name = names.get(entry.entity_id, "")
            item = _short(name, 60) if name else kind_label
            full_time = format_local_datetime(entry.at)
            changes = change_summary(entry)
            search = " ".join(
                (entry.operator, action_text, entry.action, kind_label, name, changes)
            ).casefold()
            rows.append(
                AuditRow(
                    entry=entry,
                    time_text=format_local_time(entry.at) if one_day else full_time,
                    full_time=full_time,
                    action_text=action_text,
                    kind=action_kind(entry.action),
                    item_text=item,
                    item_tooltip=f"{kind_label}: {name}" if name else kind_label,
                    changes=changes,
                    search=search,
                )
            )
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_at(self, row: int) -> AuditRow:
        """The row's entry and texts."""
        return self._rows[row]

    def operators(self) -> list[str]:
        """Every operator named in the entries, sorted."""
        return sorted({r.entry.operator for r in self._rows})

    # ------------------------------------------------------------------ Qt API
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 5

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < 5:
            return None
        return (
            self.tr("Time"),
            self.tr("Operator"),
            self.tr("Action"),
            self.tr("Item"),
            self.tr("Changes"),
        )[section]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.TIME:
                return row.full_time
            if column == self.ACTION:
                return row.entry.action
            if column == self.ITEM:
                return row.item_tooltip
            if column == self.CHANGES:
                return row.changes
            return None
        if role == EntryRole:
            return row.entry
        if role == KindRole:
            return row.kind
        if role == SearchRole:
            return row.search
        if role == SortRole:
            if column == self.TIME:
                # Ties (one action, several questions) keep the order they were written in.
                return (row.entry.at.timestamp(), index.row())
            return self._display(row, column)
        return None

    def _display(self, row: AuditRow, column: int) -> str:
        if column == self.TIME:
            return row.time_text
        if column == self.OPERATOR:
            return row.entry.operator
        if column == self.ACTION:
            return row.action_text
        if column == self.ITEM:
            return row.item_text
        return row.changes

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class AuditFilterProxy(QSortFilterProxyModel):
    """Filters by operator, action kind and free text (every word must be found)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._operator: str | None = None
        self._kind: ActionKind | None = None
        self._words: tuple[str, ...] = ()
        self.setSortRole(SortRole)

    def set_operator(self, operator: str | None) -> None:
        """Show only entries of this operator (``None``: everyone)."""
        self.beginFilterChange()
        self._operator = operator
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_kind(self, kind: ActionKind | str | None) -> None:
        """Show only actions of this kind (``None``: all)."""
        self.beginFilterChange()
        self._kind = ActionKind(kind) if kind is not None else None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_search(self, text: str) -> None:
        """Show only entries whose texts contain every word of ``text``."""
        self.beginFilterChange()
        self._words = tuple(text.casefold().split())
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        if not isinstance(model, AuditTableModel):
            return True
        row = model.row_at(source_row)
        return (
            (self._operator is None or row.entry.operator == self._operator)
            and (self._kind is None or row.kind is self._kind)
            and all(word in row.search for word in self._words)
        )

    def lessThan(self, left: AnyIndex, right: AnyIndex) -> bool:
        a, b = left.data(SortRole), right.data(SortRole)
        if isinstance(a, tuple) and isinstance(b, tuple):
            return a < b
        return str(a) < str(b)


def csv_rows(proxy: QSortFilterProxyModel) -> list[list[str]]:
    """The visible entries in view order, as CSV rows (header first, snapshots as JSON)."""
    rows = [
        [
            QCoreApplication.translate("AuditDialog", "Date and time"),
            QCoreApplication.translate("AuditDialog", "Operator"),
            QCoreApplication.translate("AuditDialog", "Action"),
            QCoreApplication.translate("AuditDialog", "Action code"),
            QCoreApplication.translate("AuditDialog", "Item"),
            QCoreApplication.translate("AuditDialog", "Changes"),
            QCoreApplication.translate("AuditDialog", "Before"),
            QCoreApplication.translate("AuditDialog", "After"),
        ]
    ]
    source = proxy.sourceModel()
    assert isinstance(source, AuditTableModel)
    for n in range(proxy.rowCount()):
        row = source.row_at(proxy.mapToSource(proxy.index(n, 0)).row())
        entry = row.entry
        rows.append(
            [
                row.full_time,
                entry.operator,
                row.action_text,
                entry.action,
                row.item_tooltip,
                row.changes,
                compact_json(entry.before),
                compact_json(entry.after),
            ]
        )
    return rows


def write_csv(path: Path, rows: Sequence[Sequence[str]]) -> None:
    """Write ``rows`` as UTF-8 CSV with a BOM, so Excel and WPS open Chinese text correctly."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)


class AuditDialog(QDialog):
    """The audit trail of a session or of one question, with filters and the full snapshots.

    Open it with :meth:`show_session` or :meth:`show_question` (they load, then show the
    dialog without blocking the window behind it).
    """

    def __init__(self, service: AuditService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditDialog")
        self.setWindowTitle(self.tr("Audit trail"))
        self.resize(1100, 680)
        self._service = service
        #: Tasks started by the buttons (cancelled when the dialog closes).
        self.tasks = TaskSet()
        self._scope: tuple[str, uuid.UUID, str] | None = None
        self._loads = 0

        self.heading = QLabel(self)
        self.heading.setObjectName("auditHeading")
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)

        self.operator_combo = QComboBox(self)
        self.operator_combo.setObjectName("auditOperator")
        self.operator_combo.setToolTip(self.tr("Show the entries of one operator"))
        self.operator_combo.addItem(self.tr("All operators"), None)
        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("auditKind")
        self.kind_combo.setToolTip(self.tr("Show one kind of action"))
        self.kind_combo.addItem(self.tr("All actions"), None)
        self.kind_combo.addItem(self.tr("Moderation"), ActionKind.MODERATION.value)
        self.kind_combo.addItem(self.tr("On air and recording"), ActionKind.ON_AIR.value)
        self.kind_combo.addItem(self.tr("Session record"), ActionKind.RECORD.value)
        self.kind_combo.addItem(self.tr("Follow-ups"), ActionKind.FOLLOW_UPS.value)
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("auditSearch")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setPlaceholderText(self.tr("Search operator, action, question… (Ctrl+F)"))
        self.count_label = QLabel(self)
        self.count_label.setObjectName("auditCount")
        filters = QHBoxLayout()
        filters.addWidget(self.operator_combo)
        filters.addWidget(self.kind_combo)
        filters.addWidget(self.search_edit, 1)
        filters.addWidget(self.count_label)

        self.model = AuditTableModel(self)
        self.proxy = AuditFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setObjectName("auditTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(AuditTableModel.TIME, Qt.SortOrder.AscendingOrder)
        vertical = self.table.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(AuditTableModel.CHANGES, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 130), (1, 110), (2, 170), (3, 260)):
            header.resizeSection(column, width)

        self.detail_heading = QLabel(self.tr("Select an entry to see it in full."), self)
        self.detail_heading.setObjectName("auditDetailHeading")
        self.detail_heading.setWordWrap(True)
        self.before_edit = QPlainTextEdit(self)
        self.before_edit.setObjectName("auditBefore")
        self.after_edit = QPlainTextEdit(self)
        self.after_edit.setObjectName("auditAfter")
        for edit in (self.before_edit, self.after_edit):
            edit.setReadOnly(True)
            edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        before_box = QVBoxLayout()
        before_box.addWidget(QLabel(self.tr("Before"), self))
        before_box.addWidget(self.before_edit)
        after_box = QVBoxLayout()
        after_box.addWidget(QLabel(self.tr("After"), self))
        after_box.addWidget(self.after_edit)
        sides = QHBoxLayout()
        sides.addLayout(before_box)
        sides.addLayout(after_box)
        detail = QWidget(self)
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.detail_heading)
        detail_layout.addLayout(sides, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        self.status_label = QLabel(self)
        self.status_label.setObjectName("auditStatus")
        self.status_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.export_button = QPushButton(self.tr("Export CSV…"), self)
        self.export_button.setObjectName("auditExport")
        self.export_button.setAutoDefault(False)
        self.reload_button = QPushButton(self.tr("Reload"), self)
        self.reload_button.setObjectName("auditReload")
        self.reload_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.reload_button.setAutoDefault(False)
        self.buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.reload_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)

        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.activated.connect(self._on_find_activated)
        self.operator_combo.currentIndexChanged.connect(self._on_operator_combo_changed)
        self.kind_combo.currentIndexChanged.connect(self._on_kind_combo_changed)
        self.search_edit.textChanged.connect(self._on_search_edit_changed)
        selection = self.table.selectionModel()
        selection.selectionChanged.connect(self._on_table_selection_changed)
        self.proxy.rowsInserted.connect(self._show_count)
        self.proxy.rowsRemoved.connect(self._show_count)
        self.proxy.modelReset.connect(self._show_count)
        self.proxy.layoutChanged.connect(self._show_count)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.reload_button.clicked.connect(self._on_reload_button_clicked)
        self._show_count()

    # ------------------------------------------------------------------ loading
    async def load_session(self, session_id: uuid.UUID, title: str) -> bool:
        """Load everything done in a session; ``False`` (and a message shown) on failure."""
        self._scope = ("session", session_id, title)
        self.setWindowTitle(self.tr("Audit trail — %1").replace("%1", title))
        self.heading.setText(self.tr("Everything done in “%1”, oldest first").replace("%1", title))
        return await self._load(
            lambda: self._service.for_session(session_id), {session_id: title}, dedupe=True
        )

    async def load_question(self, question_id: uuid.UUID, text: str) -> bool:
        """Load one question's history; ``False`` (and a message shown) on failure."""
        self._scope = ("question", question_id, text)
        short = _short(text, 60)
        self.setWindowTitle(self.tr("Audit trail — %1").replace("%1", short))
        self.heading.setText(self.tr("History of the question “%1”").replace("%1", short))
        return await self._load(
            lambda: self._service.for_question(question_id), {question_id: text}, dedupe=False
        )

    async def show_session(self, session_id: uuid.UUID, title: str) -> None:
        """Load a session's audit trail and show the dialog (not modal)."""
        self._present()
        await self.load_session(session_id, title)

    async def show_question(self, question_id: uuid.UUID, text: str) -> None:
        """Load one question's history and show the dialog (not modal)."""
        self._present()
        await self.load_question(question_id, text)

    async def reload(self) -> bool:
        """Load the current scope again (new entries appear)."""
        if self._scope is None:
            return False
        kind, entity_id, title = self._scope
        if kind == "session":
            return await self.load_session(entity_id, title)
        return await self.load_question(entity_id, title)

    def _present(self) -> None:
        self.show()
        self.raise_()
        self.activateWindow()
        self.table.setFocus()

    async def _load(
        self,
        fetch: Any,
        known: Mapping[uuid.UUID, str],
        *,
        dedupe: bool,
    ) -> bool:
        self._loads += 1
        ticket = self._loads
        self._set_status(self.tr("Loading…"))
        self.reload_button.setEnabled(False)
        try:
            entries: list[AuditEntry] = await fetch()
        except StorageError as error:
            if ticket == self._loads:
                title, text = storage_error_text(error)
                self._set_status(f"{title}: {text}", problem=True)
            return False
        finally:
            if ticket == self._loads:
                self.reload_button.setEnabled(True)
        if ticket != self._loads:
            return False  # a newer load is on its way
        if dedupe:
            entries = without_doubles(entries)
        self.model.set_entries(entries, known)
        self._fill_operators()
        self._set_status("")
        self._show_detail(None)
        self._show_count()
        return True

    def _fill_operators(self) -> None:
        current = self.operator_combo.currentData()
        self.operator_combo.blockSignals(True)
        self.operator_combo.clear()
        self.operator_combo.addItem(self.tr("All operators"), None)
        for name in self.model.operators():
            self.operator_combo.addItem(name, name)
        found = self.operator_combo.findData(current) if current is not None else 0
        self.operator_combo.setCurrentIndex(max(0, found))
        self.operator_combo.blockSignals(False)
        self.proxy.set_operator(self.operator_combo.currentData())

    # ------------------------------------------------------------------ filters
    def set_operator_filter(self, operator: str | None) -> None:
        """Choose an operator in the filter (``None``: all)."""
        self.operator_combo.setCurrentIndex(max(0, self.operator_combo.findData(operator)))

    def set_kind_filter(self, kind: ActionKind | None) -> None:
        """Choose an action kind in the filter (``None``: all)."""
        value = kind.value if kind is not None else None
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(value)))

    def visible_entries(self) -> list[AuditEntry]:
        """The entries the table shows, in its order."""
        return [self.proxy.index(n, 0).data(EntryRole) for n in range(self.proxy.rowCount())]

    def _on_operator_combo_changed(self, _index: int) -> None:
        self.proxy.set_operator(self.operator_combo.currentData())
        self._show_count()

    def _on_kind_combo_changed(self, _index: int) -> None:
        self.proxy.set_kind(self.kind_combo.currentData())
        self._show_count()

    def _on_search_edit_changed(self, text: str) -> None:
        self.proxy.set_search(text)
        self._show_count()

    def _on_find_activated(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def _show_count(self, *_args: object) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if shown == total:
            self.count_label.setText(self.tr("%1 entries").replace("%1", str(total)))
        else:
            text = self.tr("%1 of %2 entries").replace("%1", str(shown))
            self.count_label.setText(text.replace("%2", str(total)))
        self.export_button.setEnabled(shown > 0)

    # ------------------------------------------------------------------ detail
    def _on_table_selection_changed(self, _selected: QItemSelection, _old: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        entry = rows[0].data(EntryRole) if rows else None
        self._show_detail(entry if isinstance(entry, AuditEntry) else None)

    def _show_detail(self, entry: AuditEntry | None) -> None:
        if entry is None:
            self.detail_heading.setText(self.tr("Select an entry to see it in full."))
            self.before_edit.clear()
            self.after_edit.clear()
            self.before_edit.setPlaceholderText("")
            self.after_edit.setPlaceholderText("")
            return
        heading = self.tr("%1 · %2 · %3").replace("%1", format_local_datetime(entry.at))
        heading = heading.replace("%2", entry.operator).replace(
            "%3", audit_action_text(entry.action)
        )
        self.detail_heading.setText(heading)
        self.before_edit.setPlaceholderText(self.tr("Nothing before: this action created it."))
        self.after_edit.setPlaceholderText(self.tr("Nothing after: this action removed it."))
        self.before_edit.setPlainText(pretty_json(entry.before))
        self.after_edit.setPlainText(pretty_json(entry.after))

    # ------------------------------------------------------------------ export
    async def export_csv(self, path: Path) -> bool:
        """Write the visible entries to ``path`` as CSV (UTF-8 with BOM); report the outcome."""
        rows = csv_rows(self.proxy)
        try:
            await asyncio.to_thread(write_csv, path, rows)
        except OSError as error:
            self._set_status(
                self.tr("Could not write %1: %2")
                .replace("%1", str(path))
                .replace("%2", error.strerror or str(error)),
                problem=True,
            )
            return False
        self._set_status(
            self.tr("%1 entries written to %2")
            .replace("%1", str(len(rows) - 1))
            .replace("%2", str(path))
        )
        return True

    async def choose_and_export(self) -> bool:
        """Ask where to save the CSV file, then write it."""
        chooser = QFileDialog(self, self.tr("Export the audit trail"))
        chooser.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        chooser.setNameFilters([self.tr("CSV files (*.csv)")])
        chooser.setDefaultSuffix("csv")
        chooser.selectFile(self.tr("audit trail.csv"))
        if await ask(chooser) != QDialog.DialogCode.Accepted or not chooser.selectedFiles():
            return False
        path = Path(chooser.selectedFiles()[0])
        if await self.export_csv(path):
            return True
        await ask(
            message_box(
                self,
                QMessageBox.Icon.Warning,
                self.tr("Export failed"),
                self.status_label.text(),
            )
        )
        return False

    def _on_export_button_clicked(self) -> None:
        self.tasks.spawn(self.choose_and_export(), name="audit-export")

    def _on_reload_button_clicked(self) -> None:
        self.tasks.spawn(self.reload(), name="audit-reload")

    # ------------------------------------------------------------------ misc
    def _set_status(self, text: str, *, problem: bool = False) -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet("color: #b71c1c;" if problem else "")

    def done(self, result: int) -> None:
        self.tasks.cancel()
        super().done(result)
