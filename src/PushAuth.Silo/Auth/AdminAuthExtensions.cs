using Microsoft.Extensions.Options;
using PushAuth.Abstractions;

namespace PushAuth.Silo.Auth;

/// <summary>
/// The filter of the admin endpoints: the caller is an API key or a console session, and its role must grant the
/// endpoint's permission. <see cref="AdminAssurance"/> says whether a key may call at all and whether a console admin
/// must have asserted a passkey within <see cref="ConsoleOptions.HighAssuranceWindow"/> (else 403
/// <c>auth.high-assurance-required</c>, and the console asks for a step-up).
/// </summary>
public static class AdminAuthExtensions
{
    private const string PrincipalItem = "pushauth.admin";

    /// <param name="permission">What the role must grant; <see cref="AdminPermission.None"/> for any console admin (with a console-only assurance).</param>
    public static TBuilder RequireAdmin<TBuilder>(this TBuilder builder, AdminPermission permission, AdminAssurance assurance = AdminAssurance.Any)
        where TBuilder : IEndpointConventionBuilder
    {
        if (permission == AdminPermission.None && assurance is not (AdminAssurance.ConsoleOnly or AdminAssurance.FreshConsoleOnly))
        {
            throw new ArgumentException("An endpoint open to every role must be console-only: no API key may reach it.", nameof(permission));
        }
        builder.WithMetadata(assurance is AdminAssurance.ConsoleOnly or AdminAssurance.FreshConsoleOnly ? EndpointAuth.ConsoleOnly : EndpointAuth.Admin);
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            var keys = AuthEndpointExtensions.Resolve<IApiKeyAuthenticator>(factory);
            var sessions = AuthEndpointExtensions.Resolve<ConsoleSessions>(factory);
            var console = AuthEndpointExtensions.Resolve<IOptions<ConsoleOptions>>(factory);
            var time = AuthEndpointExtensions.Resolve<TimeProvider>(factory);
            return async context =>
            {
                var http = context.HttpContext;
                var principal = await AuthenticateAsync(http, keys.Value, sessions.Value, assurance is AdminAssurance.Any or AdminAssurance.FreshIfConsole);
                // None: any console role (one's own session and passkeys); every other permission must be granted by the role.
                if (permission != AdminPermission.None && !TenantRoles.Grants(principal.Role, permission))
                {
                    throw AuthEndpointExtensions.MissingPermission(principal.Role, permission);
                }
                if (!principal.IsConsole && assurance is AdminAssurance.ConsoleOnly or AdminAssurance.FreshConsoleOnly)
                {
                    throw ProblemCodes.Auth.ConsoleOnly.Error("Only an admin signed in to the console with a passkey can do this; an API key cannot.");
                }
                if (principal.IsConsole && assurance is AdminAssurance.FreshIfConsole or AdminAssurance.FreshConsoleOnly)
                {
                    var window = console.Value.Value.HighAssuranceWindow;
                    if (principal.AssertedAt is not { } at || time.Value.GetUtcNow() - at > window)
                    {
                        throw ProblemCodes.Auth.HighAssuranceRequired.Error(
                            $"This action needs a passkey confirmation from the last {window.TotalMinutes:0} minutes: confirm with your passkey (step-up) and try again.");
                    }
                }
                http.Items[PrincipalItem] = principal;
                return await next(context);
            };
        });
        return builder;
    }

    public static AdminPrincipal GetAdmin(this HttpContext http) =>
        http.Items[PrincipalItem] as AdminPrincipal ?? throw new InvalidOperationException("The endpoint is not behind RequireAdmin.");

    private static async Task<AdminPrincipal> AuthenticateAsync(HttpContext http, IApiKeyAuthenticator keys, ConsoleSessions sessions, bool keysAccepted)
    {
        var authorization = http.Request.Headers.Authorization.ToString();
        if (authorization.Length > 0)
        {
            var caller = (AuthorizationHeader.Credentials(authorization, "Bearer") is { } key ? await keys.AuthenticateAsync(key, http.RequestAborted) : null)
                ?? throw ProblemCodes.Auth.ApiKey.Error("A valid API key is required: Authorization: Bearer pak_….");
            return AdminPrincipal.FromKey(caller);
        }
        return await sessions.AuthenticateAsync(http, http.RequestAborted)
            ?? throw (keysAccepted
                ? ProblemCodes.Auth.Required.Error("An API key (Authorization: Bearer pak_…) or a console session is required.")
                : ProblemCodes.Console.SignedOut.Error("Sign in to the console with your passkey."));
    }
}
