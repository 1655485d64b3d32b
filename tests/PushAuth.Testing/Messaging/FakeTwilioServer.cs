using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace PushAuth.Testing.Messaging;

/// <summary>
/// A faithful fake of Twilio's Messages endpoint on real HTTP (Kestrel, loopback): <c>POST
/// /2010-04-01/Accounts/{AccountSid}/Messages.json</c> with a form body and HTTP basic auth (the account sid and auth
/// token, or an API key sid and secret), answering 201 with the message resource as Twilio writes it (snake_case,
/// RFC 2822 dates, string counts, <c>status: queued</c>) or Twilio's error document <c>{code, message, more_info,
/// status}</c>: 401/20003 for bad credentials, 404/20404 for other paths, 400 with 21602/21603/21604/21211/21617
/// for bad fields, Twilio's magic test numbers (+15005550001 invalid, +15005550002 unroutable, +15005550003 no
/// permission for the region, +15005550004 opted out, +15005550009 not a mobile number), scriptable 429/20429 and
/// 5xx answers.
/// </summary>
public sealed class FakeTwilioServer : IAsyncDisposable
{
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string AuthToken = "fake-twilio-auth-token-0123456789";
    public const string ApiKeySid = "SKfedcba9876543210fedcba9876543210";
    public const string ApiKeySecret = "fake-twilio-api-key-secret";
    public const string FromNumber = "+15005550006";
    public const string MessagingServiceSid = "MG00112233445566778899aabbccddeeff";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<TwilioMessage> _messages = new();
    private readonly ConcurrentQueue<(int Status, int Code, string Message)> _scripted = new();

    private FakeTwilioServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>Messages accepted (201), oldest first.</summary>
    public IReadOnlyList<TwilioMessage> Messages => [.. _messages];

    /// <summary>Requests seen, including refused ones.</summary>
    public int RequestCount => _requests;

    private int _requests;

