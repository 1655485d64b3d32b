namespace PushAuth.Push;

/// <summary>Which APNs host to use.</summary>
public enum ApnsEnvironment
{
    /// <summary>api.push.apple.com.</summary>
    Production,

    /// <summary>api.sandbox.push.apple.com (development builds of the app).</summary>
    Sandbox,
}
