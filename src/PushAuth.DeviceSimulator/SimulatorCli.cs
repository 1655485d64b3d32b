using System.Net.Http.Json;
using System.Text.Json;
using PushAuth.Security;

namespace PushAuth.DeviceSimulator;

/// <summary>
/// The simulator's command line, a thin layer over <see cref="DeviceClient"/>. The key and device id are kept in files
/// (<c>--state</c>, default <c>./.pushauth-device</c>: <c>.key</c>, <c>.id</c>, <c>.pairing</c>) so several invocations
/// act as one phone. Exit codes: 0 done, 1 refused by the server or failed (one line on stderr), 2 usage.
/// </summary>
public static class SimulatorCli
{
    /// <summary>The silo's development port (src/PushAuth.Silo/Properties/launchSettings.json).</summary>
    public const string DefaultServer = "http://localhost:5080";

    public const string Usage = "usage: <command> [--server URL (default $PUSHAUTH_SERVER or " + DefaultServer + ")] [--state PATH]\n"
        + "  commands: register [--platform android|ios] [--provider dev|fcm|apns] [--token T] [--name N]"
        + " | pair-phrase (prints the phrase; then confirm) | confirm [pairingId] [--wait SECONDS] | reject [pairingId]"
        + " | pair [--reject] (phrase, wait, confirm in one) | enroll <pushauth-uri> | accounts | push-token <provider> <token> | deregister"
        + " | pull | approve <challengeId> [number] | deny <challengeId> [declined|fraud|mistake]" + BackupCommands.Usage;

