namespace PushAuth.Grains.Tests.Infrastructure;

/// <summary>The grain host with a backup master key (a TestingHost silo runs as Production, where it must be configured)
/// and backups locked, not destroyed, after three wrong passcodes, so a test sees both the lock and what lifts it.</summary>
public sealed class BackupHostFixture : GrainHostFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Backup:MasterKey"] = "3q2+7wABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhs=",
        ["Backup:MaxFailedAttempts"] = "3",
        ["Backup:AfterTooManyFailures"] = "Lock",
    };
}
