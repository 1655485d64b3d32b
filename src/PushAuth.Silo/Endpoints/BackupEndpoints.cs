using Microsoft.AspNetCore.Http.HttpResults;
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
        MapContactVerification(device);
        MapBackups(device);
        MapRestore(device);
        app.MapGet("/app/verify-contact", () => TypedResults.Content(LandingPage, "text/html; charset=utf-8"))
            .WithName("VerifyContactLanding").WithSummary("Where an email or SMS link lands outside the app: hands the fragment to the app").ExcludeFromDescription();
        var environment = app.ServiceProvider.GetRequiredService<IWebHostEnvironment>();
        if (app.ServiceProvider.GetRequiredService<ContactMessengers>().UsesDevelopmentSink && !environment.IsProduction())
        {
            // The development sinks' inbox, as a phone's mail app: a device reads the messages of its own verifications only.
            device.MapGet("/dev-inbox", async (HttpContext http, IDevContactInbox inbox, CancellationToken ct) => TypedResults.Ok((await inbox.ForDeviceAsync(http.GetDeviceId(), ct))
                .Select(m => new DevInboxMessage(m.At, m.Message.Channel, m.Message.To, m.Message.Subject, m.Message.Text, m.Message.VerificationId))))
                .WithName("DevContactInbox").WithSummary("Development only: verification messages the development sinks kept for this device");
        }
    }

    private static void MapContactVerification(RouteGroupBuilder device)
    {
        device.MapPost("/contact-verifications", async Task<Accepted<ContactVerificationStarted>> (StartContactVerificationBody body, HttpContext http,
            IContactVerificationService contacts, PublicLinks links, CancellationToken ct) =>
        {
            var started = await contacts.StartAsync(http.GetDeviceId(), body.Channel, body.Address, links.BaseUri(http), http.Origin(), ct);
            return TypedResults.Accepted($"/v1/device/contact-verifications/{started.VerificationId}", started);
        }).WithName("StartContactVerification").Problems(ProblemCodes.Backup.ContactRateLimited, ProblemCodes.Backup.SourceRateLimited).WithSummary("Send a 6-digit code and an app link to an email address or mobile number");

        device.MapPost("/contact-verifications/{verificationId}/confirm", async (string verificationId, ConfirmContactBody body, HttpContext http,
            IContactVerificationService contacts, CancellationToken ct) =>
            TypedResults.Ok(await contacts.ConfirmAsync(http.GetDeviceId(), verificationId, body.Code, body.LinkToken, http.Origin(), ct)))
            .WithName("ConfirmContactVerification").Problems(ProblemCodes.Backup.VerificationNotFound, ProblemCodes.Backup.CodeTooManyAttempts).WithSummary("Verify the contact with the typed code or the tapped link's token");
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
