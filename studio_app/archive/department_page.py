"""The departments' web page: a static page in the browser over the department API.

The page keeps no data of its own. It calls ``GET /v1/department/follow-ups`` and
``POST /v1/department/follow-ups/{id}/events`` from the browser with the credential the
clerk pastes, which stays in that tab's ``sessionStorage``. Its three files are served with a
strict Content-Security-Policy (no inline script or style, same-origin requests only) and are
left out of the OpenAPI description, which describes the API alone.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from importlib import resources

from fastapi import FastAPI
from fastapi.responses import RedirectResponse, Response

PAGE_PATH = "/department"
#: No inline script or style, nothing from another origin, no plugins, no framing, and no
#: form submission (the sign-in form is handled by the script; without the script it must
#: not send the credential anywhere).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
}
#: URL path -> (file in ``static/``, media type).
FILES = {
    PAGE_PATH: ("department.html", "text/html; charset=utf-8"),
    f"{PAGE_PATH}/app.js": ("department.js", "text/javascript; charset=utf-8"),
    f"{PAGE_PATH}/app.css": ("department.css", "text/css; charset=utf-8"),
}


def _serve(body: bytes, media_type: str) -> Callable[[], Awaitable[Response]]:
    async def serve() -> Response:
        return Response(body, media_type=media_type, headers=SECURITY_HEADERS)

    return serve


async def _to_page() -> RedirectResponse:
    return RedirectResponse(PAGE_PATH, status_code=303, headers={"Cache-Control": "no-store"})


def add_department_page(app: FastAPI) -> None:
    """Serve the page at ``/department`` (and send ``/`` there), outside the API schema."""
    static = resources.files("studio_app.archive").joinpath("static")
    for path, (name, media_type) in FILES.items():
        body = static.joinpath(name).read_bytes()  # read once: a missing file fails at start
        app.add_api_route(path, _serve(body, media_type), methods=["GET"], include_in_schema=False)
    app.add_api_route("/", _to_page, methods=["GET"], include_in_schema=False)
