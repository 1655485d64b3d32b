using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PushAuth.Domain.Console;
using PushAuth.Silo.Http;
using PushAuth.History;

namespace PushAuth.Silo.Auth;

/// <summary>
/// The console's passkey ceremonies from start to session: sign-in, step-up, setup from an invitation, adding one's own
/// passkey, sign-out. The silo verifies attestations and assertions (Fido2); the tenant's admin directory grain decides
/// what they may change. Each method is what one console endpoint does, so the endpoint only binds and answers.
/// </summary>
internal sealed class ConsoleSignIn(IGrainFactory grains, ConsoleSignInGuard guard, PasskeyCeremonies ceremonies, ConsoleSessions sessions,
    IOptions<ConsoleOptions> options, TimeProvider time)
{
    /// <summary>WebAuthn request options for a sign-in, the same for every admin: nothing is looked up, nothing written.</summary>
    public async Task<JsonNode?> SignInOptionsAsync(HttpContext http, string? tenantId, CancellationToken cancellationToken)
    {
        await guard.ThrottleSourceAsync(http, cancellationToken);
        var assertion = await ceremonies.BeginAssertionAsync(http, PasskeyCeremony.SignIn, Validate.TenantId(tenantId), "", [], cancellationToken);
        return JsonNode.Parse(assertion.ToJson());
    }

    /// <summary>Finishes a sign-in: one answer for an unknown tenant, an unknown passkey and a wrong or replayed assertion.</summary>
    public async Task<ConsoleAdmin> SignInAsync(HttpContext http, JsonElement? credential, CancellationToken cancellationToken)
    {
        await guard.ThrottleSourceAsync(http, cancellationToken);
        var ceremony = await ceremonies.ReadAsync(http, PasskeyCeremony.SignIn, cancellationToken) ?? throw CeremonyUnknown();
        PasskeyCeremonies.End(http);
        await guard.ThrottleTenantAsync(ceremony.TenantId, cancellationToken);
        var raw = PasskeyCeremonies.ParseAssertion(Credential(credential));
        var directory = grains.GetGrain<IConsoleAdminsGrain>(ceremony.TenantId);
        var credentialId = raw is null ? null : Base64Url.EncodeToString(raw.RawId);
        if (raw is null || (await directory.GetAsync(cancellationToken)).FindByCredential(credentialId!) is not { } admin
            || await ceremonies.VerifyAssertionAsync(http, ceremony, raw, admin.AdminId, admin.Passkey(credentialId!)!, cancellationToken) is not { } verified
            || await directory.RecordAssertionAsync(new AdminAssertion(admin.AdminId, credentialId!, verified.SignCount, ceremony.Use), PasskeyCeremony.SignIn,
                http.Origin(), cancellationToken) is not { } signedIn)
        {
            throw await guard.FailedAsync(http, ceremony.TenantId, HistoryActivities.AdminSignIn, cancellationToken);
        }
        await sessions.IssueAsync(http, ceremony.TenantId, signedIn.AdminId, cancellationToken);
        return signedIn;
    }

    /// <summary>Ends every console session of the signed-in admin and clears this browser's cookie.</summary>
    public async Task SignOutAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var principal = await sessions.AuthenticateAsync(http, cancellationToken) ?? throw SignedOut();
        await grains.GetGrain<IConsoleAdminsGrain>(principal.TenantId).EndSessionsAsync(principal.ConsoleAdminId!, http.Origin(), cancellationToken);
        sessions.Forget(principal.TenantId);
        ConsoleSessions.Clear(http);
    }

    /// <summary>WebAuthn request options for a step-up with one of the admin's own passkeys.</summary>
    public async Task<JsonNode?> StepUpOptionsAsync(HttpContext http, AdminPrincipal principal, CancellationToken cancellationToken)
    {
        var admin = (await sessions.AdminsAsync(principal.TenantId, cancellationToken)).Find(principal.ConsoleAdminId!) ?? throw SignedOut();
        var assertion = await ceremonies.BeginAssertionAsync(http, PasskeyCeremony.StepUp, principal.TenantId, admin.AdminId, admin.Passkeys.Select(p => p.CredentialId),
            cancellationToken);
        return JsonNode.Parse(assertion.ToJson());
    }

    /// <summary>Finishes a step-up: high-assurance actions are open again until the returned time.</summary>
    public async Task<(DateTimeOffset AssertedAt, DateTimeOffset HighAssuranceUntil)> StepUpAsync(HttpContext http, AdminPrincipal principal, JsonElement? credential,
        CancellationToken cancellationToken)
    {
        var ceremony = await ceremonies.ReadAsync(http, PasskeyCeremony.StepUp, cancellationToken);
        if (ceremony is null || ceremony.TenantId != principal.TenantId || ceremony.AdminId != principal.ConsoleAdminId)
        {
            throw CeremonyUnknown();
        }
        PasskeyCeremonies.End(http);
        var raw = PasskeyCeremonies.ParseAssertion(Credential(credential));
        var directory = grains.GetGrain<IConsoleAdminsGrain>(principal.TenantId);
        var credentialId = raw is null ? null : Base64Url.EncodeToString(raw.RawId);
        if (raw is null || (await directory.GetAsync(cancellationToken)).Find(principal.ConsoleAdminId!) is not { } admin || admin.Passkey(credentialId!) is not { } passkey
            || await ceremonies.VerifyAssertionAsync(http, ceremony, raw, admin.AdminId, passkey, cancellationToken) is not { } verified
            || await directory.RecordAssertionAsync(new AdminAssertion(admin.AdminId, credentialId!, verified.SignCount, ceremony.Use), PasskeyCeremony.StepUp,
                http.Origin(), cancellationToken) is null)
        {
            throw await guard.FailedAsync(http, principal.TenantId, HistoryActivities.AdminStepUp, cancellationToken);
        }
        await sessions.SteppedUpAsync(http, cancellationToken);
        var now = time.GetUtcNow();
        return (now, now + options.Value.HighAssuranceWindow);
    }

    /// <summary>Opens a setup link: the invitation's role and expiry, and WebAuthn creation options for the invited person's first passkey.</summary>
    public async Task<(string TenantId, AdminInvitation Invitation, JsonNode? PublicKey)> SetupOptionsAsync(HttpContext http, string? tenant, string? name, string? token,
        CancellationToken cancellationToken)
    {
        await guard.ThrottleSourceAsync(http, cancellationToken);
        var tenantId = Validate.TenantId(tenant);
        var displayName = Validate.Text(name, "displayName", 100);
        if (token is not { Length: > 0 and <= 100 })
        {
            throw AdminDirectory.InvitationInvalid();
        }
        var tokenHash = AdminInvitations.Hash(token);
        var invitation = await grains.GetGrain<IConsoleAdminsGrain>(tenantId).FindInvitationAsync(tokenHash, cancellationToken) ?? throw AdminDirectory.InvitationInvalid();
        var adminId = "adm_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));
        var creation = await ceremonies.BeginRegistrationAsync(http, PasskeyCeremony.Setup, tenantId, adminId, displayName, displayName, [], tokenHash, cancellationToken);
        return (tenantId, invitation, JsonNode.Parse(creation.ToJson()));
    }

    /// <summary>Finishes a setup link: registers the passkey, uses the invitation up and signs the new admin in.</summary>
    public async Task<(ConsoleAdmin Admin, string TenantId)> SetupAsync(HttpContext http, JsonElement? credential, string? name, CancellationToken cancellationToken)
    {
        await guard.ThrottleSourceAsync(http, cancellationToken);
        var ceremony = await ceremonies.ReadAsync(http, PasskeyCeremony.Setup, cancellationToken) ?? throw CeremonyUnknown();
        var passkeyName = Validate.Text(name ?? "Passkey", "passkeyName", 64);
        var registered = await ceremonies.VerifyRegistrationAsync(http, ceremony, Credential(credential), ceremony.DisplayName, cancellationToken) ?? throw RegistrationInvalid();
        PasskeyCeremonies.End(http);
        var admin = await grains.GetGrain<IConsoleAdminsGrain>(ceremony.TenantId).AcceptInvitationAsync(ceremony.TokenHash, ceremony.AdminId, ceremony.DisplayName,
            new NewAdminPasskey(Base64Url.EncodeToString(registered.Id), passkeyName, registered.PublicKey, registered.SignCount, ceremony.Use), http.Origin(), cancellationToken);
        await sessions.IssueAsync(http, ceremony.TenantId, admin.AdminId, cancellationToken);
        return (admin, ceremony.TenantId);
    }

    /// <summary>WebAuthn creation options for another passkey of the signed-in admin.</summary>
    public async Task<JsonNode?> AddPasskeyOptionsAsync(HttpContext http, AdminPrincipal principal, CancellationToken cancellationToken)
    {
        var admin = (await grains.GetGrain<IConsoleAdminsGrain>(principal.TenantId).GetAsync(cancellationToken)).Find(principal.ConsoleAdminId!) ?? throw SignedOut();
        var creation = await ceremonies.BeginRegistrationAsync(http, PasskeyCeremony.AddPasskey, principal.TenantId, admin.AdminId, admin.DisplayName, admin.DisplayName,
            admin.Passkeys.Select(p => p.CredentialId), "", cancellationToken);
        return JsonNode.Parse(creation.ToJson());
    }

    /// <summary>Finishes adding a passkey with the authenticator's attestation.</summary>
    public async Task<AdminPasskey> AddPasskeyAsync(HttpContext http, AdminPrincipal principal, JsonElement? credential, string? passkeyName, CancellationToken cancellationToken)
    {
        var ceremony = await ceremonies.ReadAsync(http, PasskeyCeremony.AddPasskey, cancellationToken);
        if (ceremony is null || ceremony.TenantId != principal.TenantId || ceremony.AdminId != principal.ConsoleAdminId)
        {
            throw CeremonyUnknown();
        }
        var name = Validate.Text(passkeyName ?? "Passkey", "passkeyName", 64);
        var registered = await ceremonies.VerifyRegistrationAsync(http, ceremony, Credential(credential), ceremony.DisplayName, cancellationToken) ?? throw RegistrationInvalid();
        PasskeyCeremonies.End(http);
        var credentialId = Base64Url.EncodeToString(registered.Id);
        var admin = await grains.GetGrain<IConsoleAdminsGrain>(principal.TenantId).AddPasskeyAsync(principal.ConsoleAdminId!,
            new NewAdminPasskey(credentialId, name, registered.PublicKey, registered.SignCount, ceremony.Use), http.Origin(), cancellationToken);
        sessions.Forget(principal.TenantId);
        return admin.Passkey(credentialId)!;
    }

    /// <summary>The <c>credential</c> of a body: the browser's PublicKeyCredential as a JSON object.</summary>
    private static JsonElement Credential(JsonElement? credential) =>
        credential is { ValueKind: JsonValueKind.Object } c ? c : throw ProblemCodes.Console.CredentialMissing.Error(
            "'credential' (the PublicKeyCredential from the browser, as JSON) is required.");

    private static PushAuthException CeremonyUnknown() =>
        ProblemCodes.Console.CeremonyUnknown.Error("No passkey ceremony of this browser to finish, or it expired; start again.");

    private static PushAuthException RegistrationInvalid() =>
        ProblemCodes.Auth.CredentialInvalid.Error("The passkey registration did not verify (origin, challenge, user verification or format); try again.");

    private static PushAuthException SignedOut() => ProblemCodes.Console.SignedOut.Error("Not signed in.");
}
