using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace PushAuth.Silo.Auth;

/// <summary>Issues one-time setup links (for <c>bootstrap-tenant</c>, <c>recover-admin</c> and an Admin in the console):
/// a 256-bit token, of which the admin directory keeps only the SHA-256.</summary>
public sealed class AdminInvitations(IGrainFactory grains, ConsoleRelyingParty relyingParty, IOptions<ConsoleOptions> options)
{
    /// <summary>A new invitation and its setup link (shown once).</summary>
    public async Task<(AdminInvitation Invitation, string SetupLink)> IssueAsync(HttpContext? http, string tenantId, ApiKeyRole role, TimeSpan? validity, string actor,
        RequestOrigin origin, CancellationToken cancellationToken)
    {
        var token = "inv_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        // Resolved first: a silo that cannot build the link refuses before anything is written.
        var link = relyingParty.SetupLink(http, tenantId, token);
        var invitation = await grains.GetGrain<IConsoleAdminsGrain>(tenantId)
            .InviteAsync(role, Hash(token), validity ?? options.Value.InvitationLifetime, actor, origin, cancellationToken);
        return (invitation, link);
    }

    /// <summary>What is stored of a token.</summary>
    public static string Hash(string token) => Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
