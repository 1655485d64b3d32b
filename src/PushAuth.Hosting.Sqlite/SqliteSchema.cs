namespace PushAuth.Hosting.Sqlite;

/// <summary>The SQLite schema, as numbered migrations applied in order and recorded in <c>schema_migrations</c>.</summary>
internal static class SqliteSchema
{
    public static readonly string[] Migrations =
    [
        """
        CREATE TABLE grain_state (
            grain_type TEXT NOT NULL,
            grain_key TEXT NOT NULL,
            version INTEGER NOT NULL,
            schema_version INTEGER NOT NULL,
            payload TEXT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (grain_type, grain_key)
        ) WITHOUT ROWID;
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            grain_type TEXT NOT NULL,
            grain_key TEXT NOT NULL,
            topic TEXT NOT NULL,
            payload TEXT NOT NULL,
            trace_context TEXT NULL,
            created_at INTEGER NOT NULL,
            due_at INTEGER NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            claimed_by TEXT NULL,
            claim_expires INTEGER NULL,
            last_error TEXT NULL
        );
        CREATE INDEX outbox_due ON outbox (due_at);
        CREATE TABLE reminders (
            grain_type TEXT NOT NULL,
            grain_key TEXT NOT NULL,
            name TEXT NOT NULL,
            due_at INTEGER NOT NULL,
            claimed_by TEXT NULL,
            claim_expires INTEGER NULL,
            PRIMARY KEY (grain_type, grain_key, name)
        );
        CREATE INDEX reminders_due ON reminders (due_at);
        CREATE TABLE audit_events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at INTEGER NOT NULL,
            tenant_id TEXT NOT NULL,
            user_id TEXT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            method TEXT NULL,
            outcome TEXT NOT NULL,
            source_ip TEXT NULL,
            user_agent TEXT NULL,
            trace_id TEXT NULL,
            details TEXT NULL
        );
        CREATE INDEX audit_tenant ON audit_events (tenant_id, id);
        CREATE INDEX audit_tenant_user ON audit_events (tenant_id, user_id, id);
        """,
    ];
}
