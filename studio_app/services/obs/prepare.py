"""Prepare OBS for the app: create, idempotently, the scenes and sources it needs.

Nothing the operator already has is changed: existing scenes and inputs are left as they are,
and ours are only created where missing. Names are fixed (not translated), so a Chinese and an
English installation recognise the same pieces.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from studio_app.services.obs.model import ObsGateway

#: The emergency slate the operator cuts to (PRODUCT.md: standby in an emergency).
STANDBY_SCENE = "VS 待机画面 Standby"
STANDBY_BACKGROUND = "VS 待机背景 Standby background"
STANDBY_TEXT = "VS 待机文字 Standby text"
STANDBY_MESSAGE = "直播马上回来 · We will be right back"

#: Text source kinds by preference: FreeType on Linux, GDI+ on Windows (v3 from OBS 30.2).
TEXT_KINDS = ("text_ft2_source_v2", "text_gdiplus_v3", "text_gdiplus_v2", "text_gdiplus")
COLOR_KINDS = ("color_source_v3", "color_source_v2", "color_source")
#: FreeType has no glyph fallback: without a CJK face Chinese shows as boxes (OBS_FACTS.md).
CJK_FONTS = {"text_ft2_source_v2": "Noto Sans CJK SC"}
DEFAULT_CJK_FONT = "Microsoft YaHei"
#: OBS colours are ABGR: opaque dark blue.
STANDBY_COLOR = 0xFF4A2A1A


@dataclass(frozen=True, slots=True)
class Piece:
    """One scene or input the app needs: its name and what it is."""

    name: str
    kind: str


#: The on-air overlay: one scene holding an image source per overlay element, nested on top
#: of the operator's scenes, so showing or hiding an element is one switch in one place.
OVERLAY_SCENE = "VS 叠加层 Overlay"
#: Overlay element (``OverlayElement`` value) → its image source.
OVERLAY_INPUTS = {
    "question": "VS 提问 Question",
    "coming_up": "VS 预告 Coming up",
    "lower_third": "VS 字幕条 Lower third",
}
IMAGE_KINDS = ("image_source",)

REQUIRED: tuple[Piece, ...] = (
    Piece(STANDBY_SCENE, "scene"),
    Piece(STANDBY_BACKGROUND, "color"),
    Piece(STANDBY_TEXT, "text"),
    Piece(OVERLAY_SCENE, "scene"),
    *(Piece(name, "image") for name in OVERLAY_INPUTS.values()),
)


@dataclass
class PrepareReport:
    """What :func:`prepare_obs` created and what it found already there."""

    created: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)


@dataclass
class CheckReport:
    """What :func:`check_obs` found."""

    obs_version: str
    websocket_version: str
    scenes: list[str]
    program_scene: str
    missing: list[str]
    problems: list[str]

    @property
    def ok(self) -> bool:
        """Nothing missing and no problem."""
        return not self.missing and not self.problems


def _pick(kinds: tuple[str, ...], available: set[str]) -> str | None:
    return next((kind for kind in kinds if kind in available), None)


async def _inventory(gateway: ObsGateway) -> tuple[list[str], set[str], set[str], str]:
    scenes = await gateway.call("GetSceneList")
    inputs = await gateway.call("GetInputList")
    kinds = await gateway.call("GetInputKindList", {"unversioned": False})
    names = [str(s["sceneName"]) for s in reversed(scenes.get("scenes", []))]
    input_names = {str(i["inputName"]) for i in inputs.get("inputs", [])}
    return (
        names,
        input_names,
        {str(k) for k in kinds.get("inputKinds", [])},
        str(scenes.get("currentProgramSceneName") or ""),
    )


async def check_obs(gateway: ObsGateway) -> CheckReport:
    """List OBS's version and scenes and which of the app's pieces are missing."""
    version = await gateway.call("GetVersion")
    scenes, inputs, kinds, program = await _inventory(gateway)
    missing = [
        piece.name
        for piece in REQUIRED
        if (piece.kind == "scene" and piece.name not in scenes)
        or (piece.kind != "scene" and piece.name not in inputs)
    ]
    problems = []
    if _pick(TEXT_KINDS, kinds) is None:
        problems.append("no text source kind (" + ", ".join(TEXT_KINDS) + ")")
    if _pick(COLOR_KINDS, kinds) is None:
        problems.append("no colour source kind (" + ", ".join(COLOR_KINDS) + ")")
    if _pick(IMAGE_KINDS, kinds) is None:
        problems.append("no image source kind (" + ", ".join(IMAGE_KINDS) + ")")
    return CheckReport(
        obs_version=str(version.get("obsVersion", "")),
        websocket_version=str(version.get("obsWebSocketVersion", "")),
        scenes=scenes,
        program_scene=program,
        missing=missing,
        problems=problems,
    )


async def prepare_obs(gateway: ObsGateway) -> PrepareReport:
    """Create the standby slate and the overlay where missing; change nothing else.

    The overlay scene is put on top of every scene of the operator's that lacks it.

    Raises:
        ObsError: OBS is not connected or refused a request; what was created stays.
        RuntimeError: This OBS has no text or colour source kind.
    """
    report = PrepareReport()
    scenes, inputs, kinds, _program = await _inventory(gateway)
    text_kind = _pick(TEXT_KINDS, kinds)
    color_kind = _pick(COLOR_KINDS, kinds)
    if text_kind is None or color_kind is None:
        raise RuntimeError("this OBS has no text or colour source")
    video = await gateway.call("GetVideoSettings")
    width, height = int(video.get("baseWidth", 1920)), int(video.get("baseHeight", 1080))

    if STANDBY_SCENE in scenes:
        report.existing.append(STANDBY_SCENE)
    else:
        await gateway.call("CreateScene", {"sceneName": STANDBY_SCENE})
        report.created.append(STANDBY_SCENE)

    items = await gateway.call("GetSceneItemList", {"sceneName": STANDBY_SCENE})
    in_scene = {str(item["sourceName"]) for item in items.get("sceneItems", [])}
    wanted: list[tuple[str, str, dict[str, Any]]] = [
        (
            STANDBY_BACKGROUND,
            color_kind,
            {"color": STANDBY_COLOR, "width": width, "height": height},
        ),
        (
            STANDBY_TEXT,
            text_kind,
            {
                "text": STANDBY_MESSAGE,
                "font": {
                    "face": CJK_FONTS.get(text_kind, DEFAULT_CJK_FONT),
                    "size": max(48, height // 12),
                    "style": "Regular",
                    "flags": 0,
                },
            },
        ),
    ]
    for name, kind, settings in wanted:
        if name in inputs:
            report.existing.append(name)
            if name not in in_scene:
                await gateway.call(
                    "CreateSceneItem", {"sceneName": STANDBY_SCENE, "sourceName": name}
                )
            continue
        created = await gateway.call(
            "CreateInput",
            {
                "sceneName": STANDBY_SCENE,
                "inputName": name,
                "inputKind": kind,
                "inputSettings": settings,
                "sceneItemEnabled": True,
            },
        )
        report.created.append(name)
        if name == STANDBY_TEXT:
            # Centre the text: alignment 0 is the item's centre.
            await gateway.call(
                "SetSceneItemTransform",
                {
                    "sceneName": STANDBY_SCENE,
                    "sceneItemId": created["sceneItemId"],
                    "sceneItemTransform": {
                        "positionX": width / 2,
                        "positionY": height / 2,
                        "alignment": 0,
                    },
                },
            )
    await ensure_overlay(gateway, report, nest_into=[s for s in scenes if s not in OURS])
    return report


#: Scenes of the app's own that never carry the overlay.
OURS = frozenset({STANDBY_SCENE, OVERLAY_SCENE})


async def ensure_overlay(
    gateway: ObsGateway,
    report: PrepareReport | None = None,
    *,
    nest_into: list[str] | None = None,
) -> PrepareReport:
    """Create the overlay scene and its image sources where missing (hidden at first).

    ``nest_into``: scenes that get the overlay scene on top where they lack it; by default
    the current program scene when the overlay scene itself had to be created (OBS lost it,
    e.g. killed before it saved), so the question comes back on air by itself.
    """
    report = report if report is not None else PrepareReport()
    scenes, inputs, kinds, program = await _inventory(gateway)
    image_kind = _pick(IMAGE_KINDS, kinds)
    if image_kind is None:
        raise RuntimeError("this OBS has no image source")
    if OVERLAY_SCENE in scenes:
        report.existing.append(OVERLAY_SCENE)
    else:
        await gateway.call("CreateScene", {"sceneName": OVERLAY_SCENE})
        report.created.append(OVERLAY_SCENE)
        if nest_into is None and program and program not in OURS:
            nest_into = [program]
    items = await gateway.call("GetSceneItemList", {"sceneName": OVERLAY_SCENE})
    in_scene = {str(item["sourceName"]) for item in items.get("sceneItems", [])}
    for name in OVERLAY_INPUTS.values():
        if name in inputs:
            report.existing.append(name)
            if name not in in_scene:
                await gateway.call(
                    "CreateSceneItem",
                    {"sceneName": OVERLAY_SCENE, "sourceName": name, "sceneItemEnabled": False},
                )
            continue
        await gateway.call(
            "CreateInput",
            {
                "sceneName": OVERLAY_SCENE,
                "inputName": name,
                "inputKind": image_kind,
                "inputSettings": {"file": "", "unload": False},
                "sceneItemEnabled": False,
            },
        )
        report.created.append(name)
    for scene in nest_into or []:
        items = await gateway.call("GetSceneItemList", {"sceneName": scene})
        if any(str(i["sourceName"]) == OVERLAY_SCENE for i in items.get("sceneItems", [])):
            continue
        await gateway.call("CreateSceneItem", {"sceneName": scene, "sourceName": OVERLAY_SCENE})
        report.created.append(f"{scene} ← {OVERLAY_SCENE}")
    return report
