"""Identifiers and clocks: UUIDv7 row ids, UTC time and the hybrid logical clock of sync."""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime


class _Uuid7Source:
    """Makes UUIDv7 values; holds the per-process millisecond and counter state."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last_ms = 0
        self._seq = 0

    def next(self) -> uuid.UUID:
        with self._lock:
            ms = time.time_ns() // 1_000_000
            if ms > self._last_ms:
                self._last_ms = ms
                # Random start with headroom, so a burst can count up within the millisecond.
                self._seq = int.from_bytes(os.urandom(2), "big") & 0x7FF
            else:
                self._seq += 1
                if self._seq > 0xFFF:  # counter exhausted: borrow the next millisecond
                    self._last_ms += 1
                    self._seq = 0
                ms = self._last_ms
            seq = self._seq
        rand_b = int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
        value = (ms & ((1 << 48) - 1)) << 80
        value |= 0x7 << 76
        value |= seq << 64
        value |= 0b10 << 62
        value |= rand_b
        return uuid.UUID(int=value)


_uuid7_source = _Uuid7Source()


def uuid7() -> uuid.UUID:
    """Return a new UUIDv7 (RFC 9562), monotonic within this process.

    The 48-bit millisecond timestamp comes first so ids sort by creation time (good B-tree
    locality in SQLite and PostgreSQL). Within one millisecond the 12-bit ``rand_a`` field is
    a counter seeded randomly (RFC 9562 method 1), so ids made in a tight loop still sort in
    the order they were made.
    """
    return _uuid7_source.next()


def uuid7_time(value: uuid.UUID) -> datetime:
    """Return the creation time encoded in a UUIDv7."""
    return datetime.fromtimestamp((value.int >> 80) / 1000, tz=UTC)


def utc_now() -> datetime:
    """Return the current time as an aware UTC datetime (microseconds kept)."""
    return datetime.now(UTC)


def ensure_utc(value: datetime) -> datetime:
    """Return ``value`` converted to UTC; naive datetimes are refused, not guessed."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("naive datetime: give a timezone-aware value")
    return value.astimezone(UTC)


def _wall_ms() -> int:
    return time.time_ns() // 1_000_000


class HybridLogicalClock:
    """Hybrid logical clock ``(unix_ms << 16) | counter`` as in SYNC_DESIGN.md.

    Values never go backwards, even when the wall clock does, and :meth:`observe` bumps the
    clock past every value received from elsewhere (pulled rows, the local database at start).
    Thread-safe.
    """

    COUNTER_BITS = 16

    def __init__(self, wall_ms: Callable[[], int] | None = None) -> None:
        self._lock = threading.Lock()
        self._last = 0
        self._wall_ms: Callable[[], int] = wall_ms or _wall_ms

    @property
    def last(self) -> int:
        """The last value issued or observed."""
        return self._last

    def now(self) -> int:
        """Issue a new value greater than every value issued or observed before."""
        with self._lock:
            wall = self._wall_ms() << self.COUNTER_BITS
            self._last = wall if wall > self._last else self._last + 1
            return self._last

    def observe(self, remote: int) -> None:
        """Make every later value greater than ``remote``."""
        with self._lock:
            self._last = max(self._last, int(remote))

    @classmethod
    def wall_ms_of(cls, value: int) -> int:
        """Return the wall-clock milliseconds part of an HLC value."""
        return value >> cls.COUNTER_BITS
