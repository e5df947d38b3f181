"""Every error as one JSON shape ``{"code", "description", "status"}``."""
from __future__ import annotations

import logging

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException

from ..errors import MapsvcError

__all__ = ["register_error_handlers", "error_response", "HTTP_CODES"]

logger = logging.getLogger(__name__)

HTTP_CODES = {
    400: "InvalidParameterValue", 401: "Unauthorized", 403: "Forbidden", 404: "NotFound",
    405: "MethodNotAllowed", 406: "NotAcceptable", 409: "Conflict", 413: "PayloadTooLarge",
    415: "UnsupportedMediaType", 422: "InvalidInput", 429: "TooManyRequests",
    414: "URITooLong", 431: "RequestHeaderFieldsTooLarge", 500: "ServerError",
    501: "NotImplemented",
}


#: What a 5xx answer says: enough to act on, nothing about the machine.
_PUBLIC_5XX = {
    "StoreUnavailable": "The incident store cannot serve this request now; try again later.",
    "GazetteerUnavailable": "The gazetteer is not available now; try again later.",
    "Busy": "The server is extracting as many reports as it takes at once; try again in a few seconds.",
    None: "The server hit an unexpected error.",
}


def error_response(status: int, code: str, description: str):
    """A JSON error response with CORS, never cached."""
    response = jsonify({"code": code, "description": description, "status": status})
    response.status_code = status
    response.headers["Cache-Control"] = "no-store"
    response.headers["Access-Control-Allow-Origin"] = "*"
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="mapsvc"'
    return response


def register_error_handlers(app: Flask) -> None:
    """Answer mapsvc errors, HTTP errors and anything unexpected as JSON."""

    @app.errorhandler(MapsvcError)
    def _mapsvc_error(exc: MapsvcError):
        if getattr(exc, "retry_after", None):  # busy: an answer to expect, no failure to log
            response = error_response(exc.status, exc.code, _PUBLIC_5XX.get(exc.code, exc.description))
            response.headers["Retry-After"] = str(exc.retry_after)
            return response
        if exc.status >= 500:
            # the driver's words stay in the operator's log: they name files, tables and states
            logger.error("%s: %s", type(exc).__name__, exc.description, exc_info=exc)
            return error_response(exc.status, exc.code, _PUBLIC_5XX.get(exc.code, _PUBLIC_5XX[None]))
        return error_response(exc.status, exc.code, exc.description)

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
        status = exc.code or 500
        response = error_response(status, HTTP_CODES.get(status, exc.name.replace(" ", "")),
                                  exc.description or exc.name)
        if status == 405 and exc.valid_methods:
            response.headers["Allow"] = ", ".join(exc.valid_methods)
        return response

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        logger.exception("unexpected error")
        return error_response(500, "ServerError", "The server hit an unexpected error.")
