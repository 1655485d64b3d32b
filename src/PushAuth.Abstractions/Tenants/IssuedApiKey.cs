namespace PushAuth.Abstractions;

/// <summary>A new API key; <see cref="Key"/> is shown this once and never stored.</summary>
[GenerateSerializer, Immutable, Alias("pa.IssuedApiKey")]
public sealed record IssuedApiKey(string KeyId, string Key, ApiKeyRole Role, string Name);
