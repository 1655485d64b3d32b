namespace PushAuth.Grains.Tests.Infrastructure;

/// <summary>The grain host with a configured backup master key, as a deployment has (so tests know the key rather than
/// rely on a development key kept in storage), and backups locked, not destroyed, after three wrong passcodes, so a test
/// sees both the lock and what lifts it.</summary>
public sealed class BackupHostFixture : GrainHostFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Backup:MasterKey"] = "3q2+7wABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhs=",
        ["Backup:MaxFailedAttempts"] = "3",
        ["Backup:AfterTooManyFailures"] = "Lock",
    };
}
