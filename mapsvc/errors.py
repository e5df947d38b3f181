"""One error root for mapsvc; HTTP facts live on the classes.

Every error carries ``status`` and ``code`` so the web layer can answer it as
``{"code", "description", "status"}`` without a table of its own.
"""
from __future__ import annotations

__all__ = [
    "MapsvcError", "InvalidParameter", "NotFound", "Unauthorized",
    "PayloadTooLarge", "ConfigError", "InputError", "GazetteerError", "StoreError", "Busy",
]


class MapsvcError(Exception):
    """Root of every error mapsvc raises on purpose."""

    status = 500
    code = "ServerError"

    @property
    def description(self) -> str:
        return str(self) or self.__class__.__doc__.strip().splitlines()[0]


class InvalidParameter(MapsvcError, ValueError):
    """A parameter has a value that cannot be used."""

    status = 400
    code = "InvalidParameterValue"


class InputError(MapsvcError, ValueError):
    """A report or file cannot be read (empty, binary, wrong encoding, malformed)."""

    status = 400
    code = "InvalidInput"


class NotFound(MapsvcError, LookupError):
    """The thing asked for does not exist."""

    status = 404
    code = "NotFound"


class Unauthorized(MapsvcError, PermissionError):
    """A valid bearer token is required."""

    status = 401
    code = "Unauthorized"


class PayloadTooLarge(MapsvcError, ValueError):
    """The request body is larger than MAX_REPORT_BYTES."""

    status = 413
    code = "PayloadTooLarge"


class ConfigError(MapsvcError, ValueError):
    """The configuration names something that does not exist or cannot work."""

    status = 500
    code = "ConfigurationError"


class GazetteerError(MapsvcError, OSError):
    """The gazetteer index is missing, corrupt or cannot be built."""

    status = 503
    code = "GazetteerUnavailable"


class StoreError(MapsvcError):
    """The database cannot be reached or refused an operation."""

    status = 503
    code = "StoreUnavailable"


class Busy(MapsvcError):
    """The service is doing all the work of this kind it takes at once; try again shortly."""

    status = 503
    code = "Busy"

    def __init__(self, message: str = "", *, retry_after: int = 5):
        super().__init__(message)
        self.retry_after = int(retry_after)  # seconds, sent as Retry-After
