"""Layout helpers and message styles shared by the screens."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QWidget

#: A problem the operator must act on (red).
PROBLEM_STYLE = "color: #b71c1c;"
#: Works, but with a caveat (amber).
WARNING_STYLE = "color: #8d6e00;"
#: Done (green).
SUCCESS_STYLE = "color: #1b5e20;"


def note_label(text: str, parent: QWidget, name: str, style: str = "") -> QLabel:
    """A wrapped label for a note or message, with its object name and colour."""
    label = QLabel(text, parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(style)
    return label


def test_row(parent: QWidget, text: str, prefix: str) -> tuple[QPushButton, QLabel, QHBoxLayout]:
    """A "Test connection" button with its result beside it (``<prefix>TestButton/Result``)."""
    button = QPushButton(text, parent)
    button.setObjectName(f"{prefix}TestButton")
    result = note_label("", parent, f"{prefix}TestResult")
    result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    row = QHBoxLayout()
    row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
    row.addWidget(result, 1)
    return button, result, row


def scrolling(content: QWidget, parent: QWidget | None = None) -> QScrollArea:
    """``content`` in a frameless vertical scroll area that resizes it to fit its width.

    A column of group boxes stays usable on a short screen: it scrolls instead of making the
    window taller than the screen. ``content`` keeps its object name and stays findable.
    """
    area = QScrollArea(parent)
    area.setObjectName(f"{content.objectName() or 'content'}Scroll")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(content)
    return area
