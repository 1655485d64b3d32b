using Microsoft.Extensions.Options;

namespace PushAuth.Silo;

/// <summary>Fails start-up with a clear message when the silo configuration is wrong.</summary>
public sealed class SiloOptionsValidator : IValidateOptions<SiloOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloOptions options)
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(options.Role))
        {
            errors.Add("PushAuth:Silo:Role must be All, Api or Gateway.");
        }
        if (options.PublicUrl is { } url && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            errors.Add($"PushAuth:Silo:PublicUrl '{url}' must be an absolute http(s) URL.");
        }
        if (options.ShutdownTimeout <= TimeSpan.Zero || options.ShutdownTimeout > TimeSpan.FromMinutes(10))
        {
            errors.Add("PushAuth:Silo:ShutdownTimeout must be between 0 and 10 minutes.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
