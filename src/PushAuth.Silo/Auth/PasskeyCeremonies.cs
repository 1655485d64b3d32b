using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Fido2NetLib;
using Fido2NetLib.Objects;
using Microsoft.Extensions.Options;

namespace PushAuth.Silo.Auth;

/// <summary>
/// WebAuthn ceremonies of the console with the Fido2 library: user verification required, discoverable credentials
/// (resident keys), attestation "none" (we trust the admin who holds the invitation, not an authenticator model). The
/// ceremony's challenge, tenant and expiry ride in a short-lived HMAC-signed HttpOnly cookie, so starting a ceremony
/// writes nothing; the admin directory uses each ceremony up when its answer is accepted.
/// </summary>
public sealed class PasskeyCeremonies(ConsoleMac mac, ConsoleRelyingParty relyingParty, IOptions<ConsoleOptions> options, TimeProvider time)
{
    public const string CookieName = "pushauth-console-ceremony";
    private const string CookiePath = "/console/api";

    /// <summary>Registration options for a new passkey of <paramref name="adminId"/>; sets the ceremony cookie.</summary>
    public async Task<CredentialCreateOptions> BeginRegistrationAsync(HttpContext http, string kind, string tenantId, string adminId, string userName, string displayName,
        IEnumerable<string> existingCredentialIds, string tokenHash, CancellationToken cancellationToken)
    {
        var ceremony = await StartAsync(http, kind, tenantId, adminId, tokenHash, displayName, cancellationToken);
        return CredentialCreateOptions.Create(Configuration(http), ceremony.Challenge,
            new Fido2User { Id = Encoding.UTF8.GetBytes(adminId), Name = userName, DisplayName = displayName },
            new AuthenticatorSelection { ResidentKey = ResidentKeyRequirement.Required, UserVerification = UserVerificationRequirement.Required },
            AttestationConveyancePreference.None,
            [.. existingCredentialIds.Select(id => new PublicKeyCredentialDescriptor(Base64Url.DecodeFromChars(id)))],
            new AuthenticationExtensionsClientInputs { CredProps = true },
            [PubKeyCredParam.ES256, PubKeyCredParam.RS256, PubKeyCredParam.Ed25519]);
    }

    /// <summary>Assertion options; for sign-in they name no credential (the same for everyone), for a step-up the admin's own.</summary>
    public async Task<AssertionOptions> BeginAssertionAsync(HttpContext http, string kind, string tenantId, string adminId, IEnumerable<string> allowedCredentialIds,
        CancellationToken cancellationToken)
    {
        var ceremony = await StartAsync(http, kind, tenantId, adminId, "", "", cancellationToken);
        return AssertionOptions.Create(Configuration(http), ceremony.Challenge,
            [.. allowedCredentialIds.Select(id => new PublicKeyCredentialDescriptor(Base64Url.DecodeFromChars(id)))], UserVerificationRequirement.Required, null);
    }

    /// <summary>The ceremony of kind <paramref name="kind"/> this browser started, signed and unexpired, or null.</summary>
    public async Task<PasskeyCeremony?> ReadAsync(HttpContext http, string kind, CancellationToken cancellationToken)
    {
        var cookie = http.Request.Cookies[CookieName];
        if (cookie is not { Length: > 0 and <= 1024 })
        {
            return null;
        }
        var parts = cookie.Split('.');
        if (parts.Length != 9 || parts[0] != "v1" || parts[1] != kind || !await mac.VerifyAsync("ceremony", cookie[..cookie.LastIndexOf('.')], parts[8], cancellationToken))
        {
            return null;
        }
        var expires = DateTimeOffset.FromUnixTimeSeconds(long.Parse(parts[5], NumberStyles.None, CultureInfo.InvariantCulture));
        if (expires <= time.GetUtcNow())
        {
            return null;
        }
        return new PasskeyCeremony(kind, Text(parts[2]), Base64Url.DecodeFromChars(parts[3]), expires, Text(parts[4]), Text(parts[6]), Text(parts[7]));
    }

    /// <summary>Ends this browser's ceremony (its cookie).</summary>
    public static void End(HttpContext http) =>
        http.Response.Cookies.Delete(CookieName, new CookieOptions { Path = CookiePath, HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = http.Request.IsHttps });

