namespace PushAuth.Silo.Bootstrap;

/// <summary>
/// The arguments of the silo's tenant commands (<c>bootstrap-tenant</c>, <c>recover-admin</c>): their own
/// <c>--tenant</c> and <c>--name</c>, and everything else, which is the silo's configuration (the same keys and storage as
/// the running silos). Each command decides what is required and what the name means.
/// </summary>
internal static class CommandArguments
{
    public static (string? Tenant, string? Name, string[] Remaining) Split(string[] args)
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
        return (tenant, name, [.. rest]);
    }
}
