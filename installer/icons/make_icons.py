"""Render village-studio.svg into the PNG (Linux) and ICO (Windows) icons committed beside it.

Run from the repository root after changing the SVG:
``QT_QPA_PLATFORM=offscreen .venv/bin/python installer/icons/make_icons.py``
The ICO holds 16-48 px as uncompressed bitmaps (what every Windows and NSIS reads) and
256 px as PNG (the Vista+ large icon).
"""

from __future__ import annotations

import shutil
import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
SVG = HERE / "village-studio.svg"
ICO_SIZES = (16, 24, 32, 48, 256)
PNG_SIZE = 256


def render(renderer: QSvgRenderer, size: int) -> QImage:
    """The SVG drawn into a transparent ``size``×``size`` ARGB image."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    """``image`` encoded as PNG."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def dib_bytes(image: QImage) -> bytes:
    """``image`` as an ICO bitmap entry: BITMAPINFOHEADER, BGRA rows bottom-up, AND mask."""
    size = image.width()
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    rows = []
    for y in reversed(range(size)):
        row = bytearray()
        for x in range(size):
            argb = image.pixel(x, y)
            row += struct.pack("<I", argb)  # little-endian 0xAARRGGBB is B, G, R, A
        rows.append(bytes(row))
    mask_row = b"\0" * (((size + 31) // 32) * 4)  # alpha decides; the mask stays clear
    return header + b"".join(rows) + mask_row * size


def ico_bytes(images: list[QImage]) -> bytes:
    """An ICO file holding ``images`` (256 px as PNG, smaller as bitmaps)."""
    entries = [png_bytes(i) if i.width() >= 256 else dib_bytes(i) for i in images]
    out = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    for image, data in zip(images, entries, strict=True):
        side = image.width() % 256  # 0 means 256
        out += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return out + b"".join(entries)


def main() -> int:
    """Write village-studio.png and .ico beside the SVG, and the PNG into resources/icons."""
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"cannot read {SVG}", file=sys.stderr)
        return 1
    render(renderer, PNG_SIZE).save(str(HERE / "village-studio.png"), "PNG")
    # The running app's window icon (studio_app.app.run_gui) comes from resources/.
    shutil.copyfile(
        HERE / "village-studio.png", HERE.parents[1] / "resources" / "icons" / "village-studio.png"
    )
    (HERE / "village-studio.ico").write_bytes(
        ico_bytes([render(renderer, size) for size in ICO_SIZES])
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
