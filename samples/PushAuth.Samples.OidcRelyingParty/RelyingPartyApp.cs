using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;

namespace PushAuth.Samples.OidcRelyingParty;

/// <summary>
/// The sample relying party: it checks its own first factor (a demo password), then asks PushAuth for the second by
/// OpenID Connect, naming the user in login_hint. The OpenID Connect part is the "ten lines" of the README.
/// </summary>
public static class RelyingPartyApp
{
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        // Settings come from the command line and the environment (PushAuth__Authority, PushAuth__ClientId,
        // PushAuth__ClientSecret): the sample ships no appsettings.json, which would land in the output of every project
        // referencing it (the OIDC tests) and replace the silo's own there.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        var allowHttp = builder.Configuration.GetValue<bool>("Sample:AllowHttp");
        if (string.IsNullOrWhiteSpace(builder.Configuration["PushAuth:Authority"]) || string.IsNullOrWhiteSpace(builder.Configuration["PushAuth:ClientId"]))
        {
            throw new InvalidOperationException("Set PushAuth:Authority (https://{silo}/oidc/{tenant}), PushAuth:ClientId and PushAuth:ClientSecret (see README, \"Add push MFA to an OpenID Connect app\").");
        }

        builder.Services.AddAuthentication(o =>
        {
            o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
        })
        .AddCookie()
        // --- Add push MFA to an OpenID Connect app: the handler's configuration ---
        .AddOpenIdConnect(o =>
        {
            o.Authority = builder.Configuration["PushAuth:Authority"];           // https://pushauth.example.com/oidc/{tenant}
            o.ClientId = builder.Configuration["PushAuth:ClientId"];             // from POST /v1/admin/oidc-clients
            o.ClientSecret = builder.Configuration["PushAuth:ClientSecret"];     // shown once at registration
            o.ResponseType = "code";                                             // PKCE is on by default
            o.PushedAuthorizationBehavior = PushedAuthorizationBehavior.Require; // PAR: the user id never passes the browser
            o.MapInboundClaims = false;                                          // keep sub, amr, acr as sent
            o.ClaimActions.Remove("acr");                                        // the handler drops acr by default
            o.Events.OnRedirectToIdentityProvider = ctx =>                       // the user your first factor checked
            {
                ctx.ProtocolMessage.LoginHint = ctx.Properties.Items["login_hint"];
                return Task.CompletedTask;
            };
            // --- end of the configuration ---
            if (allowHttp)
            {
                // Loopback demos and tests only: the provider and this app on plain http.
                o.RequireHttpsMetadata = false;
                o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                o.NonceCookie.SameSite = SameSiteMode.Lax;
            }
        });
        if (allowHttp)
        {
            builder.Services.Configure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        }
        builder.Services.AddAuthorization();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapGet("/", (HttpContext http) => Results.Content(http.User.Identity?.IsAuthenticated == true ? SignedIn(http.User) : LoginForm(null), "text/html; charset=utf-8"));

        // The first factor (a stand-in for your own), then the second by OpenID Connect for that user.
        app.MapPost("/login", async (HttpContext http) =>
        {
            var form = await http.Request.ReadFormAsync();
            var user = form["username"].ToString().Trim();
            if (user.Length == 0 || form["password"] != (app.Configuration["Sample:DemoPassword"] ?? "demo"))
            {
                return Results.Content(LoginForm("Wrong user name or password."), "text/html; charset=utf-8", statusCode: (int)HttpStatusCode.Unauthorized);
            }
            var properties = new AuthenticationProperties { RedirectUri = "/" };
            properties.Items["login_hint"] = user;
            return Results.Challenge(properties, [OpenIdConnectDefaults.AuthenticationScheme]);
        }).DisableAntiforgery();

        app.MapPost("/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/");
        }).DisableAntiforgery();

        return app;
    }

    private static string Page(string body) =>
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
        "<title>Acme Mail (PushAuth OIDC sample)</title></head><body><main><h1>Acme Mail</h1>" + body + "</main></body></html>";

    private static string LoginForm(string? error) => Page(
        (error is null ? "" : $"<p role=\"alert\">{HtmlEncoder.Default.Encode(error)}</p>") +
        "<form method=\"post\" action=\"/login\"><label for=\"username\">User name</label> <input id=\"username\" name=\"username\" autocomplete=\"username\" required> " +
        "<label for=\"password\">Password</label> <input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required> " +
        "<button type=\"submit\">Log in</button></form>");

    private static string SignedIn(ClaimsPrincipal user)
    {
        var e = HtmlEncoder.Default;
        var amr = string.Join(' ', user.FindAll("amr").Select(c => c.Value));
        return Page($"<p id=\"signed-in\">Signed in as <strong id=\"sub\">{e.Encode(user.FindFirst("sub")?.Value ?? "")}</strong></p>" +
            $"<p>amr: <code id=\"amr\">{e.Encode(amr)}</code>, acr: <code id=\"acr\">{e.Encode(user.FindFirst("acr")?.Value ?? "")}</code></p>" +
            "<form method=\"post\" action=\"/logout\"><button type=\"submit\">Sign out</button></form>");
    }
}
