"""A practice session with sample residents' questions, to learn the app before a real show.

It is a rehearsal (``BroadcastSession.rehearsal``): everything works in it, nothing in it
counts as aired, it is left out of the follow-up board and the exports, and its rows never
leave this PC (``storage.sync`` keeps rehearsals local).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from studio_app.domain.audit import AuditEntry
from studio_app.domain.questions import Channel, QuestionDraft
from studio_app.domain.sessions import AgendaItem, BroadcastSession, Guest
from studio_app.services.database import Database
from studio_app.services.questions import new_question

if TYPE_CHECKING:
    from studio_app.storage.store import Store

#: Questions as a township office collects them in a week: a phone number, an address and
#: a name to be masked, two near-duplicates to merge and an off-topic comment to reject.
SAMPLE_QUESTIONS: tuple[QuestionDraft, ...] = (
    QuestionDraft(
        "外地结婚的对象，户口怎么迁到我们村？需要带哪些材料？",
        asker="王先生",
        phone="13812345678",
        channel=Channel.HOTLINE,
        category="户籍",
    ),
    QuestionDraft(
        "我今年满60岁了，城乡居民养老金什么时候开始发？去哪里办？我的电话是13912345678。",
        asker="李阿姨",
        channel=Channel.HOTLINE,
        category="养老",
    ),
    QuestionDraft(
        "村口那段路晚上没有路灯，什么时候能装？",
        asker="网友“山里人”",
        channel=Channel.SOCIAL,
        category="交通",
    ),
    QuestionDraft(
        "村口这段路晚上没路灯，啥时候装啊？",
        asker="网友 大强",
        channel=Channel.LIVE_COMMENT,
        category="交通",
    ),
    QuestionDraft(
        "医保在外省住院怎么报销？要先备案吗？",
        asker="赵女士",
        channel=Channel.ONLINE,
        category="医保",
    ),
    QuestionDraft(
        "河边有人倒建筑垃圾，举报电话打不通。就在幸福村3组12号旁边。",
        asker="周先生",
        phone="15098765432",
        channel=Channel.HOTLINE,
        category="环境",
    ),
    QuestionDraft(
        "今年玉米种子补贴怎么领？村里说要等通知。",
        asker="刘大爷",
        channel=Channel.IN_ROOM,
        category="农业",
    ),
    QuestionDraft(
        "孩子上小学的学区是怎么划分的？我们新搬来的。",
        asker="孙女士",
        channel=Channel.ONLINE,
        category="教育",
    ),
    QuestionDraft(
        "村里的老年食堂什么时候开？一顿饭多少钱？",
        asker="吴阿姨",
        channel=Channel.HOTLINE,
        category="养老",
    ),
    QuestionDraft(
        "主播今天的衣服真好看",
        asker="网友 路人甲",
        channel=Channel.LIVE_COMMENT,
    ),
)


@dataclass(frozen=True, slots=True)
class PracticePlan:
    """What the practice session is called and how it runs, in the operator's language."""

    title: str
    #: The run of show: (title, planned minutes); the guest speaks in ``speaker_item``.
    agenda: tuple[tuple[str, int], ...]
    #: The guest's name, title and department.
    guest: tuple[str, str, str]
    speaker_item: int = 0


class PracticeService:
    """Creates practice sessions (rehearsals) filled with sample questions."""

    def __init__(self, database: Database, operator: str) -> None:
        self._db = database
        self.operator = operator

    async def create(
        self, plan: PracticePlan, questions: Sequence[QuestionDraft] = SAMPLE_QUESTIONS
    ) -> BroadcastSession:
        """Store a new rehearsal session with ``questions`` (new, to moderate): all or nothing.

        Raises:
            ValidationError: The plan or a question is not valid (nothing is written).
            StorageError: The store refused the write (nothing is written).
        """
        guest = Guest.create(*plan.guest)
        agenda = tuple(
            AgendaItem.create(
                title, minutes, speaker_id=guest.id if index == plan.speaker_item else None
            )
            for index, (title, minutes) in enumerate(plan.agenda)
        )

        def work(store: Store) -> BroadcastSession:
            session = BroadcastSession.create(store.studio_id, plan.title).edited(
                planned_minutes=sum(minutes for _title, minutes in plan.agenda),
                guests=(guest,),
                agenda=agenda,
            )
            session = replace(session, rehearsal=True)
            drafts = [new_question(store.studio_id, session.id, draft) for draft in questions]
            with store.write() as uow:
                saved = uow.sessions.save(session)
                uow.questions.add_many(drafts)
                uow.audit.append(
                    AuditEntry.record(
                        store.studio_id,
                        self.operator,
                        "session.practice_created",
                        "session",
                        saved.id,
                        session_id=saved.id,
                        after={"title": saved.title, "questions": len(drafts)},
                    )
                )
                return uow.sessions.get(saved.id)

        return await self._db.run(work)
