using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PushAuth.Security;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Identity;

/// <summary>A tenant display name with ':' (or other URI delimiters) makes a valid otpauth URI, and nothing is stored when building fails.</summary>
public sealed class TotpIssuerTests
{
    [Theory]
    [InlineData("Acme: Mail & Co")]
    [InlineData("a:b:c/d?e#f")]
    public async Task Enroll_IssuerWithDelimiters_201ParsableUriAndOneCredential(string displayName)
    {
        await using var s = await Scenario.SqliteAsync();
        using (var settings = await s.Admin.PutAsJsonAsync("/v1/admin/settings", new { displayName }))
        {
            settings.EnsureSuccessStatusCode();
        }

        using var response = await s.Login.PostAsJsonAsync("/v1/users/alice:x@example.com/totp", new { });
        using var valid = await s.Login.PostAsJsonAsync("/v1/users/alice/totp", new { });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.Created, valid.StatusCode);
        var enrollment = await valid.Content.ReadFromJsonAsync<JsonElement>();
        var uri = OtpAuthUri.Parse(enrollment.GetProperty("keyUri").GetString()!);
        Assert.Equal(displayName, uri.Issuer);
        Assert.Equal("alice", uri.AccountName);
        var methods = await s.Login.GetFromJsonAsync<JsonElement>("/v1/users/alice/methods");
        Assert.Single(methods.EnumerateArray());
    }
}
