"""schemathesis against ``/openapi.json``, in-process, over a store of hostile records.

Valid and invalid requests (positive and negative generation, NUL bytes allowed) for
every operation: no 5xx; an error is the envelope ``{"ok": false, "error", "status"}``;
a success conforms to the documented response schema; every response carries the
Content-Security-Policy. (tests/serve/test_api_fuzz.py checks no-5xx with positive
data only; this one adds negative data, hostile records and schema conformance.)
"""
from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import response_schema_conformance  # noqa: E402

from security_web_samples import hostile_records  # noqa: E402
from sitroom.serve import create_app  # noqa: E402
from sitroom.settings import Settings  # noqa: E402
from sitroom.store import open_store  # noqa: E402

MAX_EXAMPLES = 25


def _app():
    folder = Path(tempfile.mkdtemp(prefix="sitroom-schemathesis-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    with open_store(str(folder / "hostile.db")) as store:
        store.write(hostile_records())
    return create_app(str(folder / "hostile.db"), Settings())


schema = schemathesis.openapi.from_asgi("/openapi.json", _app())
schema.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
                                max_examples=MAX_EXAMPLES, allow_x00=True)


def header(response, name: str) -> str:
    value = response.headers.get(name, "")  # schemathesis keeps a list per header
    return value[0] if isinstance(value, list) and value else value or ""


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_answers_valid_json_or_the_envelope_never_5xx(case):
    response = case.call()
    where = (case.method, case.formatted_path, case.query)
    assert response.status_code < 500, (*where, response.text[:300])
    assert "default-src 'self'" in header(response, "content-security-policy"), where
    if response.status_code >= 400:
        body = response.json()
        assert body == {"ok": False, "error": body["error"], "status": response.status_code}, where
        assert isinstance(body["error"], str) and body["error"] and "Traceback" not in body["error"]
    elif "csv" not in header(response, "content-type"):
        assert header(response, "content-type").startswith("application/json"), where
        case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])
