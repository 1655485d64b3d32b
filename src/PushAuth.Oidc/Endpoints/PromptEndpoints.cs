using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PushAuth.Abstractions;
using PushAuth.Oidc.Hosting;
using PushAuth.Oidc.Prompt;

namespace PushAuth.Oidc.Endpoints;

/// <summary>
/// What the prompt page calls, by the prompt's handle (the hash of its request_uri: it lets the page push, wait, send a
/// code or pair, but only the request_uri completes the sign-in). The user is always the prompt's, never the browser's.
/// </summary>
internal static class PromptEndpoints
{
    public static void Map(RouteGroupBuilder oidc)
    {
        var prompt = oidc.MapGroup("/prompt").ExcludeFromDescription();
        prompt.MapGet("/assets/prompt.js", (HttpContext http) => Asset(http, PromptAssets.Script.Value, "text/javascript; charset=utf-8"));
        prompt.MapGet("/assets/prompt.css", (HttpContext http) => Asset(http, PromptAssets.Stylesheet.Value, "text/css; charset=utf-8"));
        prompt.MapGet("/theme.css", (HttpContext http) =>
        {
            PromptPage.Secure(http.Response);
            return Results.Text(PromptTheme.Css(OidcTenant.From(http).Settings.Branding), "text/css; charset=utf-8");
        });

        prompt.MapGet("/{handle}", async (string handle, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
            View(await Grain(http, grains, handle).GetAsync(ct) ?? throw NotFound()));

        prompt.MapPost("/{handle}/push", async (string handle, HttpContext http, IGrainFactory grains, TimeProvider time, CancellationToken ct) =>
        {
            var grain = Grain(http, grains, handle);
            var state = await grain.GetAsync(ct) ?? throw NotFound();
            var client = await grains.GetGrain<IOidcClientsGrain>(OidcTenant.From(http).TenantId).GetAsync(state.ClientId, ct) ?? throw NotFound();
            var context = new ChallengeContext(client.Name, "Sign in", http.Connection.RemoteIpAddress?.ToString(), RequestedAt: time.GetUtcNow());
            return View(await grain.PushAsync(context, null, OidcOrigin.Of(http), ct));
        });

        prompt.MapGet("/{handle}/wait", async (string handle, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
            View(await Grain(http, grains, handle).WaitAsync(ChallengeWaits.MaxGrainWait, ct)));

        prompt.MapPost("/{handle}/code", async (string handle, CodeBody body, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            if (body.Code is not { Length: >= 4 and <= 32 } code || !code.All(char.IsAsciiDigit))
            {
                throw ProblemCodes.Oidc.Code.Error("'code' must be the 6 to 16 digits of a TOTP or temporary code.");
            }
            return View(await Grain(http, grains, handle).VerifyCodeAsync(code, OidcOrigin.Of(http), ct));
        });

        prompt.MapPost("/{handle}/pairing", async (string handle, PairingBody body, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var view = await Grain(http, grains, handle).PairAsync(body.Phrase, OidcOrigin.Of(http), ct);
            return Results.Ok(new { view.PairingId, status = view.Status.ToString() });
        });

        prompt.MapGet("/{handle}/pairing/{pairingId}", async (string handle, string pairingId, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var tenant = OidcTenant.From(http);
            var state = await Grain(http, grains, handle).GetAsync(ct) ?? throw NotFound();
            if (pairingId is not { Length: > 3 and <= 64 } || !pairingId.StartsWith("pr_", StringComparison.Ordinal))
            {
                throw ProblemCodes.Pairing.NotFound.Error("No such pairing.");
            }
            var view = await grains.GetGrain<IPairingGrain>(pairingId).WaitAsync(tenant.TenantId, ChallengeWaits.MaxGrainWait, ct);
            // Only a pairing for this prompt's user: a pairing id alone reads nothing of another user's.
            if (view is null || !string.Equals(view.UserId, state.UserId, StringComparison.Ordinal))
            {
                throw ProblemCodes.Pairing.NotFound.Error("No such pairing.");
            }
            return Results.Ok(new { view.PairingId, status = view.Status.ToString() });
        });
    }

    public sealed record CodeBody(string? Code);

    public sealed record PairingBody(string? Phrase);

    private static IOidcPromptGrain Grain(HttpContext http, IGrainFactory grains, string handle)
    {
        PromptPage.Secure(http.Response);
        if (handle is not { Length: 43 } || handle.AsSpan().ContainsAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"))
        {
            throw NotFound();
        }
        return grains.GetGrain<IOidcPromptGrain>(OidcKeys.Prompt(OidcTenant.From(http).TenantId, handle));
    }

    private static PushAuthException NotFound() => ProblemCodes.Oidc.PromptNotFound.Error("No such sign-in prompt.");

    private static IResult View(OidcAuthentication a) => Results.Ok(new
    {
        status = a.Status.ToString(), numberMatch = a.NumberMatch, detail = a.Detail, expiresAt = a.ExpiresAt,
    });

    private static IResult Asset(HttpContext http, byte[] content, string type)
    {
        http.Response.Headers.CacheControl = "public, max-age=300";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Bytes(content, type);
    }
}
