"""How many threads torch may use for one parse: the CPUs this process may run on, and what they are free for.

Torch starts with as many threads as the host has cores. That is wrong twice over on the machines this
tool runs on: a container or a ``taskset`` may allow fewer CPUs than the host has, and when other work
wants the cores, torch's threads wait for each other (a thread that is descheduled stalls the rest at
every operation), so stanza with two threads on a busy two-core machine ran several times slower than
with one (benchmarks/RESULTS.md, *Threads*). On an idle machine the second thread helps a little.

* :func:`usable_cpus`: the CPUs this process may use: its affinity mask (``os.sched_getaffinity``), capped
  by the cgroup's CPU quota (``cpu.max`` of cgroup v2, ``cpu.cfs_quota_us`` / ``cpu.cfs_period_us`` of v1),
  rounded up. Never ``os.cpu_count()``, which counts the host's cores.
* :class:`ThreadPolicy`: a fixed count (``--threads N``, ``QUOTES_THREADS=N``, a worker process's one
  thread), or ``auto``: as many threads as there are usable CPUs that other work leaves free, at least
  one. What other processes use is measured, not guessed: the host's busy CPU time (``/proc/stat``) less
  this process's own (``getrusage``) since the last look, re-read before every batch the parser gets, so
  a run that starts on an idle machine drops to one thread when other work starts, and goes back up
  when it ends. Before the first look it is the 1-minute load average. A CPU counts as free when the
  other work leaves at least :data:`FREE_SHARE` of it.

Nothing here imports torch: the backend applies the count (:meth:`ThreadPolicy.apply`).
"""

from __future__ import annotations

import math
import os
import resource
import time
from collections.abc import Callable
from pathlib import Path

from attrs import define, field

from quotes.errors import QuotesError

ENV_VAR = "QUOTES_THREADS"
CGROUP_ROOT = Path("/sys/fs/cgroup")
PROC_SELF_CGROUP = Path("/proc/self/cgroup")
PROC_STAT = Path("/proc/stat")
# A CPU is free for a parser thread when other work leaves at least this share of it: a thread that has a
# core only part of the time stalls the others at every step, and one thread is never much slower.
FREE_SHARE = 0.7
# A shorter window than this says too little about the other work: the last reading is kept.
MIN_WINDOW_S = 0.5


class ThreadsError(QuotesError):
    """A thread count that is not a whole number from 1 up (``--threads``, ``QUOTES_THREADS``)."""


# -- the CPUs this process may use ------------------------------------------------------------------------


def affinity_cpus() -> int | None:
    """How many CPUs the scheduler lets this process run on; None where the OS cannot say."""
    try:
        return len(os.sched_getaffinity(0)) or None
    except (AttributeError, OSError):
        return None


def _quota(text: str) -> float | None:
    """CPUs from cgroup v2 ``cpu.max`` text (``"max 100000"``, ``"150000 100000"``); None for no limit."""
    parts = text.split()
    if len(parts) < 1 or parts[0] == "max":
        return None
    try:
        quota = int(parts[0])
        period = int(parts[1]) if len(parts) > 1 else 100_000
    except ValueError:
        return None
    return quota / period if quota > 0 and period > 0 else None


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="ascii", errors="replace")
    except OSError:
        return None


def cgroup_cpus(root: Path = CGROUP_ROOT, self_cgroup: Path = PROC_SELF_CGROUP) -> float | None:
    """The CPU quota of this process's cgroup in CPUs (the tightest limit on its path up to the root), or
    None when there is none or it cannot be read. cgroup v2: ``cpu.max`` of each directory from the
    process's own (``/proc/self/cgroup``'s ``0::/path``) up; v1: ``cpu.cfs_quota_us`` / ``cpu.cfs_period_us``
    of the ``cpu`` controller's directory (``-1``: no limit)."""
    limits: list[float] = []
    paths = _own_cgroups(_read(self_cgroup) or "")
    if "" in paths:  # cgroup v2: cpu.max in the process's directory and each one above it
        for folder in _upwards(root, paths[""]):
            text = _read(folder / "cpu.max")
            found = _quota(text) if text is not None else None
            if found is not None:
                limits.append(found)
    for controller in ("cpu", "cpu,cpuacct", "cpuacct,cpu"):  # cgroup v1: the cpu controller's hierarchy
        if (root / controller).is_dir():
            for folder in _upwards(root / controller, paths.get("cpu", "/")):
                found = _v1_quota(folder)
                if found is not None:
                    limits.append(found)
            break
    return min(limits) if limits else None


def _own_cgroups(text: str) -> dict[str, str]:
    """Controller -> path from ``/proc/self/cgroup`` lines ``id:controllers:path``; v2's line has no
    controllers (key ``""``)."""
    out: dict[str, str] = {}
    for line in text.splitlines():
        parts = line.split(":", 2)
        if len(parts) != 3:
            continue
        for controller in parts[1].split(",") if parts[1] else [""]:
            out.setdefault(controller, parts[2].strip())
    return out


def _upwards(base: Path, path: str) -> list[Path]:
    """``base/path`` and each directory above it up to ``base`` (``..`` parts ignored)."""
    parts = [p for p in path.split("/") if p and p != ".."]
    return [base.joinpath(*parts[:depth]) for depth in range(len(parts), -1, -1)]


def _v1_quota(folder: Path) -> float | None:
    quota, period = _read(folder / "cpu.cfs_quota_us"), _read(folder / "cpu.cfs_period_us")
    if quota is None or period is None:
        return None
    try:
        q, p = int(quota.strip()), int(period.strip())
    except ValueError:
        return None
    return q / p if q > 0 and p > 0 else None


