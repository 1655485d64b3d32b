using System.Globalization;
using PushAuth.History;

namespace PushAuth.Domain.Events;

/// <summary>
/// Which history entries are tenant events, and what each event says. Pure: the history already records every
/// decision with its details (and never a secret), so the events follow from it and need no change to the deciders.
/// An event's id is <c>evt_</c> plus the entry's id, so an entry appended twice yields the same event.
/// </summary>
public static class TenantEventMapper
{
    private const string Prefix = "evt_";

    /// <summary>The events <paramref name="entry"/> stands for: none, one, or two (a fraud report is also a resolution).</summary>
    public static IReadOnlyList<TenantEvent> From(HistoryEvent entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var remarks = Remarks(entry.Remarks);
        return entry.Activity switch
        {
            HistoryActivities.ChallengeAnswered or HistoryActivities.ChallengeAutoApproved => Challenge(entry),
            _ when entry.Activity.StartsWith("challenge.", StringComparison.Ordinal) && entry.Activity == "challenge." + entry.Status => Challenge(entry),
            HistoryActivities.MethodPaired or HistoryActivities.MethodTotpEnrolled =>
                [Event(entry, TenantEventTypes.MethodPaired, Method(entry, remarks, ("via", remarks.GetValueOrDefault("via"))))],
            HistoryActivities.MethodDisconnected or HistoryActivities.MethodRevoked =>
                [Event(entry, TenantEventTypes.MethodDisconnected, Method(entry, remarks, ("reason", remarks.GetValueOrDefault("reason")), ("by", entry.Actor)))],
            HistoryActivities.TemporaryCodeIssued => [Event(entry, TenantEventTypes.TemporaryCodeIssued, Data(
                ("codeId", remarks.GetValueOrDefault("code")), ("expiresAt", remarks.GetValueOrDefault("validUntil")), ("issuedBy", entry.Actor),
                ("reusable", remarks.GetValueOrDefault("reusable")?.ToLowerInvariant()), ("loginServiceKeyId", remarks.GetValueOrDefault("loginService"))))],
            MfaRevokedActivity => [Event(entry, TenantEventTypes.MfaRevoked, Data(
                ("reason", remarks.GetValueOrDefault("reason")), ("revokedBy", entry.Actor), ("revokedMethods", remarks.GetValueOrDefault("methods")),
                ("cancelledChallenges", remarks.GetValueOrDefault("cancelledChallenges")), ("revokedAt", entry.At.ToString("O", CultureInfo.InvariantCulture))))],
            HistoryActivities.BackupRestored => [Event(entry, TenantEventTypes.BackupRestored, Data(
                ("deviceId", entry.DeviceId), ("previousDeviceId", remarks.GetValueOrDefault("previousDevice"))))],
            _ => [],
        };
    }

    /// <summary>The activity the user grain records for "revoke all" (not in <see cref="HistoryActivities"/>).</summary>
    public const string MfaRevokedActivity = "mfa.revoked";

    /// <summary>The events of many entries, in order.</summary>
    public static IReadOnlyList<TenantEvent> From(IEnumerable<HistoryEvent> entries) => [.. entries.SelectMany(From)];

    private static IReadOnlyList<TenantEvent> Challenge(HistoryEvent entry)
    {
        if (!Enum.TryParse<ChallengeStatus>(entry.Status, ignoreCase: true, out var status) || status is ChallengeStatus.None or ChallengeStatus.Pending)
        {
            return [];
        }
        DenyReason? reason = status == ChallengeStatus.Denied && Enum.TryParse<DenyReason>(entry.Remarks, ignoreCase: false, out var r) ? r : null;
        var data = Data(
            ("challengeId", entry.CorrelationId),
            // Enum names as the API and the challenge webhook write them (Approved, Fraud): one casing everywhere.
            ("status", status.ToString()),
            ("denyReason", reason?.ToString()),
            ("deviceId", entry.DeviceId),
            ("autoApproveRule", entry.Activity == HistoryActivities.ChallengeAutoApproved ? entry.Policy : null));
        var resolved = Event(entry, TenantEventTypes.ChallengeResolved, data);
        return reason == DenyReason.Fraud ? [resolved, Event(entry, TenantEventTypes.FraudReported, data, "_fraud")] : [resolved];
    }

    private static Dictionary<string, string> Method(HistoryEvent entry, IReadOnlyDictionary<string, string> remarks, params (string, string?)[] more) =>
        Data([("methodId", remarks.GetValueOrDefault("method")), ("kind", entry.Method), ("deviceId", entry.DeviceId), .. more]);

    private static TenantEvent Event(HistoryEvent entry, string type, IReadOnlyDictionary<string, string> data, string suffix = "") =>
        new(Prefix + entry.EventId + suffix, type, entry.At, entry.TenantId, entry.UserId, data);

    private static Dictionary<string, string> Data(params (string Key, string? Value)[] pairs) =>
        pairs.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!, StringComparer.Ordinal);

    /// <summary>The history's <c>key=value; key=value</c> remarks.</summary>
    private static Dictionary<string, string> Remarks(string? remarks)
    {
        var parsed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in (remarks ?? "").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var at = part.IndexOf('=', StringComparison.Ordinal);
            if (at > 0)
            {
                parsed.TryAdd(part[..at], part[(at + 1)..]);
            }
        }
        return parsed;
    }
}
