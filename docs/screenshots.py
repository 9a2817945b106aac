"""Screenshots for the operator's guide, taken from the real app running a whole show.

Both languages (about a minute; needs the project's .venv):

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python docs/screenshots.py

``--lang zh_CN`` or ``--lang en`` makes one language only. Without a display it falls back to
Qt's offscreen platform, which renders the same pictures.

What it does, per language, in a fresh temporary data folder: starts the real app (SQLite
store, services, window) with the fake OBS of ``tests/fakes/obs.py`` (scenes exist, recording
and streaming work) and, when PostgreSQL is installed, a real county archive service
(``tests/archive``; ``--no-archive`` leaves it out and stores the department's reply
locally instead). It then runs a show from planning to export — set-up assistant, operator,
OBS settings, the plan, questions imported from ``../shared/data/questions_sample.csv``,
moderation, rehearsal, going live, answers, a promise turned into a follow-up, the
department's reply coming back through the archive, the follow-up board, export — and saves
a picture of each screen with ``QWidget.grab()`` into ``docs/images/<lang>/NN-name.png``
(shrunk with pngquant, or Pillow, when installed). It also writes the keyboard shortcut table of
the freshly started window to ``docs/shortcuts.<lang>.md`` and into the guide between the
``shortcuts`` markers. ``tests/ui/test_docs.py`` checks that the guides stay in step.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
SAMPLE_QUESTIONS = ROOT.parent / "shared" / "data" / "questions_sample.csv"
LANGUAGES = ("zh_CN", "en")
#: A 1366×768 laptop less the taskbar, title bar and frame (tests/ui/test_screen_fit.py).
WINDOW_SIZE = (1350, 688)
#: The studio's clock: times in the pictures read as in China.
TIME_ZONE = "Asia/Shanghai"
SHORTCUTS_BEGIN = "<!-- shortcuts:begin (written by docs/screenshots.py) -->"
SHORTCUTS_END = "<!-- shortcuts:end -->"

# Before Qt or the app is imported: the project on the path, the studio's time zone, and a
# display (Xvfb's) when there is one.
sys.path.insert(0, str(ROOT))
os.environ["TZ"] = TIME_ZONE
time.tzset()
os.environ.setdefault("QT_QPA_PLATFORM", "xcb" if os.environ.get("DISPLAY") else "offscreen")

import httpx  # noqa: E402
import qasync  # noqa: E402
from PySide6.QtCore import QCoreApplication, QPoint, QRect, Qt  # noqa: E402
from PySide6.QtGui import QColor, QFont, QPainter, QPixmap  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QApplication,
    QDialog,
    QDockWidget,
    QMenu,
    QMessageBox,
    QWidget,
    QWizard,
)

from studio_app import i18n  # noqa: E402
from studio_app.domain.followups import (  # noqa: E402
    EventOrigin,
    FollowUp,
    FollowUpStatus,
    reply,
    status_change,
)
from studio_app.domain.operators import OperatorRole  # noqa: E402
from studio_app.domain.overlay import OverlayElement  # noqa: E402
from studio_app.domain.questions import Channel, RejectionReason  # noqa: E402
from studio_app.domain.sessions import (  # noqa: E402
    AgendaItem,
    BroadcastSession,
    Guest,
    SessionStatus,
)
from studio_app.services.credentials import ARCHIVE_CREDENTIAL_KEY  # noqa: E402
from studio_app.services.intake.importer import parse, preview  # noqa: E402
from studio_app.services.sessions import SessionService  # noqa: E402
from studio_app.settings import AppSettings, save_settings  # noqa: E402
from studio_app.ui.gc import MainThreadGarbageCollector  # noqa: E402
from studio_app.ui.help_menu import collect_shortcuts  # noqa: E402
from studio_app.ui.question_model import QuestionIdRole  # noqa: E402
from tests.fakes.credentials import MemoryCredentialStore  # noqa: E402
from tests.fakes.obs import FakeObsGateway  # noqa: E402
from tests.ui.helpers import RunningApp  # noqa: E402

# ---------------------------------------------------------------------- the studio's show
STUDIO_NAME = "青山镇政务直播间"
OPERATOR = "李秀兰"
SCENES = ["片头", "主持人全景", "嘉宾特写", "政策解读 PPT", "群众提问"]
#: The county's departments (from the archive) and the township's own offices.
COUNTY_DEPARTMENTS = [
    ("县交通运输局", "JT"),
    ("县住房和城乡建设局", "ZJ"),
    ("县医疗保障局", "YB"),
    ("县公安局交警大队", "JJ"),
]
TOWNSHIP_DEPARTMENTS = [("镇民政办", "MZ"), ("镇村镇建设办", "CJ")]
SHOW_TITLE = "村民议事厅 第11期：冬季民生热点问答"
LAST_SHOW_TITLE = "村民议事厅 第10期：道路与养老"


# ---------------------------------------------------------------------- small helpers
async def until(condition: Callable[[], object], timeout: float = 20.0, what: str = "") -> None:
    """Let Qt and asyncio run until ``condition()`` holds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {timeout:.0f} s for {what or condition}")
        await asyncio.sleep(0.03)


