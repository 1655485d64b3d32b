using Xunit;
using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using PushAuth.Silo.Tests.Infrastructure;

namespace PushAuth.Silo.Tests.Telemetry;

/// <summary>A full approval and a fraud report with every log level on: no nonce, token, key, signature or API key reaches the logs.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class LogRedactionTests
{
    [Fact]
    public async Task ApprovalAndFraudReport_EveryLogLevel_NoSecretLogged()
    {
        var logs = new CapturingLoggerProvider();
        await using var silo = await SiloTestHost.StartSqliteAsync(configure: b =>
        {
            b.Logging.AddProvider(logs);
            b.Logging.SetMinimumLevel(LogLevel.Trace);
        });
        await using var s = await Scenario.OnAsync(silo);
        var phone = await s.DeviceAsync();
        await s.PairAsync(phone, "alice");
        var session = await phone.SessionAsync();
        var first = await s.CreateChallengeAsync("alice");
        var challenge = Assert.Single(await phone.PullAsync());
        (await phone.AnswerAsync(challenge, approve: true, number: first.GetProperty("numberMatch").GetString())).Dispose();
        await s.CreateChallengeAsync("alice");
        var second = Assert.Single(await phone.PullAsync());
        (await phone.AnswerAsync(second, approve: false, reason: "fraud")).Dispose();
        using var enrolled = await s.Login.PostAsJsonAsync("/v1/users/alice/totp", new { });
        var totpSecret = (await enrolled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        await Task.Delay(500);

        var secrets = new[]
        {
            challenge.Nonce, second.Nonce, session, phone.Key.PublicKeySpki, totpSecret,
            s.Login.DefaultRequestHeaders.Authorization!.Parameter!, s.Admin.DefaultRequestHeaders.Authorization!.Parameter!,
        };
        Assert.NotEmpty(logs.Lines);
        foreach (var line in logs.Lines)
        {
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, line, StringComparison.Ordinal);
            }
        }
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                provider.Lines.Enqueue($"{category} {formatter(state, exception)} {exception}");
        }
    }
}
