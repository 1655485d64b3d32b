using Microsoft.Extensions.Options;

namespace PushAuth.Silo.Auth;

internal sealed class ConsoleOptionsValidator : IValidateOptions<ConsoleOptions>
{
    public ValidateOptionsResult Validate(string? name, ConsoleOptions options)
    {
        var errors = new List<string>();
        if (options.HighAssuranceWindow < TimeSpan.FromSeconds(30) || options.HighAssuranceWindow > TimeSpan.FromHours(1))
        {
            errors.Add("PushAuth:Console:HighAssuranceWindow must be between 00:00:30 and 01:00:00.");
        }
        if (options.SessionLifetime < options.HighAssuranceWindow || options.SessionLifetime > TimeSpan.FromDays(1))
        {
            errors.Add("PushAuth:Console:SessionLifetime must be at least the HighAssuranceWindow and at most 1.00:00:00.");
        }
        if (options.Origin is { } origin && (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.AbsolutePath != "/"
            || !string.IsNullOrEmpty(uri.Query)))
        {
            errors.Add($"PushAuth:Console:Origin '{origin}' must be an origin: scheme, host and optional port (https://mfa.example.com).");
        }
        if (options.RelyingPartyId is { } rpId && (rpId.Length is 0 or > 253 || Uri.CheckHostName(rpId) != UriHostNameType.Dns))
        {
            errors.Add($"PushAuth:Console:RelyingPartyId '{rpId}' must be a domain name.");
        }
        if (options.RelyingPartyName.Length is 0 or > 64)
        {
            errors.Add("PushAuth:Console:RelyingPartyName must be 1-64 characters.");
        }
        if (options.CeremonyLifetime < TimeSpan.FromSeconds(30) || options.CeremonyLifetime > TimeSpan.FromMinutes(10))
        {
            errors.Add("PushAuth:Console:CeremonyLifetime must be between 00:00:30 and 00:10:00.");
        }
        if (options.InvitationLifetime < TimeSpan.FromMinutes(10) || options.InvitationLifetime > TimeSpan.FromDays(7))
        {
            errors.Add("PushAuth:Console:InvitationLifetime must be between 00:10:00 and 7.00:00:00.");
        }
        if (options.SignInAttemptsPerSourcePerMinute is < 1 or > 10_000 || options.SignInAttemptsPerTenantPerMinute is < 1 or > 100_000)
        {
            errors.Add("PushAuth:Console:SignInAttemptsPerSourcePerMinute (1-10000) and SignInAttemptsPerTenantPerMinute (1-100000) must be positive.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
