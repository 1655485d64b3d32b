namespace PushAuth.Grains.Security;

/// <summary>The one wording of a key that is missing outside Development, so the start-up error names each one alike.</summary>
internal static class KeyRequirement
{
    /// <summary>"{setting} is required outside Development …".</summary>
    public static string Missing(string setting) =>
        $"{setting} is required outside Development (an environment variable or a file of a mounted secret; see deploy/RUNBOOK.md, \"Keys\")";

    /// <summary>Thrown when code outside Development asks for a development key: validation at start should have refused first.</summary>
    public static InvalidOperationException NotConfigured(string setting) =>
        new($"{setting} is not configured, and outside Development no key is generated into or read from the database.");
}
