"""The local web page's HTTP contract (`mec-lint serve`), a Starlette application.

- `GET /` the page (Spanish; `?lang=en` English).
- `POST /check` multipart: `files` (repeatable), `layout` (optional workbook), `upload_date`
  (AAAA-MM-DD, optional: today) -> the HTML bitácora; `?format=json` -> exactly the JSON of
  `mec-lint check --format json` over the same files (named as the user's files are named).
  Header `X-Mec-Lint-Exit-Code`: the exit code `mec-lint check` would give.
- `GET /download/<token>/bitacora.(xlsx|json|html)`: the same run in another format (the last
  runs are kept in memory for an hour; nothing is written to disk).

A run is the command line's run (`Linter.run_inputs`) with the same configuration discovery and
limits; uploads live in a private temporary folder removed when the request ends. Bad input is
findings (as on the command line) or a 400/413 page, never a 500.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import secrets
import shutil
import tempfile
import threading
import time
from collections import OrderedDict
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from mec_lint.config import Config, ConfigError, load_config
from mec_lint.engine import Linter, RunResult
from mec_lint.inputs import Source, kind_of
from mec_lint.web.page import CSP, form_page, problem_page, result_page, words_for
from mec_lint.web.uploads import Form, FormProblem, TooLarge, read_form, request_cap

KEEP_RUNS = 20  # runs whose downloads stay available
KEEP_SECONDS = 3600
DOWNLOADS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
    "html": "text/html; charset=utf-8",
}
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


@dataclasses.dataclass
class _Kept:
    run: RunResult
    lang: str
    stamp: float


class Runs:
    """The last runs, in memory, so the page can offer their downloads (bounded in count and age)."""

    def __init__(self, size: int = KEEP_RUNS, seconds: float = KEEP_SECONDS) -> None:
        self.size = size
        self.seconds = seconds
        self.kept: OrderedDict[str, _Kept] = OrderedDict()
        self.lock = threading.Lock()

    def add(self, run: RunResult, lang: str) -> str:
        token = secrets.token_urlsafe(18)
        light = run.replace(files=[r.replace(facts=None, codes_ran=()) for r in run.files])
        with self.lock:
            self.kept[token] = _Kept(light, lang, time.monotonic())
            while len(self.kept) > self.size:
                self.kept.popitem(last=False)
        return token

    def get(self, token: str) -> _Kept | None:
        with self.lock:
            now = time.monotonic()
            for old in [t for t, k in self.kept.items() if now - k.stamp > self.seconds]:
                del self.kept[old]
            return self.kept.get(token)


class Problem(Exception):
    """A request that cannot be checked: an HTTP status and a message id of page.WORDS."""

    def __init__(self, status: int, message_id: str, **data: Any) -> None:
        super().__init__(message_id)
        self.status = status
        self.message_id = message_id
        self.data = data


def create_app(
    config_file: str | None = None, *, discover: bool = True, allowed_hosts: list[str] | None = None
) -> Starlette:
    """The application; `allowed_hosts` (the server's own names) refuses DNS-rebinding requests."""
    runs = Runs()
    lint_lock = threading.Lock()  # one check at a time: a check already uses every core it needs

    def base_config(values: dict[str, Any] | None = None) -> Config:
        return load_config(values or {}, config_file, discover=discover)

    def lang_of(request: Request) -> str:
        asked = request.query_params.get("lang")
        if asked in ("es", "en"):
            return asked
        try:
            return base_config().lang
        except ConfigError:
            return "es"

    def html(body: str, status: int = 200, extra: dict[str, str] | None = None) -> HTMLResponse:
        return HTMLResponse(body, status_code=status, headers={**HEADERS, **(extra or {})})

    def problem(request: Request, status: int, message: str) -> Response:
        if request.query_params.get("format") == "json":
            return JSONResponse({"error": message}, status_code=status, headers=HEADERS)
        return html(problem_page(lang_of(request), message), status)

    async def index(request: Request) -> Response:
        return html(form_page(lang_of(request), dt.date.today()))

    async def check(request: Request) -> Response:
        lang = lang_of(request)
        words = words_for(lang)
        folder = tempfile.mkdtemp(prefix="mec-lint-web-")  # private: mode 0700
        layout_fs: str | None = None
        try:
            form = await _receive(request, folder, base_config)
            layout_fs = form.layout.fs_path if form.layout else None
            values = _values(form, request.query_params.get("lang"))
            run, config = await run_in_threadpool(_lint, base_config, values, form, lint_lock)
        except Problem as exc:
            today = dt.date.today().isoformat()
            return problem(request, exc.status, words[exc.message_id].format(today=today, **exc.data))
        except ConfigError as exc:
            return problem(request, 400, words["config"].format(reason=exc))
        except ClientDisconnect:
            return Response(status_code=400)
        finally:
            if layout_fs is not None:
                from mec_lint.layout.index import forget

                forget(layout_fs)
            shutil.rmtree(folder, ignore_errors=True)
        from mec_lint.formatters import render
        from mec_lint.report import ReportOptions, exit_code

        code = {"X-Mec-Lint-Exit-Code": str(exit_code(run, ReportOptions()))}
        if request.query_params.get("format") == "json":
            body = render("json", run, lang=config.lang)
            return Response(body, media_type="application/json; charset=utf-8", headers={**HEADERS, **code})
        token = runs.add(run, config.lang)
        return html(result_page(run, config.lang, token), extra=code)

    async def download(request: Request) -> Response:
        token = request.path_params["token"]
        name = request.path_params["name"]
        kind = name.removeprefix("bitacora.")
        kept = runs.get(token)
        if kept is None or kind not in DOWNLOADS or name != f"bitacora.{kind}":
            raise HTTPException(404)
        from mec_lint.formatters import render_bytes

        data = await run_in_threadpool(render_bytes, kind, kept.run, lang=kept.lang)
        disposition = {"Content-Disposition": f'attachment; filename="{name}"'}
        return Response(data, media_type=DOWNLOADS[kind], headers={**HEADERS, **disposition})

    async def not_found(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 404)
        message_id = "not_allowed" if status == 405 else "not_found"
        return problem(request, status, words_for(lang_of(request))[message_id])

    async def internal(request: Request, exc: Exception) -> Response:
        reason = f"{type(exc).__name__}: {exc}"
        return problem(request, 500, words_for(lang_of(request))["internal"].format(reason=reason))

    middleware = []
    if allowed_hosts:
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts))
    return Starlette(
        routes=[
            Route("/", index, methods=["GET"]),
            Route("/check", check, methods=["POST"]),
            Route("/download/{token}/{name}", download, methods=["GET"]),
        ],
        middleware=middleware,
        exception_handlers={404: not_found, 405: not_found, Exception: internal},
    )