async def settle(seconds: float = 0.35) -> None:
    """Give layouts, timers and repaints a moment."""
    await asyncio.sleep(seconds)


def visible(kind: type[QWidget], parent: QWidget | None = None) -> Any:
    """The visible widget of ``kind`` (a dialog), or None."""
    candidates = parent.findChildren(kind) if parent is not None else QApplication.topLevelWidgets()
    for widget in candidates:
        if isinstance(widget, kind) and widget.isVisible():
            return widget
    return None


def tr(context: str, text: str) -> str:
    """The app's translation of ``text`` (as the window shows it)."""
    return QCoreApplication.translate(context, text)


@dataclass
class Archive:
    """The county archive: PostgreSQL, the service, this studio's and departments' keys."""

    url: str
    studio_key: str
    department_keys: dict[str, str]
    stop: Callable[[], None]


@contextmanager
def county_archive(enabled: bool) -> Iterator[Archive | None]:
    """A real archive service over a private PostgreSQL, or None if there is none."""
    if not enabled:
        yield None
        return
    from studio_app.archive import admin
    from tests.archive.postgres import PostgresCluster, find_pg_bin
    from tests.archive.service import ArchiveServer

    bin_dir = find_pg_bin()
    if bin_dir is None:
        print("PostgreSQL not found: the department's reply is stored locally", file=sys.stderr)
        yield None
        return
    base = Path(tempfile.mkdtemp(prefix="guide-pg-"))
    cluster = PostgresCluster.start(base, bin_dir)
    server: ArchiveServer | None = None
    try:
        admin_url = cluster.create_database("archive")
        admin.migrate(admin_url, "guide")
        server = ArchiveServer.start(cluster.url("archive", user="guide_api"))
        studio_key = str(admin.add_studio(admin_url, STUDIO_NAME))
        keys = {
            name: str(admin.add_department(admin_url, name, code)[1])
            for name, code in COUNTY_DEPARTMENTS
        }
        yield Archive(server.base_url, studio_key, keys, server.stop)
    finally:
        if server is not None:
            server.stop()
        cluster.stop()
        shutil.rmtree(base, ignore_errors=True)


# ---------------------------------------------------------------------- pictures
class Camera:
    """Saves widgets as numbered PNGs in docs/images/<lang>/."""

    def __init__(self, language: str) -> None:
        self.folder = DOCS / "images" / language
        self.folder.mkdir(parents=True, exist_ok=True)
        self.taken: list[Path] = []
        self.pngquant = shutil.which("pngquant")

    async def shoot(self, widget: QWidget, name: str, area: QRect | None = None) -> Path:
        """Save ``widget`` (or ``area`` of it) as on screen; a window gets a title bar."""
        widget.repaint()
        await settle(0.15)
        pixmap = widget.grab(area) if area is not None else widget.grab()
        # Windows get the title bar a window manager would draw; a menu or a dock has none.
        if widget.isWindow() and not isinstance(widget, QDockWidget | QMenu):
            pixmap = with_title_bar(pixmap, widget.windowTitle())
        path = self.folder / f"{len(self.taken) + 1:02d}-{name}.png"
        if not pixmap.save(str(path), "PNG"):
            raise RuntimeError(f"could not write {path}")
        if self.pngquant:
            subprocess.run(
                [
                    self.pngquant,
                    "--force",
                    "--skip-if-larger",
                    "--quality=60-90",
                    "--speed=1",
                    "--strip",
                    "--output",
                    str(path),
                    str(path),
                ],
                check=False,
            )
        else:
            shrink_with_pillow(path)
        self.taken.append(path)
        print(f"  {path.relative_to(ROOT)}  {path.stat().st_size // 1024} KB", flush=True)
        return path


def shrink_with_pillow(path: Path) -> None:
    """Without pngquant: 256 colours with Pillow if it is installed (text stays sharp)."""
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256, dither=Image.Dither.NONE)
    small.save(path, optimize=True)


def with_title_bar(pixmap: QPixmap, title: str) -> QPixmap:
    """``pixmap`` under a plain title bar: Xvfb has no window manager to draw one."""
    bar = 28
    framed = QPixmap(pixmap.width() + 2, pixmap.height() + bar + 1)
    framed.fill(QColor("#4a5a6a"))
    painter = QPainter(framed)
    painter.drawPixmap(1, bar, pixmap)
    font = QFont(QApplication.font())
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(
        QRect(10, 0, framed.width() - 20, bar),
        int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
        title,
    )
    painter.end()
    return framed


