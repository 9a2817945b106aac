"""Puts the overlay state on air: renders changed elements, points OBS's image sources at them.

Each element is an image source in the overlay scene (see ``services.obs.prepare``). A change
renders the element on the overlay thread, writes the PNG atomically under a file name that
alternates, so OBS reloads it, and then shows or hides the scene item: the new image is in
place before it is switched on. After OBS reconnects (or restarts), the missing pieces are
created again and the whole state is re-applied, so what was on air comes back by itself.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from studio_app.domain.overlay import OverlayElement, OverlayState
from studio_app.services.obs.errors import ObsConnectionLostError, ObsError, ObsNotConnectedError
from studio_app.services.obs.model import ConnectionState, ConnectionStatus, ObsGateway
from studio_app.services.obs.prepare import OVERLAY_INPUTS, OVERLAY_SCENE, ensure_overlay
from studio_app.services.overlay.model import OverlayRenderer, Rect, RenderedElement
from studio_app.services.tasks import TaskSet

log = logging.getLogger(__name__)

StateListener = Callable[[OverlayState], None]


class OverlayService:
    """The one overlay state of the app, kept on air in OBS and sent to listeners.

    ``show`` may be called at any rate: changes are applied in order, and a state that was
    overtaken by a newer one while waiting is skipped.
    """

    def __init__(
        self,
        renderer: OverlayRenderer,
        gateway: ObsGateway,
        folder: Path,
    ) -> None:
        self._renderer = renderer
        self._gateway = gateway
        self._folder = folder
        self._executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="overlay-render"
        )
        self._lock = asyncio.Lock()
        self._listeners: list[StateListener] = []
        self.tasks = TaskSet()
        #: The state the operator asked for last, and the one OBS shows.
        self.state = OverlayState()
        self._applied: OverlayState | None = None
        self._files: dict[OverlayElement, Path] = {}
        self._rendered: dict[OverlayElement, RenderedElement] = {}
        self._items: dict[OverlayElement, int] = {}
        self._positions: dict[OverlayElement, Rect] = {}
        self._flip = dict.fromkeys(OverlayElement, 0)
        #: Recent drawings by content and canvas size (touched on the overlay thread only).
        self._cache: dict[tuple[object, ...], RenderedElement] = {}
        self._canvas = (1920, 1080)
        self.last_error: ObsError | None = None
        gateway.add_status_listener(self._on_gateway_status)

    # ------------------------------------------------------------------ public
    def add_listener(self, listener: StateListener) -> None:
        """Call ``listener(state)`` with every new state (e.g. the browser renderer)."""
        self._listeners.append(listener)
        listener(self.state)

    @property
    def canvas(self) -> tuple[int, int]:
        """OBS's base resolution (the overlay is drawn at this size)."""
        return self._canvas

    def render_preview(self, element: OverlayElement, state: OverlayState) -> RenderedElement:
        """Draw ``element`` exactly as it would air (on the calling thread)."""
        return self._renderer.render(element, self._sized(state))

    async def show(self, state: OverlayState) -> None:
        """Make ``state`` the overlay: on air in OBS when connected, and to every listener.

        Raises:
            ObsError: OBS refused a request (the state is kept and re-applied on reconnect).
        """
        self.state = self._sized(state)
        for listener in list(self._listeners):
            listener(self.state)
        await self._apply(force=False)

    async def prepare(self, state: OverlayState) -> None:
        """Draw ``state``'s elements ahead of time (e.g. the next question in the queue).

        A later :meth:`show` with the same content then only writes the file and tells OBS:
        the take to air skips the drawing.
        """
        state = self._sized(state)
        loop = asyncio.get_running_loop()
        for element in OverlayElement:
            if state.content(element) is not None and _cache_key(element, state) not in self._cache:
                await loop.run_in_executor(self._executor, self._render_cached, element, state)

    async def reapply(self) -> None:
        """Create missing overlay pieces in OBS and put the whole current state on air again."""
        try:
            await ensure_overlay(self._gateway)
            video = await self._gateway.call("GetVideoSettings")
        except (ObsNotConnectedError, ObsConnectionLostError):
            return
        canvas = (int(video.get("baseWidth", 1920)), int(video.get("baseHeight", 1080)))
        if canvas != self._canvas:
            self._canvas = canvas
            self.state = self._sized(self.state)
        self._items.clear()
        self._positions.clear()
        self._applied = None
        await self._apply(force=True)

    async def _reapply_after_connect(self) -> None:
        try:
            await self.reapply()
        except (ObsError, RuntimeError) as error:
            # Shown by the live view (``last_error``); the next reconnect tries again.
            log.warning("could not put the overlay back on air: %s", error)
            self.last_error = error if isinstance(error, ObsError) else None

    async def close(self) -> None:
        """Stop background work and the render thread."""
        await self.tasks.cancel_all()
        self._executor.shutdown(wait=False, cancel_futures=True)

    # ------------------------------------------------------------------ applying
    def _sized(self, state: OverlayState) -> OverlayState:
        width, height = self._canvas
        if (state.width, state.height) == (width, height):
            return state
        return replace(state, width=width, height=height)

    async def _apply(self, *, force: bool) -> None:
        async with self._lock:
            state = self.state
            if not force and state == self._applied:
                return
            if not self._gateway.status.connected:
                return  # re-applied on reconnect
            try:
                for element in OverlayElement:
                    await self._apply_element(element, state, self._applied)
            except (ObsNotConnectedError, ObsConnectionLostError):
                self._applied = None
                return
            except ObsError as error:
                self._applied = None
                self.last_error = error
                raise
            self._applied = state
            self.last_error = None

    async def _apply_element(
        self, element: OverlayElement, state: OverlayState, before: OverlayState | None
    ) -> None:
        shows = state.shows(element)
        changed = (
            before is None
            or state.content(element) != before.content(element)
            or (state.width, state.height) != (before.width, before.height)
        )
        if shows and (changed or element not in self._files):
            await self._put_image(element, state)
        elif changed:
            # Hidden and changed: drawn again when it is next shown.
            self._files.pop(element, None)
        if before is None or shows != before.shows(element):
            await self._gateway.call(
                "SetSceneItemEnabled",
                {
                    "sceneName": OVERLAY_SCENE,
                    "sceneItemId": await self._item_id(element),
                    "sceneItemEnabled": shows,
                },
            )

    async def _put_image(self, element: OverlayElement, state: OverlayState) -> None:
        loop = asyncio.get_running_loop()
        rendered = await loop.run_in_executor(
            self._executor, self._render_and_write, element, state
        )
        path = self._files[element]
        await self._gateway.call(
            "SetInputSettings",
            {"inputName": OVERLAY_INPUTS[element.value], "inputSettings": {"file": str(path)}},
        )
        if self._positions.get(element) != rendered.rect:
            await self._gateway.call(
                "SetSceneItemTransform",
                {
                    "sceneName": OVERLAY_SCENE,
                    "sceneItemId": await self._item_id(element),
                    "sceneItemTransform": _transform(rendered.rect),
                },
            )
            self._positions[element] = rendered.rect

    def _render_cached(self, element: OverlayElement, state: OverlayState) -> RenderedElement:
        """On the overlay thread: draw, or take the drawing :meth:`prepare` made."""
        key = _cache_key(element, state)
        rendered = self._cache.pop(key, None)
        if rendered is None:
            rendered = self._renderer.render(element, state)
        self._cache[key] = rendered  # newest last
        while len(self._cache) > CACHE_SIZE:
            del self._cache[next(iter(self._cache))]
        return rendered

    def _render_and_write(self, element: OverlayElement, state: OverlayState) -> RenderedElement:
        """On the overlay thread: draw and write atomically under the next alternate name."""
        rendered = self._render_cached(element, state)
        self._flip[element] ^= 1
        path = self._folder / f"{element.value}-{self._flip[element]}.png"
        self._folder.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_bytes(rendered.png)
        os.replace(temporary, path)
        self._files[element] = path
        self._rendered[element] = rendered
        return rendered

    async def _item_id(self, element: OverlayElement) -> int:
        found = self._items.get(element)
        if found is None:
            reply = await self._gateway.call(
                "GetSceneItemId",
                {"sceneName": OVERLAY_SCENE, "sourceName": OVERLAY_INPUTS[element.value]},
            )
            found = self._items[element] = int(reply["sceneItemId"])
        return found

    def _on_gateway_status(self, status: ConnectionStatus) -> None:
        if status.state is ConnectionState.CONNECTED:
            self.tasks.spawn(self._reapply_after_connect(), name="overlay-reapply")
        else:
            self._items.clear()
            self._applied = None


#: How many drawings are kept for reuse (current and next per element, plus a few).
CACHE_SIZE = 8


def _cache_key(element: OverlayElement, state: OverlayState) -> tuple[object, ...]:
    return (element, state.content(element), state.width, state.height)


def _transform(rect: Rect) -> dict[str, Any]:
    return {
        "positionX": float(rect.x),
        "positionY": float(rect.y),
        "alignment": 5,  # top left
        "scaleX": 1.0,
        "scaleY": 1.0,
        "boundsType": "OBS_BOUNDS_NONE",
    }
