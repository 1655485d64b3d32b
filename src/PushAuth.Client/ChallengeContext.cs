namespace PushAuth.Client;

/// <summary>What the phone shows about a sign-in: <paramref name="Service"/> and <paramref name="Action"/> are required.</summary>
/// <param name="Service">The service signed in to, e.g. <c>Acme Mail</c>.</param>
/// <param name="Action">What is asked, e.g. <c>Sign in</c>.</param>
/// <param name="SourceIp">The browser's IP address.</param>
/// <param name="City">Where the sign-in comes from, as the login service located it.</param>
/// <param name="Country">The country, ISO 3166 alpha-2.</param>
/// <param name="Browser">The browser, e.g. <c>Firefox</c>.</param>
/// <param name="OperatingSystem">The browser's operating system.</param>
/// <param name="RequestedAt">When the user asked to sign in; the silo's time when null.</param>
public sealed record ChallengeContext(string Service, string Action, string? SourceIp = null, string? City = null, string? Country = null, string? Browser = null,
    string? OperatingSystem = null, DateTimeOffset? RequestedAt = null);
