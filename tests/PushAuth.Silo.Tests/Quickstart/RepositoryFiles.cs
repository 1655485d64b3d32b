namespace PushAuth.Silo.Tests.Quickstart;

/// <summary>The repository the tests were built from (found by walking up to Orleans.PushAuth.sln), and its built programs.</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>A built program of src/, as its own build left it (its runtimeconfig, deps and appsettings beside it), run with
    /// <c>dotnet</c>: the same configuration and framework as these tests, which built it through their project references.</summary>
    public static string Dll(string project)
    {
        var tfmDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(System.IO.Path.DirectorySeparatorChar));
        var dll = Path("src", project, "bin", tfmDir.Parent!.Name, tfmDir.Name, project + ".dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"{project}.dll is not built; build the test project.", dll);
    }

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