    /// <summary>Runs one command. <paramref name="handler"/> replaces the network (tests); null uses sockets.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TextReader input, HttpMessageHandler? handler = null,
        CancellationToken cancellationToken = default)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var positional = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                options[args[i][2..]] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
            }
            else
            {
                positional.Add(args[i]);
            }
        }
        // The older form "<server-url> <command> …" still works.
        if (positional.Count > 0 && Uri.TryCreate(positional[0], UriKind.Absolute, out var leading) && leading.Scheme is "http" or "https")
        {
            options.TryAdd("server", positional[0]);
            positional.RemoveAt(0);
        }
        if (positional.Count == 0)
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }
        var command = positional[0];
        var server = options.GetValueOrDefault("server") ?? (Environment.GetEnvironmentVariable("PUSHAUTH_SERVER") is { Length: > 0 } env ? env : DefaultServer);
        if (!Uri.TryCreate(server, UriKind.Absolute, out var serverUri))
        {
            await error.WriteLineAsync($"--server '{server}' is not an absolute URL");
            return 2;
        }
        var state = options.GetValueOrDefault("state") ?? Path.Combine(Environment.CurrentDirectory, ".pushauth-device");
        using var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.BaseAddress = serverUri;
        http.Timeout = TimeSpan.FromSeconds(60);
        var key = File.Exists(state + ".key") ? DeviceKeyPair.ImportPkcs8(await File.ReadAllTextAsync(state + ".key", cancellationToken)) : DeviceKeyPair.Create();
        using var device = new DeviceClient(http, key);
        try
        {
            if (command == "register")
            {
                var id = await device.RegisterAsync(Option(options, "platform", "android"), Option(options, "provider", "dev"), options.GetValueOrDefault("token"),
                    Option(options, "name", "Simulated phone"), cancellationToken: cancellationToken);
                await File.WriteAllTextAsync(state + ".key", key.ExportPkcs8(), cancellationToken);
                await File.WriteAllTextAsync(state + ".id", id, cancellationToken);
                await output.WriteLineAsync($"registered {id}");
                return 0;
            }
            if (!File.Exists(state + ".id"))
            {
                await error.WriteLineAsync("no device yet: run 'register' first");
                return 2;
            }
            device.UseDevice((await File.ReadAllTextAsync(state + ".id", cancellationToken)).Trim());
            if (BackupCommands.Names.Contains(command))
            {
                return await BackupCommands.RunAsync(command, positional, options, device, state, output, error, input, cancellationToken);
            }
            return await RunDeviceCommandAsync(command, positional, options, device, state, output, error, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or ArgumentException or InvalidOperationException or JsonException)
        {
            await error.WriteLineAsync(OneLine(ex, server));
            return ex is ArgumentException ? 2 : 1;
        }
    }

    private static async Task<int> RunDeviceCommandAsync(string command, List<string> positional, Dictionary<string, string> options, DeviceClient device, string state,
        TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        string Arg(int index) => positional.Count > index ? positional[index] : throw new ArgumentException($"'{command}' needs more arguments.\n{Usage}");
        switch (command)
        {
            case "pair-phrase":
            {
                // The phrase alone on stdout (PHRASE=$(sim pair-phrase)); the hint on stderr.
                var (pairingId, phrase) = await device.RequestPairingPhraseAsync(cancellationToken);
                await File.WriteAllTextAsync(state + ".pairing", pairingId, cancellationToken);
                await error.WriteLineAsync($"type this pairing phrase on the login page (pairing {pairingId}, 10 minutes), then run 'confirm':");
                await output.WriteLineAsync(phrase);
                return 0;
            }
            case "pair":
            {
                var (pairingId, phrase) = await device.RequestPairingPhraseAsync(cancellationToken);
                await output.WriteLineAsync($"type this pairing phrase on the login page: {phrase}");
                return await ConfirmAsync(device, pairingId, !options.ContainsKey("reject"), TimeSpan.FromMinutes(10), output, error, cancellationToken);
            }
            case "confirm" or "reject":
            {
                var pairingId = positional.Count > 1 ? positional[1]
                    : File.Exists(state + ".pairing") ? (await File.ReadAllTextAsync(state + ".pairing", cancellationToken)).Trim()
                    : throw new ArgumentException($"'{command}' needs the pairing id: run 'pair-phrase' first, or give it.");
                var wait = options.TryGetValue("wait", out var seconds) && int.TryParse(seconds, System.Globalization.CultureInfo.InvariantCulture, out var s) && s >= 0
                    ? TimeSpan.FromSeconds(s) : TimeSpan.FromSeconds(60);
                return await ConfirmAsync(device, pairingId, command == "confirm", wait, output, error, cancellationToken);
            }
            case "enroll":
                return await PrintAsync(await device.CompleteOfferAsync(Arg(1), cancellationToken), output, error, cancellationToken);
            case "accounts":
                foreach (var account in (await device.ListAccountsAsync(cancellationToken)).PairedUsers)
                {
                    await output.WriteLineAsync(account);
                }
                return 0;
            case "push-token":
                await device.UpdatePushTokenAsync(Arg(1), Arg(2), cancellationToken);
                await output.WriteLineAsync("push token updated");
                return 0;
            case "deregister":
                await device.DeregisterAsync(cancellationToken);
                await output.WriteLineAsync("deregistered");
                return 0;
            case "pull":
                foreach (var challenge in await device.PullAsync(cancellationToken))
                {
                    await output.WriteLineAsync($"{challenge.ChallengeId}  {challenge.Context}  number required: {challenge.NumberMatchRequired}");
                }
                return 0;
            case "approve" or "deny":
            {
                var id = Arg(1);
                var target = (await device.PullAsync(cancellationToken)).SingleOrDefault(c => c.ChallengeId == id);
                if (target is null)
                {
                    await error.WriteLineAsync($"challenge.not-pending: {id} is not pending for this device (see 'pull')");
                    return 1;
                }
                var approve = command == "approve";
                var extra = positional.Count > 2 ? positional[2] : null;
                if (approve && target.NumberMatchRequired && extra is null)
                {
                    throw new ArgumentException($"this challenge needs the {target.NumberDigits}-digit number the login page shows: approve {id} <number>");
                }
                return await PrintAsync(await device.AnswerAsync(target, approve, approve ? extra : null, approve ? null : extra, cancellationToken), output, error, cancellationToken);
            }
            default:
                await error.WriteLineAsync($"unknown command {command}\n{Usage}");
                return 2;
        }
    }

    private static async Task<int> ConfirmAsync(DeviceClient device, string pairingId, bool accept, TimeSpan wait, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + wait;
        DevicePairingRequest request;
        while (true)
        {
            using var pulled = await device.SendAsync(HttpMethod.Get, $"/v1/device/pairings/{pairingId}", cancellationToken: cancellationToken);
            request = await DeviceClient.ReadAsync<DevicePairingRequest>(pulled, cancellationToken);
            if (request.Status == "AwaitingDevice")
            {
                break;
            }
            if (request.Status != "AwaitingClaim")
            {
                await error.WriteLineAsync($"pairing.not-awaiting-device: pairing {pairingId} is {request.Status}; there is nothing to confirm (show a new phrase with pair-phrase)");
                return 1;
            }
            if (DateTimeOffset.UtcNow >= deadline)
            {
                await error.WriteLineAsync($"pairing.not-claimed: no login service claimed pairing {pairingId} within {wait.TotalSeconds:0} s; type the phrase on the login page first");
                return 1;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
        await output.WriteLineAsync($"{request.ServiceName} ({request.TenantName}) asks to connect account '{request.UserId}'");
        using var response = await device.ConfirmPairingAsync(pairingId, accept, cancellationToken);
        await DeviceClient.EnsureSuccessAsync(response, cancellationToken);
        var view = await response.Content.ReadFromJsonAsync<JsonElement>(DeviceClient.Json, cancellationToken);
        var methodId = view.TryGetProperty("methodId", out var m) ? m.GetString() : null;
        await output.WriteLineAsync(accept
            ? $"paired: account '{request.UserId}' of {request.TenantName}, method {methodId}"
            : $"rejected pairing {pairingId}");
        return 0;
    }

    /// <summary>Prints a successful answer's body; a refusal is one line on stderr and exit 1.</summary>
    private static async Task<int> PrintAsync(HttpResponseMessage response, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                await error.WriteLineAsync(await DeviceClient.ProblemLineAsync(response, cancellationToken));
                return 1;
            }
            await output.WriteLineAsync($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
            return 0;
        }
    }

    private static string OneLine(Exception ex, string server) =>
        ex is HttpRequestException { StatusCode: null } ? $"cannot reach {server}: {ex.Message} (is the silo running? --server or PUSHAUTH_SERVER picks another)"
        : ex.Message.ReplaceLineEndings(" ");

    private static string Option(Dictionary<string, string> options, string name, string fallback) => options.TryGetValue(name, out var value) ? value : fallback;
}
