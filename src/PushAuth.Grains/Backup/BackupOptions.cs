namespace PushAuth.Grains.Backup;

/// <summary>Bound from <c>PushAuth:Backup</c>.</summary>
internal sealed class BackupOptions
{
    /// <summary>Base64 of at least 32 random bytes; every new backup's secret is wrapped under keys derived from it and its
    /// passcode verifier is keyed with it. Keep it outside the database (a secret store or KMS): a copy of the database
    /// without it cannot test a passcode. Required outside Development; only there does an unset key fall back to a
    /// development key kept in storage, which protects nothing against a stolen database.</summary>
    public string? MasterKey { get; set; }

    /// <summary>Earlier master keys (base64, separated by ';'): they still open the backups made under them, which move to
    /// <see cref="MasterKey"/> when their owner next saves them. Rotation: the old key goes here, the new one in MasterKey.</summary>
    public string? RetiredMasterKeys { get; set; }

    /// <summary>The key id (<c>bk1-…</c>, as <c>GET /v1/device/backup-parameters</c> shows it) whose derived keys hash contacts
    /// (the backup grains' keys), pepper verification codes and seal addresses. Default: <see cref="MasterKey"/>'s. Required
    /// with <see cref="RetiredMasterKeys"/>: set it to the id of the key that hashed contacts so far, or every backup would
    /// move out of reach.</summary>
    public string? ContactKeyId { get; set; }

    /// <summary>Wrong passcodes before the backup is locked or destroyed (Apple, Signal and WhatsApp allow about 10).</summary>
    public int MaxFailedAttempts { get; set; } = 10;

    public BackupFailurePolicy AfterTooManyFailures { get; set; } = BackupFailurePolicy.Destroy;

    /// <summary>The largest encrypted blob accepted.</summary>
    public int MaxBlobBytes { get; set; } = 64 * 1024;

    /// <summary>The Argon2id memory the server recommends to devices (KiB).</summary>
    public int KdfMemoryKiB { get; set; } = 64 * 1024;

    /// <summary>The Argon2id passes the server recommends.</summary>
    public int KdfIterations { get; set; } = 3;

    /// <summary>The least memory (KiB) and passes a device may use: OWASP's floor by default.</summary>
    public int MinKdfMemoryKiB { get; set; } = 19 * 1024;

    public int MinKdfIterations { get; set; } = 2;

    /// <summary>The entries of <see cref="RetiredMasterKeys"/>.</summary>
    public static IReadOnlyList<string> Split(string? keys) =>
        keys?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}
