"""Figures the benchmarks return, their statistics, and the table ``python -m tests.bench`` prints.

A :class:`Figure` keeps the measured samples (warm-up runs already discarded) and derives the
median and one spread statistic from them: ``p95``/``p99`` where there are enough samples for a
tail percentile to mean something, ``max`` or ``min-max`` where there are few.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

#: Which spread statistic the table shows beside the median.
Spread = Literal["p95", "p99", "max", "minmax"]


class BenchmarkError(RuntimeError):
    """A benchmark could not measure (the app failed, printed nothing, ...)."""


def percentile(samples: Sequence[float], fraction: float) -> float:
    """Return the ``fraction`` (0..1) percentile, interpolating linearly between ranks."""
    if not samples:
        raise ValueError("no samples")
    ordered = sorted(samples)
    position = (len(ordered) - 1) * fraction
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass(frozen=True, slots=True)
class Target:
    """A limit the median should stay below (or above) to PASS."""

    limit: float
    below: bool = True
    #: The requirement the limit comes from, for the notes under the table.
    requirement: str = ""

    def met(self, value: float) -> bool:
        """Whether ``value`` meets the target."""
        return value < self.limit if self.below else value > self.limit

    def text(self) -> str:
        """The target as shown in the table, e.g. ``< 2000``."""
        return f"{'<' if self.below else '>'} {format_number(self.limit)}"


@dataclass(frozen=True, slots=True)
class Figure:
    """One measured quantity: its samples and how to show them."""

    name: str
    unit: str
    samples: tuple[float, ...]
    spread: Spread = "p95"
    target: Target | None = None
    note: str = ""
    #: Extra facts for the JSON output (row counts, batch size, ...).
    params: dict[str, float | int | str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.samples:
            raise ValueError(f"figure {self.name} has no samples")

    @classmethod
    def of(
        cls,
        name: str,
        unit: str,
        samples: Iterable[float],
        spread: Spread = "p95",
        target: Target | None = None,
        note: str = "",
        **params: float | int | str,
    ) -> Figure:
        """Build a figure from any iterable of samples."""
        return cls(name, unit, tuple(samples), spread, target, note, dict(params))

    @property
    def n(self) -> int:
        """How many samples (warm-up excluded)."""
        return len(self.samples)

    @property
    def median(self) -> float:
        """The median sample."""
        return percentile(self.samples, 0.5)

    @property
    def minimum(self) -> float:
        """The smallest sample."""
        return min(self.samples)

    @property
    def maximum(self) -> float:
        """The largest sample."""
        return max(self.samples)

    def spread_value(self) -> tuple[str, float, float | None]:
        """The spread statistic as ``(label, value, second value or None)``."""
        if self.spread == "p95":
            return "p95", percentile(self.samples, 0.95), None
        if self.spread == "p99":
            return "p99", percentile(self.samples, 0.99), None
        if self.spread == "max":
            return "max", self.maximum, None
        return "min-max", self.minimum, self.maximum

    def spread_text(self) -> str:
        """The spread as shown in the table, e.g. ``p99 4.12`` or ``812 - 1,020``."""
        label, value, second = self.spread_value()
        if second is None:
            return f"{label} {format_number(value)}"
        return f"{format_number(value)} - {format_number(second)}"

    def verdict(self) -> str:
        """``PASS``/``MISS`` against the target (judged on the median), or empty."""
        if self.target is None:
            return ""
        return "PASS" if self.target.met(self.median) else "MISS"

    def to_json(self) -> dict[str, object]:
        """A JSON-ready summary (the raw samples are left out: they can be thousands)."""
        label = self.spread_value()[0]
        data: dict[str, object] = {
            "name": self.name,
            "unit": self.unit,
            "median": self.median,
            "min": self.minimum,
            "max": self.maximum,
            "p95": percentile(self.samples, 0.95),
            "p99": percentile(self.samples, 0.99),
            "spread": label,
            "n": self.n,
            "note": self.note,
            "params": dict(self.params),
        }
        if self.target is not None:
            data["target"] = {
                "limit": self.target.limit,
                "below": self.target.below,
                "requirement": self.target.requirement,
                "verdict": self.verdict(),
            }
        else:
            data["target"] = None
        return data


def format_number(value: float) -> str:
    """Format a figure with as many digits as its size deserves."""
    magnitude = abs(value)
    if magnitude >= 1000:
        return f"{value:,.0f}"
    if magnitude >= 100:
        return f"{value:.0f}"
    if magnitude >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def render_table(figures: Sequence[Figure]) -> str:
    """The figures as an aligned plain-text table."""
    header = ("benchmark", "unit", "median", "spread", "n", "target")
    rows = [
        (
            f.name,
            f.unit,
            format_number(f.median),
            f.spread_text(),
            str(f.n),
            f"{f.target.text()} {f.verdict()}" if f.target else "-",
        )
        for f in figures
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    right = {2, 3, 4}  # numbers align right

    def line(cells: Sequence[str]) -> str:
        parts = [
            cell.rjust(width) if i in right else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), rule, *(line(row) for row in rows)])


def render_notes(figures: Sequence[Figure]) -> str:
    """The figures' notes and targets' requirements, one bullet each, duplicates once."""
    seen: set[str] = set()
    lines: list[str] = []
    for figure in figures:
        texts = [figure.note]
        if figure.target is not None and figure.target.requirement:
            texts.append(f"target: {figure.target.requirement}")
        for text in texts:
            if text and text not in seen:
                seen.add(text)
                lines.append(f"- {figure.name}: {text}")
    return "\n".join(lines)
