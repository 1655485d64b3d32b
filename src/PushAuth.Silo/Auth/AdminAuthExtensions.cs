using PushAuth.Abstractions;

namespace PushAuth.Silo.Auth;

/// <summary>
/// The filter of the recovery and history endpoints: the caller is an API key or a console session, and its role must
/// grant the endpoint's permission. High-assurance endpoints (temporary codes, revoke all) take only a console session
/// signed in within <see cref="ConsoleOptions.HighAssuranceWindow"/>: a person who just proved possession of their own
/// device, which a long-lived key cannot be.
/// </summary>
public static class AdminAuthExtensions
{
    private const string PrincipalItem = "pushauth.admin";

    public static TBuilder RequireAdmin<TBuilder>(this TBuilder builder, AdminPermission permission, bool highAssurance = false)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(EndpointAuth.ApiKey);
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var principal = await AuthenticateAsync(http);
            if (!TenantRoles.Grants(principal.Role, permission))
            {
                throw AuthEndpointExtensions.MissingPermission(principal.Role, permission);
            }
            if (highAssurance)
            {
                var window = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ConsoleOptions>>().Value.HighAssuranceWindow;
                if (!principal.IsConsole)
                {
                    throw PushAuthException.Forbidden("auth.high-assurance-required",
                        "This action needs a console session signed in with your own device; an API key cannot perform it.");
                }
                var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
                if (principal.SignedInAt is not { } at || now - at > window)
                {
                    throw PushAuthException.Forbidden("auth.high-assurance-required",
                        $"This action needs a sign-in from the last {window.TotalMinutes:0} minutes; sign in again.");
                }
            }
            http.Items[PrincipalItem] = principal;
            return await next(context);
        });
        return builder;
    }

    public static AdminPrincipal GetAdmin(this HttpContext http) =>
        http.Items[PrincipalItem] as AdminPrincipal ?? throw new InvalidOperationException("The endpoint is not behind RequireAdmin.");

    private static async Task<AdminPrincipal> AuthenticateAsync(HttpContext http)
    {
        var authorization = http.Request.Headers.Authorization.ToString();
        if (authorization.Length > 0)
        {
            var caller = await http.RequestServices.GetRequiredService<ApiKeyAuthenticator>().AuthenticateAsync(authorization, http.RequestAborted)
                ?? throw PushAuthException.Unauthenticated("auth.api-key", "A valid API key is required: Authorization: Bearer pak_….");
            return AdminPrincipal.FromKey(caller);
        }
        return await http.RequestServices.GetRequiredService<ConsoleSessions>().AuthenticateAsync(http, http.RequestAborted)
            ?? throw PushAuthException.Unauthenticated("auth.required", "An API key (Authorization: Bearer pak_…) or a console session is required.");
    }
}
