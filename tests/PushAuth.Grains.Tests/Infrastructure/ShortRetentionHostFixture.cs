namespace PushAuth.Grains.Tests.Infrastructure;

/// <summary>The grain host with the operator's history floor at one day, so a tenant may keep its history that short.</summary>
public sealed class ShortRetentionHostFixture : GrainHostFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["History:MinRetentionDays"] = "1",
    };
}
