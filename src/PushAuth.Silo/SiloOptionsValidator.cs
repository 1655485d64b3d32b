using Microsoft.Extensions.Options;

namespace PushAuth.Silo;

/// <summary>Fails start-up with a clear message when the silo configuration is wrong.</summary>
public sealed class SiloOptionsValidator(IHostEnvironment environment) : IValidateOptions<SiloOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloOptions options)
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(options.Role))
        {
            errors.Add("PushAuth:Silo:Role must be All, Api or Gateway.");
        }
        if (options.PublicUrl is { Length: > 0 } url && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            errors.Add($"PushAuth:Silo:PublicUrl '{url}' must be an absolute http(s) URL.");
        }
        else if (options.PublicUrl is not { Length: > 0 } && !environment.IsDevelopment())
        {
            errors.Add("PushAuth:Silo:PublicUrl is required outside Development (links and QR offers sent to people are built from it, never from a request's Host)");
        }
        if (options.AllowedHosts.Any(h => string.IsNullOrWhiteSpace(h) || h.Contains('/', StringComparison.Ordinal) || h.Contains(':', StringComparison.Ordinal)))
        {
            errors.Add("PushAuth:Silo:AllowedHosts entries must be host names (no scheme, port or path), e.g. pushauth.internal or *.example.com.");
        }
        if (options.ShutdownTimeout <= TimeSpan.Zero || options.ShutdownTimeout > TimeSpan.FromMinutes(10))
        {
            errors.Add("PushAuth:Silo:ShutdownTimeout must be between 0 and 10 minutes.");
        }
        if (options.MaxLongPollsPerKey is < 1 or > 100_000)
        {
            errors.Add("PushAuth:Silo:MaxLongPollsPerKey must be 1..100000.");
        }
        if (options.MaxRequestBodyBytes is < 1024 or > 16 * 1024 * 1024)
        {
            errors.Add("PushAuth:Silo:MaxRequestBodyBytes must be 1024..16777216.");
        }
        if (options.SiloPort is < 1 or > 65535)
        {
            errors.Add("PushAuth:Silo:SiloPort must be 1..65535.");
        }
        if (string.IsNullOrWhiteSpace(options.ClusterId) || string.IsNullOrWhiteSpace(options.ServiceId))
        {
            errors.Add("PushAuth:Silo:ClusterId and ServiceId must not be empty.");
        }
        if (options.AdvertisedAddress is { } address && !System.Net.IPAddress.TryParse(address, out _))
        {
            errors.Add($"PushAuth:Silo:AdvertisedAddress '{address}' must be an IP address.");
        }
        foreach (var proxy in options.TrustedProxies)
        {
            if (!System.Net.IPNetwork.TryParse(proxy, out _) && !System.Net.IPAddress.TryParse(proxy, out _))
            {
                errors.Add($"PushAuth:Silo:TrustedProxies entry '{proxy}' must be an IP address or a CIDR network.");
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
