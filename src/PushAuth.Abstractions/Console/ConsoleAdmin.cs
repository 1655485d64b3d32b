namespace PushAuth.Abstractions;

/// <summary>A user of the tenant who may sign in to the admin console, and the role they hold there.</summary>
[GenerateSerializer, Immutable, Alias("pa.ConsoleAdmin")]
public sealed record ConsoleAdmin(string UserId, ApiKeyRole Role);
