"""Fuzzing from the OpenAPI document (schemathesis) against the service under gunicorn: no answer
is a server error, every answer has a documented status and content type and fits its schema,
and requests the schema forbids are refused.  Real HTTP, so compressed answers are decoded as
clients decode them.

Left out: schemathesis's ``positive_data_acceptance``.  The filters' grammar (dates that exist,
a bbox whose south is below its north, words without control characters) is checked by the
service and only partly expressible in the schema, so schema-valid strings such as
``datetime=0000-00-00`` are rightly answered 400.
"""
from __future__ import annotations

import os

import pytest

from browser_support import AppServer
from web_fixtures import sample_instance

schemathesis = pytest.importorskip("schemathesis") if os.environ.get("CI") != "true" else __import__("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.specs.openapi import checks  # noqa: E402

TOKEN = "fuzz-token"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    instance = sample_instance(tmp_path_factory.mktemp("fuzz-instance"))
    app = AppServer(instance, env={"MAPSVC_TILES": "offline", "MAPSVC_API_TOKENS": TOKEN})
    yield app
    app.stop()


def _document() -> dict:
    """The service's own OpenAPI document (read in-process; the requests then go over HTTP)."""
    import tempfile

    from mapsvc.web import create_app

    app = create_app({"TESTING": True, "INSTANCE_PATH": tempfile.mkdtemp(prefix="mapsvc-openapi-")})
    return app.test_client().get("/api?f=json").get_json()


#: Statuses that count as refusing a request the schema forbids: schemathesis's own list and 414,
#: gunicorn's answer to a request line over 4,094 bytes (the fuzzer writes long ones).
REFUSALS = ["400", "401", "403", "404", "405", "406", "409", "414", "415", "422", "428", "429"]
schema = schemathesis.openapi.from_dict(_document(), config=schemathesis.Config.from_dict(
    {"checks": {"negative_data_rejection": {"expected-statuses": REFUSALS}}}))


@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_every_operation_answers_as_documented(case, server):
    headers = {"Authorization": f"Bearer {TOKEN}"} if case.method in ("POST", "PATCH") else None
    case.call_and_validate(base_url=server.url, headers=headers,
                           excluded_checks=[checks.positive_data_acceptance])
