namespace PushAuth.Push.Fakes;

/// <summary>Connections a fake accepted.</summary>
public sealed class ConnectionStats
{
    private int _accepted;
    private int _open;

    /// <summary>Raised with the connection id when a connection closes.</summary>
    internal event Action<string>? ConnectionClosed;

    /// <summary>Connections accepted since start.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Connections open now.</summary>
    public int Open => Volatile.Read(ref _open);

    internal void Opened()
    {
        Interlocked.Increment(ref _accepted);
        Interlocked.Increment(ref _open);
    }

    internal void Closed(string connectionId)
    {
        Interlocked.Decrement(ref _open);
        ConnectionClosed?.Invoke(connectionId);
    }
}
