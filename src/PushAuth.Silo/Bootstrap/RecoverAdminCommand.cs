using PushAuth.Abstractions;
using PushAuth.Silo.Auth;

namespace PushAuth.Silo.Bootstrap;

/// <summary>
/// <c>recover-admin --tenant ID --name "Who asked"</c>: the "contact support" path when a tenant's last Admin is locked
/// out (every passkey lost). Run by the operator on the server, it issues a one-time setup link for a new Admin, prints
/// it once and exits; the invitation is in the tenant's history with the name given. It changes no existing admin:
/// the recovered Admin removes the locked-out one from the console.
/// </summary>
public static class RecoverAdminCommand
{
    public const string Command = "recover-admin";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter? error = null)
    {
        error ??= output;
        var (tenant, name, rest) = CommandArguments.Split(args);
        string tenantId, requestedBy;
        try
        {
            tenantId = Validate.TenantId(tenant ?? throw new ArgumentException("usage: recover-admin --tenant ID --name \"who asked for it\" [configuration arguments]"), "tenant");
            requestedBy = Validate.Text(name ?? throw new ArgumentException("recover-admin needs --name: who asked for the recovery, recorded in the tenant's history."), "name", 100);
        }
        catch (Exception ex) when (ex is ArgumentException or PushAuthException)
        {
            await error.WriteLineAsync(ex.Message);
            return 2;
        }
        await using var app = SiloApplication.Create([.. rest, "--urls", "http://127.0.0.1:0"], b => b.Logging.ClearProviders());
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
            app.Services.GetRequiredService<ConsoleRelyingParty>().Resolve(null);
            var grains = app.Services.GetRequiredService<IGrainFactory>();
            if (await grains.GetGrain<ITenantGrain>(tenantId).GetSettingsAsync() is null)
            {
                await error.WriteLineAsync($"error: no tenant '{tenantId}'.");
                return 1;
            }
            var (invitation, link) = await app.Services.GetRequiredService<AdminInvitations>().IssueAsync(null, tenantId, ApiKeyRole.Admin, null,
                $"{Command}:{requestedBy}", new RequestOrigin(null, Command, null), CancellationToken.None);
            await output.WriteLineAsync($"Admin setup link for tenant '{tenantId}' (one-time, until {invitation.ExpiresAt:u}); give it only to the person verified as {requestedBy}:");
            await output.WriteLineAsync(link);
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
}
