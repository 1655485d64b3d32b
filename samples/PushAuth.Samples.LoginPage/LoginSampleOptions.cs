namespace PushAuth.Samples.LoginPage;

/// <summary>The <c>Sample</c> configuration section.</summary>
public sealed class LoginSampleOptions
{
    /// <summary>The silo's base URL.</summary>
    public string Server { get; set; } = "http://localhost:5080";

    /// <summary>The tenant's LoginService key (<c>pak_…</c>); it stays in this process and never reaches the browser.</summary>
    public string? ApiKey { get; set; }

    /// <summary>What the phone shows as asking.</summary>
    public string ServiceName { get; set; } = "Acme Login";

    /// <summary>The sample's stand-in for a real first factor: every user name signs in with this password.</summary>
    public string DemoPassword { get; set; } = "demo";
}
