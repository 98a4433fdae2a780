"""A process's own peak memory, for tests that run a case in a child process."""

from __future__ import annotations

import resource


def own_peak_mb() -> int:
    """This process's peak resident memory in MB: VmHWM, the high-water mark of its own
    address space. ru_maxrss would carry the parent's peak across fork and exec on Linux
    (a pytest process past 1 GB made a 281 MB child report 1,116 MB)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) // 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
