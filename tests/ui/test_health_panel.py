"""The health panel: values, warnings as sentences that say what to do, and the "no data" look."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtWidgets import QLabel

from studio_app.services.obs.health import HealthWarning, HealthWarningKind, ObsHealth
from studio_app.ui.health_panel import HealthPanel

Kind = HealthWarningKind

HEALTHY = ObsHealth(
    fps=29.6,
    target_fps=30.0,
    cpu_percent=12.4,
    memory_mb=310.0,
    disk_free_mb=12_390.0,
    render_skipped=3,
    render_total=1_000,
    output_skipped=0,
    output_total=0,
    stream_dropped=7,
    stream_total=1_400,
    record_ms=60_000,
    stream_ms=61_000,
)

VALUE_LABELS = (
    "healthFps",
    "healthCpu",
    "healthRenderLag",
    "healthEncoderLag",
    "healthStreamDrops",
    "healthDiskFree",
)


@pytest.fixture
def panel(qtbot) -> HealthPanel:
    widget = HealthPanel()
    qtbot.addWidget(widget)
    widget.resize(300, 400)
    widget.show()
    return widget


def _text(panel: HealthPanel, name: str) -> str:
    label = panel.findChild(QLabel, name)
    assert label is not None, name
    return label.text()


def _with(*warnings: HealthWarning, **changes: object) -> ObsHealth:
    return replace(HEALTHY, warnings=warnings, **changes)


def test_no_data_when_obs_is_not_connected(panel: HealthPanel) -> None:
    assert _text(panel, "healthStatus") == "No data — OBS not connected"
    assert all(_text(panel, name) == "—" for name in VALUE_LABELS)
    assert not panel.warnings_label.isVisible()


def test_values_of_a_healthy_obs(panel: HealthPanel) -> None:
    panel.show_health(HEALTHY)
    assert _text(panel, "healthStatus") == "OBS is running smoothly"
    assert _text(panel, "healthFps") == "29.6 / 30 fps"
    assert _text(panel, "healthCpu") == "12 %"
    assert _text(panel, "healthRenderLag") == "3 (0.3 %)"
    assert _text(panel, "healthEncoderLag") == "0 (0.0 %)"
    assert _text(panel, "healthStreamDrops") == "7 (0.5 %)"
    assert _text(panel, "healthDiskFree") == "12.1 GB"
    assert not panel.warnings_label.isVisible()
    assert all("⚠" not in _text(panel, name) for name in VALUE_LABELS)


def test_values_when_not_streaming_and_nothing_is_known(panel: HealthPanel) -> None:
    panel.show_health(
        _with(stream_ms=None, stream_dropped=0, stream_total=0, disk_free_mb=None, target_fps=0.0)
    )
    assert _text(panel, "healthStreamDrops") == "Not streaming"
    assert _text(panel, "healthDiskFree") == "Unknown"
    assert _text(panel, "healthFps") == "29.6 fps"


@pytest.mark.parametrize(
    ("warning", "label", "expected"),
    [
        (HealthWarning(Kind.LOW_DISK, 1_536.0), "healthDiskFree", ["1.5 GB", "recording folder"]),
        (HealthWarning(Kind.RENDER_LAG, 12.0), "healthRenderLag", ["12 frames", "close other"]),
        (HealthWarning(Kind.ENCODER_LAG, 9.0), "healthEncoderLag", ["9 frames", "bitrate"]),
        (HealthWarning(Kind.STREAM_DROPS, 40.0), "healthStreamDrops", ["40", "network cable"]),
        (HealthWarning(Kind.LOW_FPS, 21.5), "healthFps", ["21.5 of 30", "resolution"]),
        (HealthWarning(Kind.HIGH_CPU, 97.0), "healthCpu", ["97 %", "close other"]),
    ],
)
def test_each_warning_is_a_sentence_and_marks_its_value(
    panel: HealthPanel, warning: HealthWarning, label: str, expected: list[str]
) -> None:
    panel.show_health(_with(warning))
    assert _text(panel, "healthStatus") == "OBS needs attention"
    assert panel.warnings_label.isVisible()
    sentence = _text(panel, "healthWarnings")
    assert sentence.startswith("⚠ ")  # text, not colour alone
    for part in expected:
        assert part.lower() in sentence.lower(), (part, sentence)
    marked = panel.findChild(QLabel, label)
    assert marked is not None
    assert marked.text().startswith("⚠ ")
    assert "color" in marked.styleSheet()
    for other in VALUE_LABELS:
        if other != label:
            assert not _text(panel, other).startswith("⚠"), other


def test_several_warnings_fit_a_narrow_dock_and_clear_again(panel: HealthPanel) -> None:
    everything = _with(*(HealthWarning(kind, 99.0) for kind in HealthWarningKind))
    panel.show_health(everything)
    lines = _text(panel, "healthWarnings").splitlines()
    assert len(lines) == len(HealthWarningKind)
    assert all(line.startswith("⚠ ") for line in lines)
    assert panel.minimumSizeHint().width() <= 300
    panel.show_health(HEALTHY)
    assert not panel.warnings_label.isVisible()
    assert _text(panel, "healthWarnings") == ""
    panel.show_health(None)
    assert _text(panel, "healthStatus") == "No data — OBS not connected"
    assert all(_text(panel, name) == "—" for name in VALUE_LABELS)
    assert not panel.warnings_label.isVisible()
