namespace PushAuth.Client;

/// <summary>An admin's temporary code for this login service, and when it expires (never the code).</summary>
/// <param name="Usable">True when the user holds an unexpired temporary code.</param>
/// <param name="ExpiresAt">When it expires.</param>
public sealed record PreCheckTemporaryCode(bool Usable, DateTimeOffset? ExpiresAt);