def shortcut_markdown(window: QWidget) -> str:
    """The window's shortcuts as a Markdown table, as Help → Keyboard shortcuts shows them."""
    anywhere = tr("ShortcutSheet", "Anywhere in the window")
    head = [
        tr("ShortcutSheet", "Where"),
        tr("ShortcutSheet", "Action"),
        tr("ShortcutSheet", "Keys"),
    ]
    lines = [f"| {head[0]} | {head[1]} | {head[2]} |", "|---|---|---|"]
    for where, what, keys in collect_shortcuts(window):
        cells = [where or anywhere, what, " / ".join(f"`{k}`" for k in keys.split(" / "))]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"


def write_shortcuts(language: str, table: str) -> None:
    """docs/shortcuts.<lang>.md, and the same table inside the guide between its markers."""
    title = tr("ShortcutSheet", "Keyboard shortcuts")
    note = {
        "zh_CN": "本表由 `docs/screenshots.py` 从软件窗口自动生成，请勿手工修改。",
        "en": "Generated from the live window by `docs/screenshots.py`; do not edit by hand.",
    }[language]
    (DOCS / f"shortcuts.{language}.md").write_text(
        f"# {title}\n\n{note}\n\n{table}", encoding="utf-8"
    )
    guide = DOCS / f"guide.{language}.md"
    if guide.exists():
        text = guide.read_text(encoding="utf-8")
        if SHORTCUTS_BEGIN in text and SHORTCUTS_END in text:
            head, rest = text.split(SHORTCUTS_BEGIN, 1)
            _old, tail = rest.split(SHORTCUTS_END, 1)
            guide.write_text(
                f"{head}{SHORTCUTS_BEGIN}\n{table}{SHORTCUTS_END}{tail}", encoding="utf-8"
            )


