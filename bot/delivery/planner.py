"""Turn new articles into outbox rows: who gets what (SPEC: Delivery).

Set-based: one INSERT ... SELECT for every active chat and every new article together, then
one UPDATE of the watermarks, in one transaction. A chat's watermark says which articles it has
already been considered for, so each article is planned once per chat; the outbox's
UNIQUE (chat_id, article_id) with INSERT OR IGNORE keeps it once even when several of the
chat's subscriptions match, and a planned row survives any crash after the commit.
"""

from __future__ import annotations

from dataclasses import dataclass

import aiosqlite

from storage.db import transaction
from storage.subscriptions import MATCH_SQL, max_article_id

# For each (chat, article) the matching subscription with the lowest id gives the thread:
# SQLite takes the bare column thread_id from the row that holds MIN(s.id).
_PLAN_SQL = f"""
INSERT OR IGNORE INTO outbox (chat_id, article_id, thread_id)
SELECT chat_id, article_id, thread_id FROM (
    SELECT c.id AS chat_id, a.id AS article_id, s.thread_id AS thread_id, MIN(s.id)
    FROM chats c
    JOIN subscriptions s ON s.chat_id = c.id
    JOIN articles a ON a.id > c.watermark AND a.id > s.created_after AND a.id <= :top
    WHERE c.active = 1 AND c.watermark < :top AND a.relevant = 1 AND {MATCH_SQL}
    GROUP BY c.id, a.id
)
ORDER BY chat_id, article_id
"""

_ADVANCE_SQL = """
UPDATE chats SET watermark = :top, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
WHERE active = 1 AND watermark < :top
"""


@dataclass(frozen=True, slots=True)
class PlanResult:
    queued: int  # new outbox rows
    top: int  # newest article id considered


async def plan(db: aiosqlite.Connection) -> PlanResult:
    """Queue every new matching article for every active chat and advance the watermarks."""
    async with transaction(db):
        # Read the newest id inside the transaction: an article committed after this point
        # (by /reload or a ``python -m bot ingest`` beside us) is left for the next run.
        top = await max_article_id(db)
        cur = await db.execute(_PLAN_SQL, {"top": top})
        queued = cur.rowcount
        await db.execute(_ADVANCE_SQL, {"top": top})
    return PlanResult(queued=max(queued, 0), top=top)
