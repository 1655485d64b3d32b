using System.Net.Http.Json;
using System.Text.Json;
using PushAuth.Silo.Tests.Infrastructure;

namespace PushAuth.Silo.Tests.Admin;

/// <summary>Helpers of the admin-recovery tests on top of <see cref="Scenario"/>.</summary>
public static class AdminScenario
{
    /// <summary>A client holding a new API key of <paramref name="role"/>, issued by the tenant's Admin key.</summary>
    public static async Task<HttpClient> KeyAsync(this Scenario s, string role)
    {
        using var created = await s.Admin.PostAsJsonAsync("/v1/admin/api-keys", new { role, name = role + " key" });
        created.EnsureSuccessStatusCode();
        return s.Client(0, (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString());
    }

    /// <summary>The <c>code</c> of a problem+json answer.</summary>
    public static async Task<string?> ProblemCodeAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();
}
