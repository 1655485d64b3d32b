namespace PushAuth.Hosting;

/// <summary>Identity of one grain: its type name (e.g. <c>challenge</c>) and its key. The key is also the shard key.</summary>
public readonly record struct GrainId(string Type, string Key)
{
    public override string ToString() => $"{Type}/{Key}";
}
