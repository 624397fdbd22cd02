"""`mec-lint serve`: bind, say where, open the browser, serve until Ctrl+C."""

from __future__ import annotations

import contextlib
import ipaddress
import signal
import socket
import sys
import threading
import time
from typing import Any

from mec_lint.config import ConfigError, load_config
from mec_lint.console import err, out
from mec_lint.os_errors import describe as describe_os_error

LOOPBACK_NAMES = ["127.0.0.1", "localhost", "::1", "[::1]"]
PERSONAL_DATA_WARNING = (
    "mec-lint: advertencia: la página quedará disponible para otros equipos en {host}. Los "
    "certificados contienen datos personales (CURP, nombres, calificaciones): úsela sólo en una red "
    "de confianza y termine el servidor (Ctrl+C) al acabar.\n"
)


def is_loopback(host: str) -> bool:
    """True when `host` names only this machine (127.0.0.0/8, ::1 or a name resolving only there)."""
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False
    return bool(infos) and all(
        ipaddress.ip_address(str(info[4][0]).split("%")[0]).is_loopback for info in infos
    )


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port (port 0: any free port); a clear error when it cannot be had."""
    try:
        infos = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except OSError as exc:
        raise ConfigError(f"no se reconoce la dirección --host {host}: {describe_os_error(exc)}") from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        if sys.platform != "win32":  # on Windows SO_REUSEADDR would let two servers share the port
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        raise ConfigError(
            f"no se pudo abrir {host}:{port} ({describe_os_error(exc)}); pruebe otro puerto con --port"
        ) from None
    return sock


def address_of(sock: socket.socket, host: str) -> str:
    port = sock.getsockname()[1]
    shown = host.strip("[]")
    if shown in ("0.0.0.0", "::", ""):
        shown = "127.0.0.1"  # what a browser on this machine opens
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def serve(host: str, port: int, *, open_browser: bool, config_file: str | None) -> None:
    load_config({}, config_file)  # a broken configuration is a usage error before anything listens
    try:
        import uvicorn

        from mec_lint.web.app import create_app
    except ImportError as exc:
        raise ConfigError(
            f"mec-lint serve necesita starlette, uvicorn y python-multipart ({exc}); "
            "instálelos con: pip install starlette uvicorn python-multipart"
        ) from None
    local = is_loopback(host)
    if not local:
        err(PERSONAL_DATA_WARNING.format(host=host), end="")
    sock = bind(host, port)
    url = address_of(sock, host)
    allowed = [*LOOPBACK_NAMES, host.strip("[]")] if local else None  # refuses DNS rebinding
    app = create_app(config_file, allowed_hosts=allowed)
    config = uvicorn.Config(
        app, log_level="warning", access_log=False, lifespan="off", server_header=False, timeout_keep_alive=5
    )
    server = uvicorn.Server(config)
    out(f"mec-lint: página de revisión en {url}  (Ctrl+C para terminar)")
    if open_browser:
        threading.Thread(target=_open_when_ready, args=(server, url), daemon=True).start()
    if threading.current_thread() is threading.main_thread():
        # uvicorn stops gracefully, then re-raises the signal it caught: a termination request ends
        # like Ctrl+C here (a message and exit code 0), not as a process killed by a signal.
        signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()
    out("mec-lint: servidor detenido")


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def _open_when_ready(server: Any, url: str) -> None:
    import webbrowser

    deadline = time.monotonic() + 15
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    with contextlib.suppress(Exception):  # no browser here: the address printed above is enough
        webbrowser.open(url)
