namespace PushAuth.Silo.Endpoints;

/// <summary>The reasons a method is disconnected for, as a query parameter.</summary>
internal static class Reasons
{
    /// <summary>lost, stolen, broken, replaced or other (the default).</summary>
    public static string Disconnect(string? reason) => reason is null or "lost" or "stolen" or "broken" or "replaced" or "other"
        ? reason ?? "other"
        : throw ProblemCodes.Challenges.ReasonInvalid.Error("'reason' must be lost, stolen, broken, replaced or other.");
}
