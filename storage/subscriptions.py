"""Subscribers, subscriptions and the delivery outbox in the article store (SPEC: Delivery).

On SQLite everything here runs on the application's one connection. Writes that belong
together run inside ``storage.db.transaction`` (BEGIN IMMEDIATE under the connection's write
lock), which serialises them with ingestion and with each other: statements from two coroutines
on one connection would otherwise land in one SQLite transaction, and one coroutine's commit or
rollback would take the other's half-done work with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, cast

from storage.database import Database
from storage.outbox import MATCH_SQL, OutboxRow, OutboxStore, Status, max_article_id, now_sql
from storage.queries import store_terms

__all__ = ["MATCH_SQL", "OutboxRow", "max_article_id"]

ChatType = Literal["private", "group", "supergroup", "channel"]
Kind = Literal["all", "region", "topic", "query"]
Mode = Literal["instant", "digest"]

CHAT_TYPES: frozenset[str] = frozenset({"private", "group", "supergroup", "channel"})
KINDS: frozenset[str] = frozenset({"all", "region", "topic", "query"})
MODES: frozenset[str] = frozenset({"instant", "digest"})


def chat_type_of(value: str) -> ChatType:
    """``value`` (Telegram's chat type) as a :data:`ChatType`; ValueError for any other (a
    "sender" chat exists only in inline queries and is never a subscriber)."""
    if value not in CHAT_TYPES:
        raise ValueError(f"not a chat type a subscriber can have: {value!r}")
    return cast(ChatType, value)


@dataclass(frozen=True, slots=True)
class Chat:
    id: int
    type: ChatType
    title: str
    active: bool
    lang: str
    tz: str
    mode: Mode
    digest_hour: int
    silent: bool
    watermark: int
    last_digest_on: str | None = None
    inactive_reason: str | None = None

    @property
    def is_broadcast(self) -> bool:
        """Groups and channels: Telegram allows them 20 messages a minute."""
        return self.type != "private"


@dataclass(frozen=True, slots=True)
class Subscription:
    id: int
    chat_id: int
    kind: Kind
    value: str
    thread_id: int | None
    created_after: int


_CHAT_COLS = (
    "id, type, title, active, lang, tz, mode, digest_hour, silent, watermark,"
    " last_digest_on, inactive_reason"
)
_SUB_COLS = "id, chat_id, kind, value, thread_id, created_after"


def _chat(row: Sequence[Any]) -> Chat:
    return Chat(
        id=row[0],
        type=row[1],
        title=row[2],
        active=bool(row[3]),
        lang=row[4],
        tz=row[5],
        mode=row[6],
        digest_hour=row[7],
        silent=bool(row[8]),
        watermark=row[9],
        last_digest_on=row[10],
        inactive_reason=row[11],
    )


def _sub(row: Sequence[Any]) -> Subscription:
    return Subscription(*row)


class SubscriptionStore:
    """SQL for chats, subscriptions and the outbox. Methods named ``*_tx`` expect the caller's
    ``storage.db.transaction``; the others open their own."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._now = now_sql(db)
        self._max = db.pick("MAX", "GREATEST")  # of two values (SQLite's scalar max)

    # -- chats ---------------------------------------------------------------------------

    async def get_chat(self, chat_id: int) -> Chat | None:
        async with self.db.execute(
            f"SELECT {_CHAT_COLS} FROM chats WHERE id = ?", (chat_id,)
        ) as cur:
            row = await cur.fetchone()
        return _chat(row) if row else None

    async def chats(self, *, active: bool | None = None, mode: str | None = None) -> list[Chat]:
        where: list[str] = ["1 = 1"]
        args: list[object] = []
        if active is not None:
            where.append("active = ?")
            args.append(int(active))
        if mode is not None:
            where.append("mode = ?")
            args.append(mode)
        sql = f"SELECT {_CHAT_COLS} FROM chats WHERE {' AND '.join(where)} ORDER BY id"
        async with self.db.execute(sql, args) as cur:
            return [_chat(r) for r in await cur.fetchall()]

    async def upsert_chat_tx(
        self, chat_id: int, chat_type: str, title: str | None, lang: str | None, max_id: int
    ) -> tuple[Chat, bool]:
        """Create the chat (watermark at ``max_id``: no backlog) or refresh its type and title.

        Returns the chat and whether it was inactive (and is now revived).
        """
        before = await self.get_chat(chat_id)
        if before is None:
            await self.db.execute(
                "INSERT INTO chats (id, type, title, lang, watermark) VALUES (?, ?, ?, ?, ?)",
                (chat_id, chat_type, title or "", lang or "ru", max_id),
            )
        else:
            await self.db.execute(
                f"UPDATE chats SET type = ?, title = COALESCE(?, title), updated_at = {self._now}"
                " WHERE id = ?",
                (chat_type, title, chat_id),
            )
            if not before.active:
                await self.revive_tx(chat_id, max_id)
        chat = await self.get_chat(chat_id)
        assert chat is not None
        return chat, before is not None and not before.active

    async def revive_tx(self, chat_id: int, max_id: int) -> bool:
        cur = await self.db.execute(
            "UPDATE chats SET active = 1, inactive_reason = NULL,"
            f" watermark = {self._max}(watermark, ?), updated_at = {self._now}"
            " WHERE id = ? AND active = 0",
            (max_id, chat_id),
        )
        return cur.rowcount > 0

    async def deactivate_tx(self, chat_id: int, reason: str) -> bool:
        """Mark inactive and drop what was still queued: a revived chat gets no backlog."""
        cur = await self.db.execute(
            f"UPDATE chats SET active = 0, inactive_reason = ?, updated_at = {self._now}"
            " WHERE id = ? AND active = 1",
            (reason, chat_id),
        )
        await self.db.execute(
            "DELETE FROM outbox WHERE chat_id = ? AND status = 'pending'", (chat_id,)
        )
        await self.db.execute(
            f"UPDATE outbox SET status = 'failed', error = ?, updated_at = {self._now}"
            " WHERE chat_id = ? AND status = 'sending'",
            (reason, chat_id),
        )
        return cur.rowcount > 0

    async def update_chat_tx(self, chat_id: int, fields: dict[str, object]) -> None:
        allowed = {"mode", "digest_hour", "silent", "tz", "lang", "title", "last_digest_on"}
        unknown = set(fields) - allowed
        if unknown:
            raise ValueError(f"not a chat setting: {sorted(unknown)}")
        if not fields:
            return
        sets = ", ".join(f"{name} = ?" for name in fields)
        await self.db.execute(
            f"UPDATE chats SET {sets}, updated_at = {self._now} WHERE id = ?",
            (*fields.values(), chat_id),
        )

    async def migrate_tx(self, old_id: int, new_id: int) -> None:
        """Move a group's settings, subscriptions and outbox to its new supergroup id."""
        old = await self.get_chat(old_id)
        if old is None:
            return
        if await self.get_chat(new_id) is None:
            await self.db.execute(
                f"INSERT INTO chats ({_CHAT_COLS}) SELECT ?, 'supergroup', title, active, lang,"
                " tz, mode, digest_hour, silent, watermark, last_digest_on, inactive_reason"
                " FROM chats WHERE id = ?",
                (new_id, old_id),
            )
        # Where the new chat already has the same row, the new one wins and the old one goes.
        for table, same in (("subscriptions", "kind, value"), ("outbox", "article_id")):
            key = " AND ".join(f"n.{c} = {table}.{c}" for c in same.split(", "))
            await self.db.execute(
                f"UPDATE {table} SET chat_id = ? WHERE chat_id = ?"
                f" AND NOT EXISTS (SELECT 1 FROM {table} n WHERE n.chat_id = ? AND {key})",
                (new_id, old_id, new_id),
            )
            await self.db.execute(f"DELETE FROM {table} WHERE chat_id = ?", (old_id,))
        await self.db.execute("DELETE FROM chats WHERE id = ?", (old_id,))

    # -- subscriptions -------------------------------------------------------------------

    async def subscriptions(self, chat_id: int) -> list[Subscription]:
        async with self.db.execute(
            f"SELECT {_SUB_COLS} FROM subscriptions WHERE chat_id = ? ORDER BY id", (chat_id,)
        ) as cur:
            return [_sub(r) for r in await cur.fetchall()]

    async def find_subscription(self, chat_id: int, kind: str, value: str) -> Subscription | None:
        async with self.db.execute(
            f"SELECT {_SUB_COLS} FROM subscriptions WHERE chat_id = ? AND kind = ? AND value = ?",
            (chat_id, kind, value),
        ) as cur:
            row = await cur.fetchone()
        return _sub(row) if row else None

    async def add_subscription_tx(
        self, chat_id: int, kind: str, value: str, thread_id: int | None, max_id: int
    ) -> tuple[Subscription, bool]:
        """Add it (only articles after ``max_id`` match) or move an existing one's thread."""
        existing = await self.find_subscription(chat_id, kind, value)
        if existing is None:
            await self.db.execute(
                "INSERT INTO subscriptions (chat_id, kind, value, thread_id, created_after)"
                " VALUES (?, ?, ?, ?, ?)",
                (chat_id, kind, value, thread_id, max_id),
            )
            if kind == "query":
                added = await self.find_subscription(chat_id, kind, value)
                assert added is not None
                await store_terms(self.db, added.id, value)
        elif existing.thread_id != thread_id:
            await self.db.execute(
                "UPDATE subscriptions SET thread_id = ? WHERE id = ?", (thread_id, existing.id)
            )
        sub = await self.find_subscription(chat_id, kind, value)
        assert sub is not None
        return sub, existing is None

    async def remove_subscriptions_tx(self, chat_id: int, ids: Iterable[int] | None) -> int:
        """Remove the given subscriptions (all when ``ids`` is None) and the queued articles
        that no remaining subscription of the chat wants."""
        if ids is None:
            cur = await self.db.execute("DELETE FROM subscriptions WHERE chat_id = ?", (chat_id,))
        else:
            id_list = list(ids)
            marks = ",".join("?" * len(id_list)) or "NULL"
            cur = await self.db.execute(
                f"DELETE FROM subscriptions WHERE chat_id = ? AND id IN ({marks})",
                (chat_id, *id_list),
            )
        removed = cur.rowcount
        await self.db.execute(
            "DELETE FROM outbox WHERE chat_id = ? AND status = 'pending' AND NOT EXISTS ("
            " SELECT 1 FROM subscriptions s JOIN articles a ON a.id = outbox.article_id"
            f" WHERE s.chat_id = outbox.chat_id AND {MATCH_SQL})",
            (chat_id,),
        )
        return removed

    # -- outbox (its SQL is storage.outbox's) -------------------------------------------

    async def pending(self, *, mode: str = "instant", limit: int = 100_000) -> list[OutboxRow]:
        return await OutboxStore(self.db).pending(mode=mode, limit=limit)

    async def pending_for_chat(self, chat_id: int) -> list[OutboxRow]:
        return await OutboxStore(self.db).pending_for_chat(chat_id)

    async def set_status(
        self,
        row_ids: Sequence[int],
        status: Status,
        *,
        message_id: int | None = None,
        error: str | None = None,
    ) -> None:
        await OutboxStore(self.db).set_status(row_ids, status, message_id=message_id, error=error)

    async def counts(self) -> dict[str, int]:
        """Outbox rows by status (every status present, zero when none)."""
        return await OutboxStore(self.db).counts()

    async def subscriber_counts(self) -> tuple[int, int]:
        """(active, inactive) chats that have at least one subscription."""
        async with self.db.execute(
            "SELECT COALESCE(SUM(active), 0), COALESCE(SUM(1 - active), 0) FROM chats"
            " WHERE EXISTS (SELECT 1 FROM subscriptions s WHERE s.chat_id = chats.id)"
        ) as cur:
            row = await cur.fetchone()
        return (int(row[0]), int(row[1])) if row else (0, 0)
