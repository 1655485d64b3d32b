namespace PushAuth.Silo.Endpoints;

/// <summary>The form of ids in routes: a malformed id names nothing, so it is simply not found (no grain is asked).</summary>
internal static class RouteIds
{
    public static string Device(string? id) => Of(id, "dv_", "deviceId");

    public static string Pairing(string? id, string field = "pairingId") => Of(id, "pr_", field);

    /// <summary>The user grain a challenge id names, found without any grain call: malformed ids are a 400, well-formed
    /// ids that no challenge of ours can have are simply not found.</summary>
    public static string UserOfChallenge(string? challengeId)
    {
        if (challengeId is not { Length: > 3 and <= 64 } || !challengeId.StartsWith("ch_", StringComparison.Ordinal)
            || !challengeId.Skip(3).All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw ProblemCodes.Challenges.IdInvalid.Error("Not a challenge id.");
        }
        return GrainKeys.UserOfChallenge(challengeId) ?? throw ChallengeNotFound();
    }

    public static PushAuthException ChallengeNotFound() => ProblemCodes.Challenges.NotFound.Error("No such challenge.");

    private static string Of(string? id, string prefix, string field) =>
        id is { Length: > 3 and <= 64 } && id.StartsWith(prefix, StringComparison.Ordinal) && id.Skip(prefix.Length).All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? id
            : throw ProblemCodes.Requests.IdUnknown.For(field).Error($"No such {field}.");
}
