namespace PushAuth.Hosting;

/// <summary>
/// Marks a grain method whose decision is validated by its own compare-and-set write: on shared storage the
/// runtime then skips re-reading the cached state before the turn (one round trip less). Only for methods
/// that either write, or decide from facts that cannot be undone (a resolved challenge stays resolved):
/// a stale cache then costs a conflict and a retry, never a wrong answer.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true)]
public sealed class ValidatedByWriteAttribute : Attribute;
