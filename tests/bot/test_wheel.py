"""The package as ``pip install .`` builds it (the README's systemd recipe), not the editable
checkout: a wheel is built and installed into a fresh venv, which then analyses a seed and
answers a console command, with texts from the shipped catalogues.

Offline and quick: the wheel is built without build isolation, installed with ``--no-deps
--no-index``, and the new venv finds the dependencies through a ``.pth`` line naming this
venv's site-packages (whose own ``.pth`` files, the editable install among them, are not run).
"""

from __future__ import annotations

import shutil
import site
import subprocess
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = sorted((ROOT / "seeds").glob("*.txt"))[0]


def _run(*args: str | Path, cwd: Path, stdin: str | None = None) -> str:
    done = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", "HOME": str(cwd)},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_the_installed_wheel_analyses_and_answers(tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for package in ("bot", "storage"):
        shutil.copytree(
            ROOT / package, source / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    _run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
         "--no-index", "-w", tmp_path / "dist", source, cwd=tmp_path)  # fmt: skip
    [wheel] = (tmp_path / "dist").glob("*.whl")
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path)
    python = venv / "bin" / "python"
    _run(sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps",
         "--no-index", wheel, cwd=tmp_path)  # fmt: skip
    target = Path(_run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))",
                       cwd=tmp_path).strip())  # fmt: skip
    deps = sysconfig.get_path("purelib")
    (target / "deps.pth").write_text("\n".join([deps, *site.getsitepackages()]) + "\n")
    where = _run(python, "-c", "import bot; print(bot.__file__)", cwd=tmp_path)
    assert where.startswith(str(target)), where  # the wheel's copy, not the checkout
    analysis = _run(python, "-m", "bot", "analyze", SEED, cwd=tmp_path)
    assert analysis.strip()
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED, tmp_path / "seeds" / SEED.name)
    reply = _run(python, "-m", "bot", "console", cwd=tmp_path, stdin="/help\n")
    assert "/region" in reply and "help." not in reply  # real texts, not bare keys
