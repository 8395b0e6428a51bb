"""The real ``python -m bot run`` as a child process, for the tests that need a whole bot."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parents[2]
# Settings a test names itself: never inherited from the environment or a .env of the caller.
_OWN = {
    "BOT_TOKEN", "TELEGRAM_API_URL", "DATABASE_PATH", "SEEDS_DIR", "ADMIN_IDS",
    "WEBHOOK_URL", "WEBHOOK_SECRET", "WEBHOOK_LISTEN",
}  # fmt: skip
PIPE = asyncio.subprocess.PIPE


def bot_env(**values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _OWN}
    # cwd is a temporary folder (no .env there); the code comes from this checkout
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.update(values)
    return env


async def spawn_bot(
    cwd: Path, env: dict[str, str], *, stdout: int = PIPE, stderr: int = PIPE
) -> asyncio.subprocess.Process:
    """``python -m bot run`` in ``cwd`` with exactly ``env``; output as the caller asks."""
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=cwd, env=env, stdout=stdout, stderr=stderr
    )


@contextlib.asynccontextmanager
async def running_bot(cwd: Path, env: dict[str, str]) -> AsyncIterator[asyncio.subprocess.Process]:
    """``spawn_bot`` whose process is killed on the way out if the test did not stop it."""
    proc = await spawn_bot(cwd, env)
    try:
        yield proc
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()


async def stop_bot(proc: asyncio.subprocess.Process, seconds: float) -> str:
    """SIGTERM, as systemd or docker stop send it; the bot's log (stderr) once it has exited."""
    proc.send_signal(signal.SIGTERM)
    _, stderr = await asyncio.wait_for(proc.communicate(), seconds)
    return stderr.decode()


def free_port() -> int:
    """A TCP port nothing listens on now (for a bot's WEBHOOK_LISTEN)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def webhook_env(port: int, secret: str, path: str = "/telegram") -> dict[str, str]:
    """The WEBHOOK_* settings of a bot listening on 127.0.0.1:``port`` (for ``bot_env``)."""
    return {
        "WEBHOOK_URL": f"http://127.0.0.1:{port}{path}",
        "WEBHOOK_SECRET": secret,
        "WEBHOOK_LISTEN": f"127.0.0.1:{port}",
    }


async def wait_healthy(base: str, seconds: float) -> bool:
    """Wait until a webhook bot at ``base`` answers /healthz 200, i.e. has started and serves
    (it sets its webhook before that); False if it did not within ``seconds``."""
    async with aiohttp.ClientSession() as session:
        for _ in range(int(seconds * 10)):
            with contextlib.suppress(aiohttp.ClientError):
                async with session.get(f"{base}/healthz") as answer:
                    if answer.status == 200:
                        return True
            await asyncio.sleep(0.1)
    return False
