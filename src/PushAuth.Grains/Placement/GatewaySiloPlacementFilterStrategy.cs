using Orleans.Placement;

namespace PushAuth.Grains.Placement;

/// <summary>The placement filter behind <see cref="GatewaySiloPlacementFilterAttribute"/>; it has no parameters.</summary>
internal sealed class GatewaySiloPlacementFilterStrategy() : PlacementFilterStrategy(order: 0);
