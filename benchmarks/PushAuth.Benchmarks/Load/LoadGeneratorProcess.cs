using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using PushAuth.Benchmarks.Processes;

namespace PushAuth.Benchmarks.Load;

/// <summary>The benchmark's side of the load generator: starts it as a child process (this same program with the
/// <c>loadgen</c> command) and sends it commands.</summary>
public sealed class LoadGeneratorProcess
{
    private readonly Process _process;
    private readonly ChildProcesses _children;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private readonly string _name;

    private LoadGeneratorProcess(Process process, ChildProcesses children, string name)
    {
        _process = process;
        _children = children;
        _name = name;
    }

    public int Pid => _process.Id;

    public static LoadGeneratorProcess Start(ChildProcesses children, string name, LoadConfig config)
    {
        var (file, prefix) = ThisProgram();
        var process = children.Start(name, file, [.. prefix, "loadgen", JsonSerializer.Serialize(config, LoadJson.Options)], redirectStandardIo: true);
        return new LoadGeneratorProcess(process, children, name);
    }

    /// <summary>Sends one command and waits for its reply; a refusal or a dead load generator throws.</summary>
    public async Task<LoadReply> SendAsync(LoadCommand command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await _process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(command, LoadJson.Options).AsMemory(), cancellationToken);
            await _process.StandardInput.FlushAsync(cancellationToken);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            var line = await _process.StandardOutput.ReadLineAsync(limit.Token)
                ?? throw new InvalidOperationException($"the load generator exited during '{command.Cmd}':\n{_children.Tail(_name)}");
            var reply = JsonSerializer.Deserialize<LoadReply>(line, LoadJson.Options)!;
            return reply.Ok ? reply : throw new InvalidOperationException($"the load generator refused '{command.Cmd}': {reply.Error}");
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task<LoadReply> SendAsync(string command, CancellationToken cancellationToken) => SendAsync(command, TimeSpan.FromMinutes(2), cancellationToken);

    public Task<LoadReply> SendAsync(string command, TimeSpan timeout, CancellationToken cancellationToken) => SendAsync(new LoadCommand(command), timeout, cancellationToken);

    /// <summary>How to start this program again: its apphost, or <c>dotnet</c> with its dll.</summary>
    private static (string File, string[] Prefix) ThisProgram()
    {
        var path = Environment.ProcessPath ?? "dotnet";
        return Path.GetFileNameWithoutExtension(path) == "dotnet" ? (path, [Assembly.GetEntryAssembly()!.Location]) : (path, []);
    }
}
