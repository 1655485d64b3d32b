using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;

namespace PushAuth.Diagnostics.Tests;

public sealed partial class PushAuthDiagnosticsTests
{
    [Fact]
    public void MetricNames_EveryName_IsPublishedByTheMeter()
    {
        var published = InstrumentCatalog.Published().Select(i => i.Name).ToHashSet(StringComparer.Ordinal);

        Assert.All(PushAuthDiagnostics.MetricNames, name => Assert.Contains(name, published));
        Assert.Equal(published.Count, PushAuthDiagnostics.MetricNames.Count);
    }

    [Fact]
    public void MetricNames_Names_AreUniqueLowerCaseAndPrefixed()
    {
        Assert.Equal(PushAuthDiagnostics.MetricNames.Count, PushAuthDiagnostics.MetricNames.Distinct(StringComparer.Ordinal).Count());
        Assert.All(PushAuthDiagnostics.MetricNames, name => Assert.Matches(OtelName(), name));
    }

    [Fact]
    public void Instruments_DurationsAndAges_UseSeconds()
    {
        var instruments = InstrumentCatalog.Published();

        Assert.All(
            instruments.Where(i => i.Name.EndsWith(".duration", StringComparison.Ordinal) || i.Name.EndsWith(".delay", StringComparison.Ordinal)),
            i => Assert.Equal("s", i.Unit));
        Assert.All(instruments, i => Assert.False(string.IsNullOrEmpty(i.Unit), i.Name + " has no unit"));
        Assert.All(instruments, i => Assert.False(string.IsNullOrEmpty(i.Description), i.Name + " has no description"));
    }

    [Fact]
    public void Histograms_Advice_HasAscendingSecondsBuckets()
    {
        var histograms = InstrumentCatalog.Published().OfType<Histogram<double>>().ToList();

        Assert.Equal(3, histograms.Count);
        Assert.All(histograms, h =>
        {
            var buckets = h.Advice?.HistogramBucketBoundaries;
            Assert.NotNull(buckets);
            Assert.True(buckets.Count >= 8, h.Name);
            Assert.Equal(buckets.Order(), buckets);
            Assert.True(buckets[^1] >= 10, h.Name + " tops out below 10 s");
        });
    }

    [Fact]
    public void MetricNames_OutboxActivationAndReminderInstruments_AreGone()
    {
        // The outbox is gone (grains own their effects), Orleans' orleans-catalog-activations and
        // orleans-reminders-tardiness replace our activation gauge and reminder lag.
        Assert.DoesNotContain(PushAuthDiagnostics.MetricNames, n => n.StartsWith("pushauth.outbox.", StringComparison.Ordinal));
        Assert.DoesNotContain("pushauth.grain.activations", PushAuthDiagnostics.MetricNames);
        Assert.DoesNotContain("pushauth.reminder.lag", PushAuthDiagnostics.MetricNames);
        Assert.Contains("pushauth.effects.delivery.delay", PushAuthDiagnostics.MetricNames);
        Assert.Contains("pushauth.effects.retries", PushAuthDiagnostics.MetricNames);
        Assert.Contains("pushauth.effects.given_up", PushAuthDiagnostics.MetricNames);
    }

    [Fact]
    public void ActivitySourceNames_All_AreOrleansPushAuthSources()
    {
        Assert.Equal(
            ["Orleans.PushAuth.Grains", "Orleans.PushAuth.Storage", "Orleans.PushAuth.Push", "Orleans.PushAuth.Api"],
            PushAuthDiagnostics.ActivitySourceNames);
        Assert.Equal(PushAuthDiagnostics.GrainsActivitySourceName, PushAuthDiagnostics.Grains.Name);
        Assert.Equal(PushAuthDiagnostics.ApiActivitySourceName, PushAuthDiagnostics.Api.Name);
        Assert.Equal("Orleans.PushAuth", PushAuthDiagnostics.Meter.Name);
    }

    [GeneratedRegex("^pushauth(\\.[a-z][a-z_]*)+$")]
    private static partial Regex OtelName();
}
