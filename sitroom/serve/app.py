"""The ASGI app: a read-only JSON API under ``/api`` and server-rendered pages.

    app = create_app("sitroom.db", settings)      # or an open Store
    uvicorn.run(app)

Every error, from a bad parameter to an unknown route or a crash, answers with
one envelope ``{"ok": false, "error": message, "status": code}`` (an HTML page
with the same message for a browser asking for a page). Every response carries
a strict Content-Security-Policy: scripts and styles come only from
``/static``, never inline and never from another host.
"""
from __future__ import annotations

import gc
import logging
import os
import threading
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import SitroomError
from ..settings import Settings

log = logging.getLogger(__name__)

HERE = Path(__file__).parent

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


class StoreProvider:
    """Hands each worker thread its own store (SQLite connections stay in their thread).

    Given an already open store, hands out that one store instead.
    """

    def __init__(self, db: Any, *, readonly: bool = True):
        from ..store import open_store

        self._fixed = None if isinstance(db, (str, os.PathLike)) else db
        self._db = None if self._fixed is not None else os.fspath(db)
        self._readonly = readonly
        self._local = threading.local()
        self._opened: list[Any] = []
        self._lock = threading.Lock()
        if self._db in ("", ":memory:", "sqlite://", "sqlite:///", "sqlite:///:memory:"):
            self._fixed = open_store(self._db)  # one in-memory database, shared
        elif self._db is not None:
            open_store(self._db).close()  # create and migrate once; workers may open read-only

    def get(self) -> Any:
        if self._fixed is not None:
            return self._fixed
        store = getattr(self._local, "store", None)
        if store is None:
            from ..store import open_store

            store = open_store(self._db, readonly=self._readonly)
            self._local.store = store
            with self._lock:
                self._opened.append(store)
        return store

    def close(self) -> None:
        with self._lock:
            opened, self._opened = self._opened, []
        for store in opened:
            try:
                store.close()
            except Exception:  # another thread's connection; it goes with the process
                log.debug("could not close a store", exc_info=True)
        self._local = threading.local()


def create_app(db: Any = None, settings: Settings | None = None) -> FastAPI:
    """The sitroom web app over the store at ``db`` (a path, URL or open store)."""
    settings = settings or Settings()
    # read-only connections unless ingest over the API is switched on
    provider = StoreProvider(db if db is not None else settings.db, readonly=not settings.api_token)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        # Everything loaded so far (FastAPI, Jinja, the routes: ~125k objects) lives as long
        # as the app: out of the collector's way, a full collection no longer pauses a
        # request for ~100 ms (bench/api_latency.py p95).
        gc.freeze()
        yield
        provider.close()

    app = FastAPI(title="sitroom", version="1", lifespan=lifespan,
                  description="News in, structured and traceable intelligence out.",
                  docs_url=None, redoc_url=None)
    app.state.settings = settings
    app.state.stores = provider

    from . import api, facts, geo, pages, positions, stories

    app.include_router(positions.router)  # the positions board (before api/pages: it owns /positions)
    app.include_router(api.router)
    app.include_router(pages.router)
    for module in (facts, geo, stories):  # permalinks, the map, storylines and duplicates
        app.include_router(module.router)
        app.include_router(module.api_router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    _install_error_handlers(app)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        return response

    return app


# ---------------------------------------------------------------- errors

def error_body(message: str, status: int) -> dict:
    return {"ok": False, "error": message, "status": status}


def _wants_html(request: Request) -> bool:
    if request.url.path.startswith("/api/") or request.url.path == "/api":
        return False
    return "text/html" in request.headers.get("accept", "")


def error_response(request: Request, message: str, status: int,
                   headers: dict[str, str] | None = None) -> Response:
    if _wants_html(request):
        from .pages import render

        html = render("error.html", request=request, message=message, status=status)
        response: Response = HTMLResponse(html, status_code=status, headers=headers)
    else:
        response = JSONResponse(error_body(message, status), status_code=status, headers=headers)
    for key, value in SECURITY_HEADERS.items():
        response.headers.setdefault(key, value)
    return response


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body"))
        parts.append(f"{where}: {err.get('msg', 'invalid')}" if where else str(err.get("msg")))
    return "bad parameter: " + "; ".join(parts) if parts else "bad parameters"


_REASONS = {400: "bad request", 401: "authentication required", 403: "forbidden",
            404: "not found", 405: "method not allowed", 413: "request too large"}


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def on_validation(request: Request, exc: RequestValidationError):
        return error_response(request, _validation_message(exc), 400)

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException):
        status = exc.status_code
        detail = exc.detail if isinstance(exc.detail, str) else None
        if status == 404 and (not detail or detail == "Not Found"):
            detail = f"not found: {request.url.path}"
        elif status == 405 and (not detail or detail == "Method Not Allowed"):
            detail = f"method {request.method} not allowed on {request.url.path}"
        message = detail or _REASONS.get(status, "error")
        return error_response(request, message, status, getattr(exc, "headers", None))

    @app.exception_handler(SitroomError)
    async def on_sitroom(request: Request, exc: SitroomError):
        if exc.status >= 500:
            log.exception("request failed: %s", request.url.path, exc_info=exc)
            return error_response(request, "internal error", exc.status)
        return error_response(request, str(exc), exc.status)

    @app.exception_handler(Exception)
    async def on_crash(request: Request, exc: Exception):
        log.error("request failed: %s", request.url.path, exc_info=exc)
        return error_response(request, "internal error", 500)
