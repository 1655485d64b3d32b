using PushAuth.Abstractions;
using PushAuth.History;

namespace PushAuth.Silo.Bootstrap;

/// <summary>
/// <c>verify-history --tenant ID</c>: checks the tenant's hash chain in the configured store and names the first bad
/// entry. Exit 0 intact, 3 broken, 2 usage. Like <c>bootstrap-tenant</c> it starts the silo's storage without serving;
/// with the SQLite default run it while no silo holds the file (or use <c>GET /v1/admin/history/verify</c>).
/// </summary>
public static class HistoryVerifyCommand
{
    public const string Command = "verify-history";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter? error = null)
    {
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
            await output.WriteLineAsync("usage: verify-history --tenant ID [configuration arguments]");
            return 2;
        }
        await using var app = SiloApplication.Create([.. rest, "--urls", "http://127.0.0.1:0"]);
        await app.StartAsync();
        try
        {
            var store = app.Services.GetRequiredService<IHistoryStore>();
            var result = await HistoryChain.VerifyAsync(store.ReadChainAsync(tenant));
            if (result.IsIntact)
            {
                await output.WriteLineAsync($"History of tenant '{tenant}' is intact: {result.CheckedCount} entries checked"
                    + (result.LastSequence is { } last ? $", up to sequence {last}." : "."));
                return 0;
            }
            await output.WriteLineAsync($"History of tenant '{tenant}' is BROKEN at sequence {result.FirstBadSequence}: {result.Problem} "
                + $"({result.CheckedCount} entries before it are intact).");
            return 3;
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
