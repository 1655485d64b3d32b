using System.Net.Http.Headers;
using PushAuth.Client;

namespace PushAuth.Samples.LoginPage;

/// <summary>Builds the sample: its page, its JSON API for the page, and a <see cref="PushAuthClient"/> holding the login-service key.</summary>
public static class LoginSampleApp
{
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        // Settings come from LoginSampleOptions' defaults, the command line and the environment: the sample ships no
        // appsettings.json, which would land in the output of every project referencing it (the silo's tests) and
        // could replace the silo's own.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning).AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        var options = builder.Configuration.GetSection("Sample").Get<LoginSampleOptions>() ?? new LoginSampleOptions();
        if (string.IsNullOrWhiteSpace(options.ApiKey) || !options.ApiKey.StartsWith("pak_", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Sample:ApiKey must be the tenant's LoginService key (pak_…, printed by bootstrap-tenant): --Sample:ApiKey=pak_… or Sample__ApiKey.");
        }
        if (!Uri.TryCreate(options.Server, UriKind.Absolute, out var server))
        {
            throw new InvalidOperationException($"Sample:Server '{options.Server}' must be the silo's absolute URL.");
        }
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<LoginSessions>();
        // Long-polls wait up to 20 s at the silo; the client allows a little more.
        builder.Services.AddHttpClient<PushAuthClient>(http =>
        {
            http.BaseAddress = server;
            http.Timeout = TimeSpan.FromSeconds(40);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        });
        configure?.Invoke(builder);

        var app = builder.Build();
        app.Use(async (http, next) =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = LoginAssets.ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.CacheControl = "no-store";
            await next(http);
        });
        app.MapGet("/", () => Asset("index.html"));
        app.MapGet("/login.js", () => Asset("login.js"));
        app.MapGet("/login.css", () => Asset("login.css"));
        // Browsers ask for it; an empty answer keeps their consoles free of a 404.
        app.MapGet("/favicon.ico", () => Results.NoContent());
        LoginEndpoints.Map(app);
        return app;
    }

    private static IResult Asset(string name) => LoginAssets.Find(name) is { } asset ? Results.Bytes(asset.Content, asset.ContentType) : Results.NotFound();
}
