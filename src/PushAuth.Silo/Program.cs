using PushAuth.Silo;
using PushAuth.Silo.Bootstrap;

if (args.Length > 0 && args[0] == TenantBootstrap.Command)
{
    return await TenantBootstrap.RunAsync(args, Console.Out, Console.Error);
}
if (args.Length > 0 && args[0] == RecoverAdminCommand.Command)
{
    return await RecoverAdminCommand.RunAsync(args, Console.Out, Console.Error);
}
if (args.Length > 0 && args[0] == HistoryVerifyCommand.Command)
{
    return await HistoryVerifyCommand.RunAsync(args, Console.Out, Console.Error);
}
if (args.Length > 0 && args[0] == NewOidcKeyCommand.Command)
{
    return await NewOidcKeyCommand.RunAsync(args, Console.Out, Console.Error);
}

try
{
    var app = SiloApplication.Create(args);
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (StartupFailure.Describe(ex) is { } line)
{
    // A missing key or a bad setting: one line naming each, not a stack trace.
    await Console.Error.WriteLineAsync(line);
    return 1;
}

/// <summary>Entry point; public so WebApplicationFactory-based tests can find it.</summary>
public partial class Program;
