namespace PushAuth.Abstractions;

/// <summary>Reserved history tenants (ids starting with '_', which no tenant can take).</summary>
public static class HistoryTenants
{
    /// <summary>Where device events are kept until the device pairs with a tenant's user, and contact verifications
    /// (a contact is not yet any tenant's).</summary>
    public const string Devices = "_devices";
}
