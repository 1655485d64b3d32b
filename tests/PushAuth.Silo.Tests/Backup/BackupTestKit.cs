using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PushAuth.DeviceSimulator;
using PushAuth.History;
using PushAuth.Silo.Tests.Infrastructure;
using PushAuth.Testing;
using PushAuth.Testing.Messaging;
using Xunit;

namespace PushAuth.Silo.Tests.Backup;

/// <summary>Shared steps of the backup tests: silo settings for real senders, problem checks, the history of a tenant.</summary>
internal static class BackupTestKit
{
    /// <summary>Cheap Argon2id for tests (OWASP's floor); the silo recommends it, so the device uses it.</summary>
    public static readonly Dictionary<string, string?> FastKdf = new()
    {
        ["PushAuth:Backup:KdfMemoryKiB"] = "19456",
        ["PushAuth:Backup:KdfIterations"] = "2",
    };

    public static Dictionary<string, string?> Smtp(SmtpTestServer server, Dictionary<string, string?>? more = null) => With(more, new()
    {
        ["PushAuth:Contact:Email:Smtp:Host"] = "127.0.0.1",
        ["PushAuth:Contact:Email:Smtp:Port"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["PushAuth:Contact:Email:Smtp:TlsMode"] = "None",
        ["PushAuth:Contact:Email:Smtp:From"] = "no-reply@auth.example.com",
        ["PushAuth:Contact:Email:Smtp:UserName"] = server.Options.UserName,
        ["PushAuth:Contact:Email:Smtp:Password"] = server.Options.Password,
    });

    public static Dictionary<string, string?> Twilio(FakeTwilioServer fake, Dictionary<string, string?>? more = null) => With(more, new()
    {
        ["PushAuth:Contact:Sms:Twilio:AccountSid"] = FakeTwilioServer.AccountSid,
        ["PushAuth:Contact:Sms:Twilio:ApiKeySid"] = FakeTwilioServer.ApiKeySid,
        ["PushAuth:Contact:Sms:Twilio:ApiKeySecret"] = FakeTwilioServer.ApiKeySecret,
        ["PushAuth:Contact:Sms:Twilio:From"] = FakeTwilioServer.FromNumber,
        ["PushAuth:Contact:Sms:Twilio:BaseAddress"] = fake.BaseAddress.ToString(),
    });

    public static Dictionary<string, string?> With(Dictionary<string, string?>? more, Dictionary<string, string?> settings)
    {
        foreach (var (k, v) in FastKdf)
        {
            settings.TryAdd(k, v);
        }
        foreach (var (k, v) in more ?? [])
        {
            settings[k] = v;
        }
        return settings;
    }

    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status} {code}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(code, problem.GetProperty("code").GetString());
        return problem;
    }

    /// <summary>A tenant's history events with <paramref name="activity"/>, read until <paramref name="complete"/> holds
    /// (events are appended just after the write that owes them).</summary>
    public static async Task<List<HistoryEvent>> HistoryAsync(SiloTestHost silo, string tenantId, string activity, Func<List<HistoryEvent>, bool> complete)
    {
        var store = silo.Services.GetRequiredService<IHistoryStore>();
        List<HistoryEvent> events = [];
        try
        {
            await Eventually.UntilAsync(async () =>
            {
                events = [.. (await store.QueryAsync(new HistoryQuery(tenantId, Activity: activity, Limit: 1000))).Select(r => r.Event)];
                return complete(events);
            }, TimeSpan.FromSeconds(20), $"history {activity} in {tenantId}");
        }
        catch (TimeoutException)
        {
        }
        return events;
    }

    /// <summary>What a device backs up in these tests.</summary>
    public static byte[] Accounts(string marker = "totp-seed-JBSWY3DPEHPK3PXP") => System.Text.Encoding.UTF8.GetBytes($"{{\"accounts\":[\"{marker}\"]}}");

    /// <summary>A device that verified <paramref name="address"/> through the development inbox; returns the verification id.</summary>
    public static async Task<string> VerifyAsync(DeviceClient device, string address, string channel = "email")
    {
        var started = await device.StartContactVerificationAsync(channel, address);
        var message = (await device.ReadDevInboxAsync()).First(m => m.VerificationId == started.VerificationId);
        await device.ConfirmContactCodeAsync(started.VerificationId, message.Code);
        return started.VerificationId;
    }

    /// <summary>A registered device paired with <paramref name="userId"/> that backed up to <paramref name="address"/>.</summary>
    public static async Task<(DeviceClient Device, PushAuth.DeviceSimulator.BackupInfo Backup)> BackedUpDeviceAsync(
        Scenario s, string address, string passcode, string userId = "alice")
    {
        var device = await s.DeviceAsync();
        await s.PairAsync(device, userId);
        var verification = await VerifyAsync(device, address);
        return (device, await device.CreateBackupAsync(verification, passcode, Accounts(), 2));
    }
}
