namespace PushAuth.Abstractions;

/// <summary>One paired device in a <see cref="PreCheck"/>, named as the user named it.</summary>
[GenerateSerializer, Immutable, Alias("pa.PreCheckDevice")]
public sealed record PreCheckDevice(string MethodId, string DeviceId, string DisplayName, DateTimeOffset? LastUsedAt);
