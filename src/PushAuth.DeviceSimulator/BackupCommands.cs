using PushAuth.Security;

namespace PushAuth.DeviceSimulator;

/// <summary>
/// The simulator's account-book and backup commands, the device side done for real (Argon2id, sealing, encryption,
/// refusal to overwrite). Files beside the device's key: <c>{state}.accounts.json</c> (the accounts) and
/// <c>{state}.backup.json</c> (the verification in progress, the backup this phone owns).
/// </summary>
public static class BackupCommands
{
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        "local-accounts", "add-totp", "codes", "verify-contact", "inbox", "confirm-contact", "backup", "backup-info", "change-passcode", "change-contact",
        "delete-backup", "restore", "notices",
    };

    public const string Usage = " | local-accounts | add-totp <otpauth-uri> | codes | verify-contact --email A|--phone N | inbox | confirm-contact <code>|--link URL"
        + " | backup [--passcode P] [--replace] | backup-info | change-passcode [--passcode P] | change-contact | delete-backup | restore [--passcode P] | notices";

    /// <returns>The exit code: 0 done, 1 refused or failed, 2 usage.</returns>
    public static async Task<int> RunAsync(string command, IReadOnlyList<string> positional, IReadOnlyDictionary<string, string> options, DeviceClient device, string state,
        TextWriter output, TextWriter error, TextReader input, CancellationToken cancellationToken = default)
    {
        var booksPath = state + ".accounts.json";
        var backupPath = state + ".backup.json";
        var book = LocalAccountBook.Load(booksPath);
        var backup = LocalBackupState.Load(backupPath);
        try
        {
            switch (command)
            {
                case "local-accounts":
                    await SyncAsync(device, book, cancellationToken);
                    book.Save(booksPath);
                    foreach (var a in book.Accounts)
                    {
                        output.WriteLine($"{a.Kind,-5} {a.Name,-32} {a.Status}{(a.Needs is null ? "" : $" (needs {a.Needs})")}");
                    }
                    return 0;
                case "add-totp":
                    var uri = positional.Count > 1 ? positional[1] : throw new ArgumentException("add-totp needs an otpauth://totp/ URI.");
                    if (!OtpAuthUri.TryParse(uri, out var parsed))
                    {
                        throw new ArgumentException("Not an otpauth://totp/ URI.");
                    }
                    book.Accounts.Add(new LocalAccount { Kind = LocalAccount.Kinds.Totp, OtpAuthUri = uri });
                    book.Save(booksPath);
                    output.WriteLine($"added {parsed.Issuer}:{parsed.AccountName}");
                    return 0;
                case "codes":
                    foreach (var a in book.Accounts.Where(a => a.Kind == LocalAccount.Kinds.Totp && OtpAuthUri.TryParse(a.OtpAuthUri, out _)))
                    {
                        var otp = OtpAuthUri.Parse(a.OtpAuthUri!);
                        output.WriteLine($"{a.Name,-32} {Totp.ComputeCode(otp.Secret, DateTimeOffset.UtcNow, otp.Parameters)}");
                    }
                    return 0;
                case "verify-contact":
                    var (channel, address) = options.TryGetValue("email", out var email) ? ("email", email)
                        : options.TryGetValue("phone", out var phone) ? ("sms", phone) : throw new ArgumentException("verify-contact needs --email ADDRESS or --phone +NUMBER.");
                    var started = await device.StartContactVerificationAsync(channel, address, cancellationToken);
                    (backup with { VerificationId = started.VerificationId, Contact = $"{channel}:{address}" }).Save(backupPath);
                    output.WriteLine($"a code and a link were sent to {started.MaskedAddress}; run confirm-contact <code> or confirm-contact --link <link>");
                    return 0;
                case "inbox":
                    foreach (var m in await device.ReadDevInboxAsync(cancellationToken))
                    {
                        output.WriteLine($"{m.At:HH:mm:ss} {m.Channel} to {m.To}: code {m.Code}  link {m.Link}");
                    }
                    return 0;
                case "confirm-contact":
                    var pending = backup.VerificationId ?? throw new InvalidOperationException("No verification in progress: run verify-contact first.");
                    var status = options.TryGetValue("link", out var link)
                        ? await device.ConfirmContactLinkAsync(pending, link, cancellationToken)
                        : await device.ConfirmContactCodeAsync(pending, positional.Count > 1 ? positional[1] : throw new ArgumentException("confirm-contact needs the code or --link."), cancellationToken);
                    output.WriteLine($"{status.MaskedAddress} verified until {status.VerifiedUntil:HH:mm:ss}");
                    return 0;
                case "backup":
                    await SyncAsync(device, book, cancellationToken);
                    book.Save(booksPath);
                    if (book.BackedUpCount == 0)
                    {
                        throw new InvalidOperationException("backup.no-connected-account: there is nothing to back up; pair an account first.");
                    }
                    var passcode = Passcode(options, output, input);
                    var info = backup.BackupId is { } owned
                        ? await device.ReplaceBackupAsync(owned, passcode, book.ToBackupPlaintext(), book.BackedUpCount, passcodeChange: false, cancellationToken)
                        : await device.CreateBackupAsync(backup.VerificationId ?? throw new InvalidOperationException("Verify an email address or mobile number first: verify-contact."),
                            passcode, book.ToBackupPlaintext(), book.BackedUpCount, options.ContainsKey("replace"), cancellationToken);
                    (backup with { BackupId = info.BackupId }).Save(backupPath);
                    Print(output, info);
                    return 0;
                case "backup-info":
                    Print(output, await device.GetBackupAsync(Owned(backup), cancellationToken));
                    return 0;
                case "change-passcode":
                    await SyncAsync(device, book, cancellationToken);
                    Print(output, await device.ReplaceBackupAsync(Owned(backup), Passcode(options, output, input), book.ToBackupPlaintext(), book.BackedUpCount, passcodeChange: true,
                        cancellationToken));
                    return 0;
                case "change-contact":
                    var moved = await device.ChangeBackupContactAsync(Owned(backup),
                        backup.VerificationId ?? throw new InvalidOperationException("Verify the new email address or mobile number first: verify-contact."), cancellationToken);
                    (backup with { BackupId = moved.BackupId }).Save(backupPath);
                    Print(output, moved);
                    return 0;
                case "delete-backup":
                    await device.DeleteBackupAsync(Owned(backup), cancellationToken);
                    (backup with { BackupId = null }).Save(backupPath);
                    output.WriteLine("backup deleted");
                    return 0;
                case "restore":
                    // Refused on the device before anything is asked of the server, as both seeds do.
                    book.RefuseIfNotEmpty();
                    var verification = backup.VerificationId ?? throw new InvalidOperationException("Verify the email address or mobile number of the backup first: verify-contact.");
                    var restored = await device.RestoreAsync(verification, Passcode(options, output, input), cancellationToken);
                    book.Restore(restored.Plaintext, DateTimeOffset.UtcNow);
                    book.Save(booksPath);
                    (backup with { BackupId = restored.BackupId }).Save(backupPath);
                    output.WriteLine($"restored {book.Accounts.Count} account(s) from {restored.BackupId}");
                    foreach (var a in book.Accounts)
                    {
                        output.WriteLine($"  {a.Kind,-5} {a.Name,-32} {a.Status}{(a.Needs is null ? "" : $" (needs {a.Needs})")}");
                    }
                    return 0;
                case "notices":
                    foreach (var n in await device.GetNoticesAsync(cancellationToken))
                    {
                        output.WriteLine($"{n.At:u} {n.Kind}: {n.Message}");
                    }
                    return 0;
                default:
                    error.WriteLine($"unknown command {command}");
                    return 2;
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or ArgumentException or InvalidOperationException)
        {
            error.WriteLine(ex.Message);
            return 1;
        }
    }

    private static async Task SyncAsync(DeviceClient device, LocalAccountBook book, CancellationToken cancellationToken) =>
        book.SyncPairings((await device.ListAccountsAsync(cancellationToken)).PairedUsers);

    private static string Owned(LocalBackupState backup) => backup.BackupId ?? throw new InvalidOperationException("This device has no backup: run backup first.");

    private static string Passcode(IReadOnlyDictionary<string, string> options, TextWriter output, TextReader input)
    {
        if (options.TryGetValue("passcode", out var given) || (given = Environment.GetEnvironmentVariable("PUSHAUTH_BACKUP_PASSCODE")) is not null)
        {
            return given;
        }
        output.Write("backup passcode (4 digits or more): ");
        return input.ReadLine()?.Trim() ?? "";
    }

    private static void Print(TextWriter output, BackupInfo b) =>
        output.WriteLine($"{b.BackupId}: {b.AccountCount} account(s) ({b.PushAccountCount} push) for {b.Channel} {b.MaskedContact}, updated {b.UpdatedAt:u}, passcode set {b.PasscodeChangedAt:u}, {b.Status}, {b.AttemptsLeft} attempts left");
}
