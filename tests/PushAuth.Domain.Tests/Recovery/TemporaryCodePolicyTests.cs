using PushAuth.Abstractions;
using PushAuth.Domain.Recovery;
using Xunit;

namespace PushAuth.Domain.Tests.Recovery;

public sealed class TemporaryCodePolicyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static TemporaryCode Code(string id, DateTimeOffset expires, bool reusable = false) => new(id, "salt", "hash", T0, expires, "console:hal", reusable, null, null);

    [Theory]
    [InlineData(0.99)]
    [InlineData(24.01)]
    [InlineData(0)]
    public void EnsureMayIssue_ValidityOutside1To24Hours_Throws400(double hours)
    {
        var e = Assert.Throws<PushAuthException>(() => TemporaryCodePolicy.EnsureMayIssue(new UserRecoveryState(), TimeSpan.FromHours(hours), T0));
        Assert.Equal(ErrorKind.Validation, e.Kind);
        Assert.Equal("validityHours.out-of-range", e.Code);
    }

    [Fact]
    public void EnsureMayIssue_SixInTheLastHour_Throws429UntilTheOldestLeavesTheWindow()
    {
        var s = new UserRecoveryState();
        for (var i = 0; i < 6; i++)
        {
            s = TemporaryCodePolicy.Issued(TemporaryCodePolicy.Prune(s, T0.AddMinutes(i)), Code("tc_" + i, T0.AddHours(2)), T0.AddMinutes(i));
        }

        var e = Assert.Throws<PushAuthException>(() => TemporaryCodePolicy.EnsureMayIssue(TemporaryCodePolicy.Prune(s, T0.AddMinutes(30)), TimeSpan.FromHours(1), T0.AddMinutes(30)));
        TemporaryCodePolicy.EnsureMayIssue(TemporaryCodePolicy.Prune(s, T0.AddMinutes(60)), TimeSpan.FromHours(1), T0.AddMinutes(60));

        Assert.Equal(ErrorKind.TooManyRequests, e.Kind);
        Assert.Equal(TimeSpan.FromMinutes(30), e.RetryAfter);
        Assert.Equal("tc_5", s.ActiveCode?.CodeId);
    }

    [Fact]
    public void Rate_CountsDownToTheRefusal_WhoseLimitResetsAtItsRetryAfter()
    {
        var s = new UserRecoveryState();
        var left = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            s = TemporaryCodePolicy.Issued(TemporaryCodePolicy.Prune(s, T0.AddMinutes(i)), Code("tc_" + i, T0.AddHours(2)), T0.AddMinutes(i));
            left.Add(TemporaryCodePolicy.Rate(s, T0.AddMinutes(i)).Remaining);
        }

        var e = Assert.Throws<PushAuthException>(() => TemporaryCodePolicy.EnsureMayIssue(TemporaryCodePolicy.Prune(s, T0.AddMinutes(30)), TimeSpan.FromHours(1), T0.AddMinutes(30)));

        Assert.Equal([5, 4, 3, 2, 1, 0], left);
        Assert.Equal(new RateLimitStatus("temporary-code", 6, TimeSpan.FromHours(1), 0, TimeSpan.FromMinutes(30)), e.RateLimit);
        Assert.Equal(TimeSpan.FromMinutes(55), TemporaryCodePolicy.Rate(s, T0.AddMinutes(5)).Reset);
        Assert.Equal(new RateLimitStatus("temporary-code", 6, TimeSpan.FromHours(1), 6, TimeSpan.Zero), TemporaryCodePolicy.Rate(new UserRecoveryState(), T0));
    }

    [Fact]
    public void Used_OneTimeGoes_ReusableStaysAndRemembersUse()
    {
        var oneTime = TemporaryCodePolicy.Used(new UserRecoveryState { ActiveCode = Code("a", T0.AddHours(1)) }, T0);
        var reusable = TemporaryCodePolicy.Used(new UserRecoveryState { ActiveCode = Code("b", T0.AddHours(1), reusable: true) }, T0);

        Assert.Null(oneTime.ActiveCode);
        Assert.Equal(T0, reusable.ActiveCode?.LastUsedAt);
    }

    [Fact]
    public void Prune_ExpiredCode_Dropped()
    {
        var s = new UserRecoveryState { ActiveCode = Code("a", T0.AddHours(1)), CodesIssued = [T0] };

        Assert.Same(s, TemporaryCodePolicy.Prune(s, T0.AddMinutes(59)));
        Assert.Null(TemporaryCodePolicy.Prune(s, T0.AddHours(1)).ActiveCode);
        Assert.Empty(TemporaryCodePolicy.Prune(s, T0.AddHours(1)).CodesIssued);
    }

    [Theory]
    [InlineData(ApiKeyRole.LoginService, AdminPermission.LoginApi, true)]
    [InlineData(ApiKeyRole.LoginService, AdminPermission.ReadHistory, false)]
    [InlineData(ApiKeyRole.Auditor, AdminPermission.ReadHistory, true)]
    [InlineData(ApiKeyRole.Auditor, AdminPermission.ManageMethods, false)]
    [InlineData(ApiKeyRole.ManageMfa, AdminPermission.IssueTemporaryCodes, true)]
    [InlineData(ApiKeyRole.ManageMfa, AdminPermission.ManageTenant, false)]
    [InlineData(ApiKeyRole.ManageMfa, AdminPermission.LoginApi, false)]
    [InlineData(ApiKeyRole.Admin, AdminPermission.LoginApi, true)]
    [InlineData(ApiKeyRole.Admin, AdminPermission.ManageTenant, true)]
    [InlineData((ApiKeyRole)9, AdminPermission.ReadUsers, false)]
    public void TenantRoles_Grants_PermissionsNotAnOrdering(ApiKeyRole role, AdminPermission permission, bool granted) =>
        Assert.Equal(granted, TenantRoles.Grants(role, permission));

    [Fact]
    public void RecoverySettings_BadRetentionOrWebhook_400()
    {
        Assert.Equal("settings.recovery.history-retention-days", Assert.Throws<PushAuthException>(() => new RecoverySettings(HistoryRetentionDays: 0).Validated()).Code);
        Assert.Equal("settings.recovery.events-webhook-url", Assert.Throws<PushAuthException>(() => new RecoverySettings(EventsWebhookUrl: "http://example.com/x").Validated()).Code);
        Assert.Equal(180, RecoverySettings.Default.HistoryRetentionDays);
    }
}
