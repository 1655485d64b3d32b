using System.ComponentModel.DataAnnotations;
using System.Net;
using PushAuth.Abstractions;

namespace PushAuth.Silo.Endpoints.Approvals;

/// <summary>Body of <c>POST /v1/challenges</c>.</summary>
public sealed record CreateChallengeBody(
    [property: Required] string? UserId,
    [property: Required] ChallengeContextBody? Context,
    bool? NumberMatching = null,
    int? NumberDigits = null,
    int? ExpiresInSeconds = null,
    string? SessionBinding = null,
    string? WebhookUrl = null,
    string? DeviceId = null)
{
    /// <summary>Checks the form of every field and builds the request; a 400 problem names the first bad field. What a
    /// request may ask for (its webhook's target, a reserved binding) the user grain decides, for every caller.</summary>
    public CreateChallengeRequest ToRequest(string? idempotencyKey)
    {
        var userId = Validate.Identifier(UserId, "userId");
        if (Context is null)
        {
            throw ProblemCodes.Challenges.ContextMissing.Error("'context' with at least 'service' and 'action' is required.");
        }
        if (NumberDigits is { } digits && digits is < 2 or > 6)
        {
            throw ProblemCodes.Challenges.NumberDigitsInvalid.Error("'numberDigits' must be 2..6.");
        }
        if (ExpiresInSeconds is { } seconds && seconds is < 10 or > 600)
        {
            throw ProblemCodes.Challenges.ExpiresInSecondsInvalid.Error("'expiresInSeconds' must be 10..600 (a challenge never lives over 10 minutes).");
        }
        if (SessionBinding is { Length: > 256 })
        {
            throw ProblemCodes.Challenges.SessionBindingInvalid.Error("'sessionBinding' must be at most 256 characters.");
        }
        if (idempotencyKey is { } key && (key.Length is 0 or > 128 || key.Any(c => c < 0x21 || c > 0x7e)))
        {
            throw ProblemCodes.Challenges.IdempotencyKeyInvalid.Error("The Idempotency-Key header must be 1-128 printable ASCII characters.");
        }
        var deviceId = DeviceId is null ? null : Validate.Identifier(DeviceId, "deviceId");
        return new CreateChallengeRequest(userId, Context.ToContext(), NumberMatching, NumberDigits, ExpiresInSeconds, SessionBinding,
            WebhookUrl, idempotencyKey, deviceId);
    }

}

/// <summary>What the user sees on the phone.</summary>
public sealed record ChallengeContextBody(
    [property: Required] string? Service,
    [property: Required] string? Action,
    string? SourceIp = null,
    string? City = null,
    string? Country = null,
    string? Browser = null,
    string? OperatingSystem = null,
    DateTimeOffset? RequestedAt = null)
{
    public ChallengeContext ToContext()
    {
        if (SourceIp is not null && !IPAddress.TryParse(SourceIp, out _))
        {
            throw ProblemCodes.Challenges.SourceIpInvalid.Error("'context.sourceIp' must be an IPv4 or IPv6 address.");
        }
        return new ChallengeContext(
            Validate.Text(Service, "context.service", 100),
            Validate.Text(Action, "context.action", 100),
            SourceIp,
            Validate.OptionalText(City, "context.city", 100),
            Validate.OptionalText(Country, "context.country", 100),
            Validate.OptionalText(Browser, "context.browser", 100),
            Validate.OptionalText(OperatingSystem, "context.operatingSystem", 100),
            RequestedAt);
    }
}
