using FsCheck.Xunit;
using PushAuth.Domain.Backup;

namespace PushAuth.Domain.Tests.Backup;

public sealed class ContactVerificationRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static ContactVerificationRecord Record(string id, string device, DateTimeOffset at) =>
        new(id, device, "code-hash", "link-hash", at, at + ContactVerificationRules.CodeLifetime, 0, ContactVerificationStatus.Pending, null);

    private static ContactVerificationState Start(ContactVerificationState s, string id, string device, DateTimeOffset at) =>
        ContactVerificationRules.Started(s, Record(id, device, at), "email", "a***@example.com", at);

    [Fact]
    public void SendRetryAfter_SameDeviceWithin30s_Waits_OtherDeviceMayAsk()
    {
        var s = Start(new ContactVerificationState(), "cv1", "dv_a", T0);

        Assert.Equal(TimeSpan.FromSeconds(20), ContactVerificationRules.SendRetryAfter(s, "dv_a", T0.AddSeconds(10)));
        Assert.Null(ContactVerificationRules.SendRetryAfter(s, "dv_b", T0.AddSeconds(10)));
        Assert.Null(ContactVerificationRules.SendRetryAfter(s, "dv_a", T0.AddSeconds(30)));
    }

    [Fact]
    public void SendRetryAfter_FiveInAnHour_WaitsForTheOldestToAgeOut()
    {
        var s = new ContactVerificationState();
        for (var i = 0; i < 5; i++)
        {
            s = Start(s, $"cv{i}", $"dv_{i}", T0.AddMinutes(i));
        }

        Assert.Equal(TimeSpan.FromMinutes(50), ContactVerificationRules.SendRetryAfter(s, "dv_new", T0.AddMinutes(10)));
        Assert.Null(ContactVerificationRules.SendRetryAfter(s, "dv_new", T0.AddHours(1)));
    }

    [Fact]
    public void NotSent_DoesNotCountAgainstTheContactNorPauseTheDevice()
    {
        var s = ContactVerificationRules.NotSent(Start(new ContactVerificationState(), "cv1", "dv_a", T0), "cv1", T0);

        Assert.Empty(s.RecentSends);
        Assert.Null(ContactVerificationRules.SendRetryAfter(s, "dv_a", T0.AddSeconds(1)));
        Assert.Equal(ContactConfirmRefusal.Superseded, ContactVerificationRules.Refusal(s.Verifications.Single(), T0));
    }

    [Fact]
    public void Started_NewCodeForADevice_SupersedesItsPendingOnesOnly()
    {
        var s = Start(Start(new ContactVerificationState(), "cv1", "dv_a", T0), "cv2", "dv_b", T0);
        s = Start(s, "cv3", "dv_a", T0.AddMinutes(1));

        Assert.Equal(ContactVerificationStatus.Superseded, s.Verifications.Single(v => v.VerificationId == "cv1").Status);
        Assert.Equal(ContactVerificationStatus.Pending, s.Verifications.Single(v => v.VerificationId == "cv2").Status);
        Assert.Equal(ContactVerificationStatus.Pending, s.Verifications.Single(v => v.VerificationId == "cv3").Status);
    }

    [Property]
    public bool Wrong_FifthAttemptFails_NeverBefore(byte attempts)
    {
        var n = attempts % 12;
        var s = Start(new ContactVerificationState(), "cv1", "dv_a", T0);
        for (var i = 0; i < n; i++)
        {
            s = ContactVerificationRules.Wrong(s, "cv1");
        }
        var v = s.Verifications.Single();
        return (v.Status == ContactVerificationStatus.Failed) == (n >= ContactVerificationRules.MaxAttempts)
            && (ContactVerificationRules.Refusal(v, T0) == ContactConfirmRefusal.TooManyAttempts) == (n >= ContactVerificationRules.MaxAttempts);
    }

    [Fact]
    public void Refusal_ExpiredAfterTenMinutes_UsedAfterVerification_FreshFor15Minutes()
    {
        var s = Start(new ContactVerificationState(), "cv1", "dv_a", T0);
        Assert.Null(ContactVerificationRules.Refusal(s.Verifications.Single(), T0.AddMinutes(10).AddTicks(-1)));
        Assert.Equal(ContactConfirmRefusal.Expired, ContactVerificationRules.Refusal(s.Verifications.Single(), T0.AddMinutes(10)));

        var verified = ContactVerificationRules.Verified(s, "cv1", T0.AddMinutes(1)).Verifications.Single();
        Assert.Equal(ContactConfirmRefusal.Used, ContactVerificationRules.Refusal(verified, T0.AddMinutes(2)));
        Assert.True(ContactVerificationRules.IsFreshlyVerified(verified, T0.AddMinutes(16).AddTicks(-1)));
        Assert.False(ContactVerificationRules.IsFreshlyVerified(verified, T0.AddMinutes(16)));
    }
}
