"""`sitroom serve`: prints the URL and hands the app to uvicorn."""
from __future__ import annotations

from click.testing import CliRunner

from sitroom.cli import cli


def test_serve_prints_the_url_and_runs_uvicorn(tmp_path, monkeypatch):
    import uvicorn

    calls = {}

    def fake_run(app, **kw):
        calls["app"], calls["kw"] = app, kw

    monkeypatch.setattr(uvicorn, "run", fake_run)
    db = tmp_path / "serve.db"
    from sitroom.store import open_store

    open_store(str(db)).close()  # serve never creates a database (a typo'd --db is an error)
    result = CliRunner().invoke(cli, ["serve", "--db", str(db), "--host", "127.0.0.1", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8123/" in result.output
    assert calls["kw"]["host"] == "127.0.0.1" and calls["kw"]["port"] == 8123
    assert "/api/events" in calls["app"].openapi()["paths"]


def test_serve_rejects_a_bad_port():
    result = CliRunner().invoke(cli, ["serve", "--port", "70000"])
    assert result.exit_code == 2
