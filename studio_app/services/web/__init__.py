"""The app's local web server: browser-source overlay (loopback) and LAN question form."""

from studio_app.services.web.http import Limits
from studio_app.services.web.network import lan_address
from studio_app.services.web.server import SubmitCallback, WebServer, qr_png
from studio_app.services.web.submission import DEFAULT_LABELS, FORM_LANGUAGES, LabelSource

__all__ = [
    "DEFAULT_LABELS",
    "FORM_LANGUAGES",
    "LabelSource",
    "Limits",
    "SubmitCallback",
    "WebServer",
    "lan_address",
    "qr_png",
]
