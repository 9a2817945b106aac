"""OverlayService with a fake OBS and a fake renderer: images in place before shown, re-applied."""

from __future__ import annotations

import asyncio
from pathlib import Path

from studio_app.domain.overlay import (
    ComingUp,
    LowerThird,
    OverlayElement,
    OverlayState,
    QuestionCard,
)
from studio_app.services.obs.model import ConnectionState, ConnectionStatus
from studio_app.services.obs.prepare import OVERLAY_INPUTS, OVERLAY_SCENE, prepare_obs
from studio_app.services.overlay.model import Rect, RenderedElement
from studio_app.services.overlay.service import OverlayService
from tests.fakes.obs import FakeObsGateway

E = OverlayElement


class FakeRenderer:
    """Encodes the element's content as the 'PNG' so tests can read what was drawn."""

    def __init__(self) -> None:
        self.calls: list[E] = []

    def geometry(self, element: E, width: int, height: int) -> Rect:
        return Rect(100, 800, 1720, 200) if element is E.QUESTION else Rect(0, 0, 10, 10)

    def render(self, element: E, state: OverlayState) -> RenderedElement:
        self.calls.append(element)
        box = self.geometry(element, state.width, state.height)
        return RenderedElement(
            element, repr(state.content(element)).encode(), box.x, box.y, box.width, box.height
        )


def question_state(text: str, visible: bool = True) -> OverlayState:
    return OverlayState(question=QuestionCard(text=text), question_visible=visible)


def on_air_file(gateway: FakeObsGateway) -> Path:
    return Path(gateway.input_settings[OVERLAY_INPUTS["question"]]["file"])


def shown(gateway: FakeObsGateway, element: E) -> bool:
    return gateway.shown(OVERLAY_SCENE, OVERLAY_INPUTS[element.value])


async def connected(tmp_path: Path) -> tuple[FakeObsGateway, FakeRenderer, OverlayService]:
    gateway, renderer = FakeObsGateway(), FakeRenderer()
    service = OverlayService(renderer, gateway, tmp_path / "overlay")
    await gateway.start()
    await asyncio.sleep(0.05)
    await service.tasks.wait_idle()
    return gateway, renderer, service


def test_a_question_is_drawn_written_and_then_shown(tmp_path: Path) -> None:
    async def main() -> None:
        gateway, _renderer, service = await connected(tmp_path)
        # Connecting created the overlay pieces (hidden) by itself.
        assert OVERLAY_SCENE in gateway.scenes
        assert not shown(gateway, E.QUESTION)
        gateway.requests.clear()
        await service.show(question_state("村口路灯什么时候修？"))
        assert shown(gateway, E.QUESTION)
        assert "村口路灯什么时候修？" in on_air_file(gateway).read_text()
        kinds = [r for r, _ in gateway.requests]
        assert kinds.index("SetInputSettings") < kinds.index("SetSceneItemEnabled")
        assert ("SetSceneItemTransform") in kinds  # placed at the element's box

        # The next question goes to the other file, so OBS reloads the image.
        first = on_air_file(gateway)
        await service.show(question_state("医保怎么交？"))
        assert on_air_file(gateway) != first
        assert "医保怎么交？" in on_air_file(gateway).read_text()
        await service.close()

    asyncio.run(main())


def test_unchanged_state_sends_nothing_and_hiding_only_switches_off(tmp_path: Path) -> None:
    async def main() -> None:
        gateway, renderer, service = await connected(tmp_path)
        state = question_state("路灯")
        await service.show(state)
        gateway.requests.clear()
        renderer.calls.clear()
        await service.show(state)
        assert gateway.requests == [] and renderer.calls == []
        await service.show(question_state("路灯", visible=False))
        assert [r for r, _ in gateway.requests] == ["SetSceneItemEnabled"]
        assert not shown(gateway, E.QUESTION) and renderer.calls == []
        await service.close()

    asyncio.run(main())


def test_every_element_independently(tmp_path: Path) -> None:
    async def main() -> None:
        gateway, _renderer, service = await connected(tmp_path)
        state = OverlayState(
            question=QuestionCard(text="问"),
            coming_up=ComingUp("接下来", ("一", "二")),
            coming_up_visible=True,
            lower_third=LowerThird(name="王主任", title="主任", department="交通运输局"),
            lower_third_visible=True,
        )
        await service.show(state)
        assert [shown(gateway, e) for e in E] == [False, True, True]
        await service.close()

    asyncio.run(main())


def test_nothing_is_sent_while_disconnected_and_everything_comes_back_after(
    tmp_path: Path,
) -> None:
    async def main() -> None:
        gateway, _renderer, service = await connected(tmp_path)
        await service.show(question_state("第一个问题"))
        # OBS dies and comes back empty (killed before it saved its scenes).
        gateway.set_status(ConnectionStatus(ConnectionState.NOT_RUNNING))
        await service.show(question_state("断线时上屏的问题"))  # no error, nothing sent
        gateway.scenes = ["Scene"]
        gateway.inputs.clear()
        gateway.scene_items.clear()
        gateway.item_enabled.clear()
        await gateway.start()
        await asyncio.sleep(0.05)
        await service.tasks.wait_idle()
        assert shown(gateway, E.QUESTION)
        assert "断线时上屏的问题" in on_air_file(gateway).read_text()
        # The overlay scene went back on top of the program scene, so it is on air.
        assert OVERLAY_SCENE in gateway.scene_items["Scene"]
        await service.close()

    asyncio.run(main())


def test_prepare_puts_the_overlay_on_every_operator_scene_once(tmp_path: Path) -> None:
    async def main() -> None:
        gateway = FakeObsGateway()
        gateway.scenes = ["Scene", "访谈 Interview"]
        await gateway.start()
        first = await prepare_obs(gateway)
        again = await prepare_obs(gateway)
        for scene in ("Scene", "访谈 Interview"):
            assert gateway.scene_items[scene].count(OVERLAY_SCENE) == 1
        assert OVERLAY_SCENE not in gateway.scene_items.get("VS 待机画面 Standby", [])
        assert any("←" in c for c in first.created)
        assert not any("←" in c for c in again.created)

    asyncio.run(main())


def test_a_state_drawn_ahead_is_not_drawn_again_when_taken(tmp_path: Path) -> None:
    async def main() -> None:
        gateway, renderer, service = await connected(tmp_path)
        upcoming = question_state("下一个问题")
        await service.prepare(upcoming)
        assert renderer.calls == [E.QUESTION]
        assert not shown(gateway, E.QUESTION)  # drawn, not shown
        await service.show(upcoming)
        assert renderer.calls == [E.QUESTION]  # not drawn a second time
        assert shown(gateway, E.QUESTION)
        assert "下一个问题" in on_air_file(gateway).read_text()
        await service.close()

    asyncio.run(main())
