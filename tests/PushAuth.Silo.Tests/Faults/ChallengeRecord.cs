using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PushAuth.Silo.Tests.Infrastructure;

namespace PushAuth.Silo.Tests.Faults;

/// <summary>What a fault test reads back: a challenge's final status from the API, or, once a user's state has dropped
/// it (it keeps the newest 20 resolved), from the tenant's history, which keeps every resolution.</summary>
internal static class ChallengeRecord
{
    /// <summary>Challenge id to the outcomes of its resolution events (approved, denied, expired …), whole tenant.</summary>
    public static async Task<Dictionary<string, List<string>>> ResolutionsAsync(Scenario s)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        long? before = null;
        while (true)
        {
            var page = (await s.Admin.GetFromJsonAsync<JsonElement>($"/v1/admin/audit?action=challenge.answered&limit=1000{(before is { } b ? $"&before={b}" : "")}"))
                .EnumerateArray().ToList();
            foreach (var e in page)
            {
                var id = e.GetProperty("correlationId").GetString()!;
                (result.TryGetValue(id, out var list) ? list : result[id] = []).Add(e.GetProperty("outcome").GetString()!);
            }
            if (page.Count < 1000)
            {
                return result;
            }
            before = page[^1].GetProperty("id").GetInt64();
        }
    }

    /// <summary>"Approved", "Pending", … from the API; from the history ("approved") when the user's state no longer holds it; null if neither knows it.</summary>
    public static async Task<string?> StatusAsync(Scenario s, string challengeId, IReadOnlyDictionary<string, List<string>> resolutions)
    {
        using var response = await s.Login.GetAsync($"/v1/challenges/{challengeId}");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return resolutions.TryGetValue(challengeId, out var outcomes) && outcomes.Count == 1 ? char.ToUpperInvariant(outcomes[0][0]) + outcomes[0][1..] : null;
        }
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString();
    }
}
