using Xunit;

namespace PushAuth.Hosting.Tests;

public sealed class GrainStateSerializerTests
{
    public sealed record Item(string Id, string? Optional, int Count);

    [GrainState(3)]
    public sealed record Sample
    {
        public IReadOnlyList<Item> Items { get; init; } = [];

        public string? Note { get; init; }
    }

    private static readonly GrainId Id = new("sample", "k");

    [Fact]
    public void RoundTrip_NullConstructorParameters_Survive()
    {
        var state = new Sample { Items = [new Item("a", null, 2)], Note = null };

        var json = GrainStateSerializer.Serialize(state, typeof(Sample));
        var back = (Sample)GrainStateSerializer.Deserialize(Id, typeof(Sample), json, 3);

        Assert.Equal(state.Items, back.Items);
        Assert.Null(back.Note);
    }

    [Fact]
    public void Deserialize_RowWithoutANewerField_LoadsWithDefault()
    {
        var back = (Sample)GrainStateSerializer.Deserialize(Id, typeof(Sample), """{"items":[{"id":"a","count":1}]}""", 3);

        Assert.Null(back.Items[0].Optional);
        Assert.Equal(1, back.Items[0].Count);
    }

    [Fact]
    public void Deserialize_OtherSchemaVersion_Refused()
    {
        var ex = Assert.Throws<CorruptGrainStateException>(() => GrainStateSerializer.Deserialize(Id, typeof(Sample), "{}", 2));

        Assert.Contains("schema version 2", ex.Message);
    }
}
