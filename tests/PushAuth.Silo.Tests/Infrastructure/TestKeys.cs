namespace PushAuth.Silo.Tests.Infrastructure;

/// <summary>The keys test silos run with outside Development, as production does: from configuration, never from the
/// database. Fixed, so silos of one test (and a silo restarted on the same store, or a second process) agree.</summary>
public static class TestKeys
{
    public const string TotpKeys = "t1:NrOxcMHX+fyVSXlx+NjUUrBYEExn/jnaNEZUThx8EqI=";
    public const string SessionKey = "s1:HaWD1S4fsODTjoCCdeGh6vL2Lta8WBbLWAq9xfNaET4=";
    public const string BackupMasterKey = "pJkk3kl74GSbtRVsKTOY8Wjz0bUuEwyO+AAOzOfnOc8=";

    /// <summary>Every key setting with its test value.</summary>
    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["PushAuth:Security:TotpKeys"] = TotpKeys,
        ["PushAuth:Security:SessionKey"] = SessionKey,
        ["PushAuth:Backup:MasterKey"] = BackupMasterKey,
    };

    /// <summary>The same as command-line arguments, for commands that build their own silo (bootstrap-tenant, verify-history).</summary>
    public static string[] Arguments => [.. Settings.Select(s => $"--{s.Key}={s.Value}"), "--PushAuth:Silo:PublicUrl=https://login.example.com"];
}
