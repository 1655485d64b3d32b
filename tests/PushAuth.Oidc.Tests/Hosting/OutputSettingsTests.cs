using PushAuth.Silo.Tests.Quickstart;
using Xunit;

namespace PushAuth.Oidc.Tests.Hosting;

/// <summary>These tests reference the sample relying party and run silos from their own output directory: a sample's
/// appsettings.json copied there would replace the silo's (its log levels), so the sample ships none.</summary>
public sealed class OutputSettingsTests
{
    [Fact]
    public void TestOutput_AppSettings_IsTheSilos()
    {
        Assert.Equal(File.ReadAllText(RepositoryFiles.Path("src", "PushAuth.Silo", "appsettings.json")),
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "appsettings.json")));
        Assert.False(File.Exists(RepositoryFiles.Path("samples", "PushAuth.Samples.OidcRelyingParty", "appsettings.json")));
    }
}
