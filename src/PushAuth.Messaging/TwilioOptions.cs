namespace PushAuth.Messaging;

/// <summary>Bound from <c>PushAuth:Contact:Sms:Twilio</c>; its presence turns the Twilio sender on.</summary>
public sealed class TwilioOptions
{
    /// <summary>The account (<c>AC…</c>) the messages are sent from.</summary>
    public string AccountSid { get; set; } = "";

    /// <summary>The account's auth token; or set <see cref="ApiKeySid"/> and <see cref="ApiKeySecret"/> (recommended).</summary>
    public string? AuthToken { get; set; }

    /// <summary>An API key (<c>SK…</c>): Twilio's recommended credential, revocable on its own.</summary>
    public string? ApiKeySid { get; set; }

    public string? ApiKeySecret { get; set; }

    /// <summary>The sending number (E.164) …</summary>
    public string? From { get; set; }

    /// <summary>… or a Messaging Service (<c>MG…</c>), which picks the number itself.</summary>
    public string? MessagingServiceSid { get; set; }

    /// <summary>Where the REST API is; unset for Twilio itself (<c>https://api.twilio.com</c>), a fake's URL in tests and staging.</summary>
    public Uri? BaseAddress { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);
}
