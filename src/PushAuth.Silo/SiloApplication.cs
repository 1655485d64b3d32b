using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService.SiloMetadata;
using PushAuth.Diagnostics;
using PushAuth.Grains;
using PushAuth.Grains.Placement;
using PushAuth.Oidc.Hosting;
using PushAuth.Push;
using PushAuth.Silo.Admin;
using PushAuth.Silo.Auth;
using PushAuth.Silo.Endpoints;
using PushAuth.Silo.Clustering;
using PushAuth.Silo.Http;

namespace PushAuth.Silo;

/// <summary>Builds the silo: an ASP.NET Core app co-hosting an Orleans 10 silo, its storage by deployment, the
/// endpoints. Used by Program and by tests that start real silos on loopback ports.</summary>
public static class SiloApplication
{
    /// <summary>Builds a silo from command-line arguments (and appsettings/environment as usual for ASP.NET Core).</summary>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // The silo's own directory, not the working directory: a published silo started from elsewhere still finds
        // its appsettings.json, and the SQLite default lands beside it.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        AddSecretFiles(builder.Configuration);
        // Polly's resilience pipelines (Orleans placement, HttpClient) log two Information lines per execution: noise at
        // any rate worth measuring. In code, not only in appsettings.json, so no configuration file can bring it back.
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        var section = builder.Configuration.GetSection("PushAuth");
        var siloSection = section.GetSection("Silo");
        var storageSection = section.GetSection("Storage");

        builder.Services.AddOptions<SiloOptions>().Bind(siloSection).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SiloOptions>, SiloOptionsValidator>();
        var siloOptions = siloSection.Get<SiloOptions>() ?? new SiloOptions();
        var storage = storageSection.Get<StorageOptions>() ?? new StorageOptions();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = siloOptions.ShutdownTimeout);

        builder.Services.AddPushAuthTelemetry(builder.Configuration, "pushauth-silo");
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = siloOptions.ClusterId;
                o.ServiceId = siloOptions.ServiceId;
            });
            SiloStorage.Configure(silo, storage, siloOptions, builder.Environment);
            if (siloOptions.Kubernetes)
            {
                silo.UseKubernetesHosting();
            }
            // Placement reads this to keep device grains (which send the pushes) on gateway silos.
            silo.UseSiloMetadata(new Dictionary<string, string> { [SiloRoles.GatewayMetadataKey] = siloOptions.ServesGateway ? "true" : "false" });
            // Without it Orleans emits no grain spans and one approval is not one trace across silos.
            silo.AddActivityPropagation();
            // Orleans' watchdog reads this clock before it first stamps it: counted from boot, that is a false stall.
            silo.Services.AddKeyedSingleton<TimeProvider>(TimeProviderNames.Membership, (sp, _) => new MembershipClock(sp.GetRequiredService<TimeProvider>()));
        });

        builder.Services.AddPushAuthGrains(section);
        builder.Services.AddPushSenders(section.GetSection("Push"));

        builder.Services.AddSingleton<SiloReadiness>();
        builder.Services.AddSingleton<PublicLinks>();
        // The system clock, not the domain one: a test's frozen FakeTimeProvider must not freeze the health cache.
        builder.Services.AddSingleton(sp => new StorageHealth(storage, sp, TimeProvider.System, sp.GetRequiredService<ILogger<StorageHealth>>()));
        builder.Services.AddPushAuthConsole(section);
        builder.Services.AddConsoleDirectory();
        builder.Services.AddSingleton<LongPollSlots>();
        builder.Services.AddSingleton<LongPoll>();
        // The OpenID Provider per tenant (/oidc/{tenantId}): the hosted prompt and CIBA over the same challenges.
        builder.Services.AddPushAuthOidc(section.GetSection("Oidc"), builder.Environment);
        // Bodies are small JSON; the few endpoints that need more (backup uploads) raise it by endpoint metadata.
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = siloOptions.MaxRequestBodyBytes);

        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = StatusCodeProblems.Customize);
        // Binding failures throw, so they reach ProblemExceptionHandler and get a code naming the field, not a bare 400.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddOpenApi(OpenApiContract.Configure);
        // Enums by one defined name only: an integer, a numeric string or a comma list ("Admin,ManageMfa" ORs to Auditor)
        // would let undefined or unintended values through.
        // Unknown or read-only members and quoted numbers are refused, not ignored: a misspelt or derived setting
        // (challengeTtl) would otherwise answer 200 and change nothing.
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new StrictEnumConverterFactory());
            o.SerializerOptions.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow;
            o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, HotPathJsonContext.Default);
        });

        configure?.Invoke(builder);

        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<SiloOptions>>((o, silo) => ForwardedHeadersSetup.Configure(o, silo.Value));

        var app = builder.Build();
        // Only with trusted proxies configured: the middleware trusts every sender when it knows none.
        app.UseWhen(http => http.RequestServices.GetRequiredService<IOptions<SiloOptions>>().Value.TrustedProxies.Length > 0, b => b.UseForwardedHeaders());
        app.UseExceptionHandler();
        app.UseMiddleware<RateLimitHeaders>();
        app.UseStatusCodePages();
        if (PublicHostFilter.AllowedHosts(siloOptions, app.Environment) is { } hosts)
        {
            app.UseWhen(http => !PublicHostFilter.IsExempt(http.Request.Path), b => b.UseMiddleware<PublicHostFilter>(hosts));
        }
        app.UseMiddleware<ReadinessGateMiddleware>();
        if (siloOptions.ServesApi)
        {
            app.UsePushAuthOidc();
            app.MapPushAuthOidc();
        }
        app.MapHealthEndpoints(storage);
        app.MapOpenApi("/openapi/v1.json");
        app.MapApiReference();
        app.MapDeviceEndpoints(siloOptions);
        app.MapPairingEndpoints(siloOptions);
        app.MapMethodEndpoints(siloOptions);
        app.MapTenantEndpoints(siloOptions);
        app.MapApprovalEndpoints(siloOptions);
        app.MapConsoleAdminEndpoints(siloOptions);
        app.MapRecoveryEndpoints(siloOptions);
        app.MapHistoryEndpoints(siloOptions);
        app.MapConsoleDirectoryEndpoints(siloOptions);
        app.MapConsoleEndpoints(siloOptions);
        app.MapBackupEndpoints(siloOptions);
        app.MapOidcClientEndpoints(siloOptions);
        app.MapEventSubscriptionEndpoints(siloOptions);
        return app;
    }

    /// <summary>The setting that names a directory of secret files (a mounted Kubernetes Secret, Docker secrets).</summary>
    public const string SecretsDirectoryKey = "PushAuth:SecretsDirectory";

    /// <summary>ASP.NET Core's key-per-file provider over <see cref="SecretsDirectoryKey"/>: each file is one setting, named
    /// as its environment variable would be (<c>PushAuth__Security__SessionKey</c>), its content the value. Added last,
    /// so a mounted secret wins over environment variables and arguments.</summary>
    private static void AddSecretFiles(ConfigurationManager configuration)
    {
        if (configuration[SecretsDirectoryKey] is not { Length: > 0 } directory)
        {
            return;
        }
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"{SecretsDirectoryKey} '{directory}' does not exist.");
        }
        configuration.AddKeyPerFile(directory, optional: false);
    }

    /// <summary>The address other silos reach this one on.</summary>
    internal static IPAddress AdvertisedAddress(SiloOptions options) =>
        options.AdvertisedAddress is { } configured ? IPAddress.Parse(configured)
        : Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            ?? IPAddress.Loopback;
}
