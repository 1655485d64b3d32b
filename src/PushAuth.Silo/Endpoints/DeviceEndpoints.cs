using Microsoft.AspNetCore.Http.HttpResults;
using PushAuth.Silo.Auth;
using PushAuth.Silo.Endpoints.Identity;
using PushAuth.Silo.Http;

namespace PushAuth.Silo.Endpoints;

/// <summary>A device's own life: registration with a proof of its key, sessions, its push route, deregistration (gateway silos).</summary>
internal static class DeviceEndpoints
{
    public static void MapDeviceEndpoints(this IEndpointRouteBuilder app, SiloOptions options)
    {
        if (!options.ServesGateway)
        {
            return;
        }
        var open = app.MapGroup("/v1/devices").WithTags("Devices");
        open.MapPost("/registration-nonce", async (IDeviceService devices, CancellationToken ct) => TypedResults.Ok(await devices.CreateRegistrationNonceAsync(ct)))
            .WithName("CreateRegistrationNonce").WithSummary("A nonce (60 s) for a registration's proof to sign");

        open.MapPost("", async Task<Created<DeviceInfo>> (RegisterDeviceBody body, HttpContext http, IDeviceService devices, CancellationToken ct) =>
            TypedResults.Created("/v1/device", await devices.RegisterAsync(new DeviceRegistrationRequest(body.PublicKey, body.Platform, body.PushProvider, body.PushToken,
                body.AppVersion, body.DisplayName, body.Nonce, body.Proof), http.Origin(), ct)))
            .WithMetadata(EndpointAuth.Proof).WithName("RegisterDevice").Problems(ProblemCodes.Devices.RateLimited)
            .WithSummary("Register an authenticator installation (P-256 public key, push route), with a proof over a server nonce");

        open.MapPost("/{deviceId}/session-nonce", async (string deviceId, IDeviceService devices, CancellationToken ct) =>
            TypedResults.Ok(await devices.CreateSessionNonceAsync(RouteIds.Device(deviceId), ct)))
            .WithName("CreateSessionNonce").WithSummary("A server nonce for the device to sign when it opens a session");

        open.MapPost("/{deviceId}/sessions", async (string deviceId, OpenSessionBody body, IDeviceService devices, CancellationToken ct) =>
            TypedResults.Ok(await devices.OpenSessionAsync(RouteIds.Device(deviceId), body.Nonce, body.Signature, ct)))
            .WithMetadata(EndpointAuth.Proof).WithName("OpenDeviceSession").Problems(ProblemCodes.Devices.SessionBadNonce, ProblemCodes.Devices.SessionBadSignature, ProblemCodes.Devices.SessionReplay).WithSummary("Exchange a signed server nonce for a short-lived session token");

        var device = app.MapGroup("/v1/device").RequireDevice().WithTags("Devices");
        device.MapGet("", async (HttpContext http, IGrainFactory grains, CancellationToken ct) =>
            TypedResults.Ok(await grains.GetGrain<IDeviceGrain>(http.GetDeviceId()).GetAsync(ct)))
            .WithName("GetDevice").WithSummary("This device, as the server knows it");

        device.MapPut("/push-token", async (HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            // Read by hand after the signature check saw the raw bytes: not JSON is a 415, bad JSON a 400, never a 500.
            var body = await JsonBody.ReadAsync<PushTokenBody>(http, ct);
            // Both are required here, even for the dev provider that registers without a token: an update that names no
            // token is a client bug, and answering 204 would hide it.
            var provider = body.PushProvider ?? throw ProblemCodes.Devices.PushProviderMissing.Error("'pushProvider' is required: \"fcm\", \"apns\" or \"dev\".");
            var token = body.PushToken ?? throw ProblemCodes.Devices.PushTokenMissing.Error("'pushToken' is required: the new token from FCM or APNs.");
            await grains.GetGrain<IDeviceGrain>(http.GetDeviceId()).UpdatePushTokenAsync(provider, token, http.Origin(), ct);
            return TypedResults.NoContent();
        }).RequireSignedRequest().Accepts<PushTokenBody>("application/json").WithName("UpdatePushToken").WithSummary("Replace the push token (signed request)");

        device.MapDelete("", async (HttpContext http, IDeviceService devices, CancellationToken ct) =>
        {
            await devices.DeregisterAsync(http.GetDeviceId(), http.Origin(), ct);
            return TypedResults.NoContent();
        }).RequireSignedRequest().WithName("DeregisterDevice").WithSummary("Deregister this device (signed request); its methods are removed everywhere");
    }
}
