using PushAuth.Abstractions;
using PushAuth.Persistence.Sqlite;
using PushAuth.Silo.Auth;

namespace PushAuth.Silo.Bootstrap;

/// <summary>
/// <c>bootstrap-tenant --tenant ID --name "Display Name"</c>: creates a tenant with an Admin and a LoginService key and
/// a one-time setup link for its first console Admin, prints them once, and exits without serving.
/// </summary>
public static class TenantBootstrap
{
    public const string Command = "bootstrap-tenant";

    /// <summary>Splits the command's own arguments from the configuration arguments.</summary>
    public static (string TenantId, string Name, string[] Remaining) Parse(string[] args)
    {
        var (tenant, name, rest) = CommandArguments.Split(args);
        if (tenant is null)
        {
            throw new ArgumentException("usage: bootstrap-tenant --tenant ID [--name \"Display Name\"] [configuration arguments]");
        }
        return (Validate.TenantId(tenant, "tenant"), name ?? tenant, rest);
    }

    /// <summary>Runs the command; the keys go to <paramref name="output"/>, a refusal (one line) to <paramref name="error"/> (default: output).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter? error = null)
    {
        error ??= output;
        (string TenantId, string Name, string[] Remaining) parsed;
        try
        {
            parsed = Parse(args);
        }
        catch (Exception ex) when (ex is ArgumentException or PushAuthException)
        {
            await error.WriteLineAsync(ex.Message);
            return 2;
        }
        // No log lines: the keys are the output, and a refusal is one line below, not a logged stack trace.
        WebApplication app;
        try
        {
            app = SiloApplication.Create([.. parsed.Remaining, "--urls", "http://127.0.0.1:0"], b => b.Logging.ClearProviders());
        }
        catch (Exception ex) when (StartupFailure.Describe(ex) is { } line)
        {
            await error.WriteLineAsync(line);
            return 1;
        }
        await using var disposable = app;
        try
        {
            await app.StartAsync();
        }
        catch (Exception ex)
        {
            await error.WriteLineAsync(StartFailure(ex));
            return 1;
        }
        try
        {
            var origin = new RequestOrigin(null, Command, null);
            var keys = await app.Services.GetRequiredService<IGrainFactory>().GetGrain<ITenantGrain>(parsed.TenantId).CreateAsync(parsed.Name, origin);
            await output.WriteLineAsync($"Tenant '{parsed.TenantId}' created. Store these keys now; they are not shown again.");
            foreach (var key in keys)
            {
                await output.WriteLineAsync($"{key.Role,-12} {key.Key}");
            }
            try
            {
                var (invitation, link) = await app.Services.GetRequiredService<AdminInvitations>().IssueAsync(null, parsed.TenantId, ApiKeyRole.Admin, null, Command, origin,
                    CancellationToken.None);
                await output.WriteLineAsync($"Console setup link for the first Admin (one-time, until {invitation.ExpiresAt:u}; open it and register a passkey):");
                await output.WriteLineAsync(link);
            }
            catch (PushAuthException ex) when (ex.Code == "console.origin-not-configured")
            {
                // The keys are made and shown; the first Admin's link comes from recover-admin once the origin is known.
                await output.WriteLineAsync($"No console setup link: {ex.Message} Then run: recover-admin --tenant {parsed.TenantId} --name \"<you>\".");
            }
            return 0;
        }
        catch (PushAuthException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            return 1;
        }
        finally
        {
            await app.StopAsync();
        }
    }

    /// <summary>Why the command's own silo could not start, in one line; the running silo is the usual reason.</summary>
    public static string StartFailure(Exception exception)
    {
        if (StartupFailure.Describe(exception) is { } configuration)
        {
            return configuration;
        }
        for (var e = exception; e is not null; e = e.InnerException ?? (e as AggregateException)?.InnerExceptions.FirstOrDefault())
        {
            switch (e)
            {
                case SqliteDatabaseLockedException:
                    return $"error: {e.Message.Split(" — ")[0]}. bootstrap-tenant opens the database itself: stop the silo (Ctrl+C), run bootstrap-tenant, "
                        + "then start the silo again (with PostgreSQL or Azure Storage it runs beside live silos).";
                case System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse }:
                    return $"error: {e.Message}: a silo is probably running here. Stop it (Ctrl+C), run bootstrap-tenant, then start the silo again.";
            }
        }
        return $"error: the silo's storage did not start: {exception.GetBaseException().Message.ReplaceLineEndings(" ")}";
    }
}
