using Microsoft.Extensions.Options;

namespace PushAuth.Silo.Auth;

internal sealed class ConsoleOptionsValidator : IValidateOptions<ConsoleOptions>
{
    public ValidateOptionsResult Validate(string? name, ConsoleOptions options)
    {
        if (options.HighAssuranceWindow < TimeSpan.FromSeconds(30) || options.HighAssuranceWindow > TimeSpan.FromHours(1))
        {
            return ValidateOptionsResult.Fail("PushAuth:Console:HighAssuranceWindow must be between 00:00:30 and 01:00:00.");
        }
        if (options.SessionLifetime < options.HighAssuranceWindow || options.SessionLifetime > TimeSpan.FromDays(1))
        {
            return ValidateOptionsResult.Fail("PushAuth:Console:SessionLifetime must be at least the HighAssuranceWindow and at most 1.00:00:00.");
        }
        return ValidateOptionsResult.Success;
    }
}
