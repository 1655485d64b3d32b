namespace PushAuth.Hosting;

/// <summary>
/// Declares the schema version of a persisted state type. A stored row with another version is refused
/// with <see cref="CorruptGrainStateException"/> unless the state type registers an upgrade; it is never silently reset.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainStateAttribute(int schemaVersion) : Attribute
{
    public int SchemaVersion { get; } = schemaVersion;
}
