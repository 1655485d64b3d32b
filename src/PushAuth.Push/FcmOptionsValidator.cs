using System.Text.Json;
using Microsoft.Extensions.Options;

namespace PushAuth.Push;

/// <summary>Checks <see cref="FcmOptions"/> at start so a bad configuration fails with a clear message.</summary>
public sealed class FcmOptionsValidator : IValidateOptions<FcmOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, FcmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ProjectId))
        {
            failures.Add("Fcm:ProjectId is required.");
        }

        var hasJson = !string.IsNullOrWhiteSpace(options.ServiceAccountJson);
        var hasFile = !string.IsNullOrWhiteSpace(options.ServiceAccountKeyFile);
        if (hasJson == hasFile)
        {
            failures.Add("Exactly one of Fcm:ServiceAccountJson and Fcm:ServiceAccountKeyFile is required.");
        }
        else if (hasFile && !File.Exists(options.ServiceAccountKeyFile))
        {
            failures.Add($"Fcm:ServiceAccountKeyFile '{options.ServiceAccountKeyFile}' does not exist.");
        }
        else
        {
            ValidateServiceAccount(options, failures);
        }

        if (options.BaseAddress is null || !options.BaseAddress.IsAbsoluteUri
            || (options.BaseAddress.Scheme != Uri.UriSchemeHttps && options.BaseAddress.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add("Fcm:BaseAddress must be an absolute http(s) address.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            failures.Add("Fcm:RequestTimeout must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateServiceAccount(FcmOptions options, List<string> failures)
    {
        try
        {
            using var document = JsonDocument.Parse(options.LoadServiceAccountJson());
            var root = document.RootElement;
            foreach (var field in new[] { "type", "client_email", "private_key" })
            {
                if (!root.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(value.GetString()))
                {
                    failures.Add($"The FCM service account has no '{field}'.");
                }
            }

            if (root.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() != "service_account")
            {
                failures.Add("The FCM credential must be a service account key (type 'service_account').");
            }
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            failures.Add($"The FCM service account cannot be read: {ex.GetType().Name}.");
        }
    }
}
