using Orleans.Placement;

namespace PushAuth.Grains.Placement;

/// <summary>Places a grain type only on gateway silos (see <see cref="SiloRoles"/>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
internal sealed class GatewaySiloPlacementFilterAttribute() : PlacementFilterAttribute(new GatewaySiloPlacementFilterStrategy());
