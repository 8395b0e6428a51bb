-- The send budget shared by replicas (storage/budget.py) lives in PostgreSQL; a SQLite store
-- has one bot, whose limiter keeps the budget in memory. The table is created here too so the
-- two dialects' migrations keep the same numbers and the same tables.
CREATE TABLE IF NOT EXISTS send_budget (
    key TEXT PRIMARY KEY,
    next_at REAL NOT NULL
) WITHOUT ROWID;
