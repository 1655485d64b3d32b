using PushAuth.Silo.Tests.Infrastructure;

namespace PushAuth.Silo.Tests.Admin;

/// <summary>A console admin in a test: their signed-in client, their software passkey authenticator and their id.</summary>
public sealed record ConsoleAdminSession(HttpClient Client, SoftwareAuthenticator Authenticator, string AdminId)
{
    /// <summary>What the history records as the actor of this admin's actions.</summary>
    public string Actor => "console:" + AdminId;
}
