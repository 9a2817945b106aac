"""Errors of the OBS gateway, free of obsws-python types so callers never import it."""

from __future__ import annotations


class ObsError(Exception):
    """Base of every OBS gateway error."""


class ObsNotConnectedError(ObsError):
    """A request was made while the gateway is not connected to OBS."""


class ObsConnectionLostError(ObsError):
    """The connection broke during the request (OBS quit, crashed or stalled)."""


class ObsRequestError(ObsError):
    """OBS refused a request (e.g. code 600: no such scene).

    Attributes:
        request: The request type, e.g. ``"SetCurrentProgramScene"``.
        code: obs-websocket's request status code.
        comment: OBS's explanation, if it gave one.
    """

    def __init__(self, request: str, code: int, comment: str = "") -> None:
        super().__init__(f"{request} refused by OBS (code {code}): {comment}")
        self.request = request
        self.code = code
        self.comment = comment


#: obs-websocket request status codes the app reacts to.
RESOURCE_NOT_FOUND = 600
RESOURCE_ALREADY_EXISTS = 601
OUTPUT_NOT_RUNNING = 501
OUTPUT_RUNNING = 500
STUDIO_MODE_NOT_ACTIVE = 506
