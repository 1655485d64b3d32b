namespace PushAuth.Silo.Endpoints.Admin;

/// <summary>Whether a temporary code was active and is now expired.</summary>
public sealed record TemporaryCodesExpired(bool Expired);
