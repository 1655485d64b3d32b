using PushAuth.Domain.Challenges;
using PushAuth.Domain.Recovery;
using PushAuth.Domain.Users;
using PushAuth.Security;
using Xunit;

namespace PushAuth.Domain.Tests.Users;

public sealed class PreCheckPolicyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static readonly UserState Known = new() { TenantId = "acme", UserId = "alice" };

    private static UserState WithPhone(UserState s) => s with { Devices = [new DeviceMethod("m_phone", "dv_1", "Pixel", "phrase", T0, null)] };

    private static UserState WithTotp(UserState s) => s with { Totp = [new TotpMethod("m_totp", null, "sealed", OtpAlgorithm.Sha1, 6, 30, T0, null, null)] };

    private static TemporaryCode Code(DateTimeOffset expires, string? keyId) => new("tc_1", "salt", "hash", T0, expires, "console:hal", false, keyId, null);

    [Fact]
    public void Of_UnknownUserOtherTenantOrNoMethods_SameEnrollAnswer()
    {
        var unknown = PreCheckPolicy.Of(new UserState(), ownedByTenant: true, "k1", T0);
        var otherTenant = PreCheckPolicy.Of(WithPhone(Known), ownedByTenant: false, "k1", T0);
        var noMethods = PreCheckPolicy.Of(Known, ownedByTenant: true, "k1", T0);

        Assert.Equal(unknown, otherTenant);
        Assert.Equal((false, "enroll"), (noMethods.Enrolled, noMethods.Recommended));
        Assert.Equal(unknown.Push.Usable, noMethods.Push.Usable);
    }

    [Fact]
    public void Of_PushBlockedUntilLater_TotpRecommended_BlockOverThenPushAgain()
    {
        var s = WithTotp(WithPhone(Known)) with { Push = new UserPushState { BlockedUntil = T0.AddMinutes(30), BlockReason = "fraud-report" } };

        var blocked = PreCheckPolicy.Of(s, true, "k1", T0);
        var later = PreCheckPolicy.Of(s, true, "k1", T0.AddMinutes(31));

        Assert.Equal(("totp", true, "fraud-report", (DateTimeOffset?)T0.AddMinutes(30)), (blocked.Recommended, blocked.Push.Blocked, blocked.Push.BlockReason, blocked.Push.BlockedUntil));
        Assert.False(blocked.Push.Usable);
        Assert.Equal(("push", false), (later.Recommended, later.Push.Blocked));
    }

    [Fact]
    public void Of_RevokedAndTotpLocked_EnrolledButNone_UnlessATemporaryCodeForThisCaller()
    {
        var s = WithTotp(WithPhone(Known)) with { TotpLocked = true, Recovery = new UserRecoveryState { PushRevokedAt = T0 } };

        var none = PreCheckPolicy.Of(s, true, "k1", T0);
        var withCode = PreCheckPolicy.Of(s with { Recovery = s.Recovery with { ActiveCode = Code(T0.AddHours(2), "k1") } }, true, "k1", T0);
        var otherCaller = PreCheckPolicy.Of(s with { Recovery = s.Recovery with { ActiveCode = Code(T0.AddHours(2), "k1") } }, true, "k2", T0);
        var expired = PreCheckPolicy.Of(s with { Recovery = s.Recovery with { ActiveCode = Code(T0.AddHours(2), null) } }, true, "k2", T0.AddHours(3));

        Assert.Equal((true, "none", (DateTimeOffset?)T0), (none.Enrolled, none.Recommended, none.Push.RevokedAt));
        Assert.True(none.Totp.Locked);
        Assert.Equal(("temporary-code", (DateTimeOffset?)T0.AddHours(2)), (withCode.Recommended, withCode.TemporaryCode.ExpiresAt));
        Assert.False(otherCaller.TemporaryCode.Usable);
        Assert.False(expired.TemporaryCode.Usable);
    }

    [Fact]
    public void Of_TotpThrottled_StillUsableAndSaysUntilWhen()
    {
        var s = WithTotp(Known) with { TotpFailures = 7, TotpThrottledUntil = T0.AddSeconds(4) };

        var now = PreCheckPolicy.Of(s, true, "k1", T0);
        var after = PreCheckPolicy.Of(s, true, "k1", T0.AddSeconds(5));

        Assert.Equal((true, (DateTimeOffset?)T0.AddSeconds(4)), (now.Totp.Usable, now.Totp.ThrottledUntil));
        Assert.Null(after.Totp.ThrottledUntil);
    }
}
