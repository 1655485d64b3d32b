using PushAuth.Domain.Challenges;
using PushAuth.Domain.Effects;
using PushAuth.Domain.Users;
using PushAuth.History;
using PushAuth.Security;

namespace PushAuth.Grains.Tests.Storage;

/// <summary>A user state with every part filled in, as the golden row was written from.</summary>
internal static class GoldenStates
{
    public static readonly DateTimeOffset T0 = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    public static UserState User() => new()
    {
        TenantId = "acme",
        UserId = "alice",
        Devices = [new DeviceMethod("push_1", "dv_1", "Pixel", "phrase", T0, T0.AddMinutes(5))],
        Totp = [new TotpMethod("totp_1", null, "v1.key.ciphertext", OtpAlgorithm.Sha1, 6, 30, T0, null, 12345)],
        TotpFailures = 2,
        Push = new UserPushState
        {
            ConsecutiveDenials = 1,
            BlockedUntil = T0.AddMinutes(30),
            BlockReason = "fraud-report",
            Idempotency = [new IdempotencyEntry("key-1", "ch_1", "hash-1", T0)],
            Rules = [new AutoApproveRule("rule_1", "Mail", "Sign in", "203.0.113.0/24", "dv_1", T0)],
        },
        Challenges =
        [
            new ChallengeState
            {
                ChallengeId = "ch_1", Status = ChallengeStatus.Denied, TenantId = "acme", UserId = "alice",
                Context = new ChallengeContext("Mail", "Sign in", "203.0.113.7", "Lyon", "FR"), Targets = ["dv_1"], Nonce = "nonce-1",
                NumberMatch = "42", CreatedAt = T0, ExpiresAt = T0.AddMinutes(2), ResolvedAt = T0.AddSeconds(30), DenyReason = DenyReason.Fraud, ResolvedBy = "dv_1",
            },
        ],
        Owed = new OwedEffects
        {
            History = [new HistoryEvent("ev_1", T0, "acme", "alice", "dv_1", "challenge.answered", "push", "denied", CorrelationId: "ch_1")],
            Pushes = [new OwedPush("fx_1", new PushRequest("closed", "dv_2", "ch_1", "nonce-1", T0.AddMinutes(2), "ch_1"), null)],
        },
        ReminderActive = true,
    };
}
