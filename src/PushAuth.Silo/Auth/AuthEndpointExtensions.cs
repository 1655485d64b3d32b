using PushAuth.Abstractions;

namespace PushAuth.Silo.Auth;

/// <summary>Endpoint filters for login-service/admin keys and device sessions, and accessors for handlers.</summary>
public static class AuthEndpointExtensions
{
    private const string CallerItem = "pushauth.caller";
    private const string DeviceItem = "pushauth.device";

    /// <summary>Requires an API key whose role grants <paramref name="permission"/>; 401/403 problem+json otherwise.</summary>
    public static RouteGroupBuilder RequireApiKey(this RouteGroupBuilder group, AdminPermission permission = AdminPermission.LoginApi)
    {
        group.WithMetadata(EndpointAuth.ApiKey);
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var caller = await http.RequestServices.GetRequiredService<ApiKeyAuthenticator>()
                .AuthenticateAsync(http.Request.Headers.Authorization.ToString() is { Length: > 0 } h ? h : null, http.RequestAborted)
                ?? throw ProblemCodes.Auth.ApiKey.Error("A valid API key is required: Authorization: Bearer pak_….");
            if (!TenantRoles.Grants(caller.Role, permission))
            {
                throw MissingPermission(caller.Role, permission);
            }
            http.Items[CallerItem] = caller;
            return await next(context);
        });
        return group;
    }

    /// <summary>Requires <c>Authorization: Device &lt;session token&gt;</c> of an active device.</summary>
    public static RouteGroupBuilder RequireDevice(this RouteGroupBuilder group)
    {
        group.WithMetadata(EndpointAuth.Device);
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var token = AuthorizationHeader.Credentials(http.Request.Headers.Authorization.ToString(), "Device");
            var deviceId = token is not null
                ? await http.RequestServices.GetRequiredService<DeviceSessions>().ValidateTokenAsync(token, http.RequestAborted)
                : null;
            if (deviceId is null || !await http.RequestServices.GetRequiredService<ActiveDeviceCache>().IsActiveAsync(deviceId, http.RequestAborted))
            {
                throw ProblemCodes.Auth.DeviceSession.Error("A valid device session is required: Authorization: Device <token>.");
            }
            http.Items[DeviceItem] = deviceId;
            return await next(context);
        });
        return group;
    }

    /// <summary>The 403 of a role that does not grant a permission.</summary>
    public static PushAuthException MissingPermission(ApiKeyRole role, AdminPermission permission) =>
        ProblemCodes.Auth.Permission.Error($"This operation needs the {permission} permission, which the {role} role does not grant.");

    public static ApiCaller GetApiCaller(this HttpContext http) =>
        http.Items[CallerItem] as ApiCaller ?? throw new InvalidOperationException("The endpoint is not behind RequireApiKey.");

    public static string GetDeviceId(this HttpContext http) =>
        http.Items[DeviceItem] as string ?? throw new InvalidOperationException("The endpoint is not behind RequireDevice.");
}
