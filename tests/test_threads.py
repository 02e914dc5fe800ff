"""The torch thread count: usable CPUs (affinity, cgroup quota from fake files), the policy, the overrides.

No timing here: whether the choice is fast is benchmarks/threads.py's question.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from quotes.commands.common import jobs_argument, threads_argument, threads_line
from quotes.parse import threads
from quotes.parse.threads import LoadProbe, ThreadPolicy, ThreadsError, cgroup_cpus, free_cpus, usable_cpus


def _cgroup(tmp_path: Path, self_lines: str, files: dict[str, str]) -> tuple[Path, Path]:
    root = tmp_path / "cgroup"
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    root.mkdir(parents=True, exist_ok=True)
    own = root.parent / "self_cgroup"
    own.write_text(self_lines)
    return root, own


def test_cgroup_v2_quota_is_read_from_the_process_directory(tmp_path: Path) -> None:
    root, own = _cgroup(tmp_path, "0::/box/job\n", {"box/job/cpu.max": "150000 100000\n"})
    assert cgroup_cpus(root, own) == 1.5


def test_cgroup_v2_the_tightest_limit_on_the_way_up_counts(tmp_path: Path) -> None:
    root, own = _cgroup(
        tmp_path, "0::/box/job\n", {"box/job/cpu.max": "max 100000\n", "box/cpu.max": "100000 100000\n"}
    )
    assert cgroup_cpus(root, own) == 1.0


def test_cgroup_v2_without_a_limit(tmp_path: Path) -> None:
    root, own = _cgroup(tmp_path, "0::/\n", {"cpu.max": "max 100000\n"})
    assert cgroup_cpus(root, own) is None
    root, own = _cgroup(tmp_path / "none", "0::/x\n", {})
    assert cgroup_cpus(root, own) is None


def test_cgroup_v2_damaged_files_are_no_limit(tmp_path: Path) -> None:
    root, own = _cgroup(tmp_path, "0::/a\n", {"a/cpu.max": "lots\n"})
    assert cgroup_cpus(root, own) is None
    root, own = _cgroup(tmp_path / "b", "0::/a\n", {"a/cpu.max": "0 100000\n"})
    assert cgroup_cpus(root, own) is None


def test_cgroup_v1_quota(tmp_path: Path) -> None:
    files = {
        "cpu,cpuacct/docker/abc/cpu.cfs_quota_us": "250000\n",
        "cpu,cpuacct/docker/abc/cpu.cfs_period_us": "100000",
    }
    root, own = _cgroup(tmp_path, "4:memory:/docker/abc\n2:cpu,cpuacct:/docker/abc\n", files)
    assert cgroup_cpus(root, own) == 2.5


def test_cgroup_v1_unlimited(tmp_path: Path) -> None:
    files = {"cpu/cpu.cfs_quota_us": "-1\n", "cpu/cpu.cfs_period_us": "100000\n"}
    root, own = _cgroup(tmp_path, "1:cpu:/\n0::/\n", files)
    assert cgroup_cpus(root, own) is None


@pytest.mark.parametrize(
    ("affinity", "quota", "expected"),
    [
        (8, None, 8),  # affinity alone
        (8, 2.0, 2),  # a quota below the mask
        (8, 1.5, 2),  # rounded up: two threads may run part of the time
        (2, 6.0, 2),  # a quota above the mask: the mask
        (4, 0.3, 1),  # never below one
        (None, None, None),  # the OS cannot say: the host's count
    ],
)
def test_usable_cpus(affinity: int | None, quota: float | None, expected: int | None) -> None:
    import os

    got = usable_cpus(lambda: affinity, lambda: quota)
    assert got == (expected if expected is not None else (os.cpu_count() or 1))


def test_usable_cpus_reads_this_process_affinity() -> None:
    import os

    if not hasattr(os, "sched_getaffinity"):
        pytest.skip("no sched_getaffinity on this OS")
    assert usable_cpus(quota=lambda: None) == len(os.sched_getaffinity(0))


@pytest.mark.parametrize(
    ("usable", "others", "expected"),
    [(2, 0.0, 2), (2, 0.25, 2), (2, 0.5, 1), (2, 1.0, 1), (2, 3.0, 1), (1, 0.0, 1), (8, 2.1, 6), (8, 1.2, 7)],
)
def test_free_cpus(usable: int, others: float, expected: int) -> None:
    assert free_cpus(usable, others) == expected


def _stat(path: Path, busy: int, idle: int) -> None:
    path.write_text(f"cpu  {busy} 0 0 {idle} 0 0 0 0 0 0\ncpu0 0 0 0 0\ncpu1 0 0 0 0\n")


def test_probe_subtracts_this_process_from_the_host(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stat = tmp_path / "stat"
    clock = iter([0.0, 10.0])
    own = iter([5.0, 15.0])  # this process used 10 CPU seconds in the window
    monkeypatch.setattr(threads, "own_cpu_s", lambda: next(own))
    monkeypatch.setattr(threads.os, "sysconf", lambda name: 100)
    monkeypatch.setattr(threads.os, "getloadavg", lambda: (0.0, 0.0, 0.0))
    probe = LoadProbe(2, stat=stat, clock=lambda: next(clock))
    _stat(stat, busy=0, idle=0)
    assert probe.look() == 0.0  # first look: the load average
    _stat(stat, busy=2000, idle=0)  # 20 busy CPU seconds over 10 s on the host: 10 ours, 10 others'
    assert probe.look() == pytest.approx(1.0)


def test_policy_auto_drops_to_one_thread_when_others_use_a_cpu(monkeypatch: pytest.MonkeyPatch) -> None:
    policy = ThreadPolicy(None, "auto", 2, probe=None)
    assert policy.choose() == 1  # no probe: one thread
    readings = iter([0.1, 1.2, 0.1])

    class Probe:
        def look(self) -> float:
            return next(readings)

    policy = ThreadPolicy(None, "auto", 2, probe=Probe())  # type: ignore[arg-type]
    calls: list[int] = []
    assert [policy.apply(calls.append) for _ in range(3)] == [2, 1, 2]
    assert calls == [2, 1, 2]


def test_policy_sets_torch_only_when_the_count_changes() -> None:
    policy = ThreadPolicy(3, "--threads", 2)
    calls: list[int] = []
    policy.apply(calls.append)
    policy.apply(calls.append)
    assert calls == [3]


def test_overrides_option_then_environment_then_auto() -> None:
    assert ThreadPolicy.from_options(3, environ={"QUOTES_THREADS": "1"}).fixed == 3
    assert ThreadPolicy.from_options(None, environ={"QUOTES_THREADS": "1"}).how == "QUOTES_THREADS"
    assert ThreadPolicy.from_options("auto", environ={"QUOTES_THREADS": "2"}).fixed == 2
    auto = ThreadPolicy.from_options(None, environ={})
    assert auto.fixed is None and auto.how == "auto" and auto.usable >= 1
    assert ThreadPolicy.from_options(None, environ={"QUOTES_THREADS": "auto"}).fixed is None


@pytest.mark.parametrize("value", ["0", "-2", "two", "1.5"])
def test_bad_counts_are_one_clear_error(value: str) -> None:
    with pytest.raises(ThreadsError, match="QUOTES_THREADS"):
        ThreadPolicy.from_options(None, environ={"QUOTES_THREADS": value})


def test_command_line_types() -> None:
    assert threads_argument("auto") == "auto"
    assert threads_argument("2") == 2
    with pytest.raises(argparse.ArgumentTypeError):
        threads_argument("0")
    assert jobs_argument(8)("auto") == usable_cpus()
    assert jobs_argument(8)("3") == 3
    with pytest.raises(argparse.ArgumentTypeError):
        jobs_argument(8)("9")


def test_the_model_line_names_the_choice() -> None:
    line = threads_line(argparse.Namespace(threads=1, jobs=1, engine="local"))
    assert line.startswith("1 torch thread (--threads;")
    line = threads_line(argparse.Namespace(threads=None, jobs=2, engine="local"))
    assert line == "2 worker processes, 1 torch thread each"
