using PushAuth.Hosting;

namespace PushAuth.Hosting.Tests.TestGrains;

[GrainState(1)]
public sealed record CounterState
{
    public long Value { get; init; }

    public int RemindersReceived { get; init; }
}
