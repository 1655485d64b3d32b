using System.Text.RegularExpressions;
using PushAuth.Abstractions;

namespace PushAuth.Abstractions.Tests.Problems;

/// <summary>The catalogue of problem codes: complete, unambiguous and the only source of refusals.</summary>
public sealed partial class ProblemCodesTests
{
    [Fact]
    public void All_EveryEntryHasAWellFormedCodeAndATitle()
    {
        Assert.True(ProblemCodes.All.Count > 150, $"{ProblemCodes.All.Count} codes: an area is missing from the reflection");
        Assert.All(ProblemCodes.All, p =>
        {
            Assert.Matches(CodeSyntax(), p.Code);
            Assert.False(string.IsNullOrWhiteSpace(p.Title), p.Code);
            Assert.True(Enum.IsDefined(p.Kind), p.Code);
        });
    }

    [Fact]
    public void All_ACodeStringHasOneMeaningPerKind()
    {
        var duplicated = ProblemCodes.All.GroupBy(p => (p.Code, p.Kind)).Where(g => g.Count() > 1).Select(g => g.Key.Code).ToList();
        Assert.Empty(duplicated);
        // A code shared by two kinds only where it always was: a missing signature (400) and one that does not verify (401).
        var shared = ProblemCodes.All.GroupBy(p => p.Code).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Equal(["signature.invalid"], shared);
    }

    [Theory]
    [InlineData("userId", "userId.invalid", ErrorKind.Validation)]
    [InlineData("context.service", "context.service.invalid", ErrorKind.Validation)]
    public void FieldInvalid_For_NamesTheField(string field, string code, ErrorKind kind)
    {
        var problem = ProblemCodes.Requests.FieldInvalid.For(field);

        Assert.Equal(code, problem.Code);
        Assert.Equal(kind, problem.Kind);
    }

    [Fact]
    public void Families_EachHasOnePlaceholder()
    {
        Assert.NotEmpty(ProblemCodes.Families);
        Assert.All(ProblemCodes.Families, f => Assert.Matches(FamilySyntax(), f.Pattern));
    }

    [Fact]
    public void Error_CarriesTheEntry_AcrossTheException()
    {
        var e = ProblemCodes.Challenges.PushBlocked.Error("Blocked for a while.", TimeSpan.FromMinutes(5));

        Assert.Equal(ProblemCodes.Challenges.PushBlocked, e.Problem);
        Assert.Equal("push.blocked", e.Code);
        Assert.Equal(ErrorKind.Locked, e.Kind);
        Assert.Equal("Blocked for a while.", e.Message);
        Assert.Equal(TimeSpan.FromMinutes(5), e.RetryAfter);
    }

    [Fact]
    public void Sources_RefuseOnlyWithCatalogueEntries()
    {
        // A ProblemCode made anywhere but the catalogue (or a family) would be a code nobody published.
        var root = RepositoryRoot();
        var strays = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains(Path.Combine("PushAuth.Abstractions", "Problems"), StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("new ProblemCode(", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(root, f))
            .ToList();
        Assert.Empty(strays);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Orleans.PushAuth.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Orleans.PushAuth.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^([a-z][A-Za-z0-9]*)([.-][a-z0-9][A-Za-z0-9]*)*$")]
    private static partial Regex CodeSyntax();

    [GeneratedRegex(@"^[^{}]*\{[a-z]+\}[^{}]*$")]
    private static partial Regex FamilySyntax();
}
