"""`howopen serve`: the web app on localhost, over the index."""

from __future__ import annotations

import errno
import socket
from pathlib import Path
from typing import Annotated

import typer

from ..errors import HowopenError, UsageError
from ..index import default_db_path
from . import output
from .output import fail, fail_with


def _port_free(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise UsageError(f"port {port} on {host} is already in use",
                                 hint="choose another with --port") from None
            raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}",
                             hint="check --host and --port") from None


def serve(
    db: Annotated[Path | None, typer.Option("--db", help="The index file (default: in the user's data "
                                                         "directory, created from the catalog on first use).",
                                            show_default=False)] = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
    show_local_paths: Annotated[bool, typer.Option("--show-local-paths", help="Show the absolute paths of local "
                                                                          "folders and cards (hidden by default: "
                                                                          "pages show a folder's name).")] = False,
) -> None:
    """Serve the leaderboard, model pages, compare, landscape, badges and the JSON API (OpenAPI at
    /openapi.json)."""
    from ..index import open_store  # DuckDB: when the command runs, not for --help
    from ..index.build import build as build_index  # here: `howopen serve --help` needs no pipeline

    path = db or default_db_path()
    try:
        if db is None and not path.exists():
            output.err_console.print(f"howopen: creating the index at {path} from the catalog", markup=False)
            with open_store(path) as writer:
                result = build_index(writer, [])
            if result.catalog_missing:
                output.err_console.print("howopen: this build of howopen has no catalog; the index is empty until "
                                         "`howopen index build CARDS/` or `howopen index add`", markup=False)
        _port_free(host, port)
        store = open_store(path, read_only=True)
    except HowopenError as exc:
        fail_with(exc)
    try:
        import uvicorn

        from ..web.app import create_app
    except ImportError as exc:  # pragma: no cover - the dependencies are declared
        fail(f"the web app needs {exc.name}; reinstall howopen")
    output.err_console.print(f"howopen: serving {store.count()} models from {path} at http://{host}:{port}/",
                             markup=False)
    with store:
        uvicorn.run(create_app(store, show_local_paths=show_local_paths), host=host, port=port, log_level="warning")
