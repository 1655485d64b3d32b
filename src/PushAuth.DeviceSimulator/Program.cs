using PushAuth.DeviceSimulator;
using PushAuth.Security;

// A thin CLI over DeviceClient: the key is kept in a file so several invocations act as one phone.
//   dotnet run --project src/PushAuth.DeviceSimulator -- <server> register|pair-phrase|confirm PAIRING|pull|approve ID [NUMBER]|deny ID [fraud]
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: <server-url> register | pair-phrase | confirm <pairingId> | pull | approve <challengeId> [number] | deny <challengeId> [fraud|mistake]");
    return 2;
}
var state = Path.Combine(Environment.CurrentDirectory, ".pushauth-device");
using var http = new HttpClient { BaseAddress = new Uri(args[0]) };
var key = File.Exists(state + ".key") ? DeviceKeyPair.ImportPkcs8(File.ReadAllText(state + ".key")) : DeviceKeyPair.Create();
using var device = new DeviceClient(http, key);
try
{
    if (args[1] == "register")
    {
        var id = await device.RegisterAsync();
        File.WriteAllText(state + ".key", key.ExportPkcs8());
        File.WriteAllText(state + ".id", id);
        Console.WriteLine($"registered {id}");
        return 0;
    }
    device.UseDevice(File.ReadAllText(state + ".id").Trim());
    switch (args[1])
    {
        case "pair-phrase":
            var (pairingId, phrase) = await device.RequestPairingPhraseAsync();
            Console.WriteLine($"phrase: {phrase}   (pairing {pairingId})");
            break;
        case "confirm":
            using (var response = await device.ConfirmPairingAsync(args[2], accept: true))
            {
                Console.WriteLine($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
            break;
        case "pull":
            foreach (var challenge in await device.PullAsync())
            {
                Console.WriteLine($"{challenge.ChallengeId}  {challenge.Context}  number required: {challenge.NumberMatchRequired}");
            }
            break;
        case "approve" or "deny":
            var target = (await device.PullAsync()).Single(c => c.ChallengeId == args[2]);
            var approve = args[1] == "approve";
            using (var response = await device.AnswerAsync(target, approve, approve && args.Length > 3 ? args[3] : null, !approve && args.Length > 3 ? args[3] : null))
            {
                Console.WriteLine($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
            break;
        default:
            Console.Error.WriteLine($"unknown command {args[1]}");
            return 2;
    }
    return 0;
}
catch (HttpRequestException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 1;
}
