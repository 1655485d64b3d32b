using PushAuth.Benchmarks.Load;
using PushAuth.Benchmarks.Processes;

namespace PushAuth.Benchmarks.Approvals;

/// <summary>
/// How big one approvals run is: the users paired, the concurrent logins, the state probe's approvals, when warm-up
/// ends, and the flows measured at peak after the REST windows (the OpenID Connect prompt and CIBA, on the same silos
/// and users). <see cref="Smoke"/> (<c>PUSHAUTH_BENCH_SMOKE=1</c>) proves the harness runs end to end in about a
/// minute; its figures mean nothing.
/// </summary>
public sealed record ApprovalRunShape(int Users, int Concurrency, int ProbeApprovals, JitSettling Settling, IReadOnlyList<SignInFlow> PeakFlows)
{
    public static ApprovalRunShape Full { get; } = new(2048, 32, 50, JitSettling.Default, SignInFlows.All);

    public static ApprovalRunShape Smoke { get; } = new(64, 4, 5, new JitSettling(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), int.MaxValue), SignInFlows.All);

    public bool IsSmoke => this == Smoke;

    /// <summary><see cref="Smoke"/> when <c>PUSHAUTH_BENCH_SMOKE</c> is <c>1</c>, else <see cref="Full"/>.</summary>
    public static ApprovalRunShape FromEnvironment(string? smoke) => smoke == "1" ? Smoke : Full;

    /// <summary>The flows measured after the REST windows (each at its peak, after its own warm-up).</summary>
    public IEnumerable<SignInFlow> OidcFlows => PeakFlows.Where(f => f != SignInFlow.Rest);
}
