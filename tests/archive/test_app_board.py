"""The running app against the real archive: a department's reply reaches the follow-up board.

The whole path of issue 7's last client point, with nothing faked but OBS: the app syncs
with *Sync now*, gets the county's departments, records a promise for one of them, sends it;
the department answers over its own API; the next sync brings the answer, and the board
shows the new status and the reply in the follow-up's history.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from studio_app.archive import admin
from studio_app.domain.followups import FollowUpStatus
from studio_app.services.credentials import ARCHIVE_CREDENTIAL_KEY
from studio_app.services.followups import PromiseDraft
from studio_app.services.sessions import SessionService
from studio_app.services.sync.status import SyncReport
from studio_app.settings import load_settings, save_settings
from tests.archive.conftest import Archive
from tests.fakes.credentials import MemoryCredentialStore
from tests.ui.helpers import RunningApp


async def until(condition: Callable[[], object], timeout: float = 20.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "condition not met in time"
        await asyncio.sleep(0.02)


def test_a_department_reply_from_the_archive_appears_on_the_board(
    archive: Archive, qapp: QApplication, qloop: Any, tmp_path: Path
) -> None:
    credential = admin.add_studio(archive.admin_url, "青山镇演播室")
    department_id, department_key = admin.add_department(archive.admin_url, "县交通运输局", "JT")
    data_dir = tmp_path / "studio"
    data_dir.mkdir()
    save_settings(data_dir, replace(load_settings(data_dir), archive_url=archive.base_url))
    keyring = MemoryCredentialStore()
    keyring.set(ARCHIVE_CREDENTIAL_KEY, str(credential))

    async def main() -> None:
        running = RunningApp(qapp, data_dir, credentials=keyring)
        window = await running.start()
        app = running.app
        try:
            assert app.sync is not None
            reports: list[SyncReport] = []
            app.sync.synced.connect(reports.append)

            async def sync_now() -> SyncReport:
                assert app.sync is not None
                task = app.sync.sync_now()
                assert task is not None
                report = await asyncio.wait_for(task, 30)
                assert report is not None
                return report

            # First sync: this PC's studio row out, the county's departments in.
            first = await sync_now()
            assert first.pulled >= 1 and reports == [first]
            departments = await app.follow_ups.departments()
            assert department_id in {d.id for d in departments}

            # A promise on air, for the county department, sent with the next sync.
            session = await SessionService(app.database, "值班员").create("第五期 村民问答")
            follow_up = await app.follow_ups.create(
                session.id,
                PromiseDraft(
                    "两周内修好村口路灯",
                    department_id,
                    deadline=date.today() + timedelta(days=14),
                ),
            )
            sent = await sync_now()
            assert sent.pushed >= 3  # the session, the follow-up and its audit entry

            # The department sees it and answers through the archive.
            headers = {"Authorization": f"Bearer {department_key}"}
            async with httpx.AsyncClient(base_url=archive.base_url, headers=headers) as county:
                listed = (await county.get("/v1/department/follow-ups")).json()
                assert [f["promise"] for f in listed] == ["两周内修好村口路灯"]
                url = f"/v1/department/follow-ups/{follow_up.id}/events"
                for event in (
                    {"kind": "status", "status": "in_progress", "person": "刘科长"},
                    {"kind": "reply", "text": "已派人更换灯泡，周五完工", "person": "刘科长"},
                    {"kind": "status", "status": "resolved", "person": "刘科长"},
                ):
                    answer = await county.post(url, json=event)
                    assert answer.status_code == 201, answer.text

            # The board is open on the operator's screen when the answer comes in.
            holder_index = next(
                i
                for i in range(window.main_tabs.count())
                if window.main_tabs.tabText(i) == "Follow-up board"
            )
            window.main_tabs.setCurrentIndex(holder_index)
            await until(lambda: app.board is not None)
            board = app.board
            assert board is not None
            await until(lambda: board.view.model.state(follow_up.id) is not None)
            state = board.view.model.state(follow_up.id)
            assert state is not None and state.status is FollowUpStatus.ASSIGNED

            pulled = await sync_now()
            assert pulled.pulled >= 3  # the three department events

            def status_now() -> Any:
                found = board.view.model.state(follow_up.id)
                return found.status if found is not None else None

            await until(lambda: status_now() is FollowUpStatus.RESOLVED)
            model = board.view.model
            row = model.row_of(follow_up.id)
            assert row is not None
            assert board.select(follow_up.id)
            history = board.view.history_model
            await until(lambda: history.rowCount() >= 4)
            texts = [
                history.data(history.index(r, c), Qt.ItemDataRole.DisplayRole)
                for r in range(history.rowCount())
                for c in range(history.columnCount())
            ]
            assert "已派人更换灯泡，周五完工" in texts
            assert "刘科长" in " ".join(str(t) for t in texts)
            # The status bar says the sync went through, with nothing waiting.
            assert window.sync_status.text().startswith("Archive: synced"), (
                window.sync_status.text()
            )
        finally:
            assert await running.stop() == 0

    qloop.run_until_complete(main())
