using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PushAuth.Messaging.Tests;

/// <summary>Keeps every formatted log line, to check what a sender writes.</summary>
public sealed class ListLogger<T> : ILogger<T>
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Lines.Enqueue($"{logLevel} {eventId.Id} {formatter(state, exception)}");
}
