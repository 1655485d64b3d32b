namespace PushAuth.Silo.Auth;

/// <summary>Bound from <c>PushAuth:Console</c>.</summary>
public sealed class ConsoleOptions
{
    /// <summary>How recent a sign-in must be for high-assurance actions (temporary codes, revoke all).</summary>
    public TimeSpan HighAssuranceWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a console session lasts after its sign-in.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);
}
