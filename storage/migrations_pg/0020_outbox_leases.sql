-- Who is sending an outbox row, and until when that claim holds: migrations/0020.
ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
ALTER TABLE outbox ADD COLUMN lease_until TEXT;
