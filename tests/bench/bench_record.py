"""Answer autosave: keystroke to committed in SQLite (``synchronous=FULL``), median and p99.

The real record view and controller over a real store: a question on air, the recorder types
an answer at a brisk pace (a character every 60 ms, as a Chinese IME commits them), and each
keystroke's latency is the time until a committed save includes it.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.bench.figures import BenchmarkError, Figure, Target

ANSWER = "镇长答复：村口路灯下周一前修好，电费由镇里承担，维修完成后请村委会回访群众。" * 4


async def _type_answer(data_dir: Path, characters: int, pace: float) -> list[float]:
    from studio_app.domain.questions import QuestionDraft
    from studio_app.domain.sensitive import SensitiveWords
    from studio_app.services.database import Database
    from studio_app.services.followups import FollowUpService
    from studio_app.services.questions import QuestionService
    from studio_app.services.record import AnswerFields, RecordService
    from studio_app.services.sessions import SessionService
    from studio_app.ui.question_model import QuestionTableModel
    from studio_app.ui.record_controller import RecordController
    from studio_app.ui.record_view import RecordView
    from tests.ui.helpers import type_text

    database = Database()
    await database.open(data_dir, default_studio_name="bench")
    try:
        session = await SessionService(database, "bench").create("autosave")
        questions = QuestionService(database, "bench", SensitiveWords(()))
        filed = await questions.file(session.id, QuestionDraft(text="路灯什么时候修？"))
        await questions.take_to_air(filed.questions[0].id)
        loaded = await questions.load(session.id)
        model = QuestionTableModel()
        model.set_questions(loaded.questions, loaded.screenings, loaded.suggestions)
        record = RecordService(database, "bench")
        commits: list[tuple[int, float]] = []
        save = record.save_answer

        async def timed(question_id: Any, fields: AnswerFields, *, final: bool = False) -> Any:
            length = len(fields.summary)
            answer = await save(question_id, fields, final=final)
            commits.append((length, time.perf_counter()))
            return answer

        record.save_answer = timed  # type: ignore[method-assign]
        view = RecordView()
        view.resize(1200, 700)
        view.show()
        controller = RecordController(view, record, FollowUpService(database, "bench"), model)
        await controller.show_session(session)
        await controller.questions_loaded(session)
        await controller.tasks.wait_idle()
        if controller.editing is None:
            raise BenchmarkError("the answer editor did not follow the question on air")
        editor = view.answer.summary
        editor.setFocus()
        pressed: list[float] = []
        for char in ANSWER[:characters]:
            type_text(editor, char)
            pressed.append(time.perf_counter())
            await asyncio.sleep(pace)
        await asyncio.sleep(1.0)
        await controller.tasks.wait_idle()
        latencies = []
        for index, at in enumerate(pressed):
            done = next((t for length, t in commits if length >= index + 1 and t >= at), None)
            if done is None:
                raise BenchmarkError(f"keystroke {index + 1} was never committed")
            latencies.append(done - at)
        view.close()
        return latencies
    finally:
        database.close()


def run(quick: bool) -> list[Figure]:
    """Type an answer and measure keystroke → committed."""
    # The real widgets, offscreen unless a display is chosen (as the other UI benchmarks).
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import qasync
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    characters = 40 if quick else 160
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    try:
        with tempfile.TemporaryDirectory(prefix="vs-bench-autosave-") as folder:
            latencies = loop.run_until_complete(_type_answer(Path(folder), characters, 0.06))
    finally:
        loop.close()
        asyncio.set_event_loop(None)
    ms = [v * 1000 for v in latencies]
    return [
        Figure.of(
            "record.answer_autosave",
            "ms",
            ms,
            spread="p99",
            target=Target(1000, requirement="answer text autosaved at least every second"),
            note=f"{len(ms)} characters typed one every 60 ms into the answer editor; "
            "time from each keystroke until a committed write (synchronous=FULL) holds it",
        )
    ]
