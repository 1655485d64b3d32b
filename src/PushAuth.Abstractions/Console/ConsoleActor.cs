namespace PushAuth.Abstractions;

/// <summary>How the history names an admin acting from the console: <c>console:{adminId}</c>.</summary>
public static class ConsoleActor
{
    public static string Of(string adminId) => "console:" + adminId;
}