# ---------------------------------------------------------------------- the show
class Show:
    """Drives the running app through a show, taking pictures on the way."""

    def __init__(self, language: str, running: RunningApp, archive: Archive | None) -> None:
        self.language = language
        self.running = running
        self.app = running.app
        self.window = running.window
        self.gateway: FakeObsGateway = running.gateway
        self.archive = archive
        self.camera = Camera(language)
        self.session: BroadcastSession | None = None
        self.numbers: dict[int, uuid.UUID] = {}
        self.follow_ups: dict[str, FollowUp] = {}

    # -------------------------------------------------------------- plumbing
    @property
    def qc(self) -> Any:
        """The moderation controller."""
        assert self.app.questions is not None
        return self.app.questions

    def spawn(self, coro: Any) -> asyncio.Task[Any]:
        """Run ``coro`` as the window's task (a dialog it opens is awaited there)."""
        return self.window.tasks.spawn(coro, name="guide")

    async def sync(self) -> None:
        """Archive → Sync now, and wait for it (nothing without an archive)."""
        if self.archive is None or self.app.sync is None:
            return
        task = self.app.sync.sync_now(by_hand=False)
        assert task is not None
        report = await asyncio.wait_for(task, 60)
        if report is None:
            raise RuntimeError(f"sync failed: {self.window.sync_status.text()}")

    async def departments(self) -> dict[str, Any]:
        """The department list by name."""
        return {d.name: d for d in await self.app.follow_ups.departments()}

    def select(self, number: int) -> None:
        """Select question #number in the moderation table."""
        view = self.qc.view
        wanted = self.numbers[number]
        for row in range(view.proxy.rowCount()):
            index = view.proxy.index(row, 0)
            if index.data(QuestionIdRole) == wanted:
                view.table.setCurrentIndex(index)
                view.table.scrollTo(index)
                return
        raise LookupError(f"question #{number} is not in the table")

    async def act(self, number: int, action: Callable[[], Any]) -> None:
        """Select question #number and moderate it; a refusal stops the run."""
        self.select(number)
        if not await action():
            raise RuntimeError(f"#{number}: {self.qc.view.message.text()}")

    async def open_dialog(self, start: Any, find: Callable[[], Any], what: str) -> Any:
        """Start a coroutine that opens a dialog; return the dialog once it shows."""
        self.spawn(start)
        await until(lambda: find() is not None, what=what)
        await settle()
        return find()

    async def open_session(self, session_id: uuid.UUID) -> None:
        """Pick a session in the list and wait until its tabs show it."""
        window = self.window
        window.session_list.select(session_id)

        def shown() -> bool:
            editing, moderating = window.editor.session, self.qc.session
            return (
                editing is not None
                and editing.id == session_id
                and moderating is not None
                and moderating.id == session_id
            )

        await until(shown, what="the session to open")
        await settle()

    # -------------------------------------------------------------- the steps
    async def run(self) -> None:
        """The whole show, in order."""
        window = self.window
        window.resize(*WINDOW_SIZE)
        window.move(0, 0)
        await settle()
        write_shortcuts(self.language, shortcut_markdown(window))
        await self.first_start()
        await self.obs_setup()
        await self.sync()  # the county's departments arrive
        await self.seed_last_show()
        await self.plan()
        await self.collect_questions()
        await self.moderate()
        await self.rehearse()
        await self.go_live()
        await self.after_the_show()
        await self.export()
        await self.archive_and_help()

    async def first_start(self) -> None:
        """The set-up assistant (studio name, operator, OBS), then "who is at the desk"."""
        from studio_app.ui.first_run import SetupWizard

        app = self.app
        wizard = await self.open_dialog(
            app.open_setup(), lambda: visible(SetupWizard), "the set-up assistant"
        )
        wizard.studio_name_edit.setText(STUDIO_NAME)
        await self.camera.shoot(wizard, "setup-assistant")
        wizard.next()
        await until(lambda: wizard.currentId() == SetupWizard.OPERATORS, what="operators")
        wizard.operator_name_edit.setText(OPERATOR)
        combo = wizard.operator_role_combo
        combo.setCurrentIndex(combo.findData(OperatorRole.DIRECTOR.value))
        await wizard.add_operator()
        wizard.next()
        await until(lambda: wizard.currentId() == SetupWizard.OBS, what="the OBS page")
        await settle()
        await self.camera.shoot(wizard, "setup-obs")
        wizard.button(QWizard.WizardButton.FinishButton).click()
        await until(lambda: not wizard.isVisible(), what="the assistant to finish")
        assert app.operators is not None
        await app.operators.add("王海燕", OperatorRole.MODERATOR)
        from studio_app.ui.operator_dialog import OperatorDialog

        dialog = await self.open_dialog(
            app.choose_operator(), lambda: visible(OperatorDialog), "the operator dialog"
        )
        for row in range(dialog.model.rowCount()):
            index = dialog.model.index(row, 0)
            if OPERATOR in str(index.data()):
                dialog.list_view.setCurrentIndex(index)
        await settle()
        await self.camera.shoot(dialog, "operator")
        dialog.sign_in_button.click()
        await until(lambda: not dialog.isVisible(), what="signing in")
        await settle()

    async def obs_setup(self) -> None:
        """OBS connection settings, then Live → Prepare OBS."""
        live = self.app.live
        assert live is not None
        await until(lambda: live.studio.snapshot.connection.connected, what="OBS")
        dialog = await self.open_dialog(
            live.edit_settings(),
            lambda: (
                getattr(live, "settings_dialog", None)
                if getattr(live, "settings_dialog", None) is not None
                and live.settings_dialog.isVisible()
                else None
            ),
            "the OBS settings",
        )
        await self.camera.shoot(dialog, "obs-settings")
        dialog.reject()
        await settle()
        box = await self.open_dialog(
            live.prepare(), lambda: visible(QMessageBox), "the Prepare OBS report"
        )
        await self.camera.shoot(box, "prepare-obs")
        box.accept()
        await settle()

    async def seed_last_show(self) -> None:
        """Last month's show with its promises, as the records of an earlier show would be."""
        app = self.app
        for name, code in TOWNSHIP_DEPARTMENTS:
            await app.follow_ups.add_department(name, code)
        if self.archive is None:
            for name, code in COUNTY_DEPARTMENTS:
                await app.follow_ups.add_department(name, code)
        departments = await self.departments()
        today = date.today()

        def at(days_ago: int, hour: int = 10) -> datetime:
            day = today - timedelta(days=days_ago)
            return datetime(day.year, day.month, day.day, hour, 0).astimezone()

        def work(store: Any) -> dict[str, FollowUp]:
            guests = (
                Guest.create("王建国", "副镇长", "青山镇人民政府"),
                Guest.create("周丽", "站长", "镇交通管理站"),
            )
            agenda = (
                AgendaItem.create("开场", 2, "主持人全景"),
                AgendaItem.create("道路养护情况通报", 8, "政策解读 PPT", guests[1].id),
                AgendaItem.create("群众提问", 30, "群众提问", guests[0].id),
                AgendaItem.create("结束语", 2, "主持人全景"),
            )
            session = replace(
                BroadcastSession.create(store.studio_id, LAST_SHOW_TITLE, at(33, 19)),
                planned_minutes=45,
                location="青山镇便民服务中心演播室",
                guests=guests,
                agenda=agenda,
                status=SessionStatus.CLOSED,
                started_at=at(33, 19),
                ended_at=at(33, 20),
            )

            def promise(text: str, lead: str, deadline_days_ago: int, **more: Any) -> FollowUp:
                made = FollowUp.create(
                    store.studio_id,
                    session.id,
                    text,
                    departments[lead].id,
                    deadline=today - timedelta(days=deadline_days_ago),
                    today=today - timedelta(days=33),
                    **more,
                )
                return replace(made, created_at=at(33, 20))

            made = {
                "lights": promise(
                    "村口至青山小学路段加装路灯",
                    "县交通运输局",
                    9,
                    responsible_person="周丽 站长",
                    supporting_department_ids=(departments["镇村镇建设办"].id,),
                ),
                "canteen": promise(
                    "幸福村老年食堂 12 月开餐", "镇民政办", -20, responsible_person="王建国"
                ),
                "housing": promise("公示农村危房改造补助申请材料清单", "县住房和城乡建设局", 20),
                "insurance": promise("把异地就医备案办理指引发到各村微信群", "县医疗保障局", 24),
            }
            events = []

            def history(key: str, *steps: tuple[int, FollowUpStatus | str, str]) -> None:
                done: list[Any] = []
                for days_ago, step, author in steps:
                    if isinstance(step, FollowUpStatus):
                        event = status_change(made[key], done, step, author, at=at(days_ago))
                    else:
                        event = reply(made[key], author, step, at=at(days_ago))
                    done.append(event)
                events.extend(done)

            history(
                "canteen",
                (25, FollowUpStatus.IN_PROGRESS, OPERATOR),
                (12, "场地改造已完成，正在招聘厨师，计划12月1日开餐。", OPERATOR),
            )
            history(
                "housing",
                (26, FollowUpStatus.IN_PROGRESS, OPERATOR),
                (22, "材料清单已在镇政府公众号和各村公示栏公示。", OPERATOR),
                (22, FollowUpStatus.RESOLVED, OPERATOR),
                (20, FollowUpStatus.PUBLISHED, OPERATOR),
            )
            history(
                "insurance",
                (21, "指引已发到 18 个村的微信群。", OPERATOR),
                (21, FollowUpStatus.RESOLVED, OPERATOR),
            )
            with store.write() as uow:
                uow.sessions.save(session)
            with store.write() as uow:
                for follow_up in made.values():
                    uow.follow_ups.add(follow_up)
            with store.write() as uow:
                for event in events:
                    uow.follow_ups.append_event(event)
            return made

        self.follow_ups = await app.database.run(work)
        await self.window.reload()

    async def plan(self) -> None:
        """Today's session: time, guests with titles and departments, agenda with scenes."""
        app, window = self.app, self.window
        now = datetime.now().astimezone()
        start = now.replace(minute=0 if now.minute < 30 else 30, second=0, microsecond=0)
        guests = (
            Guest.create("王建国", "副镇长", "青山镇人民政府"),
            Guest.create("李卫东", "所长", "青山镇派出所"),
            Guest.create("陈静", "主任", "镇社会保障服务所"),
        )
        agenda = (
            AgendaItem.create("片头", 1, "片头"),
            AgendaItem.create("开场：本期嘉宾介绍", 3, "主持人全景"),
            AgendaItem.create("政策解读：冬季供暖与医保", 10, "政策解读 PPT", guests[0].id),
            AgendaItem.create(
                "群众提问", 30, "群众提问", guests[0].id, "先答上期回头看，再按队列提问"
            ),
            AgendaItem.create("回头看：上期承诺办理情况", 5, "嘉宾特写", guests[2].id),
            AgendaItem.create("结束语", 1, "主持人全景"),
        )
        sessions = SessionService(app.database, OPERATOR)
        created = await sessions.create(SHOW_TITLE, start)
        self.session = await sessions.save(
            replace(
                created,
                planned_minutes=50,
                location="青山镇便民服务中心演播室",
                description="本期围绕冬季供暖、医保报销、道路照明等群众关心的问题，"
                "邀请镇政府和派出所、社保所负责同志现场答复。",
                guests=guests,
                agenda=agenda,
            )
        )
        await window.reload()
        await self.open_session(created.id)
        window.session_tabs.setCurrentIndex(0)
        await settle(0.8)
        await self.camera.shoot(window, "plan")

    async def collect_questions(self) -> None:
        """Import the pre-collected questions, type one, and open the LAN intake."""
        window, qc = self.window, self.qc
        window.session_tabs.setCurrentWidget(window.questions)
        await until(lambda: qc.session is not None, what="the questions to load")
        from studio_app.ui.import_dialog import ImportDialog

        found = await asyncio.to_thread(preview, SAMPLE_QUESTIONS)
        dialog = ImportDialog(found, window)
        dialog.open()
        await settle()
        await self.camera.shoot(dialog, "import")
        mapping = dialog.mapping()
        dialog.accept()
        result = await asyncio.to_thread(parse, SAMPLE_QUESTIONS, mapping)
        await qc.file_drafts(result.drafts, source=SAMPLE_QUESTIONS.name)
        # A live comment typed at the desk; it holds a word on the sensitive-word list.
        form = qc.view.intake
        form.asker.setText("网友 青山老王")
        form.channel.setCurrentIndex(form.channel.findData(Channel.LIVE_COMMENT))
        form.category.setEditText("治安")
        form.text.setText("村东头祠堂里天天有人聚众赌博，吵到半夜，派出所能不能管一管？")
        await qc.file_from_form()
        for number, question in enumerate(qc.view.model.questions(), start=1):
            self.numbers[number] = question.id
        from studio_app.ui.lan_intake_dialog import LanIntakeDialog

        qc.view.intake.lan_button.click()
        lan = await until_visible(LanIntakeDialog)
        await lan.set_enabled(True)
        await settle()
        await self.camera.shoot(lan, "lan-intake")
        lan.reject()
        await settle()

    async def moderate(self) -> None:
        """Reject, merge, defer, approve and queue; show a question with masked data."""
        qc = self.qc
        qc.view.state_filter.setCurrentIndex(1)  # all states: rejected and merged show too
        await settle()
        self.select(16)
        if not await qc.reject(RejectionReason.OFF_TOPIC):
            raise RuntimeError(qc.view.message.text())
        await self.act(14, lambda: qc.merge_with_suggestion(self.numbers[4]))
        await self.act(12, qc.defer)
        for number in (1, 4, 8, 2, 13, 19, 5, 10, 17):
            await self.act(number, qc.approve)
        for number in (1, 4, 8, 2, 13, 19):
            await self.act(number, qc.enqueue)
        self.select(10)  # an address, masked in the on-air text
        qc.view.table.setFocus()
        await settle(0.6)
        await self.camera.shoot(self.window, "questions")
        await self.shoot_selected("questions-masked")
        self.select(21)  # the live comment with a sensitive word
        await settle(0.4)
        await self.shoot_selected("questions-sensitive")
        self.unscroll_column()

    async def shoot_selected(self, name: str) -> None:
        """The selected question's checks and its preview (below the fold on a laptop)."""
        view = self.qc.view
        column = view.on_air_box.parentWidget()
        column.resize(column.width(), column.sizeHint().height())
        await settle(0.3)
        top = view.detail_box.geometry().top()
        bottom = view.preview_box.geometry().bottom()
        await self.camera.shoot(column, name, QRect(0, top, column.width(), bottom - top + 1))

    def unscroll_column(self) -> None:
        """Give the right column back to its scroll area."""
        column = self.qc.view.on_air_box.parentWidget()
        area = column.parentWidget().parentWidget()  # viewport, then the scroll area
        area.setWidgetResizable(True)

    async def rehearse(self) -> None:
        """A practice copy of the session (Record → Rehearse…), then back to the real one."""
        window, real = self.window, self.session
        assert self.app.record is not None and real is not None
        copy = await self.app.record.rehearse(confirmed=True)
        assert copy is not None
        await self.open_session(copy.id)  # the app opens the copy by itself
        window.session_tabs.setCurrentWidget(window.record)
        await settle(0.8)
        await self.camera.shoot(window, "rehearsal")
        await self.open_session(real.id)

    async def go_live(self) -> None:
        """Recording and stream, the run of show, questions on air, answers, a promise."""
        app, window, qc, gateway = self.app, self.window, self.qc, self.gateway
        live, record = app.live, app.record
        assert live is not None and record is not None
        await live.toggle_record()
        await live.toggle_stream()
        await until(lambda: gateway.record_active and gateway.stream_active, what="outputs")
        minutes = 0

        async def step(to_minute: int) -> None:
            nonlocal minutes
            minutes = to_minute
            gateway.record_ms = gateway.stream_ms = to_minute * 60_000 + 4_000
            await live.step_agenda(1)
            await settle(0.2)

        for minute in (0, 1, 4, 14):  # opening, guests, policy briefing, questions
            await step(minute)
        answers = {
            1: (
                "李卫东",
                "婚后迁户口可在镇派出所户籍窗口办理，带结婚证、双方身份证和户口簿；"
                "跨省迁入已实行“一站式”办理，不用回原籍开准迁证。",
            ),
            4: (
                "王建国",
                "上期已承诺加装路灯，县交通运输局已采购灯具，本月底前装好；装好后在公众号公布。",
            ),
        }
        for number in (1, 4):
            await qc.take_next_to_air()
            await settle(0.3)
            await self.answer(*answers[number])
            gateway.record_ms += 4 * 60_000
            await qc.mark_answered()
        await qc.take_next_to_air()  # #8, the insurance claim: a promise
        await settle(0.3)
        await self.answer(
            "李卫东",
            "事故责任已认定，保险公司应按规定理赔；交警大队牵头约谈保险公司，"
            "10 个工作日内给陈先生答复。",
        )
        await qc.toggle(OverlayElement.COMING_UP)
        window.session_tabs.setCurrentWidget(window.questions)
        self.select(2)
        await settle(0.8)
        await self.camera.shoot(window, "live")
        # The dock floated and tall enough for everything in it (a 768-pixel screen scrolls).
        dock = window.control_dock
        dock.setFloating(True)
        dock.resize(340, 860)
        await settle(0.6)
        await self.camera.shoot(dock, "live-dock")
        dock.setFloating(False)
        await settle(0.4)
        menu = window.live_menu
        menu.popup(window.mapToGlobal(QPoint(80, 24)))
        await settle()
        await self.camera.shoot(menu, "live-menu")
        menu.hide()
        await self.promise()
        window.session_tabs.setCurrentWidget(window.record)
        await settle(0.8)
        await self.camera.shoot(window, "record")
        await qc.mark_answered()
        gateway.record_ms += 20 * 60_000
        await live.step_agenda(1)
        await record.end_show(confirmed=True)
        await live.toggle_record(confirmed=True)
        await live.toggle_stream(confirmed=True)
        await until(lambda: not gateway.record_active, what="the recording to stop")

    async def answer(self, by: str, summary: str) -> None:
        """Type the answer summary for the question on air (autosaved)."""
        record = self.app.record
        assert record is not None

        def editing_on_air() -> bool:
            on_air = self.qc.view.model.on_air()
            return (
                on_air is not None
                and record.editing is not None
                and (record.editing.id == on_air.id)
            )

        await until(editing_on_air, what="the answer editor")
        editor = record.view.answer
        editor.answered_by.setEditText(by)
        editor.summary.setPlainText(summary)
        await until(lambda: not record.has_unsaved_answer(), what="the answer to save")

    async def promise(self) -> None:
        """Promise → follow-up (Ctrl+P) for the question on air."""
        from studio_app.ui.promise_dialog import PromiseDialog

        record = self.app.record
        assert record is not None
        dialog = await self.open_dialog(
            record.make_promise(), lambda: visible(PromiseDialog), "the promise dialog"
        )
        dialog.promise_edit.setPlainText("交警大队牵头约谈保险公司，督促按规定理赔并答复陈先生")
        dialog.lead_combo.setEditText("县公安局交警大队")
        dialog.person_edit.setText("李卫东 所长")
        dialog.workdays_spin.setValue(10)
        await settle()
        await self.camera.shoot(dialog, "promise")
        created = await dialog.submit()
        if created is None:
            raise RuntimeError(dialog.problem_label.text())
        self.follow_ups["claim"] = created
        await until(lambda: not dialog.isVisible(), what="the promise dialog to close")
        await settle(0.5)

    async def after_the_show(self) -> None:
        """Sync; the county department replies through the archive; the board shows it."""
        app, window = self.app, self.window
        replies = {
            "lights": (
                "县交通运输局",
                "周丽",
                [
                    {"kind": "status", "status": "in_progress"},
                    {"kind": "reply", "text": "灯杆和灯具已到货，施工队11月28日进场，月底前亮灯。"},
                ],
            ),
            "claim": (
                "县公安局交警大队",
                "赵队长",
                [
                    {
                        "kind": "reply",
                        "text": "已约谈保险公司，对方承诺下周一前把理赔款打到陈先生账户。",
                    },
                ],
            ),
        }
        if self.archive is not None:
            await self.sync()  # the show, its answers and the new follow-up go to the county
            for key, (department, person, events) in replies.items():
                headers = {"Authorization": f"Bearer {self.archive.department_keys[department]}"}
                path = f"/v1/department/follow-ups/{self.follow_ups[key].id}/events"
                async with httpx.AsyncClient(base_url=self.archive.url, headers=headers) as api:
                    for event in events:
                        answer = await api.post(path, json={**event, "person": person})
                        answer.raise_for_status()
            await self.sync()  # the replies come back
        else:  # the same events, as the archive would have brought them
            await self.local_replies(replies)
        window.main_tabs.setCurrentIndex(1)  # the follow-up board, next to the sessions
        await until(lambda: app.board is not None, what="the board")
        board = app.board
        assert board is not None
        lights = self.follow_ups["lights"].id
        await until(lambda: board.view.model.state(lights) is not None, what="the board rows")

        def replied() -> bool:
            state = board.view.model.state(lights)
            return state is not None and state.status is FollowUpStatus.IN_PROGRESS

        await until(replied, what="the department's reply")
        board.select(lights)
        await until(lambda: board.view.history_model.rowCount() >= 3, what="the history")
        await settle(0.8)
        await self.camera.shoot(window, "board")
        board.view.tabs.setCurrentIndex(1)
        await settle(0.6)
        await self.camera.shoot(window, "board-figures")
        board.view.tabs.setCurrentIndex(2)
        await settle(0.6)
        await self.camera.shoot(window, "board-look-back")
        board.view.tabs.setCurrentIndex(0)

    async def local_replies(self, replies: dict[str, Any]) -> None:
        """The departments' replies stored here, as a sync would have brought them."""

        def work(store: Any) -> None:
            with store.write() as uow:
                for key, (_department, person, events) in replies.items():
                    follow_up = uow.follow_ups.get(self.follow_ups[key].id)
                    history = uow.follow_ups.events(follow_up.id)
                    for event in events:
                        if event["kind"] == "status":
                            made = status_change(
                                follow_up,
                                history,
                                FollowUpStatus(event["status"]),
                                person,
                                origin=EventOrigin.DEPARTMENT,
                            )
                        else:
                            made = reply(follow_up, person, event["text"], EventOrigin.DEPARTMENT)
                        uow.follow_ups.append_event(made)
                        history = [*history, made]

        await self.app.database.run(work)

    async def export(self) -> None:
        """Session → Export records… (Ctrl+E): the public version of this show."""
        from studio_app.services.export.formats import ExportFormat
        from studio_app.ui.export_dialog import ExportDialog

        window = self.window
        window.main_tabs.setCurrentIndex(0)
        dialog = await self.open_dialog(
            self.app.open_export(window), lambda: visible(ExportDialog), "the export dialog"
        )
        for export_format in (ExportFormat.XLSX, ExportFormat.DOCX, ExportFormat.PDF):
            dialog.format_boxes[export_format].setChecked(True)
        dialog.public_box.setChecked(True)
        folder = Path(dialog.folder_edit.text())  # the app's default: Documents/<exports>
        existed = folder.exists()
        created = folder  # the outermost folder the export creates
        while not created.parent.exists():
            created = created.parent
        result = await dialog.run_export()
        if result is None:
            raise RuntimeError(dialog.error_text)
        report = dialog.report
        report.verticalScrollBar().setValue(report.verticalScrollBar().maximum())
        await settle(0.5)
        await self.camera.shoot(dialog, "export")
        dialog.reject()
        await settle()
        for path in result.files:  # leave the studio PC's Documents as they were
            Path(path).unlink(missing_ok=True)
        if not existed:
            shutil.rmtree(created, ignore_errors=True)

    async def archive_and_help(self) -> None:
        """Archive → Archive settings… (with "Test connection"), the status bar, F1."""
        sync, help_menu, window = self.app.sync, self.app.help, self.window
        assert sync is not None and help_menu is not None
        dialog = await self.open_dialog(
            sync.edit_settings(),
            lambda: (
                sync.settings_dialog
                if sync.settings_dialog is not None and sync.settings_dialog.isVisible()
                else None
            ),
            "the archive settings",
        )
        if self.archive is not None:
            dialog.test_button.click()
            await until(dialog.test_result.text, what="the connection test")
        await settle()
        await self.camera.shoot(dialog, "archive-settings")
        dialog.reject()
        await settle()
        window.session_tabs.setCurrentWidget(window.record)
        await settle()
        await self.camera.shoot(window.statusBar(), "status-bar")
        sheet = help_menu.show_shortcuts()
        await settle(0.5)
        await self.camera.shoot(sheet, "shortcuts")
        sheet.reject()
        await settle()


