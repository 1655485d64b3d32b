namespace PushAuth.Grains.Backup;

/// <summary>Bound from <c>PushAuth:Backup</c>.</summary>
public sealed class BackupOptions
{
    /// <summary>Base64 of at least 32 random bytes; every backup's secret is wrapped under keys derived from it and every
    /// passcode verifier is keyed with it. Keep it outside the database (a secret store or KMS): a copy of the database
    /// without it cannot test a passcode. Unset: a development key is generated once and kept in storage, which
    /// protects nothing against a stolen database; production must set it.</summary>
    public string? MasterKey { get; set; }

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
}
