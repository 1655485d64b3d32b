using System.Net;
using System.Net.Http.Json;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Admin;

/// <summary>The <c>console:</c> sessionBinding namespace is reserved (issue 15, reproduction 1, defence in depth): a login
/// service cannot make a challenge that looks like an admin sign-in.</summary>
public sealed class ReservedBindingTests
{
    [Theory]
    [InlineData("console:abc")]
    [InlineData("CONSOLE:abc")]
    public async Task CreateChallenge_ConsoleBinding_400ReservedAndNoChallenge(string binding)
    {
        await using var s = await Scenario.SqliteAsync();
        await s.EnrollTotpAsync("ada");

        using var created = await s.Login.PostAsJsonAsync("/v1/challenges", new { userId = "ada", context = new { service = "Mail", action = "Sign in" }, sessionBinding = binding });
        using var status = await s.Login.GetAsync("/v1/users/ada/push-status");

        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        Assert.Equal("sessionBinding.reserved", await created.ProblemCodeAsync());
        Assert.Contains("\"outstanding\":0", await status.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
