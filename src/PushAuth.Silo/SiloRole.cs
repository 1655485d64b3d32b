namespace PushAuth.Silo;

/// <summary>What a silo serves. One binary; the role is configuration.</summary>
public enum SiloRole
{
    /// <summary>Everything: login-service and admin API, device API, push dispatch (the default).</summary>
    All,

    /// <summary>Login services and admins.</summary>
    Api,

    /// <summary>Device-facing endpoints and push dispatch.</summary>
    Gateway,
}
