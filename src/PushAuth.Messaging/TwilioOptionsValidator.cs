using Microsoft.Extensions.Options;

namespace PushAuth.Messaging;

/// <summary>Refuses a silo start with an unusable Twilio configuration.</summary>
public sealed class TwilioOptionsValidator : IValidateOptions<TwilioOptions>
{
    public ValidateOptionsResult Validate(string? name, TwilioOptions options)
    {
        var errors = new List<string>();
        if (!IsSid(options.AccountSid, "AC"))
        {
            errors.Add("PushAuth:Contact:Sms:Twilio:AccountSid must be an account sid (AC + 32 hex digits).");
        }
        var apiKey = options.ApiKeySid is { Length: > 0 };
        if (apiKey && (!IsSid(options.ApiKeySid, "SK") || string.IsNullOrEmpty(options.ApiKeySecret)))
        {
            errors.Add("PushAuth:Contact:Sms:Twilio:ApiKeySid must be an API key sid (SK…) with ApiKeySecret.");
        }
        if (!apiKey && string.IsNullOrEmpty(options.AuthToken))
        {
            errors.Add("PushAuth:Contact:Sms:Twilio needs AuthToken, or ApiKeySid and ApiKeySecret.");
        }
        var from = options.From is { Length: > 0 };
        var service = options.MessagingServiceSid is { Length: > 0 };
        if (from == service)
        {
            errors.Add("PushAuth:Contact:Sms:Twilio needs exactly one of From (an E.164 number) and MessagingServiceSid.");
        }
        if (from && !PhoneNumbers.IsE164(options.From!))
        {
            errors.Add("PushAuth:Contact:Sms:Twilio:From must be an E.164 number (+ and 8-15 digits).");
        }
        if (service && !IsSid(options.MessagingServiceSid, "MG"))
        {
            errors.Add("PushAuth:Contact:Sms:Twilio:MessagingServiceSid must be a messaging service sid (MG…).");
        }
        if (options.BaseAddress is { } b && (!b.IsAbsoluteUri || b.Scheme is not ("https" or "http")))
        {
            errors.Add("PushAuth:Contact:Sms:Twilio:BaseAddress must be an absolute http(s) URL.");
        }
        if (options.Timeout < TimeSpan.FromSeconds(1) || options.Timeout > TimeSpan.FromSeconds(25))
        {
            errors.Add("PushAuth:Contact:Sms:Twilio:Timeout must be 1..25 s (a send runs inside a grain call, which Orleans ends after 30 s).");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsSid(string? sid, string prefix) =>
        sid is { Length: 34 } && sid.StartsWith(prefix, StringComparison.Ordinal) && sid.AsSpan(2).ContainsAnyExcept("0123456789abcdefABCDEF") is false;
}
