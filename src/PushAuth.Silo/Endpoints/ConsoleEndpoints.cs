using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PushAuth.Abstractions;
using PushAuth.Domain.Console;
using PushAuth.Silo.Auth;
using PushAuth.Silo.Endpoints.Admin;

namespace PushAuth.Silo.Endpoints;

/// <summary>
/// The admin console: a plain HTML/CSS/JS page served from the silo (<c>/console</c>) and its sign-in API. Admins are
/// their own identity (<see cref="IConsoleAdminsGrain"/>), signed in with a passkey: discoverable credentials with user
/// verification, so the sign-in options are the same whoever signs in. Nothing of the end-user plane (tokens, TOTP,
/// pairings, challenges) takes part. The page then calls <c>/v1/admin</c> and <c>/console/api</c> with the session
/// cookie and the CSRF token.
/// </summary>
internal static class ConsoleEndpoints
{
    public static void MapConsoleEndpoints(this IEndpointRouteBuilder app, SiloOptions options)
    {
        if (!options.ServesApi)
        {
            return;
        }
        app.MapGet("/console", (HttpContext http) => Asset(http, "index.html")).ExcludeFromDescription();
        app.MapGet("/console/{file}", (string file, HttpContext http) => Asset(http, file)).ExcludeFromDescription();

        var api = app.MapGroup("/console/api").WithTags("Admin console");
        api.MapPost("/sign-in/options", async (ConsoleSignInOptionsBody body, HttpContext http, ConsoleSignInGuard guard, PasskeyCeremonies ceremonies, CancellationToken ct) =>
        {
            await guard.ThrottleSourceAsync(http, ct);
            var tenantId = Validate.TenantId(body.TenantId);
            // Nothing is looked up: a tenant that does not exist gets the same options, and nothing is written.
            var assertion = await ceremonies.BeginAssertionAsync(http, PasskeyCeremony.SignIn, tenantId, "", [], ct);
            return Results.Ok(new { publicKey = JsonNode.Parse(assertion.ToJson()) });
        }).WithName("ConsoleSignInOptions").WithSummary("Start a passkey sign-in: WebAuthn request options (the same for every admin)");

        api.MapPost("/sign-in", async (PasskeyAssertionBody body, HttpContext http, IGrainFactory grains, ConsoleSignInGuard guard, PasskeyCeremonies ceremonies,
            ConsoleSessions sessions, CancellationToken ct) =>
        {
            await guard.ThrottleSourceAsync(http, ct);
            var ceremony = await ceremonies.ReadAsync(http, PasskeyCeremony.SignIn, ct) ?? throw CeremonyUnknown();
            PasskeyCeremonies.End(http);
            await guard.ThrottleTenantAsync(ceremony.TenantId, ct);
            var raw = PasskeyCeremonies.ParseAssertion(Credential(body.Credential));
            var directory = grains.GetGrain<IConsoleAdminsGrain>(ceremony.TenantId);
            var credentialId = raw is null ? null : Base64Url.EncodeToString(raw.RawId);
            // Unknown tenant, unknown passkey, a wrong or replayed assertion: one answer.
            if (raw is null || (await directory.GetAsync(ct)).FindByCredential(credentialId!) is not { } admin
                || await ceremonies.VerifyAssertionAsync(http, ceremony, raw, admin.AdminId, admin.Passkey(credentialId!)!, ct) is not { } verified
                || await directory.RecordAssertionAsync(new AdminAssertion(admin.AdminId, credentialId!, verified.SignCount, ceremony.Use), PasskeyCeremony.SignIn,
                    IdentityEndpoints.Origin(http), ct) is not { } signedIn)
            {
                throw await guard.FailedAsync(http, ceremony.TenantId, "admin.sign-in", ct);
            }
            await sessions.IssueAsync(http, ceremony.TenantId, signedIn.AdminId, ct);
            return Results.Ok(new { status = "signed-in", signedIn.AdminId, signedIn.DisplayName, role = signedIn.Role.ToString() });
        }).WithMetadata(EndpointAuth.Passkey).WithName("ConsoleSignIn").WithSummary("Finish a passkey sign-in with the authenticator's assertion; sets the session cookie");

        api.MapGet("/session", async (HttpContext http, ConsoleSessions sessions, IOptions<ConsoleOptions> consoleOptions, CancellationToken ct) =>
        {
            if (await sessions.DescribeAsync(http, ct) is not { } s)
            {
                throw ProblemCodes.Console.SignedOut.Error("Not signed in.");
            }
            var p = s.Principal;
            http.Response.Headers.CacheControl = "no-store";
            return Results.Ok(new
            {
                p.TenantId, adminId = p.ConsoleAdminId, p.DisplayName, role = p.Role.ToString(),
                permissions = Enum.GetValues<AdminPermission>().Where(x => x != AdminPermission.None && TenantRoles.Grants(p.Role, x)).Select(x => x.ToString()),
                p.SignedInAt, p.AssertedAt, highAssuranceUntil = p.AssertedAt + consoleOptions.Value.HighAssuranceWindow, s.ExpiresAt, csrfToken = s.CsrfToken,
            });
        }).WithName("ConsoleSession").WithSummary("The signed-in admin, their permissions, until when high-assurance actions need no step-up, and the CSRF token");

        api.MapPost("/sign-out", async (HttpContext http, ConsoleSessions sessions, IGrainFactory grains, CancellationToken ct) =>
        {
            var principal = await sessions.AuthenticateAsync(http, ct) ?? throw ProblemCodes.Console.SignedOut.Error("Not signed in.");
            await grains.GetGrain<IConsoleAdminsGrain>(principal.TenantId).EndSessionsAsync(principal.ConsoleAdminId!, IdentityEndpoints.Origin(http), ct);
            sessions.Forget(principal.TenantId);
            ConsoleSessions.Clear(http);
            return Results.NoContent();
        }).Produces(StatusCodes.Status204NoContent).WithName("ConsoleSignOut").WithSummary("End this admin's console sessions");

        api.MapPost("/step-up/options", async (HttpContext http, ConsoleSessions sessions, PasskeyCeremonies ceremonies, CancellationToken ct) =>
        {
            var principal = http.GetAdmin();
            var admin = (await sessions.AdminsAsync(principal.TenantId, ct)).Find(principal.ConsoleAdminId!) ?? throw ProblemCodes.Console.SignedOut.Error("Not signed in.");
            var assertion = await ceremonies.BeginAssertionAsync(http, PasskeyCeremony.StepUp, principal.TenantId, admin.AdminId, admin.Passkeys.Select(p => p.CredentialId), ct);
            return Results.Ok(new { publicKey = JsonNode.Parse(assertion.ToJson()) });
        }).RequireAdmin(AdminPermission.None, AdminAssurance.ConsoleOnly)
            .WithName("ConsoleStepUpOptions").WithSummary("Start a step-up: WebAuthn request options for one of your own passkeys");

        api.MapPost("/step-up", async (PasskeyAssertionBody body, HttpContext http, IGrainFactory grains, ConsoleSignInGuard guard, PasskeyCeremonies ceremonies,
            ConsoleSessions sessions, IOptions<ConsoleOptions> consoleOptions, TimeProvider time, CancellationToken ct) =>
        {
            var principal = http.GetAdmin();
            var ceremony = await ceremonies.ReadAsync(http, PasskeyCeremony.StepUp, ct);
            if (ceremony is null || ceremony.TenantId != principal.TenantId || ceremony.AdminId != principal.ConsoleAdminId)
            {
                throw CeremonyUnknown();
            }
            PasskeyCeremonies.End(http);
            var raw = PasskeyCeremonies.ParseAssertion(Credential(body.Credential));
            var directory = grains.GetGrain<IConsoleAdminsGrain>(principal.TenantId);
            var credentialId = raw is null ? null : Base64Url.EncodeToString(raw.RawId);
            if (raw is null || (await directory.GetAsync(ct)).Find(principal.ConsoleAdminId!) is not { } admin || admin.Passkey(credentialId!) is not { } passkey
                || await ceremonies.VerifyAssertionAsync(http, ceremony, raw, admin.AdminId, passkey, ct) is not { } verified
                || await directory.RecordAssertionAsync(new AdminAssertion(admin.AdminId, credentialId!, verified.SignCount, ceremony.Use), PasskeyCeremony.StepUp,
                    IdentityEndpoints.Origin(http), ct) is null)
            {
                throw await guard.FailedAsync(http, principal.TenantId, "admin.step-up", ct);
            }
            await sessions.SteppedUpAsync(http, ct);
            var now = time.GetUtcNow();
            return Results.Ok(new { assertedAt = now, highAssuranceUntil = now + consoleOptions.Value.HighAssuranceWindow });
        }).RequireAdmin(AdminPermission.None, AdminAssurance.ConsoleOnly)
            .WithName("ConsoleStepUp").WithSummary("Finish a step-up with your passkey: high-assurance actions are open again for the window");

        api.MapPost("/setup/options", async (ConsoleSetupOptionsBody body, HttpContext http, IGrainFactory grains, ConsoleSignInGuard guard, PasskeyCeremonies ceremonies,
            CancellationToken ct) =>
        {
            await guard.ThrottleSourceAsync(http, ct);
            var tenantId = Validate.TenantId(body.TenantId);
            var displayName = Validate.Text(body.DisplayName, "displayName", 100);
            if (body.Token is not { Length: > 0 and <= 100 } token)
            {
                throw AdminDirectory.InvitationInvalid();
            }
            var tokenHash = AdminInvitations.Hash(token);
            var invitation = await grains.GetGrain<IConsoleAdminsGrain>(tenantId).FindInvitationAsync(tokenHash, ct) ?? throw AdminDirectory.InvitationInvalid();
            var adminId = "adm_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));
            var creation = await ceremonies.BeginRegistrationAsync(http, PasskeyCeremony.Setup, tenantId, adminId, displayName, displayName, [], tokenHash, ct);
            return Results.Ok(new { tenantId, role = invitation.Role.ToString(), invitation.ExpiresAt, publicKey = JsonNode.Parse(creation.ToJson()) });
        }).WithName("ConsoleSetupOptions").WithSummary("Open a setup link: the invitation's role and WebAuthn creation options for the invited person's first passkey");

        api.MapPost("/setup", async (PasskeyRegistrationBody body, HttpContext http, IGrainFactory grains, ConsoleSignInGuard guard, PasskeyCeremonies ceremonies,
            ConsoleSessions sessions, CancellationToken ct) =>
        {
            await guard.ThrottleSourceAsync(http, ct);
            var ceremony = await ceremonies.ReadAsync(http, PasskeyCeremony.Setup, ct) ?? throw CeremonyUnknown();
            var passkeyName = Validate.Text(body.PasskeyName ?? "Passkey", "passkeyName", 64);
            var registered = await ceremonies.VerifyRegistrationAsync(http, ceremony, Credential(body.Credential), ceremony.DisplayName, ct) ?? throw RegistrationInvalid();
            PasskeyCeremonies.End(http);
            var admin = await grains.GetGrain<IConsoleAdminsGrain>(ceremony.TenantId).AcceptInvitationAsync(ceremony.TokenHash, ceremony.AdminId, ceremony.DisplayName,
                new NewAdminPasskey(Base64Url.EncodeToString(registered.Id), passkeyName, registered.PublicKey, registered.SignCount, ceremony.Use), IdentityEndpoints.Origin(http), ct);
            await sessions.IssueAsync(http, ceremony.TenantId, admin.AdminId, ct);
            return Results.Created("/console/api/session", new { admin.AdminId, admin.DisplayName, role = admin.Role.ToString(), tenantId = ceremony.TenantId });
        }).WithMetadata(EndpointAuth.Passkey).Produces(StatusCodes.Status201Created).WithName("ConsoleSetup")
            .WithSummary("Finish a setup link: registers the passkey, uses the invitation up and signs the new admin in");
    }

    /// <summary>The <c>credential</c> of a body: the browser's PublicKeyCredential as a JSON object.</summary>
    internal static JsonElement Credential(JsonElement? credential) =>
        credential is { ValueKind: JsonValueKind.Object } c ? c : throw ProblemCodes.Console.CredentialMissing.Error("'credential' (the PublicKeyCredential from the browser, as JSON) is required.");

    internal static PushAuthException CeremonyUnknown() =>
        ProblemCodes.Console.CeremonyUnknown.Error("No passkey ceremony of this browser to finish, or it expired; start again.");

    internal static PushAuthException RegistrationInvalid() =>
        ProblemCodes.Pairing.CredentialInvalid.Error("The passkey registration did not verify (origin, challenge, user verification or format); try again.");

    private static IResult Asset(HttpContext http, string file)
    {
        if (ConsoleAssets.Find(file) is not { } asset)
        {
            return Results.NotFound();
        }
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ConsoleAssets.ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-cache";
        return Results.Bytes(asset.Content, asset.ContentType);
    }
}
