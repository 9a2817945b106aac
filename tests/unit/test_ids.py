"""Unit tests for studio_app.domain.ids: UUIDv7, UTC helpers and the hybrid logical clock."""

from __future__ import annotations

import itertools
import sys
import threading
import types
import uuid
from datetime import UTC, datetime, timedelta, timezone, tzinfo

import pytest

from studio_app.domain import ids
from studio_app.domain.ids import (
    HybridLogicalClock,
    ensure_utc,
    utc_now,
    uuid7,
    uuid7_time,
)

# ---------------------------------------------------------------- uuid7


def test_uuid7_is_version_7_with_rfc_variant() -> None:
    for _ in range(100):
        value = uuid7()
        assert isinstance(value, uuid.UUID)
        assert value.version == 7
        assert value.variant == uuid.RFC_4122
        # The version nibble and the variant bits as laid out by RFC 9562.
        assert (value.int >> 76) & 0xF == 0x7
        assert (value.int >> 62) & 0b11 == 0b10


def test_uuid7_strictly_increasing_in_a_tight_loop() -> None:
    values = [uuid7() for _ in range(10_000)]
    as_ints = [v.int for v in values]
    as_strings = [str(v) for v in values]
    assert all(a < b for a, b in itertools.pairwise(as_ints))
    assert all(a < b for a, b in itertools.pairwise(as_strings))
    assert len(set(values)) == len(values)


def test_uuid7_values_sort_like_the_uuid_objects() -> None:
    values = [uuid7() for _ in range(500)]
    assert sorted(values) == values


def test_uuid7_time_round_trips_close_to_now() -> None:
    before = datetime.now(UTC)
    value = uuid7()
    after = datetime.now(UTC)
    stamp = uuid7_time(value)
    assert stamp.tzinfo is not None
    assert stamp.utcoffset() == timedelta(0)
    # Milliseconds are truncated; allow a little slack for a borrowed millisecond.
    assert before - timedelta(milliseconds=2) <= stamp <= after + timedelta(milliseconds=50)


def test_uuid7_time_decodes_the_leading_48_bits() -> None:
    ms = 1_700_000_000_123
    value = uuid.UUID(int=(ms << 80) | (0x7 << 76) | (0b10 << 62))
    assert uuid7_time(value) == datetime(2023, 11, 14, 22, 13, 20, 123_000, tzinfo=UTC)


class _FakeTime:
    """Stands in for the ``time`` module inside ``ids``; ``ns`` is set by the test."""

    def __init__(self, ms: int) -> None:
        self.ns = ms * 1_000_000

    def time_ns(self) -> int:
        return self.ns


