using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using PushAuth.Abstractions;
using PushAuth.Grains.Pairing;
using PushAuth.Grains.Tenants;

namespace PushAuth.Silo.Endpoints.Identity;

/// <summary>Creates a QR/deep-link pairing offer for a user: for login services and for the admin console.</summary>
internal static class PairingOffers
{
    /// <summary>The offer's id, its <c>pushauth://enroll?…</c> link (carrying the one-time credential) and expiry.</summary>
    public static async Task<(string PairingId, string Uri, DateTimeOffset ExpiresAt)> CreateAsync(HttpContext http, IGrainFactory grains, SiloOptions options,
        string tenantId, string userId, string serviceName, string actor, CancellationToken ct)
    {
        var tenant = await http.RequestServices.GetRequiredService<TenantSettingsCache>().GetAsync(tenantId, ct);
        var offerId = "pr_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        var credential = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24));
        var view = await grains.GetGrain<IPairingGrain>(offerId).StartOfferAsync(tenantId, tenant?.DisplayName ?? tenantId, userId, serviceName,
            PairingGrain.HashCredential(credential), IdentityEndpoints.PairingLifetime, actor, IdentityEndpoints.Origin(http), ct);
        var server = http.RequestServices.GetRequiredService<Http.PublicLinks>().BaseUri(http).ToString().TrimEnd('/');
        var uri = "pushauth://enroll?offer=" + Uri.EscapeDataString(offerId) + "&credential=" + Uri.EscapeDataString(credential)
            + "&server=" + Uri.EscapeDataString(server) + "&tenant=" + Uri.EscapeDataString(tenant?.DisplayName ?? tenantId)
            + "&expires=" + view.ExpiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return (offerId, uri, view.ExpiresAt);
    }
}
