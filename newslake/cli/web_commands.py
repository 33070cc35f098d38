"""`newslake web`: the lake in a browser (newslake/web/, docs/web.md)."""

from __future__ import annotations

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
    from newslake.stack.processes import StackError, listening_socket
    from newslake.web import close_web_app, open_web_app
    from newslake.web.auth import is_loopback

    settings = get_settings()
    prepare_prefect_environment(settings)  # re-running rejects runs the ingest flow in this process
    require_storage(settings)
    local = is_loopback(host)
    try:
        application = open_web_app(settings, resolve_token(settings), local=local)
    except Exception as exc:  # noqa: BLE001 - one line saying what is wrong
        fail(f"cannot open the lake: {' '.join(str(exc).split())[:300]}")
    try:
        sock = listening_socket(host, port)
    except StackError as exc:
        close_web_app(application)
        fail(f"{exc}: stop the program using it, or pick another --port", 2)
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
        close_web_app(application)
        sock.close()
