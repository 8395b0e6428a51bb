"""``python -m bot analyze FILE... [--json]``: analyse article files without touching the store.

With ``--json`` every file gives exactly one line: the SPEC's object, or ``{"file", "error"}``
for a file that cannot be read (and the exit status is then 1).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import TextIO

from storage.analysis.analyze import analyze
from storage.analysis.model import Analysis
from storage.analysis.topics import topic_name
from storage.files import ArticleFileError, read_article_file


def as_record(path: Path, analysis: Analysis) -> dict[str, object]:
    """The SPEC's JSON object for one analysed file."""
    return {
        "file": str(path),
        "title": analysis.title,
        "date": analysis.date.isoformat() if analysis.date else None,
        "regions": [
            {"code": r.code, "name": r.name, "country": r.country, "role": r.role}
            for r in analysis.regions
        ],
        "countries": list(analysis.countries),
        "topics": list(analysis.topics),  # the main topic first
        "relevant": analysis.relevant,
        "summary": analysis.summary,
    }


def as_text(path: Path, analysis: Analysis) -> str:
    """A readable block for one analysed file."""
    regions = (
        ", ".join(
            f"{r.name} ({r.code}{', mention' if r.role == 'mention' else ''})"
            for r in analysis.regions
        )
        or "—"
    )
    topics = ", ".join(f"{topic_name(t)} ({t})" for t in analysis.topics) or "—"
    figures = "; ".join(f.text for f in analysis.figures) or "—"
    lines = [
        f"== {path}",
        f"title:     {analysis.title or '—'}",
        f"date:      {analysis.date.isoformat() if analysis.date else '—'}",
        f"source:    {analysis.url or '—'}",
        f"regions:   {regions}",
        f"countries: {', '.join(analysis.countries) or '—'}",
        f"topics:    {topics}",
        f"relevant:  {'yes' if analysis.relevant else 'no: not about cooperation'}",
        f"figures:   {figures}",
        f"summary:   {analysis.summary or '—'}",
    ]
    return "\n".join(lines)


def run_analyze(
    files: list[Path], *, as_json: bool, today: dt.date | None = None, out: TextIO | None = None
) -> int:
    """Analyse each file in order; 0 when every file was read, 1 otherwise."""
    stream = out or sys.stdout
    status = 0
    for path in files:
        try:
            analysis = analyze(read_article_file(path), today=today)
        except ArticleFileError as exc:
            status = 1
            if as_json:
                print(
                    json.dumps({"file": str(path), "error": str(exc)}, ensure_ascii=False),
                    file=stream,
                )
            else:
                print(f"== {path}\nerror: {exc}", file=stream)
            continue
        if as_json:
            print(json.dumps(as_record(path, analysis), ensure_ascii=False), file=stream)
        else:
            print(as_text(path, analysis) + "\n", file=stream)
    return status
