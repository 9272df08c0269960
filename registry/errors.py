"""Named errors of the registry. Each message names the thing concerned."""

from __future__ import annotations


class RegistryError(Exception):
    """Base of every error raised by registry/."""


class VersionConflict(RegistryError):
    """Another transaction recorded the same version of a thing first; retry on fresh data."""


class CheckpointMismatch(RegistryError):
    """A checkpoint's root is not the log's root at its tree size."""
