"""A compact panel of OBS's health: frame rate, CPU, lost frames, free disk and what to do."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from studio_app.services.obs.health import HealthWarning, HealthWarningKind, ObsHealth

_NO_VALUE = "—"
_MARK = "⚠ "  # text as well as colour: a warning must not rely on colour alone
_PROBLEM_STYLE = "color: #b71c1c; font-weight: bold;"
_OK_STYLE = "color: #1b5e20; font-weight: bold;"
_NEUTRAL_STYLE = "color: palette(placeholder-text);"
_WARNINGS_STYLE = (
    "QLabel { color: #5d1a00; background: #fff3cd; border: 1px solid #e0a800;"
    " border-left: 4px solid #b71c1c; border-radius: 3px; padding: 4px; }"
)
_PLACEHOLDER = re.compile(r"%(\d)")


def _fill(template: str, *values: str) -> str:
    """Qt-style ``%1``, ``%2`` … replaced in one pass (a value never gets replaced again)."""
    return _PLACEHOLDER.sub(lambda m: values[int(m.group(1)) - 1], template)


def _fps_text(value: float) -> str:
    """``30``, ``29.97``, ``59.94``: no trailing zeros."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _percent(part: int, whole: int) -> str:
    return f"{(part / whole * 100 if whole > 0 else 0.0):.1f}"


def _gigabytes(megabytes: float) -> str:
    return f"{megabytes / 1024:.1f}"


