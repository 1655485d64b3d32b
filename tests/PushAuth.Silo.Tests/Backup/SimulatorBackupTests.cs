using System.Net.Http.Json;
using System.Text.Json;
using PushAuth.DeviceSimulator;
using PushAuth.Security;
using PushAuth.Silo.Tests.Infrastructure;
using PushAuth.Testing;
using Xunit;

namespace PushAuth.Silo.Tests.Backup;

/// <summary>The device simulator's commands, in process, as the README runs them: back up one phone, restore on another.</summary>
public sealed class SimulatorBackupTests
{
    private sealed class Phone(DeviceClient device, string state)
    {
        public DeviceClient Device { get; } = device;

        public string State { get; } = state;

        public LocalAccountBook Book => LocalAccountBook.Load(State + ".accounts.json");

        public async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
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
            using var output = new StringWriter();
            using var error = new StringWriter();
            var exit = await BackupCommands.RunAsync(positional[0], positional, options, Device, State, output, error, new StringReader(""));
            return (exit, output.ToString(), error.ToString());
        }
    }

    private static async Task<Phone> PhoneAsync(Scenario s) =>
        new(await s.DeviceAsync(), Path.Combine(Path.GetTempPath(), "pushauth-phone-" + Guid.NewGuid().ToString("N")));

    private static async Task VerifyAsync(Phone phone, string address)
    {
        Assert.Equal(0, (await phone.RunAsync("verify-contact", "--email", address)).Exit);
        var code = (await phone.Device.ReadDevInboxAsync())[0].Code;
        var confirmed = await phone.RunAsync("confirm-contact", code);
        Assert.True(confirmed.Exit == 0, confirmed.Error);
    }

    [Fact]
    public async Task BackupOnOnePhone_RestoreOnAnother_TotpAsItWasPushNeedsProof_BusyPhoneRefuses()
    {
        await using var s = await Scenario.SqliteAsync();
        var first = await PhoneAsync(s);
        await s.PairAsync(first.Device, "alice");
        using var enrolled = await s.Login.PostAsJsonAsync("/v1/users/alice/totp", new { });
        var otpUri = (await enrolled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("keyUri").GetString()!;
        Assert.Equal(0, (await first.RunAsync("add-totp", otpUri)).Exit);
        await VerifyAsync(first, "alice@example.com");

        var backedUp = await first.RunAsync("backup", "--passcode", "4711");
        Assert.True(backedUp.Exit == 0, backedUp.Error);
        Assert.Contains("2 account(s) (1 push)", backedUp.Output, StringComparison.Ordinal);

        // A phone that already has an account refuses to restore, before asking the server anything.
        var busy = await PhoneAsync(s);
        Assert.Equal(0, (await busy.RunAsync("add-totp", "otpauth://totp/Other:me?secret=JBSWY3DPEHPK3PXP&issuer=Other")).Exit);
        await VerifyAsync(busy, "alice@example.com");
        var refused = await busy.RunAsync("restore", "--passcode", "4711");
        Assert.Equal(1, refused.Exit);
        Assert.StartsWith("restore.device-has-accounts", refused.Error, StringComparison.Ordinal);
        Assert.Single(busy.Book.Accounts);

        var second = await PhoneAsync(s);
        await VerifyAsync(second, "alice@example.com");
        var wrong = await second.RunAsync("restore", "--passcode", "1234");
        Assert.Equal(1, wrong.Exit);
        Assert.Contains("passcode.wrong", wrong.Error, StringComparison.Ordinal);
        var restored = await second.RunAsync("restore", "--passcode", "4711");
        Assert.True(restored.Exit == 0, restored.Error);

        var accounts = second.Book.Accounts;
        var totp = Assert.Single(accounts, a => a.Kind == "totp");
        Assert.Equal((otpUri, "active"), (totp.OtpAuthUri, totp.Status));
        var push = Assert.Single(accounts, a => a.Kind == "push");
        Assert.Equal(("acme", "alice", "needs-proof", LocalAccount.PairingOrTemporaryCode), (push.TenantId, push.UserId, push.Status, push.Needs));
        // The same TOTP secret: both phones show the same code, and the server accepts it.
        var otp = OtpAuthUri.Parse(otpUri);
        var code = Totp.ComputeCode(otp.Secret, DateTimeOffset.UtcNow, otp.Parameters);
        Assert.Contains(code, (await second.RunAsync("codes")).Output, StringComparison.Ordinal);
        using var verify = await s.Login.PostAsJsonAsync("/v1/users/alice/totp/verify", new { code });
        Assert.True((await verify.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("valid").GetBoolean());

        // The first phone lost its push account and was told; a new pairing makes the second one active.
        await Eventually.UntilAsync(async () => (await first.RunAsync("local-accounts")).Output.Contains("disconnected", StringComparison.Ordinal),
            TimeSpan.FromSeconds(20), "the first phone's push account is disconnected");
        await Eventually.UntilAsync(async () => (await first.RunAsync("notices")).Output.Contains("backup-restored", StringComparison.Ordinal), TimeSpan.FromSeconds(20), "told");
        await s.PairAsync(second.Device, "alice");
        Assert.Contains("push  acme/alice                       active", (await second.RunAsync("local-accounts")).Output, StringComparison.Ordinal);

        // The second phone owns the backup now: it can change the passcode and delete it.
        Assert.Equal(0, (await second.RunAsync("change-passcode", "--passcode", "246810")).Exit);
        Assert.Contains("Active", (await second.RunAsync("backup-info")).Output, StringComparison.Ordinal);
        Assert.Equal(0, (await second.RunAsync("delete-backup")).Exit);
        Assert.Equal(1, (await second.RunAsync("backup-info")).Exit);
    }

    [Fact]
    public async Task Backup_PhoneWithNothing_RefusedShortPasscodeRefused()
    {
        await using var s = await Scenario.SqliteAsync();
        var phone = await PhoneAsync(s);
        await VerifyAsync(phone, "bob@example.com");

        var empty = await phone.RunAsync("backup", "--passcode", "4711");
        Assert.Equal(1, empty.Exit);
        Assert.StartsWith("backup.no-connected-account", empty.Error, StringComparison.Ordinal);

        await s.PairAsync(phone.Device, "bob");
        var shortPasscode = await phone.RunAsync("backup", "--passcode", "12");
        Assert.Equal(1, shortPasscode.Exit);
        Assert.StartsWith("passcode.too-short", shortPasscode.Error, StringComparison.Ordinal);
    }
}
