using PushAuth.DeviceSimulator;
using PushAuth.Security;

// A thin CLI over DeviceClient. The key and device id are kept in files (--state, default ./.pushauth-device) so
// several invocations act as one phone.
//   dotnet run --project src/PushAuth.DeviceSimulator -- register --server http://localhost:5000
//   ... -- pair            (shows a phrase, waits for the login service to claim it, accepts; --reject rejects)
//   ... -- enroll 'pushauth://enroll?...'   accounts | push-token fcm TOKEN | deregister | pull | approve ID [NUMBER] | deny ID [fraud]
//   ... -- verify-contact --email A | confirm-contact CODE | backup | restore | change-passcode | delete-backup   (BackupCommands)
const string Usage = "usage: <command> [--server URL] [--state PATH]\n  commands: register [--platform android|ios] [--provider dev|fcm|apns] [--token T] [--name N]"
    + " | pair [--reject] | confirm <pairingId> | reject <pairingId> | enroll <pushauth-uri> | accounts | push-token <provider> <token> | deregister"
    + " | pull | approve <challengeId> [number] | deny <challengeId> [fraud|mistake]" + BackupCommands.Usage;

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
    Console.Error.WriteLine(Usage);
    return 2;
}
var command = positional[0];
string Arg(int index) => positional.Count > index ? positional[index] : throw new ArgumentException($"'{command}' needs more arguments.\n{Usage}");
string Option(string name, string fallback) => options.TryGetValue(name, out var value) ? value : fallback;

var server = Option("server", Environment.GetEnvironmentVariable("PUSHAUTH_SERVER") ?? "http://localhost:5000");
var state = Option("state", Path.Combine(Environment.CurrentDirectory, ".pushauth-device"));
using var http = new HttpClient { BaseAddress = new Uri(server), Timeout = TimeSpan.FromSeconds(60) };
var key = File.Exists(state + ".key") ? DeviceKeyPair.ImportPkcs8(File.ReadAllText(state + ".key")) : DeviceKeyPair.Create();
using var device = new DeviceClient(http, key);
try
{
    if (command == "register")
    {
        var id = await device.RegisterAsync(Option("platform", "android"), Option("provider", "dev"), options.GetValueOrDefault("token"), Option("name", "Simulated phone"));
        File.WriteAllText(state + ".key", key.ExportPkcs8());
        File.WriteAllText(state + ".id", id);
        Console.WriteLine($"registered {id}");
        return 0;
    }
    if (!File.Exists(state + ".id"))
    {
        Console.Error.WriteLine("no device yet: run 'register' first");
        return 2;
    }
    device.UseDevice(File.ReadAllText(state + ".id").Trim());
    if (BackupCommands.Names.Contains(command))
    {
        return await BackupCommands.RunAsync(command, positional, options, device, state, Console.Out, Console.Error, Console.In);
    }
    switch (command)
    {
        case "pair":
            var (pairingId, phrase) = await device.RequestPairingPhraseAsync();
            Console.WriteLine($"type this pairing phrase on the login page: {phrase}");
            var request = await device.WaitForPairingRequestAsync(pairingId, TimeSpan.FromMinutes(10));
            if (request is null)
            {
                Console.Error.WriteLine("the phrase was not claimed in time");
                return 1;
            }
            Console.WriteLine($"{request.ServiceName} ({request.TenantName}) asks to connect account '{request.UserId}'");
            await PrintAsync(await device.ConfirmPairingAsync(pairingId, accept: !options.ContainsKey("reject")));
            break;
        case "confirm" or "reject":
            await PrintAsync(await device.ConfirmPairingAsync(Arg(1), accept: command == "confirm"));
            break;
        case "enroll":
            await PrintAsync(await device.CompleteOfferAsync(Arg(1)));
            break;
        case "accounts":
            foreach (var account in (await device.ListAccountsAsync()).PairedUsers)
            {
                Console.WriteLine(account);
            }
            break;
        case "push-token":
            await device.UpdatePushTokenAsync(Arg(1), Arg(2));
            Console.WriteLine("push token updated");
            break;
        case "deregister":
            await device.DeregisterAsync();
            Console.WriteLine("deregistered");
            break;
        case "pull":
            foreach (var challenge in await device.PullAsync())
            {
                Console.WriteLine($"{challenge.ChallengeId}  {challenge.Context}  number required: {challenge.NumberMatchRequired}");
            }
            break;
        case "approve" or "deny":
            var target = (await device.PullAsync()).Single(c => c.ChallengeId == Arg(1));
            var approve = command == "approve";
            await PrintAsync(await device.AnswerAsync(target, approve, approve && positional.Count > 2 ? positional[2] : null, !approve && positional.Count > 2 ? positional[2] : null));
            break;
        default:
            Console.Error.WriteLine($"unknown command {command}\n{Usage}");
            return 2;
    }
    return 0;
}
catch (Exception ex) when (ex is HttpRequestException or ArgumentException or InvalidOperationException)
{
    Console.Error.WriteLine(ex.Message);
    return 1;
}

static async Task PrintAsync(HttpResponseMessage response)
{
    using (response)
    {
        Console.WriteLine($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
