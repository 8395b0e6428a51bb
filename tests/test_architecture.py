"""The house rules, checked on the source (README: How it works).

Every module of ``bot`` and ``storage`` is parsed and every import read, those inside functions
and ``if TYPE_CHECKING:`` blocks included (an import hidden in a function is still a
dependency). The rules:

- ``storage`` never imports ``bot``; the analysis (``storage.analysis``) imports nothing of the
  project outside itself and no database, network or Telegram library: it is pure code;
- ``bot.services`` knows nothing of Telegram (no aiogram, no callback data, no routers) and
  nothing that uses it (delivery, the app container);
- routers and delivery never import each other or the wiring above them;
- no import cycle between modules, nor between packages (``bot.services``, ``bot.routers``...
  and each loose module of ``bot``);
- no module over 500 lines, except the ones named in :data:`TOO_LONG_ALLOWED`.

Each checker is also run on a small made-up tree that breaks its rule, so a checker that
stopped finding anything would fail here too.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("bot", "storage")
MAX_LINES = 500
# Modules allowed over MAX_LINES for now, each with the reason; data files are not modules.
TOO_LONG_ALLOWED: set[str] = set()
IO_LIBRARIES = (
    "aiosqlite",
    "sqlite3",
    "psycopg",
    "psycopg_pool",
    "aiohttp",
    "aiogram",
    "socket",
    "urllib",
    "http",
    "apscheduler",
)
# (importer prefix, forbidden import prefixes)
FORBIDDEN: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("storage", ("bot",)),
    (
        "bot.services",
        (
            "aiogram",
            "bot.callbacks",
            "bot.callbacks_subs",
            "bot.keyboards",
            "bot.middlewares",
            "bot.routers",
            "bot.delivery",
            "bot.container",
            "bot.app",
            "bot.console",
        ),
    ),
    ("bot.routers", ("bot.delivery", "bot.container", "bot.app", "bot.console")),
    ("bot.delivery", ("bot.routers", "bot.container", "bot.app", "bot.console")),
    # the bot talks to the store through storage.database's interface, whatever the engine
    ("bot", ("aiosqlite", "sqlite3", "psycopg", "psycopg_pool")),
)

Graph = dict[str, set[str]]


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules(root: Path, packages: Iterable[str] = PACKAGES) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            found[module_name(root, path)] = path
    return found


def imported_names(name: str, path: Path, known: Iterable[str] = ()) -> set[str]:
    """Every module name an import in ``path`` names (``from a import b``: a, and a.b when
    that is one of the ``known`` modules)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            names.add(module)
            names.update(f"{module}.{a.name}" for a in node.names if f"{module}.{a.name}" in known)
    return names


def import_graph(root: Path, packages: Iterable[str] = PACKAGES) -> tuple[Graph, Graph]:
    """(every import of each module, the imports that are modules of the project)."""
    found = modules(root, packages)
    raw = {name: imported_names(name, path, found) for name, path in found.items()}
    local = {name: {i for i in names if i in found and i != name} for name, names in raw.items()}
    return raw, local


def within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def forbidden_imports(raw: Graph) -> list[str]:
    found = []
    for importer, names in sorted(raw.items()):
        bad = set()
        for prefix, banned in FORBIDDEN:
            if within(importer, prefix):
                bad |= {n for n in names if any(within(n, b) for b in banned)}
        if within(importer, "storage.analysis"):
            bad |= {
                n
                for n in names
                if (within(n, "storage") or within(n, "bot")) and not within(n, "storage.analysis")
            }
            bad |= {n for n in names if any(within(n, lib) for lib in IO_LIBRARIES)}
        label = " (pure analysis)" if within(importer, "storage.analysis") else ""
        found += [f"{importer}{label} imports {n}" for n in sorted(bad)]
    return found


