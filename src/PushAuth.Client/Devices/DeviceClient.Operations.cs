using System.Text.Json;
using PushAuth.Client.Internal;

namespace PushAuth.Client.Devices;

public sealed partial class DeviceClient
{
    /// <summary>Asks for a pairing phrase to show the user.</summary>
    /// <param name="cancellationToken">Cancels the calls.</param>
    public async Task<DevicePairingPhrase> RequestPairingPhraseAsync(CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Post, "/v1/device/pairing-phrases", cancellationToken: cancellationToken).ConfigureAwait(false);
        var body = await ReadAsync<JsonElement>(response, cancellationToken).ConfigureAwait(false);
        return new DevicePairingPhrase(Required(body, "pairingId"), Required(body, "phrase"));
    }

    /// <summary>Pulls the pairing until a login service has claimed it (what the confirm-pairing push announces).</summary>
    /// <param name="pairingId">From <see cref="RequestPairingPhraseAsync"/>.</param>
    /// <param name="timeout">How long to keep asking.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The request to show the user; null when <paramref name="timeout"/> passed first or the pairing ended.</returns>
    public async Task<DevicePairingRequest?> WaitForPairingRequestAsync(string pairingId, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = _time.GetUtcNow() + timeout;
        while (true)
        {
            var request = await GetPairingRequestAsync(pairingId, cancellationToken).ConfigureAwait(false);
            if (request.Status != "AwaitingClaim")
            {
                return request.Status == "AwaitingDevice" ? request : null;
            }
            if (_time.GetUtcNow() >= deadline)
            {
                return null;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The pairing as the device sees it: who asks, for which account.</summary>
    /// <param name="pairingId">From <see cref="RequestPairingPhraseAsync"/>, or the confirm-pairing push.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<DevicePairingRequest> GetPairingRequestAsync(string pairingId, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/v1/device/pairings/{Uri.EscapeDataString(pairingId)}", cancellationToken: cancellationToken).ConfigureAwait(false);
        return await ReadAsync<DevicePairingRequest>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the pairing request and accepts or rejects it, signed (<c>PA1-PAIR\n{pairingId}\n{nonce}\n{decision}\n{deviceId}</c>).</summary>
    /// <param name="pairingId">The pairing the user was shown.</param>
    /// <param name="accept">The user's decision.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The raw answer: 200 with the pairing (its <c>status</c> and <c>methodId</c>), or the problem.</returns>
    public async Task<HttpResponseMessage> ConfirmPairingAsync(string pairingId, bool accept, CancellationToken cancellationToken = default)
    {
        var request = await GetPairingRequestAsync(pairingId, cancellationToken).ConfigureAwait(false);
        var decision = accept ? "accept" : "reject";
        return await SendAsync(HttpMethod.Post, $"/v1/device/pairings/{Uri.EscapeDataString(pairingId)}/confirm",
            new { decision, signature = Key.SignToBase64Url(SignedStrings.PairingConfirmation(pairingId, request.Nonce, decision, RegisteredId())) },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Completes a QR pairing offer from its <c>pushauth://enroll?…</c> URI (scanned from the login page).</summary>
    /// <param name="uri">The offer's URI; it carries the offer id and a one-time credential.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The raw answer.</returns>
    /// <exception cref="ArgumentException">The URI lacks the offer or the credential.</exception>
    public Task<HttpResponseMessage> CompleteOfferAsync(string uri, CancellationToken cancellationToken = default)
    {
        var query = new Uri(uri).Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2).GroupBy(p => p[0]).ToDictionary(g => g.Key, g => Uri.UnescapeDataString(g.First()[1]));
        if (!query.TryGetValue("offer", out var offerId) || !query.TryGetValue("credential", out var credential))
        {
            throw new ArgumentException("The URI is not a pairing offer (offer= and credential= are missing).", nameof(uri));
        }
        return SendAsync(HttpMethod.Post, "/v1/device/pairing-offers/complete", new { offerId, credential }, cancellationToken);
    }

    /// <summary>Replaces the push route (a signed request), e.g. when FCM rotates the registration token.</summary>
    /// <param name="pushProvider"><c>fcm</c>, <c>apns</c> or <c>dev</c>.</param>
    /// <param name="pushToken">The new token.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    public async Task UpdatePushTokenAsync(string pushProvider, string pushToken, CancellationToken cancellationToken = default)
    {
        using var response = await SendSignedAsync(HttpMethod.Put, "/v1/device/push-token", new { pushProvider, pushToken }, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deregisters this device (a signed request); its pairings are removed everywhere and its session stops working.</summary>
    /// <param name="cancellationToken">Cancels the calls.</param>
    public async Task DeregisterAsync(CancellationToken cancellationToken = default)
    {
        using var response = await SendSignedAsync(HttpMethod.Delete, "/v1/device", cancellationToken: cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The device as the silo knows it, with the accounts (<c>tenant/user</c>) it is paired with.</summary>
    /// <param name="cancellationToken">Cancels the calls.</param>
    public async Task<DeviceAccountList> ListAccountsAsync(CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, "/v1/device", cancellationToken: cancellationToken).ConfigureAwait(false);
        return await ReadAsync<DeviceAccountList>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Pending challenges for this device (pull): what a push announces, and what an app without push asks for.</summary>
    /// <param name="cancellationToken">Cancels the calls.</param>
    public async Task<IReadOnlyList<DeviceChallenge>> PullAsync(CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, "/v1/device/challenges", cancellationToken: cancellationToken).ConfigureAwait(false);
        return await ReadAsync<List<DeviceChallenge>>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Signs and sends an answer: <c>PA2-ANSWER\n{challengeId}\n{nonce}\n{decision}\n{number or empty}\n{reason or empty}\n{deviceId}</c>.</summary>
    /// <param name="challenge">The challenge, from <see cref="PullAsync"/>.</param>
    /// <param name="approve">Approve, or deny.</param>
    /// <param name="number">The number the user typed, when <see cref="DeviceChallenge.NumberMatchRequired"/>; sent as a JSON string.</param>
    /// <param name="reason">On deny: <c>declined</c>, <c>fraud</c> (not me) or <c>mistake</c>; sent and signed lowercase. Null on approve.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The raw answer: 200 with the outcome, or the problem (a wrong number reads 409 and ends the challenge).</returns>
    public Task<HttpResponseMessage> AnswerAsync(DeviceChallenge challenge, bool approve, string? number = null, string? reason = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        var decision = approve ? "approve" : "deny";
        // The reason is signed as sent, lowercase: a captured decline cannot be turned into a fraud report.
        reason = reason?.ToLowerInvariant();
        var signature = Key.SignToBase64Url(SignedStrings.ChallengeAnswer(challenge.ChallengeId, challenge.Nonce, decision, number, reason, RegisteredId()));
        return SendAsync(HttpMethod.Post, $"/v1/device/challenges/{Uri.EscapeDataString(challenge.ChallengeId)}/answer",
            new { decision, numberAnswer = number, reason, nonce = challenge.Nonce, signature }, cancellationToken);
    }

    /// <summary>Asks for a location-based auto-approve rule from a challenge this device approved (a signed request).</summary>
    /// <param name="challengeId">An approved challenge.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The raw answer.</returns>
    public Task<HttpResponseMessage> RequestAutoApproveRuleAsync(string challengeId, CancellationToken cancellationToken = default) =>
        SendSignedAsync(HttpMethod.Post, "/v1/device/auto-approve-rules", new { challengeId }, cancellationToken: cancellationToken);

    /// <summary>The notices the silo keeps for this device.</summary>
    /// <param name="cancellationToken">Cancels the calls.</param>
    public async Task<IReadOnlyList<DeviceNoticeView>> GetNoticesAsync(CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, "/v1/device/notices", cancellationToken: cancellationToken).ConfigureAwait(false);
        return await ReadAsync<List<DeviceNoticeView>>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a JSON answer, or throws <see cref="PushAuthApiException"/> with the problem's code when it failed.
    /// A 204 or empty answer reads as the default.</summary>
    /// <typeparam name="T">The body's type.</typeparam>
    /// <param name="response">An answer from <see cref="SendAsync"/>, <see cref="SendSignedAsync"/> or any call to the silo.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    public static Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken) => ApiResponses.ReadAsync<T>(response, cancellationToken);

    /// <summary>Throws <see cref="PushAuthApiException"/> with the problem when <paramref name="response"/> failed.</summary>
    /// <param name="response">An answer from the silo.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    public static Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken) => ApiResponses.EnsureSuccessAsync(response, cancellationToken);

    /// <summary>A refusal in one line: <c>{status} {reason} {code}: {detail}</c> from problem+json, else the status and the start of the body.</summary>
    /// <param name="response">A failed answer from the silo.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    public static async Task<string> ProblemLineAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        (await ApiResponses.ProblemAsync(response, cancellationToken).ConfigureAwait(false)).Line;
}
