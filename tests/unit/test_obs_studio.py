"""ObsStudio's state machine over a fake gateway: events drive the snapshot."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from studio_app.services.obs.errors import ObsRequestError
from studio_app.services.obs.model import ConnectionState, ConnectionStatus, version_tuple
from studio_app.services.obs.studio import ObsStudio, OutputEvent, OutputState
from tests.fakes.obs import FakeObsGateway


def _started(kind: str) -> dict[str, object]:
    return {"outputActive": True, "outputState": f"OBS_WEBSOCKET_OUTPUT_{kind}"}


def test_connect_refreshes_and_events_drive_the_snapshot() -> None:
    async def scenario() -> None:
        gateway = FakeObsGateway()
        gateway.scenes = ["主持人", "嘉宾", "备用画面"]
        gateway.program = "主持人"
        studio = ObsStudio(gateway)
        snapshots = []
        studio.add_listener(snapshots.append)
        await gateway.start()
        await studio.wait_refreshed(1)
        assert studio.snapshot.scenes == ("主持人", "嘉宾", "备用画面")
        assert studio.snapshot.program_scene == "主持人"
        assert studio.snapshot.connection.connected
        await studio.switch_scene("嘉宾")
        assert studio.snapshot.program_scene == "嘉宾"
        with pytest.raises(ObsRequestError):
            await studio.switch_scene("不存在")
        assert snapshots[-1] == studio.snapshot
        gateway.set_status(ConnectionStatus(ConnectionState.NOT_RUNNING, "refused"))
        assert studio.snapshot.connection.state is ConnectionState.NOT_RUNNING
        await studio.close()

    asyncio.run(scenario())


def test_record_events_carry_the_file_and_a_failed_stream_is_flagged() -> None:
    async def scenario() -> list[OutputEvent]:
        gateway = FakeObsGateway()
        studio = ObsStudio(gateway)
        outputs: list[OutputEvent] = []
        studio.add_output_listener(outputs.append)
        await gateway.start()
        await studio.wait_refreshed(1)
        for state in ("STARTING", "STARTED", "STOPPING"):
            gateway.emit("RecordStateChanged", _started(state) | {"outputPath": None})
        gateway.emit(
            "RecordStateChanged",
            {
                "outputActive": False,
                "outputState": "OBS_WEBSOCKET_OUTPUT_STOPPED",
                "outputPath": "/rec/2026-11-22 14-00-00.mkv",
            },
        )
        assert studio.snapshot.record is OutputState.STOPPED
        assert studio.snapshot.last_record_path == "/rec/2026-11-22 14-00-00.mkv"
        # A stream that never reached STARTED failed to connect (OBS gives no reason).
        gateway.emit("StreamStateChanged", _started("STARTING"))
        gateway.emit(
            "StreamStateChanged",
            {"outputActive": False, "outputState": "OBS_WEBSOCKET_OUTPUT_STOPPED"},
        )
        # A stream that did start and then stopped did not fail.
        for state in ("STARTING", "STARTED", "STOPPING", "STOPPED"):
            gateway.emit("StreamStateChanged", {"outputState": f"OBS_WEBSOCKET_OUTPUT_{state}"})
        await studio.close()
        return outputs

    outputs = asyncio.run(scenario())
    records = [o for o in outputs if o.output == "record"]
    assert [o.state for o in records] == [
        OutputState.STARTING,
        OutputState.STARTED,
        OutputState.STOPPING,
        OutputState.STOPPED,
    ]
    streams = [o for o in outputs if o.output == "stream"]
    assert [o.failed for o in streams] == [False, True, False, False, False, False]


def test_studio_mode_off_clears_the_preview() -> None:
    async def scenario() -> None:
        gateway = FakeObsGateway()
        studio = ObsStudio(gateway)
        await gateway.start()
        await studio.wait_refreshed(1)
        gateway.emit("CurrentPreviewSceneChanged", {"sceneName": "嘉宾"})
        assert studio.snapshot.preview_scene == "嘉宾"
        gateway.emit("StudioModeStateChanged", {"studioModeEnabled": False})
        assert studio.snapshot.preview_scene == ""
        assert studio.snapshot.studio_mode is False
        await studio.close()

    asyncio.run(scenario())


@pytest.mark.parametrize(
    ("text", "expected"),
    [("5.1.0", (5, 1, 0)), ("5.5.4", (5, 5, 4)), ("29.0.2-1+b1", (29, 0, 2)), ("", (0,))],
)
def test_version_tuple(text: str, expected: tuple[int, ...]) -> None:
    assert version_tuple(text) == expected


def test_record_directory_uses_the_profile_parameter_on_websocket_5_1(tmp_path) -> None:
    async def scenario() -> list[tuple[str, object]]:
        gateway = FakeObsGateway()
        studio = ObsStudio(gateway)
        await gateway.start()
        await studio.wait_refreshed(1)
        gateway.requests.clear()
        await studio.set_record_directory(tmp_path)
        await studio.close()
        return gateway.requests

    requests = asyncio.run(scenario())
    assert requests[-1] == (
        "SetProfileParameter",
        {
            "parameterCategory": "SimpleOutput",
            "parameterName": "FilePath",
            "parameterValue": str(tmp_path),
        },
    )


def test_record_directory_uses_the_request_this_obs_websocket_has() -> None:
    async def scenario() -> None:
        for version, expected in (
            ("5.5.0", "SetRecordDirectory"),
            ("5.1.0", "SetProfileParameter"),
        ):
            gateway = FakeObsGateway()
            studio = ObsStudio(gateway)
            gateway.set_status(
                ConnectionStatus(
                    ConnectionState.CONNECTED, obs_version="31.0.0", websocket_version=version
                )
            )
            await studio.wait_refreshed(1)
            await studio.set_record_directory(Path("/srv/录像"))
            sent = [name for name, _data in gateway.requests]
            assert expected in sent, (version, sent)
            if version == "5.1.0":  # Simple output mode: the SimpleOutput/FilePath parameter
                assert gateway.requests[-1] == (
                    "SetProfileParameter",
                    {
                        "parameterCategory": "SimpleOutput",
                        "parameterName": "FilePath",
                        "parameterValue": "/srv/录像",
                    },
                )
            else:
                assert "SetProfileParameter" not in sent
            await studio.close()

    asyncio.run(scenario())
