using System.IO.Compression;
using System.Reflection.Metadata;
using System.Text;
using System.Text.Json;

namespace PushAuth.Client.Tests.Packaging;

/// <summary>
/// The symbols package a debugger uses: packed from a clone of this repository's commit whose origin is on GitHub (as the
/// published repository's is), the PDB maps every source to that commit on raw.githubusercontent.com (the SDK's built-in
/// SourceLink), names no folder of the build machine (deterministic, <c>/_/</c>), and embeds the generated sources that are
/// in no commit.
/// </summary>
public sealed class SourceLinkTests
{
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");
    private static readonly Guid EmbeddedSourceKind = new("0E8A571B-6926-466E-B4AD-8AB04611F5FE");
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(150);

    [Fact]
    public async Task Pack_FromAGitHubClone_PdbMapsSourcesToTheCommit()
    {
        using var budget = new CancellationTokenSource(Budget);
        var root = Directory.CreateTempSubdirectory("pushauth-sourcelink-").FullName;
        var clone = Path.Combine(root, "repo");
        var environment = new Dictionary<string, string?> { ["NUGET_PACKAGES"] = null };
        try
        {
            var commit = (await GitAsync(Repository.Root, ["rev-parse", "HEAD"], budget.Token)).Trim();
            await GitAsync(root, ["clone", "-q", "--no-checkout", Repository.Root, clone], budget.Token);
            await GitAsync(clone, ["checkout", "-q", commit], budget.Token);
            await GitAsync(clone, ["remote", "set-url", "origin", "https://github.com/example/Orleans.PushAuth.git"], budget.Token);

            // Built in the clone's own bin and obj, as a release build in the published repository is.
            var packed = await Dotnet.RunAsync(["pack", Path.Combine(clone, "src", "PushAuth.Client", "PushAuth.Client.csproj"), "-c", "Release", "-o",
                Path.Combine(root, "feed"), "-p:ContinuousIntegrationBuild=true"], root, environment, budget.Token);
            Assert.True(packed.Exit == 0, packed.Output);

            using var symbols = ZipFile.OpenRead(Assert.Single(Directory.GetFiles(Path.Combine(root, "feed"), "*.snupkg")));
            using var pdbStream = new MemoryStream();
            using (var entry = symbols.GetEntry("lib/net10.0/PushAuth.Client.pdb")!.Open())
            {
                await entry.CopyToAsync(pdbStream, budget.Token);
            }
            pdbStream.Position = 0;
            using var provider = MetadataReaderProvider.FromPortablePdbStream(pdbStream);
            var pdb = provider.GetMetadataReader();

            var sourceLink = JsonDocument.Parse(Encoding.UTF8.GetString(CustomDebugInformation(pdb, EntityHandle.ModuleDefinition, SourceLinkKind).Single()));
            var map = sourceLink.RootElement.GetProperty("documents").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
            Assert.Equal($"https://raw.githubusercontent.com/example/Orleans.PushAuth/{commit}/*", Assert.Single(map, m => m.Key == "/_/*").Value);
            var documents = pdb.Documents.Select(d => (Handle: d, Name: pdb.GetString(pdb.GetDocument(d).Name))).ToList();
            Assert.Contains(documents, d => d.Name == "/_/src/PushAuth.Client/Devices/DeviceClient.cs");
            Assert.All(documents, d => Assert.StartsWith("/_", d.Name, StringComparison.Ordinal));
            Assert.DoesNotContain(documents, d => d.Name.Contains(root, StringComparison.Ordinal));
            // Generated sources (assembly attributes, global usings) are in no commit: embedded in the PDB instead.
            var generated = documents.Where(d => d.Name.StartsWith("/_/src/PushAuth.Client/obj/", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(generated);
            Assert.All(generated, d => Assert.NotEmpty(CustomDebugInformation(pdb, d.Handle, EmbeddedSourceKind)));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static IEnumerable<byte[]> CustomDebugInformation(MetadataReader pdb, EntityHandle parent, Guid kind) =>
        pdb.GetCustomDebugInformation(parent).Select(pdb.GetCustomDebugInformation).Where(c => pdb.GetGuid(c.Kind) == kind).Select(c => pdb.GetBlobBytes(c.Value));

    private static async Task<string> GitAsync(string directory, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new System.Diagnostics.ProcessStartInfo("git", arguments) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        using var git = System.Diagnostics.Process.Start(start)!;
        var output = git.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = git.StandardError.ReadToEndAsync(cancellationToken);
        await git.WaitForExitAsync(cancellationToken);
        Assert.True(git.ExitCode == 0, $"git {string.Join(' ', arguments)}: {await error}");
        return await output;
    }
}
