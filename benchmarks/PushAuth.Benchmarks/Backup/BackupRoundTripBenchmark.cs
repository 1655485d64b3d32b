using System.Buffers.Text;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PushAuth.Benchmarks.Approvals;
using PushAuth.DeviceSimulator;
using PushAuth.Messaging;
using PushAuth.Security;
using PushAuth.Security.Backup;
using PushAuth.Testing;

namespace PushAuth.Benchmarks.Backup;

/// <summary>
/// Backup and restore round trips over real HTTP against one silo on SQLite and on PostgreSQL (durable commits). The
/// device's Argon2id runs once in the setup (it is the device's cost, measured by <see cref="PasscodeKdfBenchmark"/>),
/// so the figures are the server's: a backup is one request (one grain write), a restore two (the salt, then the
/// sealed proof: one write).
/// </summary>
public static class BackupRoundTripBenchmark
{
    private const int Contacts = 256;
    private const int Concurrency = 16;
    private const int BlobBytes = 2048;

    public static async Task RunAsync(TextWriter output, TimeSpan duration, CancellationToken cancellationToken)
    {
        var rows = new List<string>();
        var root = Path.Combine(Path.GetTempPath(), "pushauth-backup-bench-" + Guid.NewGuid().ToString("N"));
        // All the setup's verifications come from loopback: lift the per-source limit.
        var fast = new Dictionary<string, string?> { ["PushAuth:Backup:KdfMemoryKiB"] = "19456", ["PushAuth:Backup:KdfIterations"] = "2", ["PushAuth:Contact:SendsPerSourcePerHour"] = "100000" };
        await RunConfigAsync("SQLite", new(fast) { ["PushAuth:Storage:Provider"] = "Sqlite", ["PushAuth:Storage:DataDirectory"] = root }, duration, rows, cancellationToken);
        await using (var server = await PostgresServer.StartDedicatedAsync(durable: true))
        {
            await using var connection = new Npgsql.NpgsqlConnection(server.AdminConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using (var create = new Npgsql.NpgsqlCommand("CREATE DATABASE backups", connection))
            {
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
            await RunConfigAsync("PostgreSQL", new(fast) { ["PushAuth:Storage:Provider"] = "Postgres", ["PushAuth:Storage:ConnectionString"] = server.ConnectionStringFor("backups") },
                duration, rows, cancellationToken);
        }
        output.WriteLine($"Backup and restore round trips over HTTP ({duration.TotalSeconds:0} s each, {Concurrency} concurrent devices, {Contacts} contacts, {BlobBytes} B blobs, one silo, {Environment.ProcessorCount} cores, load in the same process)");
        output.WriteLine();
        output.WriteLine("| engine | backups/s | p50 / p99 ms | restores/s (2 requests) | p50 / p99 ms |");
        output.WriteLine("|---|---:|---:|---:|---:|");
        rows.ForEach(output.WriteLine);
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task RunConfigAsync(string engine, Dictionary<string, string?> settings, TimeSpan duration, List<string> rows, CancellationToken cancellationToken)
    {
        await using var cluster = await BenchCluster.StartAsync(1, settings);
        var inbox = cluster.Services.First().GetRequiredService<IDevContactInbox>();
        // One Argon2id for everyone: the server never sees which passcode or salt a device chose.
        var salt = PasscodeKeys.NewSalt();
        var saltText = Base64Url.EncodeToString(salt);
        using var keys = PasscodeKeys.Derive("4711", salt, KdfParameters.Minimum);
        var kdf = new { algorithm = "argon2id", memoryKiB = KdfParameters.Minimum.MemoryKiB, iterations = KdfParameters.Minimum.Iterations, parallelism = 1 };
        var owners = new (DeviceClient Device, object Body)[Contacts];
        var restorers = new (DeviceClient Device, string BackupId, object Begin, object Unlock)[Contacts];
        await Parallel.ForEachAsync(Enumerable.Range(0, Contacts), new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var owner = await cluster.PairAsync("user" + i, 0, ct);
            var serverKey = Base64Url.DecodeFromChars((await owner.GetBackupParametersAsync(ct)).ServerKey);
            var body = Body(owner, await VerifyAsync(owner, $"bench{i}@example.com", inbox, ct), serverKey, keys, salt, saltText, kdf);
            using (var created = await owner.SendAsync(HttpMethod.Post, "/v1/device/backups", body, ct))
            {
                created.EnsureSuccessStatusCode();
            }
            owners[i] = (owner, body);

            // A second contact whose backup a fresh device restores again and again (it becomes the owner on the first).
            var other = await cluster.PairAsync("other" + i, 0, ct);
            var otherBody = Body(other, await VerifyAsync(other, $"restore{i}@example.com", inbox, ct), serverKey, keys, salt, saltText, kdf);
            using var made = await other.SendAsync(HttpMethod.Post, "/v1/device/backups", otherBody, ct);
            var backupId = (await DeviceClient.ReadAsync<BackupInfo>(made, ct)).BackupId;
            var restorer = new DeviceClient(cluster.Anonymous[0], DeviceKeyPair.Create());
            await restorer.RegisterAsync(cancellationToken: ct);
            var verification = await VerifyAsync(restorer, $"restore{i}@example.com", inbox, ct);
            var proof = BackupSeal.Seal(serverKey, BackupContexts.Unlock(restorer.DeviceId!, backupId, verification, saltText), keys.AuthKey, out _);
            restorers[i] = (restorer, backupId, new { verificationId = verification }, new { verificationId = verification, proof = Base64Url.EncodeToString(proof) });
        });

        var backups = await LoadRunner.RunAsync(Concurrency, duration, async worker =>
        {
            var (device, body) = owners[Random.Shared.Next(Contacts)];
            using var response = await device.SendAsync(HttpMethod.Post, "/v1/device/backups", body, cancellationToken);
            response.EnsureSuccessStatusCode();
        });
        var restores = await LoadRunner.RunAsync(Concurrency, duration, async worker =>
        {
            var (device, backupId, begin, unlock) = restorers[Random.Shared.Next(Contacts)];
            using (var started = await device.SendAsync(HttpMethod.Post, "/v1/device/restores", begin, cancellationToken))
            {
                started.EnsureSuccessStatusCode();
            }
            using var opened = await device.SendAsync(HttpMethod.Post, $"/v1/device/restores/{backupId}/unlock", unlock, cancellationToken);
            opened.EnsureSuccessStatusCode();
        });
        rows.Add($"| {engine} | {backups.PerSecond:N0} | {backups.P50Ms:0.0} / {backups.P99Ms:0.0} | {restores.PerSecond:N0} | {restores.P50Ms:0.0} / {restores.P99Ms:0.0} |"
            + (backups.Errors + restores.Errors > 0 ? $" ({backups.Errors + restores.Errors} errors)" : ""));
    }

    private static object Body(DeviceClient device, string verificationId, byte[] serverKey, PasscodeKeys keys, byte[] salt, string saltText, object kdf)
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        var enrollment = BackupSeal.Seal(serverKey, BackupContexts.Enroll(device.DeviceId!, saltText), [.. keys.AuthKey, .. secret], out _);
        var blob = BackupBlobCipher.Encrypt(keys.BlobKeyShare, secret, salt, RandomNumberGenerator.GetBytes(BlobBytes));
        return new { verificationId, salt = saltText, kdf, enrollment = Base64Url.EncodeToString(enrollment), blob = Base64Url.EncodeToString(blob), accountCount = 10 };
    }

    private static async Task<string> VerifyAsync(DeviceClient device, string address, IDevContactInbox inbox, CancellationToken ct)
    {
        var started = await device.StartContactVerificationAsync("email", address, ct);
        var text = (await inbox.ForDeviceAsync(device.DeviceId!, ct)).First(m => m.Message.VerificationId == started.VerificationId).Message.Text;
        await device.ConfirmContactCodeAsync(started.VerificationId, System.Text.RegularExpressions.Regex.Match(text, @"\b\d{6}\b").Value, ct);
        return started.VerificationId;
    }
}
