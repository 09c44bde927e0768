"""Property-based fuzzing of the JSON API from its own OpenAPI schema (schemathesis):
no generated request may produce a server error, and every error uses the envelope."""
from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402

from samples_web import samples  # noqa: E402
from sitroom.serve import create_app  # noqa: E402
from sitroom.settings import Settings  # noqa: E402
from sitroom.store import open_store  # noqa: E402


def _app():
    folder = Path(tempfile.mkdtemp(prefix="sitroom-fuzz-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    with open_store(str(folder / "fuzz.db")) as store:
        store.write(samples())
    return create_app(str(folder / "fuzz.db"), Settings())


schema = schemathesis.openapi.from_asgi("/openapi.json", _app())


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_never_answers_with_a_server_error(case):
    response = case.call()
    assert response.status_code < 500, (case.method, case.path, case.query, response.text[:300])
    if response.status_code >= 400:
        body = response.json()
        assert body == {"ok": False, "error": body["error"], "status": response.status_code}
