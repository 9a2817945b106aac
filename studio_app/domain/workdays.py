"""China's statutory working-day calendar: follow-up deadlines counted in working days."""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

# Imported at module level: `python -X importtime` puts the whole package at about 4 ms
# (below the 5 ms at which we defer imports), and it is pure Python with no dependencies.
from chinese_calendar import constants as _cc

from studio_app.domain.errors import ValidationError

# Yearly update path
# ------------------
# The State Council announces next year's holidays and make-up workdays (调休) around
# November. Until the calendar knows a year, Monday to Friday count as working days there
# and add_workdays() reports the year in WorkdayDeadline.assumed_years, so the UI can say
# "the 2027 holiday schedule is not in the calendar yet; update it".
#   (a) When a `chinese-calendar` release includes the new year, raise the lower bound in
#       pyproject.toml and upgrade the package; WorkdayCalendar.default() picks it up.
#   (b) Until then, a township office writes the announced dates into `workdays.txt`
#       (OVERRIDE_FILE_NAME) in the app's data folder; the app loads it with
#       WorkdayCalendar.from_override_file(). Format:
#           # 2027 schedule, 国务院办公厅通知
#           year 2027
#           2027-01-01 holiday
#           2027-02-07 workday      (or: 2027-02-07 班 / 2027-02-10 休)
#       List the whole year: any dated line marks its year as known. The file may stay in
#       place after the package catches up; its lines win over the package's data.

#: Name of the override file in the app's data folder.
OVERRIDE_FILE_NAME = "workdays.txt"

#: Largest n accepted by :meth:`WorkdayCalendar.add_workdays` (a year of working days).
MAX_WORKDAYS = 365

_HOLIDAY_WORDS = frozenset({"holiday", "休"})
_WORKDAY_WORDS = frozenset({"workday", "班"})
_DATE_RE = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})")
_YEAR_RE = re.compile(r"\d{4}")


class OverrideLineError(ValidationError):
    """A line of the override file that cannot be read.

    ``code`` stays ``"invalid_value"``; ``params`` carries ``line`` (1-based) and ``text``
    (the line as written) next to ``field`` and ``problem``, which is one of
    ``"bad_format"``, ``"bad_date"``, ``"bad_kind"``, ``"bad_year"`` or ``"conflict"``
    (the same date given as both holiday and workday).

    Attributes:
        line: 1-based number of the offending line.
        text: The offending line, stripped.
    """

    def __init__(self, line: int, text: str, problem: str) -> None:
        super().__init__(
            "workdays.line", problem, f"{OVERRIDE_FILE_NAME}, line {line}: {problem}: {text!r}"
        )
        self.line = line
        self.text = text
        self.params.update(line=line, text=text)


