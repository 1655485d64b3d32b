using System.Net;
using System.Text.RegularExpressions;
using PushAuth.Client;

namespace PushAuth.Samples.LoginPage;

/// <summary>
/// The page's API. Every call answers the session's view (<see cref="LoginSession.View"/>); the login-service key is used
/// only here, through <see cref="PushAuthClient"/>. State-changing calls are POSTs that only a same-site page can make
/// (the cookie is SameSite=Strict and bodies must be JSON).
/// </summary>
public static partial class LoginEndpoints
{
    private static readonly TimeSpan PollSlice = TimeSpan.FromSeconds(20);

    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/state", (HttpContext http, LoginSessions sessions) => Results.Ok(sessions.For(http).View()));
        api.MapPost("/login", (LoginBody body, HttpContext http, LoginSessions sessions, LoginSampleOptions options, PushAuthClient client, CancellationToken ct) =>
            WithSession(http, sessions, async s =>
            {
                if (body.Username is not { } user || !UserName().IsMatch(user) || body.Password != options.DemoPassword)
                {
                    s.Message = "Wrong user name or password.";
                    return;
                }
                s.UserId = user;
                s.PairingId = s.ChallengeId = s.NumberMatch = s.Message = null;
                // One pre-check picks the page: push when usable, pairing for a user with no method, else say why.
                var check = await client.PreCheckAsync(user, ct);
                switch (check.Recommended)
                {
                    case "push":
                        await SendPushAsync(s, http, options, client, ct);
                        break;
                    case "enroll":
                        s.Stage = LoginStage.Pair;
                        break;
                    default:
                        (s.Stage, s.Message) = (LoginStage.Failed, check.Push.Blocked
                            ? $"Push approvals are paused until {check.Push.BlockedUntil:t} UTC; use a code from your authenticator instead."
                            : "Push approvals are not available for this account; use a code from your authenticator, or ask your helpdesk.");
                        break;
                }
            }));
        api.MapPost("/pair", (PairBody body, HttpContext http, LoginSessions sessions, LoginSampleOptions options, PushAuthClient client, CancellationToken ct) =>
            WithSession(http, sessions, async s =>
            {
                if (s.Stage != LoginStage.Pair)
                {
                    return;
                }
                try
                {
                    var pairing = await client.ClaimPairingPhraseAsync(body.Phrase ?? "", s.UserId!, options.ServiceName, ct);
                    (s.PairingId, s.Stage, s.Message) = (pairing.PairingId, LoginStage.Pairing, null);
                }
                catch (PushAuthApiException ex) when (ex.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest or HttpStatusCode.TooManyRequests)
                {
                    s.Message = ex.StatusCode == HttpStatusCode.TooManyRequests
                        ? "Too many unknown phrases; wait a minute and try again."
                        : "That pairing phrase is unknown or has expired. Show a new one in the app and type it exactly.";
                }
            }));
        // Long-polls the silo for the phone's answer, one slice at a time; the page calls it again while the stage holds.
        api.MapPost("/pair/wait", (HttpContext http, LoginSessions sessions, PushAuthClient client, CancellationToken ct) =>
            WithSession(http, sessions, async s =>
            {
                if (s.Stage != LoginStage.Pairing)
                {
                    return;
                }
                var pairing = await client.GetPairingAsync(s.PairingId!, PollSlice, ct);
                switch (pairing.Status)
                {
                    case "Accepted":
                        s.Stage = LoginStage.Paired;
                        break;
                    case "AwaitingClaim" or "AwaitingDevice":
                        break;
                    default:
                        (s.Stage, s.Message) = (LoginStage.Pair, $"The pairing was not accepted ({pairing.Status}). Show a new phrase in the app.");
                        break;
                }
            }, holdGate: false));
        api.MapPost("/pair/ok", (HttpContext http, LoginSessions sessions, LoginSampleOptions options, PushAuthClient client, CancellationToken ct) =>
            WithSession(http, sessions, async s =>
            {
                if (s.Stage is LoginStage.Paired or LoginStage.Failed)
                {
                    await SendPushAsync(s, http, options, client, ct);
                }
            }));
        api.MapPost("/approve/wait", (HttpContext http, LoginSessions sessions, PushAuthClient client, CancellationToken ct) =>
            WithSession(http, sessions, async s =>
            {
                if (s.Stage != LoginStage.Approve)
                {
                    return;
                }
                var challenge = await client.GetChallengeAsync(s.ChallengeId!, PollSlice, ct);
                (s.Stage, s.Message) = challenge.Status switch
                {
                    "Pending" => (LoginStage.Approve, null),
                    "Approved" => (LoginStage.SignedIn, challenge.AutoApproved ? "Approved automatically (a trusted location)." : null),
                    "Denied" when challenge.DenyReason == "NumberMismatch" => (LoginStage.Failed, "The number typed on the phone did not match."),
                    "Denied" when challenge.DenyReason == "Fraud" => (LoginStage.Failed, "The request was reported as not you; your administrators were told."),
                    "Denied" => (LoginStage.Failed, "The request was denied on the phone."),
                    "Expired" => (LoginStage.Failed, "The request expired before it was answered."),
                    _ => (LoginStage.Failed, $"The request ended: {challenge.Status}."),
                };
            }, holdGate: false));
        api.MapPost("/logout", (HttpContext http, LoginSessions sessions) =>
        {
            sessions.End(http);
            return Results.Ok(new LoginSession().View());
        });
    }

    /// <summary>Sends the push and keeps the number the page shows.</summary>
    private static async Task SendPushAsync(LoginSession s, HttpContext http, LoginSampleOptions options, PushAuthClient client, CancellationToken ct)
    {
        var userAgent = http.Request.Headers.UserAgent.ToString();
        try
        {
            var challenge = await client.CreateChallengeAsync(s.UserId!, new ChallengeContext(options.ServiceName, "Sign in", http.Connection.RemoteIpAddress?.ToString(),
                Browser: Browser(userAgent), OperatingSystem: OperatingSystem(userAgent), RequestedAt: DateTimeOffset.UtcNow), numberMatching: true, cancellationToken: ct);
            (s.ChallengeId, s.NumberMatch, s.Stage, s.Message) = (challenge.ChallengeId, challenge.NumberMatch, LoginStage.Approve, null);
        }
        catch (PushAuthApiException ex) when (ex.StatusCode is HttpStatusCode.Locked or HttpStatusCode.TooManyRequests)
        {
            (s.Stage, s.Message) = (LoginStage.Failed, ex.StatusCode == HttpStatusCode.Locked
                ? "Push approvals are blocked for this account for now; use another method or ask your administrators."
                : "Too many requests; wait a minute and try again.");
        }
    }

    private static async Task<IResult> WithSession(HttpContext http, LoginSessions sessions, Func<LoginSession, Task> change, bool holdGate = true)
    {
        var session = sessions.For(http);
        if (holdGate)
        {
            await session.Gate.WaitAsync(http.RequestAborted);
        }
        try
        {
            await change(session);
            return Results.Ok(session.View());
        }
        finally
        {
            if (holdGate)
            {
                session.Gate.Release();
            }
        }
    }

    private static string? Browser(string ua) =>
        ua.Contains("Firefox/", StringComparison.Ordinal) ? "Firefox"
        : ua.Contains("Edg/", StringComparison.Ordinal) ? "Edge"
        : ua.Contains("Chrome/", StringComparison.Ordinal) ? "Chrome"
        : ua.Contains("Safari/", StringComparison.Ordinal) ? "Safari" : null;

    private static string? OperatingSystem(string ua) =>
        ua.Contains("Android", StringComparison.Ordinal) ? "Android"
        : ua.Contains("iPhone", StringComparison.Ordinal) || ua.Contains("iPad", StringComparison.Ordinal) ? "iOS"
        : ua.Contains("Windows", StringComparison.Ordinal) ? "Windows"
        : ua.Contains("Mac OS X", StringComparison.Ordinal) ? "macOS"
        : ua.Contains("Linux", StringComparison.Ordinal) ? "Linux" : null;

    /// <summary>The silo's identifier rule, checked here so a typo gets the page's message rather than a 400 from the silo.</summary>
    [GeneratedRegex("^[A-Za-z0-9._@+-]{1,128}$")]
    private static partial Regex UserName();
}
