"""Placeholder analysis so the store and bot can be built in parallel; replaced by the real one."""

from __future__ import annotations

import datetime as dt

from storage.analysis.model import Analysis

ANALYSIS_VERSION = "0"


def fingerprint() -> str:
    """Identifies the analysis (code version + data files); a change means re-tag everything."""
    return ANALYSIS_VERSION


def analyze(text: str, *, today: dt.date | None = None) -> Analysis:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    title = lines[0] if lines else ""
    lead = lines[1] if len(lines) > 1 else ""
    body = "\n\n".join(lines[1:])
    return Analysis(
        title=title, lead=lead, body=body, date=None, url=None, regions=(), countries=(),
        topics=(), summary=lead[:600], lemmas=body.lower(),
    )
