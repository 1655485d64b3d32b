namespace PushAuth.Hosting;

/// <summary>Names the grain type as stored (the first part of a <see cref="GrainId"/>). Put it on the grain interface.</summary>
[AttributeUsage(AttributeTargets.Interface, Inherited = false)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
