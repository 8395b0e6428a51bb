-- Telegram's sending limits shared by every replica (storage/budget.py): one row per budget
-- ('overall', 'chat:<id>', 'group:<id>'), holding the time (seconds since the epoch, the
-- server's clock) from which its next message may go. UNLOGGED: a budget only matters for the
-- next few seconds, so it is not worth a WAL write per message; after a crash it starts empty.
CREATE UNLOGGED TABLE IF NOT EXISTS send_budget (
    key TEXT PRIMARY KEY,
    next_at DOUBLE PRECISION NOT NULL
);
