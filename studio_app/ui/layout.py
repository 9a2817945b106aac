"""Layout helpers shared by the screens."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


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
