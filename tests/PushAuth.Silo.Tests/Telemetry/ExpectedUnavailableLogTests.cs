using System.Collections.Concurrent;
using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Telemetry;

/// <summary>Logging as an operator reads it: an expected 503 (a database restart, a silo leaving) is one warning line
/// without a stack trace, and every log event id means one thing.</summary>
public sealed class ExpectedUnavailableLogTests
{
    private sealed record Entry(string Category, LogLevel Level, EventId Id, string Message, Exception? Exception);

    private sealed class Capture : ILoggerProvider
    {
        public ConcurrentQueue<Entry> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(Capture capture, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                capture.Entries.Enqueue(new Entry(category, logLevel, eventId, formatter(state, exception), exception));
        }
    }

    /// <summary>After the app's own pipeline: a request no endpoint takes meets an Orleans call that timed out.</summary>
    private sealed class TimeoutAtTheEnd : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Run(http => http.Request.Path.StartsWithSegments("/v1/users/alice-1234/slow") ? throw new TimeoutException("response timeout") : Task.CompletedTask);
        };
    }

    [Fact]
    public async Task Expected503_LoggedAsOneWarningWithoutStackOrUserId()
    {
        var capture = new Capture();
        await using var silo = await SiloTestHost.StartSqliteAsync(configure: b =>
        {
            b.Logging.AddProvider(capture);
            b.Services.AddSingleton<IStartupFilter>(new TimeoutAtTheEnd());
        });

        using var response = await silo.Client.GetAsync("/v1/users/alice-1234/slow");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        var entries = capture.Entries.Where(e => e.Message.Contains("503", StringComparison.Ordinal) || e.Exception is TimeoutException).ToList();
        var entry = Assert.Single(entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Null(entry.Exception);
        Assert.DoesNotContain("Unhandled", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("alice-1234", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(capture.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task Logging_PollyInformation_IsFilteredByTheSilosSettings()
    {
        // Polly's resilience pipelines (Orleans placement, HttpClient) log two Information lines per execution.
        await using var app = SiloApplication.Create(["--urls", "http://127.0.0.1:0", $"--PushAuth:Storage:DataDirectory={Path.Combine(Path.GetTempPath(), "pushauth-silo-" + Guid.NewGuid().ToString("N"))}", .. TestKeys.Arguments]);
        var filters = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<LoggerFilterOptions>>().Value;

        // The last rule for the category wins, whatever a configuration file says.
        Assert.True(filters.Rules.Last(r => r.CategoryName == "Polly").LogLevel >= LogLevel.Warning);
    }

    [Fact]
    public void LogEventIds_EveryIdOfOurs_MeansOneThing()
    {
        var ours = new[] { "PushAuth.Silo", "PushAuth.Grains", "PushAuth.Persistence.Sqlite", "PushAuth.Persistence.Postgres", "PushAuth.Persistence.AzureStorage",
            "PushAuth.Push", "PushAuth.Messaging", "PushAuth.Diagnostics", "PushAuth.History" };
        var messages = ours.Select(Assembly.Load)
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(m => (Method: $"{m.DeclaringType!.FullName}.{m.Name}", Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(m => m.Attribute is not null)
            .ToList();

        Assert.True(messages.Count > 50, $"only {messages.Count} log messages found");
        var clashes = messages.GroupBy(m => m.Attribute!.EventId).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Method))}").ToList();
        Assert.True(clashes.Count == 0, "event ids used twice: " + string.Join("; ", clashes));
    }
}
