"""`rightsledger serve api|portal`: the HTTP API under uvicorn, the Streamlit portal."""

from __future__ import annotations

from typing import Annotated, Any

import typer
import uvicorn
from fastapi import FastAPI

from registry.api import ApiSettings, create_app
from registry.api.config import MiB
from registry.services.anchoring.job import anchoring_job
from rightsledger.commands.errors import friendly
from rightsledger.commands.serve_portal import portal
from rightsledger.context import job_settings, log_key, open_chain, publisher, sessions
from rightsledger.settings import Settings, load_settings

serve_app = typer.Typer(help="Serve RightsLedger over HTTP.", no_args_is_help=True)


def api_settings(settings: Settings) -> ApiSettings:
    """The API's settings from the one settings object."""

    def run_anchoring() -> dict[str, Any]:
        factory = sessions(settings)
        try:
            with open_chain(settings) as conn:
                job = anchoring_job(
                    factory,
                    conn,
                    publisher(settings, conn),
                    log_key(settings),
                    job_settings(settings),
                )
                return job.run_once().to_dict()
        finally:
            factory.kw["bind"].dispose()

    return ApiSettings(
        db_url=settings.db_url,
        data_dir=settings.data_dir,
        chain_url=settings.chain_url,
        log_origin=settings.log_origin,
        society_name=settings.society_name,
        society_code=settings.society_code,
        verifier_key_file=settings.verifier_key_file,
        data_key_file=settings.data_key_file,
        token_minutes=settings.api_token_minutes,
        portal_origins=(settings.api_portal_origin,) if settings.api_portal_origin else (),
        rate_per_second=settings.api_rate_limit,
        rate_burst=settings.api_rate_burst,
        proof_epoch_seconds=settings.api_proof_epoch_seconds,
        max_upload_bytes=settings.api_max_upload_mb * MiB,
        first_period=settings.first_period,
        run_anchoring=run_anchoring,
    )


def app_from_environment() -> FastAPI:
    """For uvicorn's --factory (each worker process builds its app from RIGHTS_* settings)."""
    settings = load_settings()
    sessions(settings).kw["bind"].dispose()  # refuses a database not initialised, before serving
    return create_app(api_settings(settings))


@serve_app.command("api")
@friendly
def api(
    host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port to listen on")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="worker processes")] = 1,
    proxy_headers: Annotated[
        bool, typer.Option(help="trust X-Forwarded-For from --forwarded-allow-ips (behind a reverse proxy)")
    ] = False,
    forwarded_allow_ips: Annotated[str, typer.Option(help="proxies trusted for X-Forwarded-*")] = "127.0.0.1",
) -> None:
    """Serve the HTTP API (OpenAPI at /openapi.json, docs at /docs)."""
    app_from_environment()  # fail here, with one clear line, rather than in every worker
    uvicorn.run(
        "rightsledger.commands.serve:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=proxy_headers,
        forwarded_allow_ips=forwarded_allow_ips,
        server_header=False,
        access_log=False,
    )


serve_app.command("portal")(friendly(portal))
