namespace PushAuth.Abstractions;

/// <summary>TOTP in a <see cref="PreCheck"/>: usable when the user has a credential and is not locked after 100
/// failures; <see cref="ThrottledUntil"/> is when the next code will be checked after repeated failures.</summary>
[GenerateSerializer, Immutable, Alias("pa.PreCheckTotp")]
public sealed record PreCheckTotp(bool Usable, int Credentials, bool Locked, DateTimeOffset? ThrottledUntil);
