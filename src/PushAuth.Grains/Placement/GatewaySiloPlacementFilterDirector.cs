using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;

namespace PushAuth.Grains.Placement;

/// <summary>Keeps the silos whose metadata marks them as gateways. With none, placement fails loudly rather than
/// putting a push-sending grain on an API-only silo.</summary>
internal sealed class GatewaySiloPlacementFilterDirector(ISiloMetadataCache metadata) : IPlacementFilterDirector
{
    public IEnumerable<SiloAddress> Filter(PlacementFilterStrategy filterStrategy, PlacementTarget target, IEnumerable<SiloAddress> silos) =>
        silos.Where(silo => metadata.GetSiloMetadata(silo).Metadata.TryGetValue(SiloRoles.GatewayMetadataKey, out var value) && value == "true");
}