@dataclass(frozen=True, slots=True)
class WorkdayDeadline:
    """Result of :meth:`WorkdayCalendar.add_workdays`.

    Attributes:
        day: The deadline.
        assumed_years: Years crossed on the way whose schedule the calendar does not know,
            ascending; there Monday to Friday were counted as working days.
    """

    day: date
    assumed_years: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class WorkdayCalendar:
    """Which days are working days: Monday to Friday, minus holidays, plus make-up days.

    Attributes:
        holidays: Days off. Weekend days inside a holiday may be listed too.
        makeup_workdays: Days worked although they fall on a weekend (调休); a listed
            weekday overrides a holiday of the base data.
        known_years: Years whose official schedule is in the data. Other years are
            assumed to have no holidays.

    Raises:
        ValidationError: ``("workdays", "conflict")`` if a day is both a holiday and a
            make-up workday.
    """

    holidays: frozenset[date] = field(default=frozenset(), repr=False)
    makeup_workdays: frozenset[date] = field(default=frozenset(), repr=False)
    known_years: frozenset[int] = frozenset()
    # Sorted exceptions to the Monday-to-Friday rule, for counting by bisection.
    _weekday_holidays: tuple[date, ...] = field(init=False, repr=False, compare=False)
    _weekend_workdays: tuple[date, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.holidays.isdisjoint(self.makeup_workdays):
            raise ValidationError("workdays", "conflict")
        object.__setattr__(
            self, "_weekday_holidays", tuple(sorted(d for d in self.holidays if d.weekday() < 5))
        )
        object.__setattr__(
            self,
            "_weekend_workdays",
            tuple(sorted(d for d in self.makeup_workdays if d.weekday() >= 5)),
        )

    @classmethod
    def default(cls) -> WorkdayCalendar:
        """Return the calendar from the installed ``chinese-calendar`` package (cached).

        Returns:
            The schedules the package ships; its known years are those it has dates for.
        """
        return _default_calendar()

    @classmethod
    def from_override_file(
        cls, path: str | Path, base: WorkdayCalendar | None = None
    ) -> WorkdayCalendar:
        """Return ``base`` with the override file at ``path`` applied.

        The file is optional: if it does not exist, ``base`` is returned unchanged. It is
        read as UTF-8 (with or without BOM), falling back to GB18030 for files saved by
        older Chinese Windows editors. See :meth:`with_overrides` for the format.

        Args:
            path: The override file, usually ``workdays.txt`` in the data folder.
            base: Calendar to extend; :meth:`default` if omitted.

        Returns:
            The combined calendar.

        Raises:
            OverrideLineError: A line of the file is malformed (a ``ValidationError``).
            OSError: The file exists but cannot be read.
        """
        calendar = base if base is not None else cls.default()
        try:
            raw = Path(path).read_bytes()
        except FileNotFoundError:
            return calendar
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("gb18030", errors="replace")
        return calendar.with_overrides(text)

    def with_overrides(self, text: str) -> WorkdayCalendar:
        """Return a copy with the schedule lines of ``text`` applied.

        One entry per line: ``YYYY-MM-DD holiday`` (or ``休``), ``YYYY-MM-DD workday``
        (or ``班``), or ``year YYYY``. ``#`` starts a comment; blank lines are ignored.
        A dated line or a ``year`` line marks its year as known. A line's date replaces
        whatever the calendar said about that day.

        Args:
            text: Contents of the override file.

        Returns:
            The calendar with the overrides applied.

        Raises:
            OverrideLineError: A line is malformed, or gives a date both kinds.
        """
        holidays: set[date] = set()
        workdays: set[date] = set()
        years: set[int] = set()
        for number, raw_line in enumerate(text.splitlines(), start=1):
            line = raw_line.split("#", 1)[0].strip()
            if not line:
                continue
            words = line.split()
            if len(words) != 2:
                raise OverrideLineError(number, raw_line.strip(), "bad_format")
            first, second = words
            if first.lower() == "year":
                if not _YEAR_RE.fullmatch(second):
                    raise OverrideLineError(number, raw_line.strip(), "bad_year")
                years.add(int(second))
                continue
            day = _parse_date(first)
            if day is None:
                raise OverrideLineError(number, raw_line.strip(), "bad_date")
            kind = second.lower()
            if kind in _HOLIDAY_WORDS:
                mine, other = holidays, workdays
            elif kind in _WORKDAY_WORDS:
                mine, other = workdays, holidays
            else:
                raise OverrideLineError(number, raw_line.strip(), "bad_kind")
            if day in other:
                raise OverrideLineError(number, raw_line.strip(), "conflict")
            mine.add(day)
            years.add(day.year)
        return WorkdayCalendar(
            holidays=(self.holidays - workdays) | holidays,
            makeup_workdays=(self.makeup_workdays - holidays) | workdays,
            known_years=self.known_years | years,
        )

    def is_workday(self, day: date) -> bool:
        """Tell whether ``day`` is a working day.

        Args:
            day: Any date; in years not in :attr:`known_years`, Monday to Friday.

        Returns:
            ``True`` for a make-up workday or a weekday that is not a holiday.
        """
        if day in self.makeup_workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def add_workdays(self, start: date, n: int) -> WorkdayDeadline:
        """Return the ``n``-th working day after ``start`` (``start`` itself not counted).

        Args:
            start: The day of the promise.
            n: Number of working days, 1 to :data:`MAX_WORKDAYS`.

        Returns:
            The deadline and the years crossed whose schedule is not known.

        Raises:
            ValidationError: ``("workdays", "out_of_range")`` if ``n`` is out of range.
        """
        if not 1 <= n <= MAX_WORKDAYS:
            raise ValidationError("workdays", "out_of_range")
        day = start
        unknown: set[int] = set()
        remaining = n
        while remaining:
            day += timedelta(days=1)
            if day.year not in self.known_years:
                unknown.add(day.year)
            if self.is_workday(day):
                remaining -= 1
        return WorkdayDeadline(day=day, assumed_years=tuple(sorted(unknown)))

    def workdays_between(self, start: date, end: date) -> int:
        """Count the working days after ``start`` up to and including ``end``.

        Args:
            start: First day, not counted (e.g. the day of the promise).
            end: Last day, counted (e.g. the day it was resolved).

        Returns:
            The count; 0 if ``end`` is not after ``start``.
        """
        if end <= start:
            return 0
        weekdays = _weekdays_up_to(end) - _weekdays_up_to(start)
        holidays = _count_in(self._weekday_holidays, start, end)
        makeup = _count_in(self._weekend_workdays, start, end)
        return weekdays - holidays + makeup


@functools.cache
def _default_calendar() -> WorkdayCalendar:
    holidays: frozenset[date] = frozenset(_cc.holidays)
    workdays: frozenset[date] = frozenset(_cc.workdays)
    return WorkdayCalendar(
        holidays=holidays,
        makeup_workdays=workdays,
        known_years=frozenset(d.year for d in holidays | workdays),
    )


def _parse_date(text: str) -> date | None:
    match = _DATE_RE.fullmatch(text)
    if match is None:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def _weekdays_up_to(day: date) -> int:
    """Count Mondays to Fridays from an arbitrary epoch up to and including ``day``."""
    # date.toordinal() 1 is Monday 0001-01-01, so ordinal 7k falls on a Sunday.
    weeks, rest = divmod(day.toordinal(), 7)
    return weeks * 5 + min(rest, 5)


def _count_in(sorted_days: tuple[date, ...], start: date, end: date) -> int:
    """Count the days in ``sorted_days`` after ``start`` up to and including ``end``."""
    return bisect_right(sorted_days, end) - bisect_right(sorted_days, start)
