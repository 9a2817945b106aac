"""Unit tests for studio_app.domain.workdays: statutory schedules, overrides, deadlines."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from studio_app.domain.errors import ValidationError
from studio_app.domain.workdays import (
    MAX_WORKDAYS,
    OverrideLineError,
    WorkdayCalendar,
    WorkdayDeadline,
)

CAL = WorkdayCalendar.default()

# 2027 is not in chinese-calendar 1.11; these lines stand in for its schedule.
OVERRIDES_2027 = """\
# 2027 schedule (test data)
year 2027

2027-01-01 holiday   # New Year's Day, a Friday
2027-02-06 班
2027-02-08 休
"""


# ---------------------------------------------------------------- default data


def test_default_knows_the_published_years() -> None:
    assert {2004, 2025, 2026} <= CAL.known_years
    assert 2027 not in CAL.known_years
    assert WorkdayCalendar.default() is CAL  # cached


@pytest.mark.parametrize(
    ("day", "expected", "why"),
    [
        # 2025 National Day and Mid-autumn: Oct 1-8 off, Sun Sep 28 and Sat Oct 11 worked.
        (date(2025, 9, 26), True, "Friday before"),
        (date(2025, 9, 27), False, "plain Saturday"),
        (date(2025, 9, 28), True, "make-up Sunday"),
        (date(2025, 9, 30), True, "Tuesday before"),
        (date(2025, 10, 1), False, "National Day"),
        (date(2025, 10, 6), False, "Mid-autumn, a Monday"),
        (date(2025, 10, 8), False, "last day off, a Wednesday"),
        (date(2025, 10, 9), True, "back to work"),
        (date(2025, 10, 11), True, "make-up Saturday"),
        (date(2025, 10, 12), False, "plain Sunday"),
        # 2026 Spring Festival: Feb 15-23 off, Sat Feb 14 and Sat Feb 28 worked.
        (date(2026, 2, 14), True, "make-up Saturday before"),
        (date(2026, 2, 16), False, "Spring Festival, a Monday"),
        (date(2026, 2, 23), False, "last day off, a Monday"),
        (date(2026, 2, 24), True, "back to work"),
        (date(2026, 2, 28), True, "make-up Saturday after"),
        # A plain week.
        (date(2025, 6, 16), True, "Monday"),
        (date(2025, 6, 20), True, "Friday"),
        (date(2025, 6, 21), False, "Saturday"),
        # Unknown year: Monday to Friday.
        (date(2027, 1, 1), True, "assumed: a Friday"),
        (date(2027, 1, 2), False, "Saturday"),
    ],
)
def test_is_workday(day: date, expected: bool, why: str) -> None:
    assert CAL.is_workday(day) is expected, why


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # Plain weeks.
        (date(2025, 6, 16), 1, date(2025, 6, 17)),
        (date(2025, 6, 16), 5, date(2025, 6, 23)),
        (date(2025, 6, 20), 1, date(2025, 6, 23)),
        (date(2025, 6, 21), 1, date(2025, 6, 23)),  # promised on a Saturday
        (date(2025, 6, 16), 10, date(2025, 6, 30)),
        # 2025 National Day.
        (date(2025, 9, 26), 1, date(2025, 9, 28)),
        (date(2025, 9, 30), 1, date(2025, 10, 9)),
        (date(2025, 9, 29), 3, date(2025, 10, 10)),
        (date(2025, 10, 9), 2, date(2025, 10, 11)),
        (date(2025, 10, 9), 3, date(2025, 10, 13)),
        # 2026 Spring Festival.
        (date(2026, 2, 13), 1, date(2026, 2, 14)),
        (date(2026, 2, 14), 1, date(2026, 2, 24)),
        (date(2026, 2, 12), 5, date(2026, 2, 26)),
        (date(2026, 2, 24), 4, date(2026, 2, 28)),
        # 2026 New Year: Jan 1-3 off, Sun Jan 4 worked.
        (date(2025, 12, 31), 1, date(2026, 1, 4)),
    ],
)
def test_add_workdays_known_years(start: date, n: int, expected: date) -> None:
    assert CAL.add_workdays(start, n) == WorkdayDeadline(expected, ())


def test_deadline_into_unknown_year_is_reported() -> None:
    # Thu 2026-12-31 is the last known day; 2027 counts Monday to Friday.
    result = CAL.add_workdays(date(2026, 12, 30), 5)
    assert result == WorkdayDeadline(date(2027, 1, 6), (2027,))


def test_deadline_in_a_known_year_assumes_nothing() -> None:
    assert CAL.add_workdays(date(2026, 12, 30), 1).assumed_years == ()


def test_assumed_years_lists_every_unknown_year_crossed() -> None:
    result = WorkdayCalendar().add_workdays(date(2030, 12, 1), 365)
    assert result.assumed_years == (2030, 2031, 2032)


def test_override_makes_2027_known() -> None:
    cal = CAL.with_overrides(OVERRIDES_2027)
    assert 2027 in cal.known_years
    assert not cal.is_workday(date(2027, 1, 1))
    assert cal.add_workdays(date(2026, 12, 30), 5) == WorkdayDeadline(date(2027, 1, 7), ())
    # Sat Feb 6 worked, Mon Feb 8 off.
    assert cal.add_workdays(date(2027, 2, 5), 2) == WorkdayDeadline(date(2027, 2, 9), ())


@pytest.mark.parametrize("n", [0, -1, MAX_WORKDAYS + 1])
def test_add_workdays_out_of_range(n: int) -> None:
    with pytest.raises(ValidationError) as info:
        CAL.add_workdays(date(2025, 6, 16), n)
    assert info.value.problem == "out_of_range"


def test_add_workdays_accepts_the_maximum() -> None:
    assert CAL.add_workdays(date(2025, 1, 1), MAX_WORKDAYS).day > date(2026, 1, 1)


# ---------------------------------------------------------------- workdays_between


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2025, 6, 16), date(2025, 6, 16), 0),
        (date(2025, 6, 16), date(2025, 6, 13), 0),
        (date(2025, 6, 16), date(2025, 6, 17), 1),
        (date(2025, 6, 16), date(2025, 6, 23), 5),
        (date(2025, 6, 20), date(2025, 6, 22), 0),  # Friday to Sunday
        (date(2025, 9, 26), date(2025, 10, 12), 6),  # Sep 28, 29, 30, Oct 9, 10, 11
        (date(2025, 9, 26), date(2025, 10, 10), 5),
        (date(2026, 2, 13), date(2026, 2, 28), 6),  # Feb 14, 24, 25, 26, 27, 28
        (date(2026, 12, 31), date(2027, 1, 8), 6),  # assumed: Jan 1, 4-8
    ],
)
def test_workdays_between(start: date, end: date, expected: int) -> None:
    assert CAL.workdays_between(start, end) == expected


# ---------------------------------------------------------------- override file


def test_override_replaces_the_base_classification() -> None:
    cal = CAL.with_overrides("2025-10-08 workday\n2025-10-11 holiday\n")
    assert cal.is_workday(date(2025, 10, 8))
    assert not cal.is_workday(date(2025, 10, 11))
    assert cal.workdays_between(date(2025, 10, 7), date(2025, 10, 11)) == 3
    assert CAL.is_workday(date(2025, 10, 11))  # the original is unchanged


@pytest.mark.parametrize(
    "text",
    [
        "",
        "# only a comment\n\n   \n",
        "year 2027",
        "2027-01-01 HOLIDAY",
        "2027/1/1 休",
        "\t2027-01-01   holiday  # trailing comment",
        "2027-01-01 holiday\r\n2027-01-01 holiday\r\n",  # repeated, same kind
    ],
)
def test_valid_override_lines(text: str) -> None:
    CAL.with_overrides(text)


def test_year_line_marks_year_known_without_dates() -> None:
    cal = WorkdayCalendar().with_overrides("year 2027\n")
    assert cal.known_years == {2027}
    assert cal.add_workdays(date(2027, 1, 1), 1) == WorkdayDeadline(date(2027, 1, 4), ())


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ("2027-01-01", 1, "bad_format"),
        ("# header\n\n2027-01-01 holiday New Year", 3, "bad_format"),
        ("2027-01-01 holiday\n2027-13-01 holiday", 2, "bad_date"),
        ("2027-02-30 workday", 1, "bad_date"),
        ("01/01/2027 holiday", 1, "bad_date"),
        ("2027-01-01 off", 1, "bad_kind"),
        ("year twenty", 1, "bad_year"),
        ("year 27", 1, "bad_year"),
        ("2027-02-06 班\n\n2027-02-06 休", 3, "conflict"),
    ],
)
def test_bad_override_lines_name_the_line(text: str, line: int, problem: str) -> None:
    with pytest.raises(ValidationError) as info:
        CAL.with_overrides(text)
    error = info.value
    assert isinstance(error, OverrideLineError)
    assert (error.code, error.problem, error.line) == ("invalid_value", problem, line)
    assert error.params["line"] == line
    assert error.text == text.splitlines()[line - 1].strip()
    assert f"line {line}" in str(error)


def test_override_file(tmp_path: Path) -> None:
    path = tmp_path / "workdays.txt"
    path.write_text(OVERRIDES_2027, encoding="utf-8")
    cal = WorkdayCalendar.from_override_file(path)
    assert 2027 in cal.known_years
    assert not cal.is_workday(date(2027, 2, 8))


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])
def test_override_file_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "workdays.txt"
    path.write_text("# 2027 元旦\n2027-02-06 班\n", encoding=encoding)
    assert WorkdayCalendar.from_override_file(path).is_workday(date(2027, 2, 6))


def test_missing_override_file_returns_the_base(tmp_path: Path) -> None:
    base = WorkdayCalendar()
    assert WorkdayCalendar.from_override_file(tmp_path / "none.txt", base) is base
    assert WorkdayCalendar.from_override_file(tmp_path / "none.txt") is CAL


def test_bad_override_file_raises(tmp_path: Path) -> None:
    path = tmp_path / "workdays.txt"
    path.write_text("year 2027\n2027-01-01 maybe\n", encoding="utf-8")
    with pytest.raises(OverrideLineError) as info:
        WorkdayCalendar.from_override_file(path)
    assert info.value.line == 2


def test_calendar_rejects_a_day_that_is_both() -> None:
    day = date(2027, 1, 2)
    with pytest.raises(ValidationError) as info:
        WorkdayCalendar(holidays=frozenset({day}), makeup_workdays=frozenset({day}))
    assert info.value.problem == "conflict"


# ---------------------------------------------------------------- properties

# 2000-2003 and 2027+ are outside the package's data, so unknown years are exercised too.
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2028, 12, 31))
counts = st.integers(min_value=1, max_value=MAX_WORKDAYS)
calendars = st.sampled_from([CAL, CAL.with_overrides(OVERRIDES_2027), WorkdayCalendar()])


@given(calendars, days, counts)
def test_deadline_is_a_workday_after_start(cal: WorkdayCalendar, start: date, n: int) -> None:
    result = cal.add_workdays(start, n)
    assert result.day > start
    assert cal.is_workday(result.day)
    assert cal.workdays_between(start, result.day) == n
    assert cal.workdays_between(start, result.day - timedelta(days=1)) == n - 1


@given(calendars, days, st.integers(min_value=-10, max_value=400))
def test_workdays_between_matches_counting_day_by_day(
    cal: WorkdayCalendar, start: date, span: int
) -> None:
    end = start + timedelta(days=span)
    expected = sum(cal.is_workday(start + timedelta(days=i)) for i in range(1, span + 1))
    assert cal.workdays_between(start, end) == expected


@given(days, counts)
def test_assumed_years_are_exactly_the_unknown_years_crossed(start: date, n: int) -> None:
    result = CAL.add_workdays(start, n)
    # The days looked at run from the day after start to the deadline.
    crossed = set(range((start + timedelta(days=1)).year, result.day.year + 1))
    assert result.assumed_years == tuple(sorted(crossed - CAL.known_years))
