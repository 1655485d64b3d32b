namespace PushAuth.Silo.Endpoints.Admin;

/// <summary>Body of <c>POST /v1/admin/users/{userId}/pairing-offers</c>.</summary>
public sealed record AdminPairingOfferBody(string? ServiceName);