def cycles(graph: Graph) -> list[list[str]]:
    """The strongly connected components with more than one member (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def package_of(root: Path, name: str) -> str:
    """The unit of the package graph: a sub-package (``bot.services``, ``storage.analysis``),
    ``storage`` itself, or a loose module of ``bot`` (``bot.config``)."""
    parts = name.split(".")
    for size in range(len(parts), 1, -1):
        if (root.joinpath(*parts[:size]) / "__init__.py").exists():
            return ".".join(parts[:size])
    return name if parts[0] == "bot" else parts[0]


def _nested(a: str, b: str) -> bool:
    return a == b or a.startswith(b + ".") or b.startswith(a + ".")


def package_graph(root: Path, local: Graph) -> Graph:
    """Imports between packages. A subpackage and the package around it are one house (the
    gazetteer uses the analysis' model and morphology, the analysis uses the gazetteer): the
    module graph above still finds any real cycle between their modules."""
    graph: Graph = {}
    for importer, names in local.items():
        for name in names:
            a, b = package_of(root, importer), package_of(root, name)
            if not _nested(a, b):
                graph.setdefault(a, set()).add(b)
    return graph


def too_long(root: Path, packages: Iterable[str] = PACKAGES) -> list[str]:
    found = []
    for name, path in modules(root, packages).items():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES and name not in TOO_LONG_ALLOWED:
            found.append(f"{name}: {lines} lines")
    return found


# --------------------------------------------------------------------------- the real tree


def test_no_forbidden_import() -> None:
    raw, _ = import_graph(ROOT)
    assert forbidden_imports(raw) == []


def test_no_import_cycle_between_modules_or_packages() -> None:
    _, local = import_graph(ROOT)
    assert cycles(local) == []
    assert cycles(package_graph(ROOT, local)) == []


def test_no_module_over_500_lines() -> None:
    assert too_long(ROOT) == []


def test_the_allowed_long_modules_exist() -> None:
    """An exemption outlives its reason silently: a renamed or split module must leave it."""
    found = modules(ROOT)
    assert [name for name in sorted(TOO_LONG_ALLOWED) if name not in found] == []


# --------------------------------------------------------------------------- the checkers fail


def write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


BASE = {
    "bot/__init__.py": "",
    "bot/services/__init__.py": "",
    "bot/delivery/__init__.py": "",
    "storage/__init__.py": "",
    "storage/analysis/__init__.py": "",
}


@pytest.mark.parametrize(
    ("rel", "source", "expected"),
    [
        (
            "bot/services/x.py",
            "def f():\n    from aiogram import Bot\n",
            "bot.services.x imports aiogram",
        ),
        (
            "bot/services/x.py",
            "from bot.callbacks import ListCb\n",
            "bot.services.x imports bot.callbacks",
        ),
        ("storage/x.py", "import bot.config\n", "storage.x imports bot.config"),
        (
            "storage/analysis/x.py",
            "from storage import db\n",
            "storage.analysis.x (pure analysis) imports storage.db",
        ),
        (
            "storage/analysis/x.py",
            "from ..db import open_db\n",
            "storage.analysis.x (pure analysis) imports storage.db",
        ),
        (
            "storage/analysis/x.py",
            "import aiosqlite\n",
            "storage.analysis.x (pure analysis) imports aiosqlite",
        ),
    ],
)
def test_a_forbidden_import_is_found(tmp_path: Path, rel: str, source: str, expected: str) -> None:
    write(tmp_path, {**BASE, "storage/db.py": "", rel: source})
    raw, _ = import_graph(tmp_path)
    assert expected in forbidden_imports(raw)


def test_a_cycle_hidden_in_a_function_is_found(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            **BASE,
            "bot/services/container.py": "def f():\n    from bot.delivery.scheduler import S\n",
            "bot/delivery/scheduler.py": "from typing import TYPE_CHECKING\n"
            "if TYPE_CHECKING:\n    from bot.services.container import C\n",
        },
    )
    _, local = import_graph(tmp_path)
    assert cycles(local) == [["bot.delivery.scheduler", "bot.services.container"]]


def test_a_package_cycle_is_found(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            **BASE,
            "bot/services/a.py": "from bot.delivery import b\n",
            "bot/delivery/b.py": "",
            "bot/delivery/c.py": "import bot.services.d\n",
            "bot/services/d.py": "",
        },
    )
    _, local = import_graph(tmp_path)
    assert cycles(local) == []  # no module cycle ...
    assert cycles(package_graph(tmp_path, local)) == [["bot.delivery", "bot.services"]]


def test_a_long_module_is_found(tmp_path: Path) -> None:
    write(
        tmp_path,
        {**BASE, "bot/big.py": "x = 1\n" * (MAX_LINES + 1), "bot/ok.py": "x = 1\n" * MAX_LINES},
    )
    assert too_long(tmp_path) == [f"bot.big: {MAX_LINES + 1} lines"]
