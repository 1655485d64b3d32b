namespace PushAuth.Silo.Tests.Infrastructure;

/// <summary>The keys test silos run with outside Development, as production does: from configuration, never from the
/// database. Fixed, so silos of one test (and a silo restarted on the same store, or a second process) agree.</summary>
public static class TestKeys
{
    public const string TotpKeys = "t1:NrOxcMHX+fyVSXlx+NjUUrBYEExn/jnaNEZUThx8EqI=";
    public const string SessionKey = "s1:HaWD1S4fsODTjoCCdeGh6vL2Lta8WBbLWAq9xfNaET4=";
    public const string BackupMasterKey = "pJkk3kl74GSbtRVsKTOY8Wjz0bUuEwyO+AAOzOfnOc8=";
    public const string HistoryChainKeys = "h1:SfFWOINJVqZ1JurcwhxO3ZQY3hRU/jGKhBw06ZTHjg8=";

    /// <summary>Every key setting with its test value.</summary>
    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["PushAuth:Security:TotpKeys"] = TotpKeys,
        ["PushAuth:Security:SessionKey"] = SessionKey,
        ["PushAuth:Backup:MasterKey"] = BackupMasterKey,
        ["PushAuth:History:ChainKeys"] = HistoryChainKeys,
    };

    /// <summary>Where the history checkpoints of silos on one store go: one directory per store, so silos sharing a
    /// database (or restarted on it) share their checkpoints, as a mounted volume does in a deployment.</summary>
    public static string CheckpointDirectory(string storeIdentity) =>
        Path.Combine(Path.GetTempPath(), "pushauth-checkpoints-" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(storeIdentity)))[..16]);

    /// <summary>The same as command-line arguments, for commands that build their own silo (bootstrap-tenant, verify-history).</summary>
    public static string[] Arguments => ArgumentsFor(Guid.NewGuid().ToString("N"));

    /// <summary>The arguments with the checkpoint directory of silos on <paramref name="storeIdentity"/> (a data directory).</summary>
    public static string[] ArgumentsFor(string storeIdentity) =>
        [.. Settings.Select(s => $"--{s.Key}={s.Value}"), "--PushAuth:Silo:PublicUrl=https://login.example.com", $"--PushAuth:History:CheckpointDirectory={CheckpointDirectory(storeIdentity)}"];
}
