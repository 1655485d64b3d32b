using System.Globalization;
using PushAuth.Domain.Backup;
using PushAuth.Grains.Backup;
using PushAuth.Messaging;
using PushAuth.Silo.Auth;
using PushAuth.Silo.Endpoints.Backup;
using PushAuth.Silo.Http;

namespace PushAuth.Silo.Endpoints;

/// <summary>
/// Backup and restore of a device's accounts (docs/backup.md): contact verification, the backup itself, restore on a
/// new device, management. Device endpoints, so mapped on gateway silos.
/// </summary>
internal static partial class BackupEndpoints
{
    public static void MapBackupEndpoints(this IEndpointRouteBuilder app, SiloOptions options)
    {
        if (!options.ServesGateway)
        {
            return;
        }
        var device = app.MapGroup("/v1/device").RequireDevice().WithTags("Backup");
        MapContactVerification(device, options);
        MapBackups(device);
        MapRestore(device);
        app.MapGet("/app/verify-contact", () => Results.Content(LandingPage, "text/html; charset=utf-8"))
            .WithName("VerifyContactLanding").WithSummary("Where an email or SMS link lands outside the app: hands the fragment to the app").ExcludeFromDescription();
        var environment = app.ServiceProvider.GetRequiredService<IWebHostEnvironment>();
        if (app.ServiceProvider.GetRequiredService<ContactMessengers>().UsesDevelopmentSink && !environment.IsProduction())
        {
            // The development sinks' inbox, as a phone's mail app: a device reads the messages of its own verifications only.
            device.MapGet("/dev-inbox", async (HttpContext http, IDevContactInbox inbox, CancellationToken ct) => Results.Ok((await inbox.ForDeviceAsync(http.GetDeviceId(), ct)).Select(m => new
            {
                m.At, m.Message.Channel, m.Message.To, m.Message.Subject, m.Message.Text, m.Message.VerificationId,
            }))).WithName("DevContactInbox").WithSummary("Development only: verification messages the development sinks kept for this device");
        }
    }

    private static void MapContactVerification(RouteGroupBuilder device, SiloOptions options)
    {
        device.MapPost("/contact-verifications", async (StartContactVerificationBody body, HttpContext http, IGrainFactory grains, BackupKeyMaterial keys,
            Microsoft.Extensions.Options.IOptions<ContactOptions> limits, CancellationToken ct) =>
        {
            var deviceId = http.GetDeviceId();
            if (!ContactAddress.TryNormalize(body.Channel, body.Address, out var address, out var error))
            {
                throw error == "channel.invalid"
                    ? PushAuthException.Invalid("channel.invalid", "'channel' must be \"email\" or \"sms\".")
                    : PushAuthException.Invalid("address.invalid", body.Channel == ContactAddress.Email
                        ? "'address' must be an email address." : "'address' must be a mobile number in international form, e.g. +4915112345678.");
            }
            await TakeAsync(grains, "contact-device:" + deviceId, limits.Value.SendsPerDevicePerHour, "device.rate-limited", "This device asked for too many codes; try again later.", ct);
            await TakeAsync(grains, "contact-source:" + (http.Connection.RemoteIpAddress?.ToString() ?? "?"), limits.Value.SendsPerSourcePerHour, "source.rate-limited",
                "Too many codes were asked for from this network; try again later.", ct);
            var contactKey = (await keys.ContactAsync(ct)).ContactHash(body.Channel!, address);
            var linkBase = http.RequestServices.GetRequiredService<PublicLinks>().BaseUri(http).ToString();
            var started = await grains.GetGrain<IContactVerificationGrain>(contactKey).StartAsync(
                new ContactVerificationRequest(body.Channel!, address, ContactAddress.Mask(body.Channel!, address), deviceId, linkBase), IdentityEndpoints.Origin(http), ct);
            return Results.Accepted($"/v1/device/contact-verifications/{started.VerificationId}", started);
        }).Produces<ContactVerificationStarted>(StatusCodes.Status202Accepted).WithName("StartContactVerification").WithSummary("Send a 6-digit code and an app link to an email address or mobile number");

        device.MapPost("/contact-verifications/{verificationId}/confirm", async (string verificationId, ConfirmContactBody body, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var contactKey = BackupIds.ContactOfVerification(verificationId) ?? throw PushAuthException.NotFound("verification.not-found", "No such verification for this device.");
            if ((body.Code is null) == (body.LinkToken is null))
            {
                throw PushAuthException.Invalid("code.missing", "Give either 'code' (the 6 digits) or 'linkToken' (from the tapped link).");
            }
            if (body.Code is not null && (body.Code.Length != 6 || !body.Code.All(char.IsAsciiDigit)))
            {
                throw PushAuthException.Invalid("code.invalid", "'code' must be the 6 digits from the message.");
            }
            if (body.LinkToken is not null && (body.LinkToken.Length != 22 || !body.LinkToken.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
            {
                throw PushAuthException.Invalid("linkToken.invalid", "'linkToken' must be the t= value of the link in the message.");
            }
            return Results.Ok(await grains.GetGrain<IContactVerificationGrain>(contactKey).ConfirmAsync(verificationId, http.GetDeviceId(), body.Code, body.LinkToken,
                IdentityEndpoints.Origin(http), ct));
        }).WithName("ConfirmContactVerification").WithSummary("Verify the contact with the typed code or the tapped link's token");
    }

    private static async Task TakeAsync(IGrainFactory grains, string key, int limit, string code, string message, CancellationToken ct)
    {
        if (await grains.GetGrain<IRateLimitGrain>(key).TryTakeAsync(limit, TimeSpan.FromHours(1), ct) is { } wait)
        {
            throw PushAuthException.TooMany(code, message, wait);
        }
    }

    /// <summary>The page a verification link opens when the app does not intercept it: it hands the fragment (never sent
    /// to us) to the app's own scheme.</summary>
    private const string LandingPage = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
        <title>Open PushAuth</title></head>
        <body style="font-family:system-ui,sans-serif;max-width:32em;margin:3em auto;padding:0 1em">
        <h1>Open this link in the PushAuth app</h1>
        <p>Open this link on the phone where you are setting up your backup, or type the 6-digit code from the message into the app.</p>
        <p><a id="open" href="pushauth://verify-contact">Open PushAuth</a></p>
        <script>document.getElementById('open').href = 'pushauth://verify-contact?' + location.hash.slice(1);</script>
        </body></html>
        """;
}
