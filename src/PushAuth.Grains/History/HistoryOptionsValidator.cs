using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PushAuth.Grains.Security;
using PushAuth.Security;

namespace PushAuth.Grains.History;

/// <summary>Refuses a silo start with a malformed chain key, and outside Development without a chain key or a checkpoint directory.</summary>
internal sealed class HistoryOptionsValidator(IHostEnvironment environment) : IValidateOptions<HistoryOptions>
{
    public ValidateOptionsResult Validate(string? name, HistoryOptions options)
    {
        var errors = new List<string>();
        var development = environment.IsDevelopment();
        if (options.ChainKeys is { Length: > 0 } keys)
        {
            try
            {
                HmacKeyRing.Parse(keys, options.ActiveChainKeyId);
            }
            catch (FormatException ex)
            {
                errors.Add($"PushAuth:History:ChainKeys is invalid ({ex.Message}).");
            }
        }
        else if (!development)
        {
            errors.Add(KeyRequirement.Missing("PushAuth:History:ChainKeys"));
        }
        if (options.CheckpointDirectory is not { Length: > 0 } && !development)
        {
            errors.Add("PushAuth:History:CheckpointDirectory is required outside Development (a directory outside the database, e.g. a mounted volume)");
        }
        if (options.CheckpointInterval < TimeSpan.FromSeconds(1) || options.CheckpointInterval > TimeSpan.FromDays(1))
        {
            errors.Add("PushAuth:History:CheckpointInterval must be 1 s..1 day.");
        }
        if (options.MinRetentionDays is < 1 or > 3650)
        {
            errors.Add("PushAuth:History:MinRetentionDays must be 1..3650.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
