
namespace PushAuth.Domain.Tenants;

public sealed record WebhookSecretState
{
    /// <summary>The signing secret, encrypted with the silo's secret key ring (bound to the tenant).</summary>
    public string? ProtectedSecret { get; init; }

    public DateTimeOffset? RotatedAt { get; init; }
}
