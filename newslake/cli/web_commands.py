"""`newslake web`: the lake in a browser (newslake/web/, docs/web.md)."""

from __future__ import annotations

import socket

import typer

from newslake.cli.app import app, console, fail, prepare_prefect_environment, require_storage
from newslake.core.settings import get_settings


@app.command()
def web(
    host: str = typer.Option("127.0.0.1", help="Address to listen on. Beyond localhost, every page needs the service's token."),
    port: int = typer.Option(8788, min=0, max=65535, help="Port to listen on (0: any free port)."),
    open_browser: bool = typer.Option(False, "--open", help="Open the app in this machine's web browser."),
) -> None:
    """Serve the lake in a browser: search with facets, articles, entities, stories, SQL, saved
    analyses, the report for any period, and ingestion (re-running rejects). Stops on Ctrl-C or SIGTERM."""
    import uvicorn

    from newslake.service.api_token import resolve_token, token_path
    from newslake.web import create_web_app
    from newslake.web.auth import is_loopback

    settings = get_settings()
    prepare_prefect_environment(settings)  # re-running rejects runs the ingest flow in this process
    require_storage(settings)
    local = is_loopback(host)
    token = resolve_token(settings)
    application = create_web_app(settings, token, local=local)
    state = application.state.web
    try:
        state.lake.open()
    except Exception as exc:  # noqa: BLE001 - one line saying what is wrong
        fail(f"cannot open the lake: {' '.join(str(exc).split())[:300]}")
    state.index.current()  # builds the search index in the background if it is missing or old
    state.reports.warm()  # and the report's preset periods
    sock = _bind(host, port)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{sock.getsockname()[1]}/"
    console.print(f"newslake web on {url} (Ctrl-C stops it).")
    if not local:
        hint = "NEWSLAKE_API_TOKEN" if settings.api_token is not None else str(token_path(settings))
        console.print(f"Listening beyond this machine: every page asks for the service's token ({hint}).")
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    config = uvicorn.Config(application, log_level="warning", lifespan="off", server_header=False,
                            timeout_graceful_shutdown=3)
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        state.index.close()
        state.lake.close()
        sock.close()


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        fail(f"cannot listen on {host}:{port} ({exc.strerror}): stop the program using it, or pick another --port", 2)
    sock.listen(512)
    return sock
