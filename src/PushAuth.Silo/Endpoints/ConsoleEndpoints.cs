using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using PushAuth.Abstractions;
using PushAuth.Domain.Effects;
using PushAuth.Grains.Tenants;
using PushAuth.History;
using PushAuth.Silo.Auth;
using PushAuth.Silo.Endpoints.Admin;

namespace PushAuth.Silo.Endpoints;

/// <summary>
/// The admin console: a plain HTML/CSS/JS page served from the silo (<c>/console</c>) and its sign-in API. An admin is
/// a user of the tenant designated in <c>PUT /v1/admin/console-admins</c>; they sign in with a push approval on their own
/// paired device (the challenge is bound to this browser by a nonce cookie) or a TOTP code from it. The page then calls
/// the <c>/v1/admin</c> API with the session cookie and the CSRF token.
/// </summary>
internal static class ConsoleEndpoints
{
    private const string SignInCookie = "pushauth-console-signin";
    private static readonly TimeSpan SignInWait = TimeSpan.FromSeconds(10);

    public static void MapConsoleEndpoints(this IEndpointRouteBuilder app, SiloOptions options)
    {
        if (!options.ServesApi)
        {
            return;
        }
        app.MapGet("/console", (HttpContext http) => Asset(http, "index.html")).ExcludeFromDescription();
        app.MapGet("/console/{file}", (string file, HttpContext http) => Asset(http, file)).ExcludeFromDescription();

        var api = app.MapGroup("/console/api").WithTags("Admin console");
        api.MapPost("/sign-in", async (ConsoleSignInBody body, HttpContext http, IGrainFactory grains, ConsoleSessions sessions, TenantSettingsCache tenants,
            TimeProvider time, CancellationToken ct) =>
        {
            var tenantId = Validate.Identifier(body.TenantId, "tenantId");
            var userId = Validate.Identifier(body.UserId, "userId");
            if (body.Method is not ("push" or "totp"))
            {
                throw PushAuthException.Invalid("method.invalid", "'method' must be push or totp.");
            }
            var settings = await tenants.GetAsync(tenantId, ct);
            // A tenant that does not exist and a user who is not an admin get the same answer.
            if (settings is null || (await sessions.AdminsAsync(tenantId, ct)).Find(userId) is null)
            {
                throw SignInFailed();
            }
            var user = grains.GetGrain<IUserGrain>(GrainKeys.User(tenantId, userId));
            var origin = IdentityEndpoints.Origin(http);
            if (body.Method == "totp")
            {
                var code = body.Code ?? "";
                if (code.Length is 0 or > 10)
                {
                    throw PushAuthException.Invalid("code.invalid", "'code' must be the 6 or 8 digits from your authenticator.");
                }
                var result = await user.VerifyTotpAsync(tenantId, code, settings.TotpWindow, origin, ct);
                if (!result.Valid)
                {
                    throw result.RetryAfter is { } retry
                        ? PushAuthException.TooMany("console.sign-in-throttled", "Too many wrong codes; wait and try again.", retry)
                        : SignInFailed();
                }
                await sessions.IssueAsync(http, tenantId, userId, ct);
                await AuditSignInAsync(http, grains, time, tenantId, userId, "totp", ct);
                return Results.Ok(new { status = "approved" });
            }
            var nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24));
            var ua = http.Request.Headers.UserAgent.ToString();
            var view = await user.CreateChallengeAsync(tenantId, userId, new CreateChallengeRequest(userId,
                new ChallengeContext("Admin console", "Sign in to the admin console", http.Connection.RemoteIpAddress?.ToString(), Browser: ua.Length == 0 ? null : ua[..Math.Min(ua.Length, 100)]),
                SessionBinding: Binding(nonce)), origin, ct);
            http.Response.Cookies.Append(SignInCookie, Base64Url.EncodeToString(Encoding.UTF8.GetBytes(tenantId)) + "." + view.ChallengeId + "." + nonce, new CookieOptions
            {
                HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = http.Request.IsHttps, Path = "/console/api", MaxAge = TimeSpan.FromMinutes(10), IsEssential = true,
            });
            return Results.Ok(new { status = "pending", signInId = view.ChallengeId, numberMatch = view.NumberMatch, view.ExpiresAt });
        }).WithName("ConsoleSignIn").WithSummary("Start a console sign-in: a push to your own device, or a TOTP code from it");

        api.MapPost("/sign-in/complete", async (ConsoleCompleteBody body, HttpContext http, IGrainFactory grains, ConsoleSessions sessions, TimeProvider time, CancellationToken ct) =>
        {
            var parts = (http.Request.Cookies[SignInCookie] ?? "").Split('.');
            if (body.SignInId is null || parts.Length != 3 || parts[1] != body.SignInId || GrainKeys.UserOfChallenge(body.SignInId) is not { } userKey)
            {
                throw PushAuthException.Unauthenticated("console.sign-in-unknown", "No sign-in of this browser to complete; start again.");
            }
            string tenantId;
            try
            {
                tenantId = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[0]));
            }
            catch (FormatException)
            {
                throw PushAuthException.Unauthenticated("console.sign-in-unknown", "No sign-in of this browser to complete; start again.");
            }
            // The binding proves this browser started the sign-in: the nonce never left its HttpOnly cookie.
            var challenge = await grains.GetGrain<IUserGrain>(userKey).WaitForChallengeAsync(tenantId, body.SignInId, SignInWait, ct);
            if (challenge is null || challenge.SessionBinding != Binding(parts[2]))
            {
                throw PushAuthException.Unauthenticated("console.sign-in-unknown", "No sign-in of this browser to complete; start again.");
            }
            if (challenge.Status == ChallengeStatus.Pending)
            {
                return Results.Accepted(value: new { status = "pending" });
            }
            http.Response.Cookies.Delete(SignInCookie, new CookieOptions { Path = "/console/api" });
            if (challenge.Status != ChallengeStatus.Approved || challenge.AutoApproved || (await sessions.AdminsAsync(tenantId, ct)).Find(challenge.UserId) is null)
            {
                throw SignInFailed();
            }
            await sessions.IssueAsync(http, tenantId, challenge.UserId, ct);
            await AuditSignInAsync(http, grains, time, tenantId, challenge.UserId, "push", ct);
            return Results.Ok(new { status = "approved" });
        }).Produces(StatusCodes.Status200OK).Produces(StatusCodes.Status202Accepted).WithName("ConsoleCompleteSignIn").WithSummary("Finish a push sign-in once approved (long-polls up to 10 s)");

        api.MapGet("/session", async (HttpContext http, ConsoleSessions sessions, IOptions<ConsoleOptions> consoleOptions, CancellationToken ct) =>
        {
            if (await sessions.DescribeAsync(http, ct) is not { } s)
            {
                throw PushAuthException.Unauthenticated("console.signed-out", "Not signed in.");
            }
            var p = s.Principal;
            http.Response.Headers.CacheControl = "no-store";
            return Results.Ok(new
            {
                p.TenantId, userId = p.ConsoleUserId, role = p.Role.ToString(),
                permissions = Enum.GetValues<AdminPermission>().Where(x => x != AdminPermission.None && TenantRoles.Grants(p.Role, x)).Select(x => x.ToString()),
                p.SignedInAt, highAssuranceUntil = p.SignedInAt + consoleOptions.Value.HighAssuranceWindow, s.ExpiresAt, csrfToken = s.CsrfToken,
            });
        }).WithName("ConsoleSession").WithSummary("The signed-in admin, their permissions and the CSRF token");

        api.MapPost("/sign-out", async (HttpContext http, ConsoleSessions sessions, IGrainFactory grains, CancellationToken ct) =>
        {
            var principal = await sessions.AuthenticateAsync(http, ct) ?? throw PushAuthException.Unauthenticated("console.signed-out", "Not signed in.");
            await grains.GetGrain<IConsoleAdminsGrain>(principal.TenantId).EndSessionsAsync(principal.ConsoleUserId!, IdentityEndpoints.Origin(http), ct);
            sessions.Forget(principal.TenantId);
            ConsoleSessions.Clear(http);
            return Results.NoContent();
        }).Produces(StatusCodes.Status204NoContent).WithName("ConsoleSignOut").WithSummary("End this admin's console sessions");
    }

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

    private static string Binding(string nonce) => "console:" + Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(nonce)));

    private static PushAuthException SignInFailed() =>
        PushAuthException.Unauthenticated("console.sign-in-failed", "Sign-in failed: check the tenant and user, and that you approved on your own device.");

    private static Task AuditSignInAsync(HttpContext http, IGrainFactory grains, TimeProvider time, string tenantId, string userId, string method, CancellationToken ct)
    {
        var origin = IdentityEndpoints.Origin(http);
        var e = new HistoryEvent(EffectIds.New(), time.GetUtcNow(), tenantId, userId, "console:" + userId, "console.signed-in", method, "signed-in", origin.SourceIp,
            TraceId: origin.TraceId, UserAgent: origin.UserAgent);
        return grains.GetGrain<ITenantHistoryGrain>(tenantId).AppendAsync([e], ct);
    }
}
