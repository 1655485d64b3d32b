namespace PushAuth.Grains.Placement;

/// <summary>The silo metadata that tells placement which silos are gateways (they send pushes and serve devices).</summary>
public static class SiloRoles
{
    /// <summary>Silo metadata key; the value is "true" on silos whose role includes Gateway.</summary>
    public const string GatewayMetadataKey = "pushauth.gateway";
}