def test_uuid7_counter_exhaustion_borrows_the_next_millisecond(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake = _FakeTime(1_700_000_000_000)
    monkeypatch.setattr(ids, "time", types.SimpleNamespace(time_ns=fake.time_ns))
    source = ids._Uuid7Source()
    # With a frozen clock, more ids than the 12-bit counter can hold in one millisecond.
    values = [source.next() for _ in range(6000)]
    ints = [v.int for v in values]
    assert all(a < b for a, b in itertools.pairwise(ints))
    first_ms = values[0].int >> 80
    last_ms = values[-1].int >> 80
    assert first_ms == 1_700_000_000_000
    assert last_ms > first_ms  # borrowed at least one millisecond
    assert all(v.version == 7 and v.variant == uuid.RFC_4122 for v in values)


def test_uuid7_stays_monotonic_when_the_wall_clock_goes_backwards(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake = _FakeTime(1_700_000_000_000)
    monkeypatch.setattr(ids, "time", types.SimpleNamespace(time_ns=fake.time_ns))
    source = ids._Uuid7Source()
    values = []
    for ms in (1_700_000_000_000, 1_700_000_000_005, 1_699_999_000_000, 1_700_000_000_001):
        fake.ns = ms * 1_000_000
        values.extend(source.next() for _ in range(50))
    ints = [v.int for v in values]
    assert all(a < b for a, b in itertools.pairwise(ints))


def test_uuid7_unique_across_threads() -> None:
    results: list[list[uuid.UUID]] = [[] for _ in range(8)]

    def work(slot: list[uuid.UUID]) -> None:
        slot.extend(uuid7() for _ in range(1000))

    threads = [threading.Thread(target=work, args=(slot,)) for slot in results]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    flat = [v for slot in results for v in slot]
    assert len(set(flat)) == len(flat) == 8000
    for slot in results:
        assert slot == sorted(slot)


# ---------------------------------------------------------------- UTC helpers


def test_utc_now_is_aware_utc() -> None:
    now = utc_now()
    assert now.tzinfo is not None
    assert now.utcoffset() == timedelta(0)
    assert abs(now - datetime.now(UTC)) < timedelta(seconds=5)


def test_ensure_utc_refuses_naive_datetimes() -> None:
    with pytest.raises(ValueError, match="naive"):
        ensure_utc(datetime(2025, 3, 1, 9, 30))


class _NoOffset(tzinfo):
    """A tzinfo that does not know its offset: the datetime counts as naive."""

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        return None

    def dst(self, dt: datetime | None) -> timedelta | None:
        return None

    def tzname(self, dt: datetime | None) -> str | None:
        return None


def test_ensure_utc_refuses_a_tzinfo_without_offset() -> None:
    with pytest.raises(ValueError):
        ensure_utc(datetime(2025, 3, 1, 9, 30, tzinfo=_NoOffset()))


def test_ensure_utc_converts_offsets_to_utc() -> None:
    beijing = timezone(timedelta(hours=8))
    local = datetime(2025, 3, 1, 9, 30, 15, 250, tzinfo=beijing)
    converted = ensure_utc(local)
    assert converted == local  # the same instant
    assert converted.tzinfo is UTC
    assert (converted.year, converted.month, converted.day) == (2025, 3, 1)
    assert (converted.hour, converted.minute, converted.second) == (1, 30, 15)
    assert converted.microsecond == 250


def test_ensure_utc_converts_across_the_date_line() -> None:
    local = datetime(2025, 1, 1, 3, 0, tzinfo=timezone(timedelta(hours=8)))
    converted = ensure_utc(local)
    assert converted == datetime(2024, 12, 31, 19, 0, tzinfo=UTC)
    assert converted.tzinfo is UTC


def test_ensure_utc_keeps_utc_values() -> None:
    value = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
    assert ensure_utc(value) == value
    assert ensure_utc(value).tzinfo is UTC


# ---------------------------------------------------------------- hybrid logical clock


class _ScriptedWall:
    """A wall clock returning the given milliseconds in turn (the last one repeats)."""

    def __init__(self, *values: int) -> None:
        self._values = list(values)

    def __call__(self) -> int:
        if len(self._values) > 1:
            return self._values.pop(0)
        return self._values[0]


def test_hlc_uses_the_wall_clock_in_the_high_bits() -> None:
    clock = HybridLogicalClock(wall_ms=_ScriptedWall(1_000, 2_000))
    first = clock.now()
    second = clock.now()
    assert first == 1_000 << 16
    assert second == 2_000 << 16
    assert HybridLogicalClock.wall_ms_of(first) == 1_000
    assert HybridLogicalClock.wall_ms_of(second) == 2_000
    assert clock.last == second


def test_hlc_counter_occupies_the_low_16_bits() -> None:
    clock = HybridLogicalClock(wall_ms=lambda: 5_000)
    values = [clock.now() for _ in range(300)]
    for k, value in enumerate(values):
        assert value & 0xFFFF == k
        assert HybridLogicalClock.wall_ms_of(value) == 5_000
    assert HybridLogicalClock.COUNTER_BITS == 16


def test_hlc_counter_resets_when_the_wall_clock_advances() -> None:
    clock = HybridLogicalClock(wall_ms=_ScriptedWall(7, 7, 7, 8))
    values = [clock.now() for _ in range(4)]
    assert [v & 0xFFFF for v in values] == [0, 1, 2, 0]
    assert [HybridLogicalClock.wall_ms_of(v) for v in values] == [7, 7, 7, 8]


def test_hlc_never_goes_backwards_when_the_wall_clock_does() -> None:
    walls = [10_000, 10_005, 9_000, 8_000, 10_005, 10_004, 12_000, 11_000]
    clock = HybridLogicalClock(wall_ms=_ScriptedWall(*walls))
    values = [clock.now() for _ in walls]
    assert all(a < b for a, b in itertools.pairwise(values))
    # While the wall clock is behind, the clock keeps counting on top of the last value.
    assert HybridLogicalClock.wall_ms_of(values[2]) == 10_005
    assert values[2] == values[1] + 1
    # Once the wall clock is ahead again, it takes over.
    assert values[6] == 12_000 << 16


def test_hlc_observe_makes_later_values_greater() -> None:
    clock = HybridLogicalClock(wall_ms=lambda: 1_000)
    remote = (50_000 << 16) | 123
    clock.observe(remote)
    assert clock.last == remote
    later = clock.now()
    assert later > remote
    assert later == remote + 1
    assert clock.now() > later


def test_hlc_observe_of_an_older_value_changes_nothing() -> None:
    clock = HybridLogicalClock(wall_ms=lambda: 1_000)
    issued = clock.now()
    clock.observe(5)
    assert clock.last == issued
    assert clock.now() > issued


def test_hlc_observe_accepts_int_like_values() -> None:
    clock = HybridLogicalClock(wall_ms=lambda: 1)
    clock.observe("655360")  # type: ignore[arg-type]  # ints from text columns
    assert clock.last == 655_360
    assert clock.now() == 655_361


def test_hlc_default_wall_clock_is_real_time() -> None:
    clock = HybridLogicalClock()
    value = clock.now()
    wall = HybridLogicalClock.wall_ms_of(value)
    now_ms = int(datetime.now(UTC).timestamp() * 1000)
    assert abs(now_ms - wall) < 5_000


def test_hlc_is_thread_safe() -> None:
    # Switch threads as often as possible so that an unlocked read-modify-write would race.
    old_interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        _hammer_hlc()
    finally:
        sys.setswitchinterval(old_interval)


def _hammer_hlc() -> None:
    clock = HybridLogicalClock(wall_ms=lambda: 42)  # frozen wall: everything hits the counter
    per_thread = 2_000
    results: list[list[int]] = [[] for _ in range(8)]
    barrier = threading.Barrier(len(results))

    def work(slot: list[int]) -> None:
        barrier.wait()
        for _ in range(per_thread):
            slot.append(clock.now())

    threads = [threading.Thread(target=work, args=(slot,)) for slot in results]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    flat = [v for slot in results for v in slot]
    assert len(set(flat)) == len(flat) == 8 * per_thread
    # With a frozen wall clock the values are exactly the counter values 0 … n-1.
    assert sorted(flat) == list(range(42 << 16, (42 << 16) + len(flat)))
    for slot in results:
        assert all(a < b for a, b in itertools.pairwise(slot))
    assert clock.last == max(flat)
