namespace PushAuth.Persistence.Sqlite.Internal;

/// <summary>
/// The schema as numbered migrations, applied in order at open and recorded in <c>schema_version</c>; each runs in
/// its own transaction, so a crash mid-migration leaves the previous version intact.
/// </summary>
internal static class SqliteSchema
{
    public const string CreateVersionTable = "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL);";

    public static readonly string[] Migrations =
    [
        // 1: grain state, reminders, history.
        """
        CREATE TABLE grain_state (
            service_id  TEXT NOT NULL,
            grain_type  TEXT NOT NULL,
            grain_key   TEXT NOT NULL,
            state_name  TEXT NOT NULL,
            version     INTEGER NOT NULL,
            payload     BLOB NULL,
            modified_at INTEGER NOT NULL,
            PRIMARY KEY (service_id, grain_type, grain_key, state_name)
        );

        CREATE TABLE reminders (
            service_id    TEXT NOT NULL,
            grain_id      TEXT NOT NULL,
            reminder_name TEXT NOT NULL,
            grain_hash    INTEGER NOT NULL,
            start_at      INTEGER NOT NULL,
            period        INTEGER NOT NULL,
            version       INTEGER NOT NULL,
            PRIMARY KEY (service_id, grain_id, reminder_name)
        );
        CREATE INDEX reminders_by_hash ON reminders (service_id, grain_hash);

        CREATE TABLE counters (
            name  TEXT NOT NULL PRIMARY KEY,
            value INTEGER NOT NULL
        );
        INSERT INTO counters (name, value) VALUES ('reminder_etag', 0);

        CREATE TABLE history (
            tenant_id      TEXT NOT NULL,
            sequence       INTEGER NOT NULL,
            event_id       TEXT NOT NULL,
            at             INTEGER NOT NULL,
            user_id        TEXT NULL,
            actor          TEXT NOT NULL,
            activity       TEXT NOT NULL,
            method         TEXT NULL,
            status         TEXT NOT NULL,
            source_ip      TEXT NULL,
            city           TEXT NULL,
            country        TEXT NULL,
            device_id      TEXT NULL,
            policy         TEXT NULL,
            remarks        TEXT NULL,
            correlation_id TEXT NULL,
            trace_id       TEXT NULL,
            user_agent     TEXT NULL,
            previous_hash  BLOB NOT NULL,
            hash           BLOB NOT NULL,
            PRIMARY KEY (tenant_id, sequence)
        );
        CREATE UNIQUE INDEX history_by_event_id ON history (tenant_id, event_id);
        CREATE INDEX history_by_user ON history (tenant_id, user_id, sequence);
        CREATE INDEX history_by_user_time ON history (tenant_id, user_id, at);
        CREATE INDEX history_by_time ON history (tenant_id, at);
        """,
        // 2: the user index (PushAuth.History.IUserIndex): the primary key serves prefix ranges and the cursor.
        """
        CREATE TABLE user_index (
            tenant_id     TEXT NOT NULL,
            user_id       TEXT NOT NULL,
            first_seen_at INTEGER NOT NULL,
            PRIMARY KEY (tenant_id, user_id)
        ) WITHOUT ROWID;
        """,
    ];

    /// <summary>The schema version this build writes.</summary>
    public static int CurrentVersion => Migrations.Length;
}