class HealthPanel(QWidget):
    """Shows the latest :class:`ObsHealth` with its warnings as sentences that say what to do.

    Narrow enough for a side dock of a 1366×768 screen (~300 px); warnings wrap.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("healthPanel")
        self.status_label = self._value_label("healthStatus")
        self.status_label.setWordWrap(True)
        self.fps_label = self._value_label("healthFps")
        self.cpu_label = self._value_label("healthCpu")
        self.render_label = self._value_label("healthRenderLag")
        self.encoder_label = self._value_label("healthEncoderLag")
        self.stream_label = self._value_label("healthStreamDrops")
        self.disk_label = self._value_label("healthDiskFree")
        self.warnings_label = self._value_label("healthWarnings")
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setStyleSheet(_WARNINGS_STYLE)

        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        rows = (
            (
                self.tr("Frame rate"),
                self.tr("Frames per second OBS draws, and how many it should draw"),
                self.fps_label,
            ),
            (self.tr("CPU"), self.tr("How much of the processor OBS uses"), self.cpu_label),
            (
                self.tr("Render lag"),
                self.tr("Frames OBS could not draw in time since it started (graphics overload)"),
                self.render_label,
            ),
            (
                self.tr("Encoding lag"),
                self.tr("Frames the video encoder skipped since it started (processor overload)"),
                self.encoder_label,
            ),
            (
                self.tr("Network drops"),
                self.tr("Frames of the live stream lost on the network since the stream started"),
                self.stream_label,
            ),
            (
                self.tr("Free disk"),
                self.tr("Free space on the disk OBS records to"),
                self.disk_label,
            ),
        )
        for caption, tooltip, label in rows:
            name = QLabel(caption, self)
            name.setToolTip(tooltip)
            label.setToolTip(tooltip)
            form.addRow(name, label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status_label)
        layout.addLayout(form)
        layout.addWidget(self.warnings_label)
        self._labels = {
            HealthWarningKind.LOW_FPS: self.fps_label,
            HealthWarningKind.HIGH_CPU: self.cpu_label,
            HealthWarningKind.RENDER_LAG: self.render_label,
            HealthWarningKind.ENCODER_LAG: self.encoder_label,
            HealthWarningKind.STREAM_DROPS: self.stream_label,
            HealthWarningKind.LOW_DISK: self.disk_label,
        }
        self.show_health(None)

    def _value_label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def show_health(self, health: ObsHealth | None) -> None:
        """Show a measurement, or the neutral "no data" look for ``None`` (not connected)."""
        if health is None:
            self.status_label.setText(self.tr("No data — OBS not connected"))
            self.status_label.setStyleSheet(_NEUTRAL_STYLE)
            for label in self._labels.values():
                label.setText(_NO_VALUE)
                label.setStyleSheet(_NEUTRAL_STYLE)
            self.warnings_label.clear()
            self.warnings_label.hide()
            return

        if health.target_fps > 0:
            fps = _fill(self.tr("%1 / %2 fps"), f"{health.fps:.1f}", _fps_text(health.target_fps))
        else:
            fps = _fill(self.tr("%1 fps"), f"{health.fps:.1f}")
        frames = self.tr("%1 (%2 %)")
        texts = {
            HealthWarningKind.LOW_FPS: fps,
            HealthWarningKind.HIGH_CPU: _fill(self.tr("%1 %"), f"{health.cpu_percent:.0f}"),
            HealthWarningKind.RENDER_LAG: _fill(
                frames,
                str(health.render_skipped),
                _percent(health.render_skipped, health.render_total),
            ),
            HealthWarningKind.ENCODER_LAG: _fill(
                frames,
                str(health.output_skipped),
                _percent(health.output_skipped, health.output_total),
            ),
            HealthWarningKind.STREAM_DROPS: (
                _fill(
                    frames,
                    str(health.stream_dropped),
                    _percent(health.stream_dropped, health.stream_total),
                )
                if health.stream_ms is not None
                else self.tr("Not streaming")
            ),
            HealthWarningKind.LOW_DISK: (
                _fill(self.tr("%1 GB"), _gigabytes(health.disk_free_mb))
                if health.disk_free_mb is not None
                else self.tr("Unknown")
            ),
        }
        active = {warning.kind for warning in health.warnings}
        for kind, label in self._labels.items():
            problem = kind in active
            label.setText(_MARK + texts[kind] if problem else texts[kind])
            label.setStyleSheet(_PROBLEM_STYLE if problem else "")

        if health.warnings:
            self.status_label.setText(self.tr("OBS needs attention"))
            self.status_label.setStyleSheet(_PROBLEM_STYLE)
            self.warnings_label.setText(
                "\n".join(_MARK + self._advice(health, w) for w in health.warnings)
            )
            self.warnings_label.show()
        else:
            self.status_label.setText(self.tr("OBS is running smoothly"))
            self.status_label.setStyleSheet(_OK_STYLE)
            self.warnings_label.clear()
            self.warnings_label.hide()

    def _advice(self, health: ObsHealth, warning: HealthWarning) -> str:
        """The warning as a sentence that says what to do."""
        count = f"{warning.value:.0f}"
        kind = warning.kind
        if kind is HealthWarningKind.LOW_DISK:
            return _fill(
                self.tr(
                    "Only %1 GB free on the recording disk. Free up space or choose another "
                    "recording folder now, before the recording stops."
                ),
                _gigabytes(warning.value),
            )
        if kind is HealthWarningKind.RENDER_LAG:
            return _fill(
                self.tr(
                    "OBS cannot draw the picture in time (%1 frames lost in the last few "
                    "seconds). Close other programs and remove sources you do not need."
                ),
                count,
            )
        if kind is HealthWarningKind.ENCODER_LAG:
            return _fill(
                self.tr(
                    "The computer cannot encode the video fast enough (%1 frames skipped in the "
                    "last few seconds). Lower the output resolution or bitrate in OBS, or close "
                    "other programs."
                ),
                count,
            )
        if kind is HealthWarningKind.STREAM_DROPS:
            return _fill(
                self.tr(
                    "The live stream is losing frames on the network (%1 in the last few "
                    "seconds). Check the network cable or Wi-Fi and the upload speed, and stop "
                    "other uploads and downloads."
                ),
                count,
            )
        if kind is HealthWarningKind.LOW_FPS:
            return _fill(
                self.tr(
                    "OBS draws only %1 of %2 frames per second. Close other programs or lower "
                    "the output resolution in OBS."
                ),
                f"{warning.value:.1f}",
                _fps_text(health.target_fps),
            )
        return _fill(
            self.tr(
                "OBS is using %1 % of the processor. Close other programs; if it stays high, "
                "lower the output resolution or bitrate in OBS."
            ),
            count,
        )


__all__ = ["HealthPanel"]