async def until_visible(kind: type[QWidget]) -> Any:
    """Wait for a dialog of ``kind`` to show; return it."""
    await until(lambda: visible(kind) is not None, what=kind.__name__)
    await settle()
    return visible(kind)


# ---------------------------------------------------------------------- running it
async def shoot_language(qapp: QApplication, language: str, use_archive: bool) -> None:
    """Run the app in a fresh data folder (with an archive if wanted) and shoot the show."""
    with county_archive(use_archive) as archive, tempfile.TemporaryDirectory() as temp:
        data_dir = Path(temp) / "data"
        data_dir.mkdir()
        settings = AppSettings(language=language, sync_interval_minutes=60)
        credentials = MemoryCredentialStore()
        if archive is not None:
            settings = replace(settings, archive_url=archive.url)
            credentials.set(ARCHIVE_CREDENTIAL_KEY, archive.studio_key)
        save_settings(data_dir, settings)
        gateway = FakeObsGateway()
        gateway.scenes = list(SCENES)
        gateway.program = SCENES[0]
        running = RunningApp(qapp, data_dir, gateway=gateway, credentials=credentials)
        errors: list[str] = []
        # An unexpected error would only show a message box: fail the run instead.
        running.reporter._show = lambda summary, details: errors.append(f"{summary}\n{details}")  # type: ignore[method-assign]
        await running.start()
        try:
            await Show(language, running, archive).run()
            if errors:
                raise RuntimeError("the app reported errors:\n" + "\n".join(errors))
        finally:
            for widget in QApplication.topLevelWidgets():
                if isinstance(widget, QDialog) and widget.isVisible():
                    widget.reject()
            await running.stop()


