namespace PushAuth.Silo.Http;

/// <summary>Whether this silo takes requests: the Orleans silo has joined its cluster (the host started) and is not stopping.</summary>
public sealed class SiloReadiness(IHostApplicationLifetime lifetime)
{
    public bool IsReady => lifetime.ApplicationStarted.IsCancellationRequested && !lifetime.ApplicationStopping.IsCancellationRequested;

    public string? LastError => lifetime.ApplicationStopping.IsCancellationRequested ? "stopping" : null;
}