async def _receive(request: Request, folder: str, base_config: Any) -> Form:
    """The form, with the limits of the configuration; a refusal drains the rest of the body."""
    limits = base_config().limits
    try:
        return await read_form(
            request.headers.get("content-type", ""),
            request.headers.get("content-length"),
            request.stream(),
            folder,
            limits,
        )
    except TooLarge as exc:
        await _drain(request, request_cap(limits))
        size = _size(exc.limit)
        if exc.name is None:
            raise Problem(413, "too_large", limit=size) from None
        raise Problem(413, "too_large_file", name=exc.name, limit=size) from None
    except FormProblem as exc:
        await _drain(request, request_cap(limits))
        raise Problem(400, exc.message_id, **exc.data) from None


async def _drain(request: Request, cap: int) -> None:
    """Read (and drop) what the browser is still sending, so it sees the answer, not a reset."""
    if request.headers.get("content-length", "").isdigit() and int(request.headers["content-length"]) > cap:
        return  # too much to wait for: answer at once
    received = 0
    try:
        async for chunk in request.stream():
            received += len(chunk)
            if received > cap:
                return
    except (ClientDisconnect, RuntimeError):
        return


def _size(limit: int) -> str:
    """`20 MiB`, `1 GiB`; a limit that is no round number also in bytes: `1.9 KiB (2000 bytes)`."""
    for unit, power in (("GiB", 3), ("MiB", 2), ("KiB", 1)):
        if limit >= 1024**power:
            amount = limit / 1024**power
            if amount == int(amount):
                return f"{int(amount)} {unit}"
            return f"{amount:.1f} {unit} ({limit} bytes)"
    return f"{limit} bytes"


def _values(form: Form, lang: str | None) -> dict[str, Any]:
    """The options the form gives, as `mec-lint check` options (Config field names)."""
    if not form.files:
        raise Problem(400, "no_files")
    values: dict[str, Any] = {}
    date = form.values.get("upload_date", "")
    if date:
        try:
            values["upload_date"] = dt.date.fromisoformat(date)
        except ValueError:
            raise Problem(400, "bad_date", value=date[:40]) from None
    if lang in ("es", "en"):
        values["lang"] = lang
    if form.layout is not None:
        values["layout_path"] = form.layout.fs_path
    return values


def _lint(
    base_config: Any, values: dict[str, Any], form: Form, lock: threading.Lock
) -> tuple[RunResult, Config]:
    """The command line's run over the uploads, each named by the name the user gave it."""
    config = base_config(values).replace(progress=False)
    if config.layout_path and not os.path.isfile(config.layout_path):  # one from the configuration file
        raise ConfigError(f"no existe el Programa de Estudios (layout): {config.layout_path}")
    sources = [
        Source(
            upload.name,
            upload.fs_path,
            "xml" if kind_of(upload.name) == "unsupported" else kind_of(upload.name),
        )
        for upload in form.files
    ]
    with lock:
        from mec_lint.schema import load_schema

        load_schema(config.schema_path)
        linter = Linter(config)
        if linter.layout_problem is not None and form.layout is not None:
            linter.layout_problem = dataclasses.replace(linter.layout_problem, path=form.layout.name)
        run = linter.run_inputs(sources)
    return run, config


__all__ = ["create_app"]
