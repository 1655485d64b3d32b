using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using PushAuth.Client.Internal;

namespace PushAuth.Client;

/// <summary>
/// The login-service side of the API. <paramref name="http"/> must carry the base address of a silo and
/// <c>Authorization: Bearer pak_…</c>; every call is scoped to that key's tenant. Errors surface as
/// <see cref="PushAuthApiException"/> with the problem's stable code.
/// </summary>
/// <param name="http">The silo's base address and the login-service API key; the caller owns it (one per process, or from
/// <c>IHttpClientFactory</c>). Its timeout must be longer than the longest wait asked for (30 s).</param>
/// <param name="timeProvider">The clock for the deadlines of the <c>WaitFor…</c> loops; <see cref="TimeProvider.System"/> when null.</param>
public sealed partial class PushAuthClient(HttpClient http, TimeProvider? timeProvider = null)
{
    /// <summary>Web defaults, enums as strings, nulls omitted: the silo's wire format.</summary>
    public static readonly JsonSerializerOptions Json = ApiJson.Options;

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>Claims the phrase the user typed for <paramref name="userId"/>; the device is asked to confirm.</summary>
    public Task<PairingResult> ClaimPairingPhraseAsync(string phrase, string userId, string serviceName, CancellationToken cancellationToken = default) =>
        SendAsync<PairingResult>(HttpMethod.Post, "/v1/pairings", new { phrase, userId, serviceName }, cancellationToken);

    /// <summary>The pairing's state; with <paramref name="wait"/> (≤ 30 s) the call returns as soon as the device answers,
    /// or still pending when the wait ends (ask again).</summary>
    public Task<PairingResult> GetPairingAsync(string pairingId, TimeSpan? wait = null, CancellationToken cancellationToken = default) =>
        SendAsync<PairingResult>(HttpMethod.Get, $"/v1/pairings/{Uri.EscapeDataString(pairingId)}{WaitQuery(wait)}", null, cancellationToken);

    /// <summary>Long-polls until the pairing is decided or <paramref name="timeout"/> passes; returns the last state.</summary>
    public async Task<PairingResult> WaitForPairingAsync(string pairingId, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = _time.GetUtcNow() + timeout;
        while (true)
        {
            var result = await GetPairingAsync(pairingId, WaitLeft(deadline), cancellationToken).ConfigureAwait(false);
            if (!result.IsPending || _time.GetUtcNow() >= deadline)
            {
                return result;
            }
        }
    }

    /// <summary>A QR/deep-link pairing offer for <paramref name="userId"/>.</summary>
    public Task<PairingOffer> CreatePairingOfferAsync(string userId, string serviceName, CancellationToken cancellationToken = default) =>
        SendAsync<PairingOffer>(HttpMethod.Post, "/v1/pairing-offers", new { userId, serviceName }, cancellationToken);

    /// <summary>Before the prompt: whether the user is enrolled and which methods are usable now, so the login page shows
    /// push, a code field or pairing without trying push first. The same answer for an unknown user and one without methods.</summary>
    public Task<PreCheckResult> PreCheckAsync(string userId, CancellationToken cancellationToken = default) =>
        SendAsync<PreCheckResult>(HttpMethod.Get, $"/v1/users/{Uri.EscapeDataString(userId)}/pre-check", null, cancellationToken);

    /// <summary>The user's verification methods (paired devices and TOTP credentials).</summary>
    public Task<IReadOnlyList<UserMethod>> ListMethodsAsync(string userId, CancellationToken cancellationToken = default) =>
        SendAsync<IReadOnlyList<UserMethod>>(HttpMethod.Get, $"/v1/users/{Uri.EscapeDataString(userId)}/methods", null, cancellationToken);

    /// <summary>Disconnects a method (reason: lost, stolen, broken, replaced or other); a device's pending challenges end.</summary>
    public Task DisconnectMethodAsync(string userId, string methodId, string? reason = null, CancellationToken cancellationToken = default) =>
        SendAsync<JsonElement?>(HttpMethod.Delete,
            $"/v1/users/{Uri.EscapeDataString(userId)}/methods/{Uri.EscapeDataString(methodId)}{(reason is null ? "" : "?reason=" + Uri.EscapeDataString(reason))}", null, cancellationToken);

    /// <summary>Enrolls a TOTP credential (optionally tied to a device); the secret is returned this once.</summary>
    public Task<TotpEnrollmentResult> EnrollTotpAsync(string userId, string? deviceId = null, CancellationToken cancellationToken = default) =>
        SendAsync<TotpEnrollmentResult>(HttpMethod.Post, $"/v1/users/{Uri.EscapeDataString(userId)}/totp", new { deviceId }, cancellationToken);

    /// <summary>Checks a TOTP code; each code is accepted at most once.</summary>
    public async Task<TotpCheck> VerifyTotpAsync(string userId, string code, CancellationToken cancellationToken = default)
    {
        using var response = await SendRawAsync(HttpMethod.Post, $"/v1/users/{Uri.EscapeDataString(userId)}/totp/verify", new { code }, cancellationToken).ConfigureAwait(false);
        var body = await ReadAsync<JsonElement>(response, cancellationToken).ConfigureAwait(false);
        return new TotpCheck(body.GetProperty("valid").GetBoolean(), body.TryGetProperty("methodId", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null,
            response.Headers.RetryAfter?.Delta);
    }

    /// <summary>Sends a JSON request and reads a JSON answer (or throws <see cref="PushAuthApiException"/>).</summary>
    internal async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken, (string Name, string Value)? header = null)
    {
        using var response = await SendRawAsync(method, path, body, cancellationToken, header).ConfigureAwait(false);
        return await ReadAsync<T>(response, cancellationToken).ConfigureAwait(false);
    }

    internal async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken, (string Name, string Value)? header = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }
        if (header is { } h)
        {
            request.Headers.Add(h.Name, h.Value);
        }
        return await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    internal static Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken) =>
        ApiResponses.ReadAsync<T>(response, cancellationToken);

    /// <summary>What is left of a long-poll loop's time, as the next call's wait (none when it has run out: one last look).</summary>
    private TimeSpan? WaitLeft(DateTimeOffset deadline)
    {
        var left = deadline - _time.GetUtcNow();
        return left > TimeSpan.Zero ? TimeSpan.FromSeconds(Math.Min(30, Math.Ceiling(left.TotalSeconds))) : null;
    }

    private static string WaitQuery(TimeSpan? wait) =>
        wait is { } w && w > TimeSpan.Zero ? "?wait=" + ((int)Math.Min(30, Math.Ceiling(w.TotalSeconds))).ToString(CultureInfo.InvariantCulture) : "";
}
