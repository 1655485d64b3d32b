using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PushAuth.Silo.Auth;
using PushAuth.Silo.Endpoints.Admin;
using PushAuth.Silo.Http;

namespace PushAuth.Silo.Endpoints;

/// <summary>
/// The admin console: a plain HTML/CSS/JS page served from the silo (<c>/console</c>) and its sign-in API. Admins are
/// their own identity (<see cref="IConsoleAdminsGrain"/>), signed in with a passkey: discoverable credentials with user
/// verification, so the sign-in options are the same whoever signs in. Nothing of the end-user plane (tokens, TOTP,
/// pairings, challenges) takes part. The page then calls <c>/v1/admin</c> and <c>/console/api</c> with the session
/// cookie and the CSRF token. The ceremonies themselves are <see cref="ConsoleSignIn"/>'s.
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
        api.MapPost("/sign-in/options", async (ConsoleSignInOptionsBody body, HttpContext http, ConsoleSignIn console, CancellationToken ct) =>
            TypedResults.Ok(new PasskeyOptions(await console.SignInOptionsAsync(http, body.TenantId, ct))))
            .WithName("ConsoleSignInOptions").Problems(ProblemCodes.Console.SignInThrottled).WithSummary("Start a passkey sign-in: WebAuthn request options (the same for every admin)");

        api.MapPost("/sign-in", async (PasskeyAssertionBody body, HttpContext http, ConsoleSignIn console, CancellationToken ct) =>
        {
            var admin = await console.SignInAsync(http, body.Credential, ct);
            return TypedResults.Ok(new ConsoleSignedIn("signed-in", admin.AdminId, admin.DisplayName, admin.Role.ToString()));
        }).WithMetadata(EndpointAuth.Passkey).WithName("ConsoleSignIn").Problems(ProblemCodes.Console.SignInThrottled, ProblemCodes.Console.CeremonyUnknown).WithSummary("Finish a passkey sign-in with the authenticator's assertion; sets the session cookie");

        api.MapGet("/session", async (HttpContext http, ConsoleSessions sessions, IOptions<ConsoleOptions> consoleOptions, CancellationToken ct) =>
        {
            var s = await sessions.DescribeAsync(http, ct) ?? throw ProblemCodes.Console.SignedOut.Error("Not signed in.");
            http.Response.Headers.CacheControl = "no-store";
            return TypedResults.Ok(ConsoleSessionView.Of(s.Principal, s.CsrfToken, s.ExpiresAt, consoleOptions.Value.HighAssuranceWindow));
        }).WithName("ConsoleSession").Problems(ProblemCodes.Console.SignedOut).WithSummary("The signed-in admin, their permissions, until when high-assurance actions need no step-up, and the CSRF token");

        api.MapPost("/sign-out", async (HttpContext http, ConsoleSignIn console, CancellationToken ct) =>
        {
            await console.SignOutAsync(http, ct);
            return TypedResults.NoContent();
        }).WithName("ConsoleSignOut").Problems(ProblemCodes.Console.SignedOut, ProblemCodes.Console.CsrfMissing, ProblemCodes.Console.CsrfInvalid).WithSummary("End this admin's console sessions");

        api.MapPost("/step-up/options", async (HttpContext http, ConsoleSignIn console, CancellationToken ct) =>
            TypedResults.Ok(new PasskeyOptions(await console.StepUpOptionsAsync(http, http.GetAdmin(), ct))))
            .RequireAdmin(AdminPermission.None, AdminAssurance.ConsoleOnly)
            .WithName("ConsoleStepUpOptions").WithSummary("Start a step-up: WebAuthn request options for one of your own passkeys");

        api.MapPost("/step-up", async (PasskeyAssertionBody body, HttpContext http, ConsoleSignIn console, CancellationToken ct) =>
        {
            var (assertedAt, until) = await console.StepUpAsync(http, http.GetAdmin(), body.Credential, ct);
            return TypedResults.Ok(new SteppedUp(assertedAt, until));
        }).RequireAdmin(AdminPermission.None, AdminAssurance.ConsoleOnly)
            .WithName("ConsoleStepUp").WithSummary("Finish a step-up with your passkey: high-assurance actions are open again for the window");

        api.MapPost("/setup/options", async (ConsoleSetupOptionsBody body, HttpContext http, ConsoleSignIn console, CancellationToken ct) =>
        {
            var (tenantId, invitation, publicKey) = await console.SetupOptionsAsync(http, body.TenantId, body.DisplayName, body.Token, ct);
            return TypedResults.Ok(new SetupOptions(tenantId, invitation.Role.ToString(), invitation.ExpiresAt, publicKey));
        }).WithName("ConsoleSetupOptions").Problems(ProblemCodes.Console.SignInThrottled, ProblemCodes.Console.InvitationInvalid).WithSummary("Open a setup link: the invitation's role and WebAuthn creation options for the invited person's first passkey");

        api.MapPost("/setup", async Task<Created<ConsoleEnrolled>> (PasskeyRegistrationBody body, HttpContext http, ConsoleSignIn console, CancellationToken ct) =>
        {
            var (admin, tenantId) = await console.SetupAsync(http, body.Credential, body.PasskeyName, ct);
            return TypedResults.Created("/console/api/session", new ConsoleEnrolled(admin.AdminId, admin.DisplayName, admin.Role.ToString(), tenantId));
        }).WithMetadata(EndpointAuth.Passkey).WithName("ConsoleSetup").Problems(ProblemCodes.Console.SignInThrottled, ProblemCodes.Console.CeremonyUnknown)
            .WithSummary("Finish a setup link: registers the passkey, uses the invitation up and signs the new admin in");
    }

    private static IResult Asset(HttpContext http, string file)
    {
        if (ConsoleAssets.Find(file) is not { } asset)
        {
            return TypedResults.NotFound();
        }
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ConsoleAssets.ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-cache";
        return TypedResults.Bytes(asset.Content, asset.ContentType);
    }
}