def main(argv: list[str] | None = None) -> int:
    """Shoot one language, or each in its own process (Qt's translators are per process)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", choices=[*LANGUAGES, "all"], default="all")
    parser.add_argument(
        "--no-archive", action="store_true", help="no PostgreSQL: keep the department's reply local"
    )
    options = parser.parse_args(argv)
    if options.lang == "all":  # one process per language: Qt's translators are per process
        extra = ["--no-archive"] if options.no_archive else []
        for language in LANGUAGES:
            print(f"{language}:", flush=True)
            command = [sys.executable, __file__, "--lang", language, *extra]
            if subprocess.run(command, check=False).returncode != 0:
                return 1
        return 0
    if not SAMPLE_QUESTIONS.exists():
        print(f"missing {SAMPLE_QUESTIONS}", file=sys.stderr)
        return 1
    folder = DOCS / "images" / options.lang
    for old in folder.glob("*.png"):
        old.unlink()
    qapp = QApplication(sys.argv[:1])
    qapp.setQuitOnLastWindowClosed(False)
    translators = i18n.install_translators(qapp, options.lang)
    collector = MainThreadGarbageCollector(qapp)
    collector.start()
    try:
        with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(qapp)) as runner:
            runner.run(shoot_language(qapp, options.lang, not options.no_archive))
    finally:
        collector.stop()
        del translators
    return 0


if __name__ == "__main__":
    sys.exit(main())
