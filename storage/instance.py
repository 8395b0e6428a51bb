"""One running bot per store: an exclusive lock held for the process's life.

Two processes delivering from one store would race for the same outbox rows (the claims stop
duplicates, but the second one is a mistake: an overlapping deploy, a stray manual run). The
second ``python -m bot run`` finds the lock taken and stops with one line. The lock is an
``flock`` on ``<store>.lock``: the kernel drops it when the process dies, however it dies, so
a crash never leaves a stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from storage.db import StoreError, describe_open_error


class InstanceLocked(Exception):
    """Another process holds the store's lock; the message says which file and what to do."""


class InstanceLock:
    def __init__(self, store: Path) -> None:
        self.path = store.with_name(store.name + ".lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock or raise InstanceLocked (never waits); StoreError if the folder
        cannot hold the lock file."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:  # a read-only folder: the store could not be written either
            raise StoreError(describe_open_error(self.path, exc)) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "?"
            os.close(fd)
            raise InstanceLocked(
                f"another bot (pid {holder}) is already running on {self.path.with_suffix('')}: "
                "stop it first (two bots on one store would send twice)"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor drops the flock
            self._fd = None
