"""The one error of licensing: a request that cannot be carried out, its message says why."""

from __future__ import annotations

from registry.errors import RegistryError


class LicensingError(RegistryError):
    """A licensing request that cannot be carried out; the message names the thing and field.
    `field`: the input at fault (e.g. "uscc"), when one is, so the API can name it."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field