    public static async Task<FakeTwilioServer> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        FakeTwilioServer? fake = null;
        app.Run(context => fake!.HandleAsync(context));
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        fake = new FakeTwilioServer(app, address);
        return fake;
    }

    /// <summary>The next request (whatever it is) gets this answer instead, e.g. (429, 20429, "Too Many Requests").</summary>
    public void FailNext(int status, int code, string message) => _scripted.Enqueue((status, code, message));

    public async Task<TwilioMessage> WaitForAsync(string to, TimeSpan? timeout = null)
    {
        TwilioMessage? message = null;
        await Eventually.UntilAsync(() => (message = _messages.FirstOrDefault(m => m.To == to)) is not null, timeout ?? TimeSpan.FromSeconds(20), $"an SMS to {to}");
        return message!;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        var path = context.Request.Path.Value ?? "";
        var account = Authenticate(context.Request.Headers.Authorization.ToString());
        if (account is null)
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"Twilio API\"";
            await ErrorAsync(context, 401, 20003, "Authenticate");
            return;
        }
        var expected = $"/2010-04-01/Accounts/{AccountSid}/Messages.json";
        if (!string.Equals(path, expected, StringComparison.Ordinal))
        {
            await ErrorAsync(context, 404, 20404, $"The requested resource {path} was not found");
            return;
        }
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            await ErrorAsync(context, 405, 20004, "Method not allowed");
            return;
        }
        if (_scripted.TryDequeue(out var scripted))
        {
            await ErrorAsync(context, scripted.Status, scripted.Code, scripted.Message);
            return;
        }
        if (!context.Request.HasFormContentType)
        {
            await ErrorAsync(context, 400, 21604, "A 'To' phone number is required.");
            return;
        }
        var form = await context.Request.ReadFormAsync();
        var to = form["To"].ToString();
        var from = form["From"].ToString();
        var service = form["MessagingServiceSid"].ToString();
        var body = form["Body"].ToString();
        if (to.Length == 0)
        {
            await ErrorAsync(context, 400, 21604, "A 'To' phone number is required.");
            return;
        }
        if (from.Length == 0 && service.Length == 0)
        {
            await ErrorAsync(context, 400, 21603, "A 'From' phone number is required.");
            return;
        }
        if (service.Length > 0 && service != MessagingServiceSid)
        {
            await ErrorAsync(context, 400, 21701, $"The Messaging Service Sid {service} is invalid.");
            return;
        }
        if (from.Length > 0 && from != FromNumber)
        {
            await ErrorAsync(context, 400, 21606, $"The From phone number {from} is not a valid, SMS-capable inbound phone number or short code for your account.");
            return;
        }
        if (body.Length == 0)
        {
            await ErrorAsync(context, 400, 21602, "Message body is required.");
            return;
        }
        if (body.Length > 1600)
        {
            await ErrorAsync(context, 400, 21617, "The concatenated message body exceeds the 1600 character limit.");
            return;
        }
        switch (to)
        {
            case "+15005550001":
                await ErrorAsync(context, 400, 21211, $"The 'To' number {to} is not a valid phone number.");
                return;
            case "+15005550002":
                await ErrorAsync(context, 400, 21612, $"The 'To' phone number: {to}, is not currently reachable using the 'From' phone number: {from} via SMS.");
                return;
            case "+15005550003":
                await ErrorAsync(context, 400, 21408, $"Permission to send an SMS has not been enabled for the region indicated by the 'To' number: {to}.");
                return;
            case "+15005550004":
                await ErrorAsync(context, 400, 21610, "Attempt to send to unsubscribed recipient");
                return;
            case "+15005550009":
                await ErrorAsync(context, 400, 21614, $"'To' number {to} is not a valid mobile number");
                return;
        }
        if (!IsE164(to))
        {
            await ErrorAsync(context, 400, 21211, $"The 'To' number {to} is not a valid phone number.");
            return;
        }
        var sid = "SM" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        var now = DateTimeOffset.UtcNow.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);
        var message = new TwilioMessage(sid, to, from.Length > 0 ? from : null, service.Length > 0 ? service : null, body, account, DateTimeOffset.UtcNow);
        _messages.Enqueue(message);
        var resource = new Dictionary<string, object?>
        {
            ["account_sid"] = AccountSid, ["api_version"] = "2010-04-01", ["body"] = body, ["date_created"] = now, ["date_sent"] = null, ["date_updated"] = now,
            ["direction"] = "outbound-api", ["error_code"] = null, ["error_message"] = null, ["from"] = from.Length > 0 ? from : null,
            ["messaging_service_sid"] = service.Length > 0 ? service : null, ["num_media"] = "0", ["num_segments"] = Segments(body).ToString(CultureInfo.InvariantCulture),
            ["price"] = null, ["price_unit"] = "USD", ["sid"] = sid, ["status"] = service.Length > 0 ? "accepted" : "queued",
            ["subresource_uris"] = new Dictionary<string, string> { ["media"] = $"/2010-04-01/Accounts/{AccountSid}/Messages/{sid}/Media.json" },
            ["to"] = to, ["uri"] = $"/2010-04-01/Accounts/{AccountSid}/Messages/{sid}.json",
        };
        context.Response.StatusCode = 201;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(JsonSerializer.Serialize(resource));
    }

    /// <summary>The account a request authenticates as (the account itself or its API key), or null.</summary>
    private static string? Authenticate(string header)
    {
        if (!header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            return null;
        }
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            return null;
        }
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return null;
        }
        var (user, password) = (decoded[..colon], decoded[(colon + 1)..]);
        return (user == AccountSid && password == AuthToken) || (user == ApiKeySid && password == ApiKeySecret) ? user : null;
    }

    private static Task ErrorAsync(HttpContext context, int status, int code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["code"] = code, ["message"] = message, ["more_info"] = $"https://www.twilio.com/docs/errors/{code}", ["status"] = status,
        }));
    }

    private static bool IsE164(string number) =>
        number is { Length: >= 9 and <= 16 } && number[0] == '+' && number[1] != '0' && number.AsSpan(1).ContainsAnyExceptInRange('0', '9') is false;

    /// <summary>GSM-7 text splits at 153 characters (160 alone), anything else as UCS-2 at 67 (70 alone).</summary>
    private static int Segments(string body)
    {
        var gsm = body.All(c => c < 128);
        var (single, multi) = gsm ? (160, 153) : (70, 67);
        return body.Length <= single ? 1 : (body.Length + multi - 1) / multi;
    }
}
