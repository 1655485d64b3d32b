using Microsoft.Extensions.DependencyInjection;
using Orleans;
using PushAuth.Abstractions;
using PushAuth.Client.Devices;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;
using Api = PushAuth.Contract.Tests.Generated;

namespace PushAuth.Contract.Tests;

/// <summary>
/// The README quickstart through a client generated from the OpenAPI document alone (issue 17): NSwag builds
/// <see cref="Api.PushAuthApi"/> from openapi/v1.json when this project builds, and that file is the document a real silo
/// serves (OpenApiSnapshotTests). Every login-service call, and the device's registration, goes through the generated
/// client with its typed requests, answers and problems; the device's signed calls use PushAuth.Client's device client,
/// as a phone app would.
/// </summary>
public sealed class GeneratedClientQuickstartTests
{
    [Fact]
    public async Task Quickstart_ThroughTheGeneratedClient_PairsChallengesAnswersAndLongPolls()
    {
        await using var silo = await SiloTestHost.StartSqliteAsync();
        var keys = await silo.Services.GetRequiredService<IGrainFactory>().GetGrain<ITenantGrain>("acme").CreateAsync("Acme Corp", RequestOrigin.Internal);
        using var loginHttp = new HttpClient { BaseAddress = silo.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        loginHttp.DefaultRequestHeaders.Authorization = new("Bearer", keys.Single(k => k.Role == ApiKeyRole.LoginService).Key);
        var login = new Api.PushAuthApi(loginHttp);
        using var deviceHttp = new HttpClient { BaseAddress = silo.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var anonymous = new Api.PushAuthApi(deviceHttp);

        // The phone registers its key: a server nonce, signed with the new key (PA2-REGISTER\n{nonce}\n{publicKey}).
        using var phone = new DeviceClient(deviceHttp, DeviceKeyPair.Create());
        Api.IssuedNonce nonce = await anonymous.CreateRegistrationNonceAsync();
        Api.DeviceInfo registered = await anonymous.RegisterDeviceAsync(new Api.RegisterDeviceBody
        {
            PublicKey = phone.Key.PublicKeySpki, Platform = "android", PushProvider = "dev", AppVersion = "1.0", DisplayName = "Alice's phone",
            Nonce = nonce.Nonce, Proof = phone.Key.SignToBase64Url($"PA2-REGISTER\n{nonce.Nonce}\n{phone.Key.PublicKeySpki}"),
        });
        Assert.True(registered.Active);
        phone.UseDevice(registered.DeviceId);

        // The phone shows a phrase; the login service claims it for alice; the phone confirms, signed.
        var (pairingId, phrase) = await phone.RequestPairingPhraseAsync();
        Api.PairingView claimed = await login.ClaimPairingPhraseAsync(new Api.ClaimPairingBody { Phrase = phrase, UserId = "alice", ServiceName = "Acme Login" });
        Assert.Equal(pairingId, claimed.PairingId);
        Assert.Equal(Api.PairingStatus.AwaitingDevice, claimed.Status);
        using (var confirm = await phone.ConfirmPairingAsync(pairingId, accept: true))
        {
            await DeviceClient.EnsureSuccessAsync(confirm, CancellationToken.None);
        }
        Api.PairingView paired = await login.GetPairingAsync(pairingId, wait: 10);
        Assert.Equal(Api.PairingStatus.Accepted, paired.Status);
        var methods = await login.ListMethodsAsync("alice");
        Assert.Contains(methods, m => m.MethodId == paired.MethodId);

        // A sign-in: the login page shows numberMatch; the long-poll waits for the phone's answer.
        Api.ChallengeView challenge = await login.CreateChallengeAsync(null, new Api.CreateChallengeBody
        {
            UserId = "alice",
            Context = new Api.ChallengeContextBody
            {
                Service = "Acme Login", Action = "Sign in", SourceIp = "203.0.113.7", City = "Lyon", Country = "FR", Browser = "Firefox", OperatingSystem = "Linux",
            },
        });
        Assert.Equal(Api.ChallengeStatus.Pending, challenge.Status);
        Assert.False(string.IsNullOrEmpty(challenge.NumberMatch));
        var outcome = login.GetChallengeAsync(challenge.ChallengeId, wait: 20);

        var pending = Assert.Single(await phone.PullAsync(), c => c.ChallengeId == challenge.ChallengeId);
        using (var answer = await phone.AnswerAsync(pending, approve: true, number: challenge.NumberMatch))
        {
            await DeviceClient.EnsureSuccessAsync(answer, CancellationToken.None);
        }

        Api.ChallengeView decided = await outcome;
        Assert.Equal(Api.ChallengeStatus.Approved, decided.Status);
        Assert.Equal(registered.DeviceId, decided.ResolvedByDeviceId);
    }

    /// <summary>A refusal reaches the generated client as the document's one problem type, with its code.</summary>
    [Fact]
    public async Task GeneratedClient_Refusal_IsTheTypedProblemWithItsCode()
    {
        await using var silo = await SiloTestHost.StartSqliteAsync();
        var keys = await silo.Services.GetRequiredService<IGrainFactory>().GetGrain<ITenantGrain>("acme").CreateAsync("Acme Corp", RequestOrigin.Internal);
        using var http = new HttpClient { BaseAddress = silo.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", keys.Single(k => k.Role == ApiKeyRole.LoginService).Key);
        var login = new Api.PushAuthApi(http);

        var unknown = await Assert.ThrowsAsync<Api.PushAuthApiException<Api.Problem>>(() =>
            login.ClaimPairingPhraseAsync(new Api.ClaimPairingBody { Phrase = "nobody typed these words", UserId = "alice", ServiceName = "Acme Login" }));
        Assert.Equal(404, unknown.StatusCode);
        Assert.Equal("pairing.unknown-phrase", unknown.Result.Code);

        var noDevice = await Assert.ThrowsAsync<Api.PushAuthApiException<Api.Problem>>(() =>
            login.CreateChallengeAsync(null, new Api.CreateChallengeBody { UserId = "bob", Context = new Api.ChallengeContextBody { Service = "Acme Login", Action = "Sign in" } }));
        Assert.Equal(409, noDevice.StatusCode);
        Assert.Equal("push.no-device", noDevice.Result.Code);
    }
}
