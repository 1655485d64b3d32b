namespace PushAuth.Client.Tests.Packaging;

/// <summary>The repository the tests were built from, found by walking up to Orleans.PushAuth.sln.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Orleans.PushAuth.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("Orleans.PushAuth.sln not found above " + AppContext.BaseDirectory);
    }
}
