"""The exported record's shared rows, figures, chapters and public variant (real SQLite)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from studio_app.domain.export import (
    MIN_RESUMED_MS,
    SessionDossier,
    chapters,
    clips,
    follow_up_lines,
    format_timecode,
    personal_data_left,
    publish,
    question_lines,
    statistics,
)
from studio_app.domain.followups import FollowUpStatus
from studio_app.domain.masking import PersonalDataKind
from studio_app.domain.questions import Channel, QuestionState
from studio_app.services.export.dossier import ExportScope, choose_sessions, read_dossiers
from studio_app.storage.store import Store
from tests.export_seed import ID_NUMBER, PHONE, PHONE_IN_TEXT, SeededShow, seed_show


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "data", default_studio_name="青山村演播室")
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def show(store: Store) -> SeededShow:
    return seed_show(store)


@pytest.fixture
def dossier(store: Store, show: SeededShow) -> SessionDossier:
    [read] = read_dossiers(store, [show.session_id])
    return read


def test_dossier_holds_the_whole_record(dossier: SessionDossier, show: SeededShow) -> None:
    assert [q.id for q in dossier.questions] == list(show.question_ids)
    assert set(dossier.answers) == set(show.aired_ids)
    assert len(dossier.airings) == len(show.aired_ids)
    assert len(dossier.marks) == 3
    assert [r.id for r in dossier.runs] == [show.recording.id]
    assert [r.follow_up.id for r in dossier.follow_ups] == list(show.follow_up_ids)
    assert all(r.events for r in dossier.follow_ups)
    assert dossier.audit and dossier.studio.name == "青山村演播室"


def test_question_lines_number_mask_and_time(dossier: SessionDossier, show: SeededShow) -> None:
    lines = question_lines(dossier)
    assert [line.number for line in lines] == list(range(1, len(show.question_ids) + 1))
    first = lines[0]
    assert first.asker_masked == "张**"
    assert first.answer is not None and "交通办" in first.answer.summary
    # Aired 5 min + slot/10 into the show; the recording started 5 s before the show.
    assert first.record_ms == 5_000 + 5 * 60_000 + 48_000
    assert first.on_air > timedelta(minutes=6)
    assert first.follow_up_count == 1
    assert lines[-1].on_air_at is None and lines[-1].record_ms is None


def test_follow_up_lines_overdue_and_days_taken(dossier: SessionDossier, show: SeededShow) -> None:
    lines = follow_up_lines(dossier, show.today)
    done, open_one = lines
    assert done.status is FollowUpStatus.RESOLVED and done.days_taken == 10
    assert not done.overdue
    assert open_one.status is FollowUpStatus.IN_PROGRESS and open_one.days_taken is None
    assert open_one.overdue  # deadline 14 days after the show, today is 30 days after
    assert done.lead == "交通办" and done.supporting == ("农业农村办",)
    assert done.question_number == 1 and open_one.question_number == 4


def test_statistics_over_two_sessions(store: Store, show: SeededShow) -> None:
    second = seed_show(store, questions=5, title="第六期", departments=show.departments)
    dossiers = read_dossiers(store, [show.session_id, second.session_id])
    figures = statistics(dossiers, show.today)
    assert figures.sessions == 2 and figures.questions == 17
    assert figures.aired == 4 + 3 and figures.answered == 7
    assert figures.by_state[QuestionState.REJECTED] == 2
    assert sum(figures.by_channel.values()) == 17 and figures.by_channel[Channel.HOTLINE] == 5
    assert figures.by_category[0] == ("环境卫生", 4)
    rates = figures.follow_ups
    assert (rates.total, rates.done, rates.overdue) == (3, 2, 1)
    assert rates.completion_rate == pytest.approx(2 / 3)
    assert rates.on_time_rate == pytest.approx(2 / 3)


def test_chapters_are_contiguous_and_cover_items_and_questions(dossier: SessionDossier) -> None:
    [recording] = chapters(dossier)
    assert recording.duration_ms == 50 * 60_000 + 10_000
    listed = recording.chapters
    assert listed[0].start_ms == 5_000 and listed[0].title == "开场介绍"
    for before, after in itertools.pairwise(listed):
        assert before.end_ms == after.start_ms
    assert listed[-1].end_ms == recording.duration_ms
    numbers = [c.question_number for c in listed if c.question_number is not None]
    assert numbers == [1, 2, 3, 4]
    titles = [c.title for c in listed if c.question_number is None]
    # The Q&A item comes back between questions; the closing item comes last.
    assert titles[0] == "开场介绍" and titles[-1] == "总结与承诺"
    assert titles.count("村民提问与回应") == 5


def test_a_resumed_item_shorter_than_the_minimum_is_no_chapter(
    dossier: SessionDossier,
) -> None:
    # Take the next question the moment the previous one ends: no item chapter in between.
    airings = sorted(dossier.airings, key=lambda a: a.started_at)
    back_to_back = [airings[0]]
    for airing in airings[1:]:
        previous = back_to_back[-1]
        assert previous.ended_at is not None and previous.end_record_ms is not None
        gap = airing.started_at - previous.ended_at
        back_to_back.append(
            replace(
                airing,
                started_at=previous.ended_at + timedelta(milliseconds=MIN_RESUMED_MS // 2),
                ended_at=(airing.ended_at or airing.started_at) - gap,
                start_record_ms=previous.end_record_ms + MIN_RESUMED_MS // 2,
                end_record_ms=(airing.end_record_ms or 0) - int(gap.total_seconds() * 1000),
            )
        )
    [recording] = chapters(replace(dossier, airings=tuple(back_to_back)))
    kinds = [c.question_number for c in recording.chapters]
    assert kinds[2:6] == [1, 2, 3, 4]


def test_clips_follow_the_airings(dossier: SessionDossier) -> None:
    found = clips(dossier)
    assert [c.number for c in found] == [1, 2, 3, 4]
    for clip in found:
        assert 0 < clip.start_ms < clip.end_ms
    assert not clips(replace(dossier, runs=()))


def test_timecodes() -> None:
    assert format_timecode(0) == "0:00:00"
    assert format_timecode(3_723_456) == "1:02:03"
    assert format_timecode(3_723_456, fraction=True) == "1:02:03.456"


def test_publish_withholds_private_data(dossier: SessionDossier, show: SeededShow) -> None:
    public, withheld = publish(dossier)
    assert public.public and not public.audit
    assert show.rejected_id not in {q.id for q in public.questions}
    assert all(q.phone == "" for q in public.questions)
    assert all(r.follow_up.resident_contact == "" for r in public.follow_ups)
    masked = ("", "张**", "李*", "王**", "赵**", "刘*", "陈*")
    assert all(q.asker in masked for q in public.questions)
    every_text = " ".join(
        [q.text + q.display_text for q in public.questions]
        + [a.summary for a in public.answers.values()]
        + [e.text for r in public.follow_ups for e in r.events]
    )
    for secret in (PHONE, PHONE_IN_TEXT, ID_NUMBER, "幸福村3组12号"):
        assert secret not in every_text
    assert [q.number for q in withheld.rejected] == [5]
    # Numbers stay those of the full record: the public list has a gap where 5 was.
    assert [line.number for line in question_lines(public)][3:6] == [4, 6, 7]
    assert ID_NUMBER not in withheld.rejected[0].excerpt  # the operator's list is masked too
    # Five kept questions had a phone (the rejected one goes whole, counted as rejected).
    assert withheld.phones == 5 and withheld.contacts == 2
    assert withheld.in_text[PersonalDataKind.MOBILE] >= 1
    assert withheld.in_text[PersonalDataKind.ADDRESS] >= 1
    assert withheld.audit_entries == len(dossier.audit)
    assert personal_data_left(public) == []
    # Publishing twice changes nothing more.
    again, nothing = publish(public)
    assert again == public and not nothing.anything


def test_personal_data_left_names_places_not_data(dossier: SessionDossier) -> None:
    found = personal_data_left(dossier)
    kinds = {f.kind for f in found}
    assert PersonalDataKind.MOBILE in kinds and PersonalDataKind.ID_NUMBER in kinds
    assert any(f.where == "question 1 phone" for f in found)
    assert all(PHONE not in f.where and ID_NUMBER not in f.where for f in found)


def test_scope_chooses_by_id_day_and_rehearsal(store: Store, show: SeededShow) -> None:
    from datetime import UTC, date, datetime

    later = seed_show(
        store,
        questions=4,
        title="十二月",
        start=datetime(2026, 12, 3, 1, 0, tzinfo=UTC),
        departments=show.departments,
    )
    with store.write() as uow:
        rehearsal = uow.sessions.get(later.session_id).rehearsal_copy("彩排")
        uow.sessions.save(rehearsal)
    with store.read() as uow:
        summaries = uow.sessions.list()
    everything = choose_sessions(summaries, ExportScope())
    assert [s.id for s in everything] == [show.session_id, later.session_id]
    november = ExportScope(first_day=date(2026, 11, 1), last_day=date(2026, 11, 30))
    assert [s.id for s in choose_sessions(summaries, november)] == [show.session_id]
    with_rehearsals = choose_sessions(summaries, ExportScope(include_rehearsals=True))
    assert len(with_rehearsals) == 3
    named = choose_sessions(summaries, ExportScope.sessions(rehearsal.id))
    assert [s.id for s in named] == [rehearsal.id]
