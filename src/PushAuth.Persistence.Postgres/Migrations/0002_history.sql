-- The identity-verification history: append-only, one hash chain per tenant (PushAuth.History.HistoryChain).
-- The primary key is the chain position, so a second writer appending the same sequence fails; the event id is the
-- producer's idempotency key, unique per tenant.
CREATE TABLE pushauth_history
(
    tenant_id      text        NOT NULL,
    sequence       bigint      NOT NULL,
    event_id       text        NOT NULL,
    at             timestamptz NOT NULL,
    user_id        text,
    actor          text        NOT NULL,
    activity       text        NOT NULL,
    method         text,
    status         text        NOT NULL,
    source_ip      text,
    city           text,
    country        text,
    device_id      text,
    policy         text,
    remarks        text,
    correlation_id text,
    trace_id       text,
    user_agent     text,
    previous_hash  bytea       NOT NULL,
    hash           bytea       NOT NULL,
    PRIMARY KEY (tenant_id, sequence),
    CONSTRAINT pushauth_history_event UNIQUE (tenant_id, event_id)
);

-- Pages are newest first by sequence with a "sequence < cursor" condition. A user's page walks this index backwards
-- and stops after the limit; a time range far in the past is served by the next one instead (the planner picks by
-- the range's selectivity), then only the few matching rows are sorted.
CREATE INDEX pushauth_history_user_sequence ON pushauth_history (tenant_id, user_id, sequence);
CREATE INDEX pushauth_history_user_at ON pushauth_history (tenant_id, user_id, at);
-- Tenant-wide time ranges.
CREATE INDEX pushauth_history_at ON pushauth_history (tenant_id, at);
