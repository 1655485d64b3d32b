using Microsoft.Extensions.Options;

namespace PushAuth.Messaging;

/// <summary>Refuses a silo start with an unusable SMTP configuration.</summary>
public sealed class SmtpOptionsValidator : IValidateOptions<SmtpOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            errors.Add("PushAuth:Contact:Email:Smtp:Host is required.");
        }
        if (options.Port is < 1 or > 65535)
        {
            errors.Add("PushAuth:Contact:Email:Smtp:Port must be 1..65535.");
        }
        if (!MimeKit.MailboxAddress.TryParse(options.From, out _) || !options.From.Contains('@', StringComparison.Ordinal))
        {
            errors.Add("PushAuth:Contact:Email:Smtp:From must be an email address.");
        }
        if (options.UserName is { Length: > 0 } && string.IsNullOrEmpty(options.Password))
        {
            errors.Add("PushAuth:Contact:Email:Smtp:Password is required with UserName.");
        }
        if (options.Timeout < TimeSpan.FromSeconds(1) || options.Timeout > TimeSpan.FromSeconds(25))
        {
            errors.Add("PushAuth:Contact:Email:Smtp:Timeout must be 1..25 s (a send runs inside a grain call, which Orleans ends after 30 s).");
        }
        if (options.TrustedServerCertificateFile is { Length: > 0 } file && !File.Exists(file))
        {
            errors.Add($"PushAuth:Contact:Email:Smtp:TrustedServerCertificateFile '{file}' does not exist.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
