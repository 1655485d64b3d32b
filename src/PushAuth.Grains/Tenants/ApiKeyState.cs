using PushAuth.Abstractions;
using PushAuth.Hosting;

namespace PushAuth.Grains.Tenants;

[GrainState(1)]
public sealed record ApiKeyState
{
    public ApiKeyRecord? Record { get; init; }
}
