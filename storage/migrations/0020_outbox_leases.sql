-- Who is sending an outbox row, and until when that claim holds (SPEC: Delivery).
--
-- A row goes pending -> sending only for the process that claimed it (claimed_by: its instance
-- id), and is put back in the queue only when that claimer is gone: at the start of the one
-- process holding the store's instance lock, or once its lease has run out.
ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
ALTER TABLE outbox ADD COLUMN lease_until TEXT;
