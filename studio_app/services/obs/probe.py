"""Waiting for a connection verdict: connected, or a reason it is not (CLI and settings test)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from studio_app.services.obs.model import (
    ConnectionState,
    ConnectionStatus,
    ObsGateway,
    ObsSettings,
)

#: States that are not a verdict yet.
_UNDECIDED = (ConnectionState.STOPPED, ConnectionState.CONNECTING)


async def wait_for_verdict(gateway: ObsGateway, timeout: float) -> ConnectionStatus:
    """Wait (at most ``timeout`` s) until a started gateway is connected or knows why not."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while gateway.status.state in _UNDECIDED and loop.time() < deadline:
        await asyncio.sleep(0.02)
    return gateway.status


async def probe(
    factory: Callable[[ObsSettings], ObsGateway], settings: ObsSettings, timeout: float = 3.0
) -> ConnectionStatus:
    """Try ``settings`` on a throw-away gateway and return what happened.

    Still connecting when the time is up is reported as unreachable: something answered
    slowly or not at all.
    """
    gateway = factory(settings)
    await gateway.start()
    try:
        status = await wait_for_verdict(gateway, timeout)
    finally:
        await gateway.stop()
    if status.state in _UNDECIDED:
        return ConnectionStatus(ConnectionState.UNREACHABLE, "timeout")
    return status
