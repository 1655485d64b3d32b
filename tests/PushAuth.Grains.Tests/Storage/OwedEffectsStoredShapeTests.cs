using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PushAuth.Domain.Devices;
using PushAuth.Domain.Effects;
using PushAuth.Domain.Users;
using PushAuth.Grains.Storage;

namespace PushAuth.Grains.Tests.Storage;

/// <summary>Owed effects are one list in memory and one array per kind in a row: the golden row of every kind, in the
/// shape rows had when each kind was its own list, loads into the one list and is written back unchanged.</summary>
public sealed class OwedEffectsStoredShapeTests
{
    private static readonly string GoldenPath = Path.Combine(AppContext.BaseDirectory, "Storage", "Golden", "owed-effects.v1.json");
    private readonly JsonGrainStateSerializer _serializer = new();

    [Fact]
    public void Deserialize_GoldenSixListRow_LoadsEveryKindIntoTheOneList()
    {
        var owed = JsonSerializer.Deserialize<OwedEffects>(File.ReadAllBytes(GoldenPath), JsonGrainStateSerializer.Options)!;

        Assert.Equal(
            new[] { typeof(OwedHistory), typeof(OwedPush), typeof(OwedWebhook), typeof(OwedNotice), typeof(OwedEventWebhook), typeof(OwedUserNotice) },
            owed.Items.Select(e => e.GetType()));
        Assert.Equal(new[] { "ev_1", "fx_push", "fx_webhook", "fx_notice", "fx_event", "fx_user_notice" }, owed.Items.Select(e => e.EffectId));
        Assert.Equal("challenge.answered", Assert.Single(owed.History).Activity);
        Assert.Equal("dv_2", Assert.Single(owed.Pushes).Request.DeviceId);
        Assert.Equal(ChallengeStatus.Approved, owed.Items.OfType<OwedWebhook>().Single().Challenge.Status);
        Assert.Equal(OwedNotice.Kinds.PairingRemoved, owed.Items.OfType<OwedNotice>().Single().Kind);
        Assert.Equal("stolen", owed.Items.OfType<OwedEventWebhook>().Single().Data["reason"]);
        Assert.Equal("ck_1", owed.Items.OfType<OwedUserNotice>().Single().Notice.ContactKey);
        Assert.True(owed.HoldsReminder);
    }

    [Fact]
    public void Serialize_LoadedGoldenRow_WritesTheSameShape()
    {
        // The previous release reads what this one writes: the shape must not move, whatever order effects were owed in.
        var golden = JsonNode.Parse(File.ReadAllText(GoldenPath))!;
        var owed = JsonSerializer.Deserialize<OwedEffects>(golden.ToJsonString(), JsonGrainStateSerializer.Options)!;
        var shuffled = new OwedEffects(owed.Items.Reverse());

        var written = JsonNode.Parse(JsonSerializer.Serialize(shuffled, JsonGrainStateSerializer.Options))!;

        Assert.True(JsonNode.DeepEquals(golden, written), written.ToJsonString());
    }

    [Fact]
    public void Deserialize_StateWithOwedEffects_LoadsThemForEveryOwingState()
    {
        var row = $$"""{"deviceId":"dv_1","owed":{{File.ReadAllText(GoldenPath)}}}""";

        var device = _serializer.Deserialize<DeviceState>(new BinaryData(Encoding.UTF8.GetBytes(row)));

        Assert.Equal(6, device.Owed.Count);
    }

    [Fact]
    public void Deserialize_UnknownKindAndNullList_SkippedLikeAnyUnknownMember()
    {
        var row = """{"owed":{"pushes":null,"somethingNew":[{"effectId":"x"}],"notices":[{"effectId":"n1","kind":"pairing-removed","target":"dv_1","subject":"u"}]}}""";

        var loaded = _serializer.Deserialize<UserState>(new BinaryData(Encoding.UTF8.GetBytes(row)));

        Assert.Equal("n1", Assert.Single(loaded.Owed.Items).EffectId);
    }

    [Fact]
    public void Serialize_EmptyOwed_WritesEveryKindAsAnEmptyArray()
    {
        var written = JsonNode.Parse(JsonSerializer.Serialize(OwedEffects.None, JsonGrainStateSerializer.Options))!.AsObject();

        Assert.Equal(OwedEffectsJsonConverter.Discriminators.Select(d => d.Discriminator), written.Select(p => p.Key));
        Assert.All(written, p => Assert.Empty(p.Value!.AsArray()));
    }
}
