using PushAuth.History;

namespace PushAuth.Testing;

/// <summary>The history chain key tests link and verify with (as configured outside Development: never in the database).</summary>
public static class TestHistoryKeys
{
    /// <summary>The configuration value, <c>keyId:base64</c>.</summary>
    public const string Configured = "h1:SfFWOINJVqZ1JurcwhxO3ZQY3hRU/jGKhBw06ZTHjg8=";

    public static HistoryKeys Keys { get; } = new([("h1", Convert.FromBase64String(Configured[3..]))], "h1");
}
