using System.Globalization;
using Xunit;

namespace PushAuth.Silo.Tests.Http;

/// <summary>Reads the RateLimit and RateLimit-Policy fields (Structured Field lists of strings with integer parameters).</summary>
internal static class RateLimitAssert
{
    public sealed record State(string Policy, int Remaining, int Reset);

    /// <summary>Asserts exactly one policy named <paramref name="policy"/> with its quota and window; returns its state.</summary>
    public static State Single(HttpResponseMessage response, string policy, int quota, int window)
    {
        var policies = Items(Field(response, "RateLimit-Policy"));
        var states = Items(Field(response, "RateLimit"));
        var (name, parameters) = Assert.Single(policies);
        Assert.Equal(policy, name);
        Assert.Equal(new Dictionary<string, int> { ["q"] = quota, ["w"] = window }, parameters);
        var (stateName, state) = Assert.Single(states);
        Assert.Equal(policy, stateName);
        Assert.Equal(["r", "t"], state.Keys.Order());
        Assert.InRange(state["t"], 0, window);
        return new State(stateName, state["r"], state["t"]);
    }

    /// <summary>A 429: nothing left, Retry-After present, and the reset no earlier than Retry-After says.</summary>
    public static void RefusedWithRetryAfter(HttpResponseMessage response, string policy, int window)
    {
        var retryAfter = response.Headers.RetryAfter?.Delta ?? throw new Xunit.Sdk.XunitException("429 without Retry-After");
        var state = Items(Field(response, "RateLimit")).Single(i => i.Name == policy).Parameters;
        Assert.Equal(0, state["r"]);
        Assert.InRange(state["t"], 1, window);
        Assert.Equal((int)retryAfter.TotalSeconds, state["t"]);
    }

    /// <summary>Every policy's name and remaining units, checking that each policy has its state and the window.</summary>
    public static List<(string Policy, int Remaining)> All(HttpResponseMessage response, int window)
    {
        var policies = Items(Field(response, "RateLimit-Policy"));
        var states = Items(Field(response, "RateLimit"));
        Assert.Equal(policies.Select(p => p.Name), states.Select(p => p.Name));
        Assert.All(policies, p => Assert.Equal(window, p.Parameters["w"]));
        return [.. states.Select(p => (p.Name, p.Parameters["r"]))];
    }

    public static void None(HttpResponseMessage response)
    {
        Assert.False(response.Headers.Contains("RateLimit"), "unexpected RateLimit field");
        Assert.False(response.Headers.Contains("RateLimit-Policy"), "unexpected RateLimit-Policy field");
    }

    private static string Field(HttpResponseMessage response, string name) =>
        Assert.Single(response.Headers.TryGetValues(name, out var values) ? values : [], v => v.Length > 0);

    private static List<(string Name, Dictionary<string, int> Parameters)> Items(string field) =>
        [.. field.Split(',', StringSplitOptions.TrimEntries).Select(item =>
        {
            var parts = item.Split(';');
            Assert.Matches("^\"[a-z-]+\"$", parts[0]);
            return (parts[0].Trim('"'), parts.Skip(1).Select(p => p.Split('=')).ToDictionary(p => p[0], p => int.Parse(p[1], NumberStyles.None, CultureInfo.InvariantCulture)));
        })];
}
