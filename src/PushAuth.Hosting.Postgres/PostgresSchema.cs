namespace PushAuth.Hosting.Postgres;

/// <summary>The PostgreSQL schema as numbered migrations, applied under an advisory lock so silos starting together agree.</summary>
internal static class PostgresSchema
{
    /// <summary>SQLSTATE raised by <c>pushauth_write_state</c> when the ETag does not match.</summary>
    public const string ConflictSqlState = "PA409";

    public const long MigrationLockId = 0x5075_7368_4175_7468; // "PushAuth"

    public static readonly string[] Migrations =
    [
        """
        CREATE TABLE grain_state (
            grain_type text NOT NULL,
            grain_key text NOT NULL,
            version bigint NOT NULL,
            schema_version int NOT NULL,
            payload text NULL,
            updated_at timestamptz NOT NULL,
            PRIMARY KEY (grain_type, grain_key)
        );
        CREATE TABLE outbox (
            id bigserial PRIMARY KEY,
            grain_type text NOT NULL,
            grain_key text NOT NULL,
            topic text NOT NULL,
            payload text NOT NULL,
            trace_context text NULL,
            created_at timestamptz NOT NULL,
            due_at timestamptz NOT NULL,
            attempts int NOT NULL DEFAULT 0,
            claimed_by text NULL,
            claim_expires timestamptz NULL,
            last_error text NULL
        );
        CREATE INDEX outbox_due ON outbox (due_at);
        CREATE TABLE reminders (
            grain_type text NOT NULL,
            grain_key text NOT NULL,
            name text NOT NULL,
            due_at timestamptz NOT NULL,
            claimed_by text NULL,
            claim_expires timestamptz NULL,
            PRIMARY KEY (grain_type, grain_key, name)
        );
        CREATE INDEX reminders_due ON reminders (due_at);
        CREATE TABLE audit_events (
            id bigserial PRIMARY KEY,
            at timestamptz NOT NULL,
            tenant_id text NOT NULL,
            user_id text NULL,
            actor text NOT NULL,
            action text NOT NULL,
            method text NULL,
            outcome text NOT NULL,
            source_ip text NULL,
            user_agent text NULL,
            trace_id text NULL,
            details text NULL
        );
        CREATE INDEX audit_tenant ON audit_events (tenant_id, id);
        CREATE INDEX audit_tenant_user ON audit_events (tenant_id, user_id, id);
        -- The compare-and-set of one grain write; raising aborts the whole batch (state, outbox, audit, notify) at once.
        CREATE FUNCTION pushauth_write_state(p_type text, p_key text, p_expected bigint, p_schema int, p_payload text, p_now timestamptz)
        RETURNS bigint LANGUAGE plpgsql AS $$
        DECLARE v bigint;
        BEGIN
            IF p_expected = 0 THEN
                INSERT INTO grain_state (grain_type, grain_key, version, schema_version, payload, updated_at)
                VALUES (p_type, p_key, 1, p_schema, p_payload, p_now) ON CONFLICT DO NOTHING;
                IF NOT FOUND THEN
                    RAISE EXCEPTION USING ERRCODE = 'PA409', MESSAGE = 'etag conflict';
                END IF;
                RETURN 1;
            END IF;
            UPDATE grain_state SET version = version + 1, schema_version = p_schema, payload = p_payload, updated_at = p_now
            WHERE grain_type = p_type AND grain_key = p_key AND version = p_expected
            RETURNING version INTO v;
            IF v IS NULL THEN
                RAISE EXCEPTION USING ERRCODE = 'PA409', MESSAGE = 'etag conflict';
            END IF;
            RETURN v;
        END $$;
        """,
    ];
}
