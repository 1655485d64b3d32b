namespace PushAuth.Client;

/// <summary>TOTP: usable unless locked after 100 failures; <see cref="ThrottledUntil"/> after repeated failures.</summary>
/// <param name="Usable">True when a code can be checked now.</param>
/// <param name="Credentials">How many TOTP credentials the user has.</param>
/// <param name="Locked">True once too many failures locked TOTP for the user.</param>
/// <param name="ThrottledUntil">Until when checks are refused after repeated failures.</param>
public sealed record PreCheckTotp(bool Usable, int Credentials, bool Locked, DateTimeOffset? ThrottledUntil);
