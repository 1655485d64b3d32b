using System.Text;
using System.Text.Json.Nodes;
using PushAuth.Domain.Challenges;
using PushAuth.Domain.Users;
using PushAuth.Grains.Storage;

namespace PushAuth.Grains.Tests.Storage;

/// <summary>The grain-state serializer: a row written by this version still loads (the golden row), unknown members
/// are skipped, missing ones default, and a row never chooses the type it becomes.</summary>
public sealed class JsonGrainStateSerializerTests
{
    private static readonly string GoldenPath = Path.Combine(AppContext.BaseDirectory, "Storage", "Golden", "user-state.v1.json");
    private readonly JsonGrainStateSerializer _serializer = new();

    [Fact]
    public void Deserialize_GoldenUserRow_LoadsEveryMember()
    {
        // A renamed member would leave its value behind in the row; keep the stored name with [JsonPropertyName].
        var loaded = _serializer.Deserialize<UserState>(new BinaryData(File.ReadAllBytes(GoldenPath)));

        Assert.Equal(Normalize(_serializer.Serialize(GoldenStates.User())), Normalize(_serializer.Serialize(loaded)));
        Assert.Equal("alice", loaded.UserId);
        Assert.Equal(DenyReason.Fraud, loaded.Challenges[0].DenyReason);
        Assert.Equal(12345, loaded.Totp[0].LastAcceptedStep);
        Assert.Equal("fraud-report", loaded.Push.BlockReason);
        Assert.Equal("challenge.answered", loaded.Owed.History[0].Activity);
    }

    [Fact]
    public void Serialize_UserState_MatchesTheGoldenRow()
    {
        // When this fails on purpose (a new member), append the member to the golden row; never rewrite old names.
        var golden = JsonNode.Parse(File.ReadAllText(GoldenPath))!;
        var current = JsonNode.Parse(_serializer.Serialize(GoldenStates.User()).ToString())!;

        Assert.True(JsonNode.DeepEquals(golden, current), current.ToJsonString());
    }

    [Fact]
    public void Deserialize_UnknownAndMissingMembers_SkippedAndDefaulted()
    {
        var row = """{"tenantId":"acme","someFutureField":{"x":1},"challenges":[{"challengeId":"ch_9","status":"Pending","unknown":[1,2]}]}""";

        var loaded = _serializer.Deserialize<UserState>(new BinaryData(Encoding.UTF8.GetBytes(row)));

        Assert.Equal("acme", loaded.TenantId);
        Assert.Null(loaded.UserId);
        Assert.Empty(loaded.Devices);
        Assert.Equal(ChallengeStatus.Pending, Assert.Single(loaded.Challenges).Status);
        Assert.True(loaded.Owed.IsEmpty);
    }

    [Fact]
    public void Deserialize_RowNamingAType_StillBecomesTheDeclaredType()
    {
        var row = """{"$type":"System.IO.FileInfo, System.IO.FileSystem","tenantId":"acme","devices":{"$type":"System.Collections.Generic.List`1","$values":[]}}""";

        var ex = Record.Exception(() => _serializer.Deserialize<UserState>(new BinaryData(Encoding.UTF8.GetBytes(row))));

        // Either refused outright or read as plain data: never an instance of the named type.
        if (ex is null)
        {
            Assert.IsType<UserState>(_serializer.Deserialize<UserState>(new BinaryData(Encoding.UTF8.GetBytes(row))));
        }
        else
        {
            Assert.IsAssignableFrom<System.Text.Json.JsonException>(ex);
        }
    }

    private static string Normalize(BinaryData data) => JsonNode.Parse(data.ToString())!.ToJsonString();
}
