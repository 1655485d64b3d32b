using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using PushAuth.Abstractions;
using PushAuth.Grains.Tests.Cluster;

namespace PushAuth.Grains.Tests.Telemetry;

/// <summary>Runs an approval with every log level on and checks no secret, code, nonce, token or signature reached the logs.</summary>
public sealed class LogRedactionTests : IAsyncLifetime
{
    private readonly CapturingLoggerProvider _logs = new();
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "pushauth-logs-" + Guid.NewGuid().ToString("N"));
    private ApprovalSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await ApprovalSilo.SqliteAsync(_directory, logging: _logs);

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task FullScenario_Logs_ContainNoSecrets()
    {
        await using var world = await ApprovalWorld.CreateAsync([_silo], devices: 2);
        var approved = await world.CreateAsync();
        var view = await _silo.Grains.GetGrain<IChallengeGrain>(approved.ChallengeId).GetForDeviceAsync("d1");
        await world.AnswerAsync(0, approved.ChallengeId, "d1", "approve", approved.NumberMatch);
        var denied = await world.CreateAsync();
        await world.AnswerAsync(0, denied.ChallengeId, "d2", "deny", null, DenyReason.Fraud);
        await Task.Delay(500);

        var secrets = new[] { view!.Nonce, "token-d1", "token-d2", world.PublicKeyOf("d1") }
            .Concat(world.LastSignatures).Where(s => s.Length >= 6).ToList();
        Assert.NotEmpty(_logs.Lines);
        foreach (var line in _logs.Lines)
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
