using PushAuth.Abstractions;


namespace PushAuth.Silo.Bootstrap;

/// <summary>
/// <c>bootstrap-tenant --tenant ID --name "Display Name"</c>: creates a tenant with an Admin and a LoginService key,
/// prints the keys once, and exits without serving.
/// </summary>
public static class TenantBootstrap
{
    public const string Command = "bootstrap-tenant";

    /// <summary>Splits the command's own arguments from the configuration arguments.</summary>
    public static (string TenantId, string Name, string[] Remaining) Parse(string[] args)
    {
        string? tenant = null, name = null;
        var rest = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--tenant" when i + 1 < args.Length:
                    tenant = args[++i];
                    break;
                case "--name" when i + 1 < args.Length:
                    name = args[++i];
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }
        if (tenant is null)
        {
            throw new ArgumentException("usage: bootstrap-tenant --tenant ID [--name \"Display Name\"] [configuration arguments]");
        }
        return (Validate.TenantId(tenant, "tenant"), name ?? tenant, [.. rest]);
    }

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        (string TenantId, string Name, string[] Remaining) parsed;
        try
        {
            parsed = Parse(args);
        }
        catch (Exception ex) when (ex is ArgumentException or PushAuthException)
        {
            await output.WriteLineAsync(ex.Message);
            return 2;
        }
        await using var app = SiloApplication.Create([.. parsed.Remaining, "--urls", "http://127.0.0.1:0"]);
        await app.StartAsync();
        try
        {
            var keys = await app.Services.GetRequiredService<IGrainFactory>().GetGrain<ITenantGrain>(parsed.TenantId)
                .CreateAsync(parsed.Name, new RequestOrigin(null, "bootstrap-tenant", null));
            await output.WriteLineAsync($"Tenant '{parsed.TenantId}' created. Store these keys now; they are not shown again.");
            foreach (var key in keys)
            {
                await output.WriteLineAsync($"{key.Role,-12} {key.Key}");
            }
            return 0;
        }
        catch (PushAuthException ex)
        {
            await output.WriteLineAsync($"error: {ex.Message}");
            return 1;
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
