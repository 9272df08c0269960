"""The HTTP API (FastAPI): `create_app(ApiSettings(...))`."""

from registry.api.app import create_app
from registry.api.config import ApiSettings

__all__ = ["ApiSettings", "create_app"]
