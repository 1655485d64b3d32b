using PushAuth.Abstractions;

namespace PushAuth.Silo.Auth;

/// <summary>Endpoint filters for login-service/admin keys, device sessions and signed device requests, and accessors for handlers.</summary>
public static class AuthEndpointExtensions
{
    private const string CallerItem = "pushauth.caller";
    private const string DeviceItem = "pushauth.device";

    /// <summary>Requires an API key whose role grants <paramref name="permission"/>; 401/403 problem+json otherwise.</summary>
    public static RouteGroupBuilder RequireApiKey(this RouteGroupBuilder group, AdminPermission permission = AdminPermission.LoginApi)
    {
        group.WithMetadata(EndpointAuth.ApiKey);
        group.AddEndpointFilterFactory((factory, next) =>
        {
            var authenticator = Resolve<IApiKeyAuthenticator>(factory);
            return async context =>
            {
                var http = context.HttpContext;
                var caller = AuthorizationHeader.Credentials(http.Request.Headers.Authorization.ToString(), "Bearer") is { } key
                    ? await authenticator.Value.AuthenticateAsync(key, http.RequestAborted)
                    : null;
                if (caller is null)
                {
                    throw ProblemCodes.Auth.ApiKey.Error("A valid API key is required: Authorization: Bearer pak_….");
                }
                if (!TenantRoles.Grants(caller.Role, permission))
                {
                    throw MissingPermission(caller.Role, permission);
                }
                http.Items[CallerItem] = caller;
                return await next(context);
            };
        });
        return group;
    }

    /// <summary>Requires <c>Authorization: Device &lt;session token&gt;</c> of an active device.</summary>
    public static RouteGroupBuilder RequireDevice(this RouteGroupBuilder group)
    {
        group.WithMetadata(EndpointAuth.Device);
        group.AddEndpointFilterFactory((factory, next) =>
        {
            var authenticator = Resolve<IDeviceAuthenticator>(factory);
            return async context =>
            {
                var http = context.HttpContext;
                var deviceId = AuthorizationHeader.Credentials(http.Request.Headers.Authorization.ToString(), "Device") is { } token
                    ? await authenticator.Value.AuthenticateAsync(token, http.RequestAborted)
                    : null;
                http.Items[DeviceItem] = deviceId ?? throw ProblemCodes.Auth.DeviceSession.Error("A valid device session is required: Authorization: Device <token>.");
                return await next(context);
            };
        });
        return group;
    }

    /// <summary>Requires the request itself to be signed with the device key (behind <see cref="RequireDevice"/>): headers
    /// <c>PushAuth-Timestamp</c> (unix s, ±5 min), <c>PushAuth-Nonce</c> (single use) and <c>PushAuth-Signature</c> over the
    /// canonical request (method, path and query, timestamp, body hash, device id, nonce). The body stays readable after.</summary>
    public static TBuilder RequireSignedRequest<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(SignedRequest.Instance);
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            var authenticator = Resolve<IDeviceAuthenticator>(factory);
            return async context =>
            {
                var http = context.HttpContext;
                var request = http.Request;
                request.EnableBuffering();
                using var buffer = new MemoryStream();
                await request.Body.CopyToAsync(buffer, http.RequestAborted);
                request.Body.Position = 0;
                var headers = request.Headers;
                await authenticator.Value.VerifySignedRequestAsync(http.GetDeviceId(), new SignedDeviceRequest(request.Method, request.Path + request.QueryString,
                    buffer.ToArray(), Header(headers, "PushAuth-Timestamp"), Header(headers, "PushAuth-Nonce"), Header(headers, "PushAuth-Signature")), http.RequestAborted);
                return await next(context);
            };
        });
        return builder;
    }

    /// <summary>The 403 of a role that does not grant a permission.</summary>
    public static PushAuthException MissingPermission(ApiKeyRole role, AdminPermission permission) => Caller.MissingPermission(role, permission);

    public static ApiCaller GetApiCaller(this HttpContext http) =>
        http.Items[CallerItem] as ApiCaller ?? throw new InvalidOperationException("The endpoint is not behind RequireApiKey.");

    public static string GetDeviceId(this HttpContext http) =>
        http.Items[DeviceItem] as string ?? throw new InvalidOperationException("The endpoint is not behind RequireDevice.");

    /// <summary>A service of the filter, resolved at its first request: mapping endpoints must not start the grains'
    /// services (their options are validated when the silo starts, where a bad configuration is reported).</summary>
    internal static Lazy<T> Resolve<T>(EndpointFilterFactoryContext factory) where T : notnull =>
        new(() => factory.ApplicationServices.GetRequiredService<T>());

    private static string? Header(IHeaderDictionary headers, string name) => headers.TryGetValue(name, out var value) ? value.ToString() : null;
}
