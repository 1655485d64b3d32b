using Microsoft.AspNetCore.Http.HttpResults;
using PushAuth.Silo.Auth;
using PushAuth.Silo.Endpoints.Identity;
using PushAuth.Silo.Http;

namespace PushAuth.Silo.Endpoints;

/// <summary>Pairing a device with a user: the phone shows a phrase the login service claims, or scans a QR offer.</summary>
internal static class PairingEndpoints
{
    public static void MapPairingEndpoints(this IEndpointRouteBuilder app, SiloOptions options)
    {
        if (options.ServesGateway)
        {
            MapDevice(app);
        }
        if (options.ServesApi)
        {
            MapLoginService(app);
        }
    }

    private static void MapDevice(IEndpointRouteBuilder app)
    {
        var device = app.MapGroup("/v1/device").RequireDevice().WithTags("Devices");
        device.MapPost("/pairing-phrases", async (HttpContext http, IPairingService pairings, CancellationToken ct) =>
            TypedResults.Ok(await pairings.CreatePhraseAsync(http.GetDeviceId(), ct)))
            .WithName("CreatePairingPhrase").Problems(ProblemCodes.Pairing.PhraseRateLimited).WithSummary("Show a pairing phrase (4 words, 44 bits, 10 minutes, single use)");

        device.MapGet("/pairings/{pairingId}", async (string pairingId, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
            TypedResults.Ok(await grains.GetGrain<IPairingGrain>(RouteIds.Pairing(pairingId)).GetForDeviceAsync(http.GetDeviceId(), ct)
                ?? throw ProblemCodes.Pairing.NotFound.Error("No such pairing for this device.")))
            .WithName("GetDevicePairing").Problems(ProblemCodes.Pairing.NotFound).WithSummary("The pairing request to confirm (pull; also announced by push)");

        device.MapPost("/pairings/{pairingId}/confirm", async (string pairingId, ConfirmPairingBody body, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
            TypedResults.Ok(await grains.GetGrain<IPairingGrain>(RouteIds.Pairing(pairingId))
                .ConfirmAsync(http.GetDeviceId(), body.Decision ?? "", body.Signature ?? "", http.Origin(), ct)))
            .WithName("ConfirmPairing").Problems(ProblemCodes.Pairing.NotFound).WithSummary("Accept or reject a claimed pairing, signed");

        device.MapPost("/pairing-offers/complete", async (CompleteOfferBody body, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            if (string.IsNullOrEmpty(body.Credential) || body.Credential.Length > 100)
            {
                throw ProblemCodes.Auth.CredentialInvalid.Error("'credential' from the QR code is required.");
            }
            return TypedResults.Ok(await grains.GetGrain<IPairingGrain>(RouteIds.Pairing(body.OfferId, "offerId")).CompleteOfferAsync(http.GetDeviceId(), body.Credential,
                http.Origin(), ct));
        }).WithName("CompleteOffer").Problems(ProblemCodes.Requests.IdUnknown.For("offerId")).WithSummary("Complete a QR pairing offer with its one-time credential");
    }

    private static void MapLoginService(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1").RequireApiKey().WithTags("Pairing and methods");

        api.MapPost("/pairings", async Task<Created<PairingView>> (ClaimPairingBody body, HttpContext http, IPairingService pairings, CancellationToken ct) =>
        {
            var userId = Validate.Identifier(body.UserId, "userId");
            var service = Validate.Text(body.ServiceName, "serviceName", 100);
            var view = await pairings.ClaimAsync(http.GetApiCaller().AsCaller(), body.Phrase, userId, service, http.Origin(), ct);
            return TypedResults.Created($"/v1/pairings/{view.PairingId}", view);
        }).WithName("ClaimPairingPhrase").Problems(ProblemCodes.Pairing.UnknownPhrase, ProblemCodes.Pairing.RateLimited).WithSummary("Claim the phrase the user typed; the device is asked to confirm");

        api.MapGet("/pairings/{pairingId}", async (string pairingId, int? wait, HttpContext http, IGrainFactory grains, LongPoll polls, CancellationToken ct) =>
        {
            var caller = http.GetApiCaller();
            var grain = grains.GetGrain<IPairingGrain>(RouteIds.Pairing(pairingId));
            return TypedResults.Ok(await polls.ReadAsync(caller.KeyId, wait,
                async (left, token) => await grain.WaitAsync(caller.TenantId, left, token) ?? throw ProblemCodes.Pairing.NotFound.Error("No such pairing."),
                v => v.Status is PairingStatus.AwaitingClaim or PairingStatus.AwaitingDevice, ct));
        }).WithName("GetPairing").Problems(ProblemCodes.Pairing.NotFound).WithSummary("Pairing status; wait=N long-polls for the device's answer");

        api.MapPost("/pairing-offers", async Task<Created<IssuedPairingOffer>> (CreateOfferBody body, HttpContext http, IPairingService pairings, PublicLinks links,
            CancellationToken ct) =>
        {
            var caller = http.GetApiCaller().AsCaller() with { Actor = "login-service" };
            var userId = Validate.Identifier(body.UserId, "userId");
            var service = Validate.Text(body.ServiceName, "serviceName", 100);
            var offer = await pairings.CreateOfferAsync(caller, userId, service, links.BaseUri(http), http.Origin(), ct);
            return TypedResults.Created($"/v1/pairings/{offer.PairingId}", offer);
        }).WithName("CreatePairingOffer").WithSummary("A QR/deep-link pairing offer for a user");
    }
}
