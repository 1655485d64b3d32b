using PushAuth.Abstractions;

namespace PushAuth.Silo.Bootstrap;

/// <summary>
/// <c>verify-history --tenant ID</c>: checks the tenant's keyed chain, its recorded retention cuts and its checkpoint in
/// the configured store, and prints one line. Exit 0 intact, 3 broken, 2 usage, 1 an unknown tenant or a silo that cannot
/// start. Like <c>bootstrap-tenant</c> it starts the silo's storage without serving and without log lines; with the SQLite
/// default run it while no silo holds the file (or use <c>GET /v1/admin/history/verify</c>).
/// </summary>
public static class HistoryVerifyCommand
{
    public const string Command = "verify-history";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter? error = null)
    {
        error ??= output;
        string? tenant = null;
        var rest = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == "--tenant" && i + 1 < args.Length)
            {
                tenant = args[++i];
            }
            else
            {
                rest.Add(args[i]);
            }
        }
        try
        {
            tenant = Validate.Identifier(tenant, "tenant");
        }
        catch (PushAuthException)
        {
            await error.WriteLineAsync("usage: verify-history --tenant ID [configuration arguments]");
            return 2;
        }
        WebApplication app;
        try
        {
            app = SiloApplication.Create([.. rest, "--urls", "http://127.0.0.1:0"], b => b.Logging.ClearProviders());
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
            await error.WriteLineAsync(TenantBootstrap.StartFailure(ex).Replace("bootstrap-tenant", Command, StringComparison.Ordinal));
            return 1;
        }
        try
        {
            // The reserved _devices tenant has a history but no settings.
            if (tenant != HistoryTenants.Devices && await app.Services.GetRequiredService<IGrainFactory>().GetGrain<ITenantGrain>(tenant).GetSettingsAsync() is null)
            {
                await error.WriteLineAsync($"error: there is no tenant '{tenant}'.");
                return 1;
            }
            var (result, checkpoint) = await app.Services.GetRequiredService<IHistoryService>().CheckAsync(tenant, CancellationToken.None);
            var against = checkpoint is null ? "no checkpoint" : $"checkpoint of {checkpoint.At:u} at sequence {checkpoint.Sequence}";
            if (result.IsIntact)
            {
                await output.WriteLineAsync($"History of tenant '{tenant}' is intact: {result.CheckedCount} entries checked"
                    + (result.LastSequence is { } last ? $", up to sequence {last}" : "") + $" ({against}).");
                return 0;
            }
            await output.WriteLineAsync($"History of tenant '{tenant}' is BROKEN at sequence {result.FirstBadSequence}: {result.Problem} "
                + $"({result.CheckedCount} entries before it are intact; {against}).");
            return 3;
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
