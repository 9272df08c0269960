"""The one error of licensing: a request that cannot be carried out, its message says why."""

from __future__ import annotations

from registry.errors import RegistryError


class LicensingError(RegistryError):
    """A licensing request that cannot be carried out; the message names the thing and field."""
