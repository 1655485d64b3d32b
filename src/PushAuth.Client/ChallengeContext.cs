namespace PushAuth.Client;

/// <summary>What the phone shows about a sign-in: <paramref name="Service"/> and <paramref name="Action"/> are required.</summary>
public sealed record ChallengeContext(string Service, string Action, string? SourceIp = null, string? City = null, string? Country = null, string? Browser = null,
    string? OperatingSystem = null, DateTimeOffset? RequestedAt = null);
