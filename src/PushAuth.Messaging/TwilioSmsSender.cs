using System.Globalization;
using Microsoft.Extensions.Logging;
using PushAuth.Messaging.Internal;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Http;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;
using PushAuth.Diagnostics;

namespace PushAuth.Messaging;

/// <summary>
/// SMS through Twilio's Messages API with the official SDK (<c>POST /2010-04-01/Accounts/{sid}/Messages.json</c>, form
/// body, HTTP basic auth with the account or an API key). Twilio's error codes are classified in one table
/// (<see cref="Classify"/>); the message text never reaches a log.
/// </summary>
public sealed partial class TwilioSmsSender : IContactMessageSender, IDisposable
{
    private readonly TwilioOptions _options;
    private readonly ILogger<TwilioSmsSender> _logger;
    private readonly System.Net.Http.HttpClient _http;
    private readonly TwilioRestClient _client;

    public TwilioSmsSender(TwilioOptions options, ILogger<TwilioSmsSender> logger)
    {
        _options = options;
        _logger = logger;
        _http = options.BaseAddress is { } baseAddress
            ? new System.Net.Http.HttpClient(new BaseAddressHandler(baseAddress)) { Timeout = options.Timeout }
            : new System.Net.Http.HttpClient { Timeout = options.Timeout };
        var (user, password) = options.ApiKeySid is { Length: > 0 } key ? (key, options.ApiKeySecret!) : (options.AccountSid, options.AuthToken!);
        _client = new TwilioRestClient(user, password, accountSid: options.AccountSid, httpClient: new SystemNetHttpClient(_http));
    }

    public string Channel => ContactChannels.Sms;

    public string Provider => "twilio";

    public async Task<SendResult> SendAsync(ContactMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var create = new CreateMessageOptions(new PhoneNumber(message.To)) { Body = message.Text };
        if (_options.MessagingServiceSid is { Length: > 0 } service)
        {
            create.MessagingServiceSid = service;
        }
        else
        {
            create.From = new PhoneNumber(_options.From);
        }
        try
        {
            // The SDK takes no CancellationToken; the HttpClient's timeout bounds the call.
            cancellationToken.ThrowIfCancellationRequested();
            var sent = await MessageResource.CreateAsync(create, _client);
            return SendResult.Sent(sent.Sid);
        }
        catch (ApiException ex)
        {
            var (kind, retryAfter) = Classify(ex.Status, ex.Code);
            if (kind == SendResultKind.AuthFailure)
            {
                LogAuthRejected(ex.Code);
            }
            else
            {
                LogRefused(Redaction.Address(message.To), ex.Status, ex.Code, kind);
            }
            return new SendResult(kind, ex.Code.ToString(CultureInfo.InvariantCulture), RetryAfter: retryAfter);
        }
        catch (ApiConnectionException ex)
        {
            LogTransport(ex.InnerException?.GetType().Name ?? ex.GetType().Name);
            return new SendResult(SendResultKind.RetryLater, "transport");
        }
        catch (Exception ex) when (ex is System.Net.Http.HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogTransport(ex.GetType().Name);
            return new SendResult(SendResultKind.RetryLater, "transport");
        }
    }

    /// <summary>Twilio's answers, by HTTP status and error code (twilio.com/docs/api/errors).</summary>
    public static (SendResultKind Kind, TimeSpan? RetryAfter) Classify(int status, int code) => (status, code) switch
    {
        (_, 21211) => (SendResultKind.InvalidRecipient, null),   // 'To' is not a valid phone number
        (_, 21214) => (SendResultKind.InvalidRecipient, null),   // 'To' cannot be reached
        (_, 21408) => (SendResultKind.InvalidRecipient, null),   // no permission to send to this region
        (_, 21610) => (SendResultKind.InvalidRecipient, null),   // the recipient replied STOP
        (_, 21612) => (SendResultKind.InvalidRecipient, null),   // cannot route to this number
        (_, 21614) => (SendResultKind.InvalidRecipient, null),   // not a mobile number
        (401, _) or (_, 20003) => (SendResultKind.AuthFailure, null),
        (429, _) or (_, 20429) => (SendResultKind.RetryLater, TimeSpan.FromSeconds(1)),
        ( >= 500, _) => (SendResultKind.RetryLater, null),
        _ => (SendResultKind.PermanentFailure, null),
    };

    public void Dispose() => _http.Dispose();

    [LoggerMessage(EventId = LogEvents.TwilioRefused, Level = LogLevel.Warning, Message = "Twilio refused an SMS to {To}: HTTP {Status}, error {Code} ({Kind})")]
    private partial void LogRefused(string to, int status, int code, SendResultKind kind);

    [LoggerMessage(EventId = LogEvents.TwilioAuthRejected, Level = LogLevel.Critical, Message = "Twilio rejected our credentials (error {Code}); verification SMS fails until they are fixed")]
    private partial void LogAuthRejected(int code);

    [LoggerMessage(EventId = LogEvents.TwilioTransport, Level = LogLevel.Warning, Message = "Twilio could not be reached ({Error})")]
    private partial void LogTransport(string error);
}
