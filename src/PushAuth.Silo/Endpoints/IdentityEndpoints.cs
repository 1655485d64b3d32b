using System.Buffers.Text;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using PushAuth.Abstractions;
using PushAuth.Domain.Effects;
using PushAuth.Grains.Audit;
using PushAuth.Grains.Challenges;
using PushAuth.Domain.Devices;
using PushAuth.Grains.Devices;
using PushAuth.Grains.Pairing;
using PushAuth.Grains.Tenants;
using PushAuth.History;
using PushAuth.Security;
using PushAuth.Silo.Auth;
using PushAuth.Silo.Endpoints.Identity;
using PushAuth.Silo.Http;

namespace PushAuth.Silo.Endpoints;

/// <summary>Tenants, devices, pairing, verification methods and TOTP endpoints.</summary>
internal static class IdentityEndpoints
{
    public static readonly TimeSpan PairingLifetime = TimeSpan.FromMinutes(10);

    public static void MapIdentityEndpoints(this IEndpointRouteBuilder app, SiloOptions options)
    {
        if (options.ServesGateway)
        {
            MapDeviceEndpoints(app);
        }
        if (options.ServesApi)
        {
            MapLoginServiceEndpoints(app, options);
            MapAdminEndpoints(app);
        }
    }

    private static void MapDeviceEndpoints(IEndpointRouteBuilder app)
    {
        var open = app.MapGroup("/v1/devices").WithTags("Devices");
        open.MapPost("/registration-nonce", async (DeviceSessions sessions, CancellationToken ct) =>
        {
            var (nonce, expiresAt) = await sessions.CreateRegistrationNonceAsync(ct);
            return Results.Ok(new { nonce, expiresAt });
        }).WithName("CreateRegistrationNonce").WithSummary("A nonce (60 s) for a registration's proof to sign");

        open.MapPost("", async (RegisterDeviceBody body, HttpContext http, IGrainFactory grains, DeviceSessions sessions, RegistrationRateLimiter limiter, CancellationToken ct) =>
        {
            var limitKey = http.Connection.RemoteIpAddress?.ToString() ?? "?";
            if (limiter.RetryAfter(limitKey) is { } wait)
            {
                throw PushAuthException.TooMany("device.rate-limited", "Too many device registrations from this address; try again later.", wait);
            }
            limiter.Failed(limitKey);
            if (body.PublicKey is null || !DeviceKey.TryImport(body.PublicKey, out var key) || body.PublicKey.Length > 400)
            {
                throw PushAuthException.Invalid("publicKey.invalid", "'publicKey' must be a base64url DER SubjectPublicKeyInfo of an ECDSA P-256 key.");
            }
            // A missing field is a malformed request (400); a wrong one is a failed proof (401).
            if (string.IsNullOrEmpty(body.Nonce) || string.IsNullOrEmpty(body.Proof))
            {
                var missing = string.IsNullOrEmpty(body.Nonce) ? "nonce" : "proof";
                throw PushAuthException.Invalid(missing + ".missing", $"'{missing}' is required: see POST /v1/devices/registration-nonce.");
            }
            if (body.Nonce is not { Length: <= 200 } nonce || !await sessions.ValidateRegistrationNonceAsync(nonce, ct))
            {
                throw PushAuthException.Unauthenticated("device.bad-nonce", "'nonce' must come from POST /v1/devices/registration-nonce, at most 60 s ago.");
            }
            if (!DeviceSignature.Verify(key, DeviceSessions.RegistrationProof(nonce, body.PublicKey), body.Proof))
            {
                await AuditRejectedAsync(http, grains, DeviceGrain.DevicesTenant, null, "device", "device.register", "device", "bad-proof", null, 5, ct);
                throw PushAuthException.Unauthenticated("device.bad-proof", "'proof' must be the key's signature over \"PA2-REGISTER\\n{nonce}\\n{publicKey}\".");
            }
            // One key, one device: a replay of this request (within the nonce's minute) finds the device and creates nothing.
            var deviceId = DeviceSessions.DeviceIdOf(key);
            var info = await grains.GetGrain<IDeviceGrain>(deviceId).RegisterAsync(
                new DeviceRegistration(body.PublicKey, body.Platform!, body.PushProvider!, body.PushToken, body.AppVersion!, body.DisplayName!), Origin(http), ct);
            sessions.DeviceRegistered(deviceId);
            return Results.Created("/v1/device", info);
        }).Produces<DeviceInfo>(StatusCodes.Status201Created).WithMetadata(EndpointAuth.Proof).WithName("RegisterDevice").WithSummary("Register an authenticator installation (P-256 public key, push route), with a proof over a server nonce");

        open.MapPost("/{deviceId}/session-nonce", async (string deviceId, DeviceSessions sessions, CancellationToken ct) =>
        {
            var (nonce, expiresAt) = await sessions.CreateNonceAsync(ValidDeviceId(deviceId), ct);
            return Results.Ok(new { nonce, expiresAt });
        }).WithName("CreateSessionNonce");

        open.MapPost("/{deviceId}/sessions", async (string deviceId, OpenSessionBody body, DeviceSessions sessions, DeviceKeyCache keys, IGrainFactory grains, TimeProvider time, CancellationToken ct) =>
        {
            ValidDeviceId(deviceId);
            if (body.Nonce is null || !await sessions.ValidateNonceAsync(deviceId, body.Nonce, ct))
            {
                throw PushAuthException.Unauthenticated("session.bad-nonce", "The nonce is unknown or expired; ask for a new one.");
            }
            var device = await grains.GetGrain<IDeviceGrain>(deviceId).GetAsync(ct);
            var key = device is { Active: true } ? await keys.GetAsync(deviceId, ct) : null;
            if (key is null || !DeviceSignature.Verify(key, DeviceSessions.SessionProof(deviceId, body.Nonce), body.Signature))
            {
                throw PushAuthException.Unauthenticated("session.bad-signature", "The signature does not verify for this device.");
            }
            // Single use: the device grain remembers it (one activation decides, so of concurrent replays one wins).
            if (!await grains.GetGrain<IDeviceGrain>(deviceId).UseRequestNonceAsync("session:" + body.Nonce.Split('.')[1], time.GetUtcNow(), ct))
            {
                throw PushAuthException.Unauthenticated("session.replay", "This nonce was already used to open a session; ask for a new one.");
            }
            var (token, expiresAt) = await sessions.IssueAsync(deviceId, key.Thumbprint, ct);
            return Results.Ok(new { token, expiresAt });
        }).WithMetadata(EndpointAuth.Proof).WithName("OpenDeviceSession").WithSummary("Exchange a signed server nonce for a short-lived session token");

        var device = app.MapGroup("/v1/device").RequireDevice().WithTags("Devices");
        device.MapGet("", async (HttpContext http, IGrainFactory grains, CancellationToken ct) =>
            Results.Ok(await grains.GetGrain<IDeviceGrain>(http.GetDeviceId()).GetAsync(ct)));

        device.MapPut("/push-token", async (HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var deviceId = http.GetDeviceId();
            await SignedRequest.VerifyAsync(http, deviceId, ct);
            // Read by hand after the signature check saw the raw bytes: not JSON is a 415, bad JSON a 400, never a 500.
            var body = await JsonBody.ReadAsync<PushTokenBody>(http, ct);
            // Both are required here, even for the dev provider that registers without a token: an update that names no
            // token is a client bug, and answering 204 would hide it.
            var provider = body.PushProvider ?? throw PushAuthException.Invalid("pushProvider.missing", "'pushProvider' is required: \"fcm\", \"apns\" or \"dev\".");
            var token = body.PushToken ?? throw PushAuthException.Invalid("pushToken.missing", "'pushToken' is required: the new token from FCM or APNs.");
            await grains.GetGrain<IDeviceGrain>(deviceId).UpdatePushTokenAsync(provider, token, Origin(http), ct);
            return Results.NoContent();
        }).Accepts<PushTokenBody>("application/json").Produces(StatusCodes.Status204NoContent).WithName("UpdatePushToken").WithSummary("Replace the push token (signed request)");

        device.MapDelete("", async (HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var deviceId = http.GetDeviceId();
            await SignedRequest.VerifyAsync(http, deviceId, ct);
            // The device grain tells every user it was paired with, after its own write, until each has removed it.
            await grains.GetGrain<IDeviceGrain>(deviceId).DeregisterAsync(Origin(http), ct);
            http.RequestServices.GetRequiredService<ActiveDeviceCache>().Forget(deviceId);
            return Results.NoContent();
        }).Produces(StatusCodes.Status204NoContent).WithName("DeregisterDevice").WithSummary("Deregister this device (signed request); its methods are removed everywhere");

        device.MapPost("/pairing-phrases", async (HttpContext http, IGrainFactory grains, TimeProvider time, PairingPhraseKeys phraseKeys, IOptions<DeviceOptions> limits,
            CancellationToken ct) =>
        {
            var deviceId = http.GetDeviceId();
            // Bounded per device, cluster-wide: a phrase costs memory for its ten minutes, and nobody but the device asked.
            if (await grains.GetGrain<IRateLimitGrain>("pairing-phrase-device:" + deviceId).TryTakeAsync(limits.Value.PairingPhrasesPerHour, TimeSpan.FromHours(1), ct) is { } wait)
            {
                throw PushAuthException.TooMany("pairing.phrase-rate-limited", "This device asked for too many pairing phrases; try again later.", wait);
            }
            var pairingId = "pr_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
            var expiresAt = time.GetUtcNow() + PairingLifetime;
            for (var attempt = 0; attempt < 5; attempt++)
            {
                var phrase = PairingPhrase.Generate();
                if (await grains.GetGrain<IPairingPhraseGrain>(await phraseKeys.GrainKeyAsync(phrase, ct)).ReserveAsync(pairingId, expiresAt, ct))
                {
                    var view = await grains.GetGrain<IPairingGrain>(pairingId).StartPhraseAsync(deviceId, phrase, PairingLifetime, ct);
                    return Results.Ok(new { pairingId, phrase, expiresAt = view.ExpiresAt });
                }
            }
            throw PushAuthException.Conflict("pairing.no-free-phrase", "Could not draw a free pairing phrase; retry.");
        }).WithName("CreatePairingPhrase").WithSummary("Show a pairing phrase (4 words, 44 bits, 10 minutes, single use)");

        device.MapGet("/pairings/{pairingId}", async (string pairingId, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
            Results.Ok(await grains.GetGrain<IPairingGrain>(ValidId(pairingId, "pr_", "pairingId")).GetForDeviceAsync(http.GetDeviceId(), ct)
                ?? throw PushAuthException.NotFound("pairing.not-found", "No such pairing for this device.")))
            .WithName("GetDevicePairing").WithSummary("The pairing request to confirm (pull; also announced by push)");

        device.MapPost("/pairings/{pairingId}/confirm", async (string pairingId, ConfirmPairingBody body, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
            Results.Ok(await grains.GetGrain<IPairingGrain>(ValidId(pairingId, "pr_", "pairingId"))
                .ConfirmAsync(http.GetDeviceId(), body.Decision ?? "", body.Signature ?? "", Origin(http), ct)))
            .WithName("ConfirmPairing").WithSummary("Accept or reject a claimed pairing, signed");

        device.MapPost("/pairing-offers/complete", async (CompleteOfferBody body, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            if (string.IsNullOrEmpty(body.Credential) || body.Credential.Length > 100)
            {
                throw PushAuthException.Invalid("credential.invalid", "'credential' from the QR code is required.");
            }
            return Results.Ok(await grains.GetGrain<IPairingGrain>(ValidId(body.OfferId, "pr_", "offerId")).CompleteOfferAsync(http.GetDeviceId(), body.Credential, Origin(http), ct));
        }).WithName("CompleteOffer").WithSummary("Complete a QR pairing offer with its one-time credential");
    }

    private static void MapLoginServiceEndpoints(IEndpointRouteBuilder app, SiloOptions options)
    {
        var api = app.MapGroup("/v1").RequireApiKey().WithTags("Pairing and methods");

        api.MapPost("/pairings", async (ClaimPairingBody body, HttpContext http, IPairingPhraseClaims pairings, CancellationToken ct) =>
        {
            var caller = http.GetApiCaller();
            var view = await pairings.ClaimAsync(caller.TenantId, Validate.Identifier(body.UserId, "userId"), body.Phrase ?? "", body.ServiceName!,
                $"{caller.Role}:{caller.KeyId}", Origin(http), ct);
            return Results.Created($"/v1/pairings/{view.PairingId}", view);
        }).Produces<PairingView>(StatusCodes.Status201Created).WithName("ClaimPairingPhrase").WithSummary("Claim the phrase the user typed; the device is asked to confirm");

        api.MapGet("/pairings/{pairingId}", async (string pairingId, int? wait, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var tenantId = http.GetApiCaller().TenantId;
            var grain = grains.GetGrain<IPairingGrain>(ValidId(pairingId, "pr_", "pairingId"));
            return Results.Ok(await LongPoll.ReadAsync(http, wait,
                async (left, token) => await grain.WaitAsync(tenantId, left, token) ?? throw PushAuthException.NotFound("pairing.not-found", "No such pairing."),
                v => v.Status is PairingStatus.AwaitingClaim or PairingStatus.AwaitingDevice, ct));
        }).WithName("GetPairing").WithSummary("Pairing status; wait=N long-polls for the device's answer");

        api.MapPost("/pairing-offers", async (CreateOfferBody body, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var caller = http.GetApiCaller();
            var userId = Validate.Identifier(body.UserId, "userId");
            var service = Validate.Text(body.ServiceName, "serviceName", 100);
            var (offerId, uri, expiresAt) = await PairingOffers.CreateAsync(http, grains, options, caller.TenantId, userId, service, "login-service", ct);
            return Results.Created($"/v1/pairings/{offerId}", new { pairingId = offerId, uri, expiresAt });
        }).Produces(StatusCodes.Status201Created).WithName("CreatePairingOffer").WithSummary("A QR/deep-link pairing offer for a user");

        api.MapGet("/users/{userId}/pre-check", async (string userId, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var caller = http.GetApiCaller();
            return Results.Ok(await User(http, grains, userId).PreCheckAsync(caller.TenantId, caller.KeyId, ct));
        }).Produces<PreCheck>().WithName("PreCheck").WithSummary("Before the prompt: is the user enrolled, and which methods are usable now (push devices, TOTP, a temporary code, a push block)");

        api.MapGet("/users/{userId}/methods", async (string userId, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
            Results.Ok(await User(http, grains, userId).ListMethodsAsync(http.GetApiCaller().TenantId, ct)))
            .WithName("ListMethods").WithSummary("A user's verification methods");

        api.MapDelete("/users/{userId}/methods/{methodId}", async (string userId, string methodId, string? reason, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var caller = http.GetApiCaller();
            if (reason is not (null or "lost" or "stolen" or "broken" or "replaced" or "other"))
            {
                throw PushAuthException.Invalid("reason.invalid", "'reason' must be lost, stolen, broken, replaced or other.");
            }
            // One decision in the user grain: the method, its pending challenges and rules go; the device is told after.
            _ = await User(http, grains, userId).DisconnectAsync(caller.TenantId, methodId, $"{caller.Role}:{caller.KeyId}", reason ?? "other", Origin(http), ct)
                ?? throw PushAuthException.NotFound("method.not-found", "No such verification method.");
            return Results.NoContent();
        }).Produces(StatusCodes.Status204NoContent).WithName("DisconnectMethod").WithSummary("Disconnect a lost, stolen or broken method; its pending challenges end");

        api.MapPost("/users/{userId}/totp", async (string userId, EnrollTotpBody? body, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var caller = http.GetApiCaller();
            var tenant = await http.RequestServices.GetRequiredService<TenantSettingsCache>().GetAsync(caller.TenantId, ct);
            var deviceId = body?.DeviceId is null ? null : ValidDeviceId(body.DeviceId);
            var enrollment = await User(http, grains, userId).EnrollTotpAsync(caller.TenantId, userId, tenant?.DisplayName ?? caller.TenantId, deviceId, Origin(http), ct);
            return Results.Created($"/v1/users/{userId}/methods/{enrollment.MethodId}", enrollment);
        }).Produces<TotpEnrollment>(StatusCodes.Status201Created).WithName("EnrollTotp").WithSummary("A new TOTP credential: otpauth:// URI and secret, shown once");

        api.MapPost("/users/{userId}/totp/verify", async (string userId, VerifyTotpBody body, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var caller = http.GetApiCaller();
            var tenant = await http.RequestServices.GetRequiredService<TenantSettingsCache>().GetAsync(caller.TenantId, ct);
            var code = body.Code ?? "";
            if (code.Length is 0 or > 10)
            {
                throw PushAuthException.Invalid("code.invalid", "'code' must be the 6 or 8 digits from the authenticator.");
            }
            // The same check accepts a temporary code an admin issued (limited, if so, to this caller's key id).
            var result = await User(http, grains, userId).VerifyCodeAsync(caller.TenantId, code, tenant?.TotpWindow ?? 1, caller.KeyId, Origin(http), ct);
            if (result.RetryAfter is { } retry)
            {
                http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }
            return Results.Ok(new { valid = result.Valid, methodId = result.MethodId, method = result.Method });
        }).WithName("VerifyTotp").WithSummary("Check a TOTP code or a temporary code (each TOTP code is accepted once)");
    }

    private static void MapAdminEndpoints(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/v1/admin").WithTags("Admin");
        admin.MapGet("/settings", async (HttpContext http, IGrainFactory grains, CancellationToken ct) =>
            Results.Ok(await grains.GetGrain<ITenantGrain>(http.GetAdmin().TenantId).GetSettingsAsync(ct))).RequireAdmin(AdminPermission.ManageTenant);
        admin.MapPut("/settings", async (TenantSettings settings, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var caller = http.GetAdmin();
            var updated = await grains.GetGrain<ITenantGrain>(caller.TenantId).UpdateSettingsAsync(settings, caller.LegacyActor, Origin(http), ct);
            http.RequestServices.GetRequiredService<TenantSettingsCache>().Forget(caller.TenantId);
            return Results.Ok(updated);
        }).RequireAdmin(AdminPermission.ManageTenant, AdminAssurance.FreshIfConsole).WithName("UpdateSettings");
        admin.MapDelete("/users/{userId}/totp-lock", async (string userId, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var caller = http.GetAdmin();
            await grains.GetGrain<IUserGrain>(GrainKeys.User(caller.TenantId, Validate.Identifier(userId, "userId"))).ClearTotpLockAsync(caller.TenantId, caller.LegacyActor, Origin(http), ct);
            return Results.NoContent();
        }).RequireAdmin(AdminPermission.ManageTenant, AdminAssurance.FreshIfConsole).Produces(StatusCodes.Status204NoContent).WithName("ClearTotpLock").WithSummary("Lift a user's TOTP throttle or lock (after 100 consecutive failures)");
        admin.MapGet("/api-keys", async (HttpContext http, IGrainFactory grains, CancellationToken ct) =>
            Results.Ok(await grains.GetGrain<ITenantGrain>(http.GetAdmin().TenantId).ListApiKeysAsync(ct))).RequireAdmin(AdminPermission.ManageTenant);
        admin.MapPost("/api-keys", async (CreateApiKeyBody body, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var caller = http.GetAdmin();
            var key = await grains.GetGrain<ITenantGrain>(caller.TenantId).IssueApiKeyAsync(body.Role ?? ApiKeyRole.LoginService, body.Name ?? "", caller.LegacyActor, Origin(http), ct);
            http.RequestServices.GetRequiredService<ApiKeyAuthenticator>().KeyIssued();
            return Results.Created($"/v1/admin/api-keys/{key.KeyId}", key);
        }).RequireAdmin(AdminPermission.ManageTenant, AdminAssurance.FreshIfConsole).Produces<IssuedApiKey>(StatusCodes.Status201Created).WithName("CreateApiKey").WithSummary("Issue a key; Admin role delegates the Manage-MFA permission");
        admin.MapDelete("/api-keys/{keyId}", async (string keyId, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var caller = http.GetAdmin();
            return await grains.GetGrain<ITenantGrain>(caller.TenantId).RevokeApiKeyAsync(keyId, caller.LegacyActor, Origin(http), ct)
                ? Results.NoContent() : throw PushAuthException.NotFound("api-key.not-found", "No such active key.");
        }).RequireAdmin(AdminPermission.ManageTenant, AdminAssurance.FreshIfConsole).Produces(StatusCodes.Status204NoContent).WithName("RevokeApiKey");
    }

    /// <summary>Audits an attempt that changed nothing (so there is no state write to carry the event): the first
    /// <paramref name="individually"/> of a minute each, the rest as one aggregated event (<see cref="AttemptLedger"/>).</summary>
    private static Task AuditRejectedAsync(HttpContext http, IGrainFactory grains, string tenantId, string? userId, string actor, string activity, string method, string status,
        string? remarks, int individually, CancellationToken ct)
    {
        var origin = Origin(http);
        if (!http.RequestServices.GetRequiredService<AttemptLedger>().Admit(tenantId, userId, activity, method, status, origin, individually))
        {
            return Task.CompletedTask;
        }
        var e = new HistoryEvent(EffectIds.New(), http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(), tenantId, userId, actor, activity, method, status,
            origin.SourceIp, Remarks: remarks, TraceId: origin.TraceId, UserAgent: origin.UserAgent);
        return grains.GetGrain<ITenantHistoryGrain>(tenantId).AppendAsync([e], ct);
    }

    private static IUserGrain User(HttpContext http, IGrainFactory grains, string userId) =>
        grains.GetGrain<IUserGrain>(GrainKeys.User(http.GetApiCaller().TenantId, Validate.Identifier(userId, "userId")));

    private static string ValidDeviceId(string? id) => ValidId(id, "dv_", "deviceId");

    private static string ValidId(string? id, string prefix, string field) =>
        id is { Length: > 3 and <= 64 } && id.StartsWith(prefix, StringComparison.Ordinal) && id.Skip(prefix.Length).All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? id
            : throw PushAuthException.NotFound(field + ".unknown", $"No such {field}.");

    /// <summary>Who is calling, for audit events. The trace id is the current span's, else the caller's traceparent,
    /// else the request id, so every audit row can be correlated even with tracing off.</summary>
    internal static RequestOrigin Origin(HttpContext http) =>
        new(http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString() is { Length: > 0 } ua ? ua[..Math.Min(ua.Length, 256)] : null,
            Activity.Current?.TraceId.ToString()
                ?? (ActivityContext.TryParse(http.Request.Headers.TraceParent.ToString(), null, out var parent) ? parent.TraceId.ToString() : http.TraceIdentifier));
}
