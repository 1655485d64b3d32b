using System.Globalization;

namespace PushAuth.Persistence.Postgres;

/// <summary>The schema's steps, embedded from <c>Migrations/NNNN_name.sql</c>.</summary>
public static class PostgresMigrations
{
    private const string Prefix = "PushAuth.Persistence.Postgres.Migrations.";

    private static readonly Lazy<IReadOnlyList<PostgresMigration>> Loaded = new(Load);

    /// <summary>Every step, in version order.</summary>
    public static IReadOnlyList<PostgresMigration> All => Loaded.Value;

    /// <summary>The query keys the migrations store in <c>OrleansQuery</c>: every key that Orleans' ADO.NET clustering,
    /// grain storage (including the optional <c>DeleteStorageKey</c>) and reminders read at start.</summary>
    public static IReadOnlyList<string> OrleansQueryKeys { get; } =
    [
        "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey", "UpdateIAmAlivetimeKey",
        "MembershipReadRowKey", "MembershipReadAllKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey",
        "CleanupDefunctSiloEntriesKey",
        "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey",
        "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    private static IReadOnlyList<PostgresMigration> Load()
    {
        var assembly = typeof(PostgresMigrations).Assembly;
        var migrations = new List<PostgresMigration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var fileName = resource[Prefix.Length..^".sql".Length];
            var separator = fileName.IndexOf('_', StringComparison.Ordinal);
            var version = int.Parse(fileName[..separator], NumberStyles.None, CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new PostgresMigration(version, fileName[(separator + 1)..], reader.ReadToEnd()));
        }
        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"PostgreSQL migrations must be numbered 1, 2, 3 … without gaps; found {migrations[i].Version} at position {i + 1}.");
            }
        }
        return migrations;
    }
}