def usable_cpus(
    affinity: Callable[[], int | None] = affinity_cpus, quota: Callable[[], float | None] = cgroup_cpus
) -> int:
    """The CPUs this process may use: the affinity mask's count, capped by the cgroup quota rounded up
    (a quota of 1.5 CPUs lets two threads run part of the time), at least 1."""
    count = affinity() or os.cpu_count() or 1
    limit = quota()
    if limit is not None:
        count = min(count, max(1, math.ceil(limit - 1e-9)))
    return max(1, count)


# -- what other work uses ---------------------------------------------------------------------------------


def host_busy_s(stat: Path = PROC_STAT) -> tuple[float, int] | None:
    """The host's busy CPU time in seconds (all CPUs, everything but idle and iowait) and its CPU count,
    from the first line of ``/proc/stat``; None where it cannot be read."""
    text = _read(stat)
    if not text:
        return None
    first = text.splitlines()[0].split()
    if not first or first[0] != "cpu":
        return None
    try:
        ticks = [int(x) for x in first[1:9]]
    except ValueError:
        return None
    if len(ticks) < 4:
        return None
    # user nice system idle iowait irq softirq steal: steal is time another guest had the CPU
    busy = sum(ticks) - ticks[3] - (ticks[4] if len(ticks) > 4 else 0)
    hz = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    cpus = sum(1 for line in text.splitlines() if line.startswith("cpu") and line[3:4].isdigit())
    return busy / hz, max(1, cpus)


def own_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


@define
class LoadProbe:
    """Measures how many CPUs other processes keep busy: the host's busy time less this process's, between
    two looks; before the first window, the 1-minute load average. Host-wide figures are scaled to the
    usable CPUs when the process may use fewer CPUs than the host has."""

    usable: int
    stat: Path = PROC_STAT
    clock: Callable[[], float] = time.monotonic
    _last: tuple[float, float, float] | None = field(default=None, init=False)  # (clock, host busy, own cpu)
    _others: float | None = field(default=None, init=False)

    def look(self) -> float:
        """Other work in CPUs (on this process's usable CPUs) since the previous look."""
        now = self.clock()
        host = host_busy_s(self.stat)
        own = own_cpu_s()
        if host is None:
            return self._loadavg()
        busy, host_cpus = host
        scale = min(1.0, self.usable / host_cpus)
        if self._last is not None and now - self._last[0] >= MIN_WINDOW_S:
            then, busy_then, own_then = self._last
            others = max(0.0, (busy - busy_then) - (own - own_then)) / (now - then)
            self._others = others * scale
            self._last = (now, busy, own)
        elif self._last is None:
            self._last = (now, busy, own)
        if self._others is None:
            return self._loadavg()
        return self._others

    def _loadavg(self) -> float:
        try:
            load = os.getloadavg()[0]
        except (AttributeError, OSError):
            return 0.0
        host_cpus = os.cpu_count() or self.usable
        return load * min(1.0, self.usable / host_cpus)


def free_cpus(usable: int, others: float) -> int:
    """The threads worth running: usable CPUs that other work (``others`` CPUs' worth) leaves free, at least 1."""
    free = math.floor(usable - others + (1 - FREE_SHARE) + 1e-9)
    return max(1, min(usable, free))


# -- the policy --------------------------------------------------------------------------------------------


def parse_threads(value: object, where: str) -> int:
    """A thread count from an option or the environment: a whole number from 1 up."""
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ThreadsError(f"{where}: expected a whole number of threads, got {str(value)[:40]!r}") from None
    if number < 1:
        raise ThreadsError(f"{where}: the thread count must be at least 1, got {number}")
    return number


@define
class ThreadPolicy:
    """How many torch threads a parse runs with: ``fixed`` (a count given), or ``auto`` (see the module
    docstring). ``how`` says where the choice came from, for the stderr line."""

    fixed: int | None
    how: str
    usable: int
    probe: LoadProbe | None = None
    current: int | None = field(default=None, init=False)

    @classmethod
    def from_options(cls, threads: int | str | None = None, *, environ: dict[str, str] | None = None) -> ThreadPolicy:
        """``threads`` (``--threads``; ``"auto"`` or None: not given), else ``QUOTES_THREADS``, else auto."""
        env = os.environ if environ is None else environ
        usable = usable_cpus()
        if threads is not None and str(threads).strip().lower() != "auto":
            return cls(parse_threads(threads, "--threads"), "--threads", usable)
        value = env.get(ENV_VAR, "").strip()
        if value and value.lower() != "auto":
            return cls(parse_threads(value, ENV_VAR), ENV_VAR, usable)
        return cls(None, "auto", usable, LoadProbe(usable))

    def choose(self) -> int:
        """The thread count for the next batch."""
        if self.fixed is not None:
            return self.fixed
        if self.usable <= 1 or self.probe is None:
            return 1
        return free_cpus(self.usable, self.probe.look())

    def apply(self, set_threads: Callable[[int], None]) -> int:
        """Choose, and call ``set_threads`` (torch's) when the count changes; the count chosen."""
        threads = self.choose()
        if threads != self.current:
            set_threads(threads)
            self.current = threads
        return threads

    def describe(self) -> str:
        """One phrase for the stderr line: the count and why."""
        cpus = f"{self.usable} usable CPU{'s' if self.usable != 1 else ''}"
        if self.fixed is not None:
            return f"{self.fixed} torch thread{'s' if self.fixed != 1 else ''} ({self.how}; {cpus})"
        if self.usable <= 1:
            return f"1 torch thread (auto: {cpus})"
        others = self.probe.look() if self.probe is not None else 0.0
        now = free_cpus(self.usable, others)
        return (
            f"torch threads auto, {now} now ({cpus}, other work wanting {others:.1f} CPUs; re-checked before each "
            f"batch, --threads N or {ENV_VAR} to fix it)"
        )
