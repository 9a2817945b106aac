"""Runs the real app on a data folder, puts a show mid-air, then waits to be killed.

``python -m tests.ui.crash_driver DATA_DIR``: creates a session with an agenda, files three
questions, steps into the second agenda item (the show goes live), takes one question to air,
queues the others, types an answer, waits one autosave interval and prints ``READY`` with what
it did as JSON. The test then SIGKILLs it (tests/ui/test_crash_resume.py).
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync
from PySide6.QtWidgets import QApplication

from studio_app.domain.questions import QuestionDraft
from studio_app.domain.sessions import AgendaItem, Guest
from studio_app.ui.record_controller import ANSWER_AUTOSAVE_MS
from tests.ui.helpers import RunningApp, type_text

ANSWER = "镇长张伟答：村口路灯下周一前修好，电费由镇里出。"


async def drive(qapp: QApplication, data_dir: Path) -> None:
    app = RunningApp(qapp, data_dir)
    window = await app.start()
    await app.gateway.start()
    session = await window.new_session()
    assert session is not None
    guest = Guest.create("张伟", "镇长", "青山镇人民政府")
    planned = session.edited(
        title="第五期 村民问答",
        guests=(guest,),
        agenda=(
            AgendaItem.create("开场", 2),
            AgendaItem.create("村民提问", 30, speaker_id=guest.id),
            AgendaItem.create("结束", 2),
        ),
    )
    assert window._service is not None
    saved = await window._service.save(planned)
    window.editor.load(saved)
    window.session_shown.emit(saved)
    await asyncio.sleep(0.3)
    questions = app.app.questions
    live = app.app.live
    record = app.app.record
    assert questions is not None and live is not None and record is not None
    texts = ["村口路灯坏了三个月什么时候修？", "低保怎么申请？", "垃圾什么时候清运？"]
    filed = []
    for text in texts:
        change = await questions.service.file(saved.id, QuestionDraft(text=text))
        questions._apply_change(change)
        filed.append(change.questions[0].id)
    for question_id in filed:
        await questions._apply(questions.service.approve(question_id))
    await questions._apply(questions.service.enqueue(filed[2]))
    await questions._apply(questions.service.enqueue(filed[1]))
    await questions._apply(questions.service.take_to_air(filed[0]))
    await live.step_agenda(1)
    await live.step_agenda(1)
    await record.tasks.wait_idle()
    window.session_tabs.setCurrentWidget(window.record)
    editor = window.record.answer
    assert record.editing is not None and record.editing.id == filed[0]
    editor.answered_by.setEditText("张伟")
    editor.summary.setFocus()
    type_text(editor.summary, ANSWER)
    typed_at = time.monotonic()
    # One autosave interval and a margin: the issue asks for at most a second.
    await asyncio.sleep(ANSWER_AUTOSAVE_MS / 1000 + 0.75)
    print(
        "READY "
        + json.dumps(
            {
                "session": str(saved.id),
                "agenda_item": str(saved.agenda[1].id),
                "on_air": str(filed[0]),
                "queue": [str(filed[2]), str(filed[1])],
                "answer": ANSWER,
                "waited_ms": round((time.monotonic() - typed_at) * 1000),
            },
            ensure_ascii=False,
        ),
        flush=True,
    )
    await asyncio.sleep(3600)  # until killed


def main() -> int:
    qapp = QApplication(sys.argv[:1])
    with asyncio.Runner(loop_factory=qasync.QEventLoop) as runner:
        runner.run(drive(qapp, Path(sys.argv[1])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