    /// <summary>Verifies a registration answer against the ceremony; null when it does not verify, whatever the reason.</summary>
    public async Task<RegisteredPublicKeyCredential?> VerifyRegistrationAsync(HttpContext http, PasskeyCeremony ceremony, JsonElement credential, string displayName,
        CancellationToken cancellationToken)
    {
        var raw = Parse<AuthenticatorAttestationRawResponse>(credential);
        if (raw?.Response is null)
        {
            return null;
        }
        var options = CredentialCreateOptions.Create(Configuration(http), ceremony.Challenge,
            new Fido2User { Id = Encoding.UTF8.GetBytes(ceremony.AdminId), Name = displayName, DisplayName = displayName },
            new AuthenticatorSelection { ResidentKey = ResidentKeyRequirement.Required, UserVerification = UserVerificationRequirement.Required },
            AttestationConveyancePreference.None, [], null, [PubKeyCredParam.ES256, PubKeyCredParam.RS256, PubKeyCredParam.Ed25519]);
        try
        {
            return await new Fido2(Configuration(http)).MakeNewCredentialAsync(new MakeNewCredentialParams
            {
                AttestationResponse = raw,
                OriginalOptions = options,
                IsCredentialIdUniqueToUserCallback = (_, _) => Task.FromResult(true), // the admin directory checks uniqueness when it stores the passkey
            }, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Untrusted bytes: a malformed structure, a bad signature, a wrong origin or challenge are all "does not verify".
            return null;
        }
    }

    /// <summary>Verifies an assertion by <paramref name="passkey"/> of <paramref name="adminId"/>; null when it does not.</summary>
    public async Task<VerifyAssertionResult?> VerifyAssertionAsync(HttpContext http, PasskeyCeremony ceremony, AuthenticatorAssertionRawResponse raw, string adminId,
        AdminPasskey passkey, CancellationToken cancellationToken)
    {
        var options = AssertionOptions.Create(Configuration(http), ceremony.Challenge, [], UserVerificationRequirement.Required, null);
        var handle = Encoding.UTF8.GetBytes(adminId);
        try
        {
            return await new Fido2(Configuration(http)).MakeAssertionAsync(new MakeAssertionParams
            {
                AssertionResponse = raw,
                OriginalOptions = options,
                StoredPublicKey = passkey.PublicKey,
                StoredSignatureCounter = passkey.SignCount,
                IsUserHandleOwnerOfCredentialIdCallback = (p, _) => Task.FromResult(p.UserHandle.AsSpan().SequenceEqual(handle)),
            }, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>The assertion in a request body, or null when it is not one.</summary>
    public static AuthenticatorAssertionRawResponse? ParseAssertion(JsonElement credential) =>
        Parse<AuthenticatorAssertionRawResponse>(credential) is { Response: not null, RawId.Length: > 0 } raw ? raw : null;

    private static T? Parse<T>(JsonElement credential)
        where T : class
    {
        if (credential.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        try
        {
            return credential.Deserialize<T>();
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            return null;
        }
    }

    private async Task<PasskeyCeremony> StartAsync(HttpContext http, string kind, string tenantId, string adminId, string tokenHash, string displayName,
        CancellationToken cancellationToken)
    {
        var challenge = RandomNumberGenerator.GetBytes(32);
        var expires = time.GetUtcNow() + options.Value.CeremonyLifetime;
        var body = string.Join('.', "v1", kind, B64(tenantId), Base64Url.EncodeToString(challenge), B64(adminId),
            expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), B64(tokenHash), B64(displayName));
        http.Response.Cookies.Append(CookieName, body + "." + await mac.ComputeAsync("ceremony", body, cancellationToken), new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = http.Request.IsHttps, Path = CookiePath, MaxAge = options.Value.CeremonyLifetime, IsEssential = true,
        });
        return new PasskeyCeremony(kind, tenantId, challenge, expires, adminId, tokenHash, displayName);
    }

    private Fido2Configuration Configuration(HttpContext http)
    {
        var (origin, rpId) = relyingParty.Resolve(http);
        return new Fido2Configuration
        {
            RPID = rpId,
            RPName = options.Value.RelyingPartyName,
            Origins = new HashSet<string>([origin], StringComparer.OrdinalIgnoreCase),
            Timeout = (uint)options.Value.CeremonyLifetime.TotalMilliseconds,
        };
    }

    private static string B64(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    private static string Text(string b64) => Encoding.UTF8.GetString(Base64Url.DecodeFromChars(b64));
}
