using System.Diagnostics;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PushAuth.Abstractions;
using PushAuth.DeviceSimulator;
using PushAuth.Security;
using PushAuth.Silo.Tests.Backup;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Security;

/// <summary>Outside Development no key lives in the database: a silo without its keys refuses to start and names each
/// missing one, no development key is ever made or handed out, keys come from the environment or from secret files,
/// and every key rotates by key id.</summary>
public sealed class KeyConfigurationTests
{
    private static string NewDirectory(string prefix) => Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Start_ProductionWithoutKeys_RefusesInOneLineNamingEachMissingKeyAndWritesNothing()
    {
        var data = NewDirectory("pushauth-nokeys-");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "PushAuth.Silo.dll"), "--urls", $"http://127.0.0.1:{SiloTestHost.FreePort()}",
                     $"--PushAuth:Silo:SiloPort={SiloTestHost.FreePort()}", $"--PushAuth:Storage:DataDirectory={data}", "--PushAuth:Silo:PublicUrl=https://login.example.com" })
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("a Production silo without keys started; stdout: " + await stdout);
        }

        var error = (await stderr).Trim();
        Assert.Equal(1, process.ExitCode);
        Assert.DoesNotContain('\n', error);
        Assert.StartsWith("error: the silo cannot start:", error, StringComparison.Ordinal);
        foreach (var setting in new[] { "PushAuth:Backup:MasterKey", "PushAuth:Security:SessionKey", "PushAuth:Security:TotpKeys" })
        {
            Assert.Contains(setting + " is required outside Development", error, StringComparison.Ordinal);
        }
        Assert.False(File.Exists(Path.Combine(data, "pushauth.db")) && CountRows(data, "systemkeys") > 0, "no key row may be written");
    }

    [Fact]
    public async Task SystemKeysGrain_OutsideDevelopment_HandsOutNoKeyAndTheFlowsWriteNoKeyRow()
    {
        var data = NewDirectory("pushauth-keys-");
        await using (var s = await Scenario.OnSilosAsync([await SiloTestHost.StartSqliteAsync(data)]))
        {
            var device = await s.DeviceAsync();
            await s.PairAsync(device, "alice");
            using (var totp = await s.Login.PostAsync("/v1/users/alice/totp", new StringContent("{}", System.Text.Encoding.UTF8, "application/json")))
            {
                Assert.Equal(HttpStatusCode.Created, totp.StatusCode);
            }
            await BackupTestKit.VerifyAsync(device, "alice@example.com");

            var grains = s.Silos[0].Services.GetRequiredService<IGrainFactory>();
            var refused = await Assert.ThrowsAnyAsync<Exception>(() => grains.GetGrain<ISystemKeysGrain>("default").GetOrCreateAsync("session"));
            Assert.Contains("outside Development", refused.Message, StringComparison.Ordinal);
        }

        Assert.Equal(0, CountRows(data, "systemkeys"));
    }

    [Fact]
    public async Task Start_KeysFromMountedSecretFiles_AreTheKeysInUse()
    {
        var secrets = Directory.CreateDirectory(NewDirectory("pushauth-secrets-")).FullName;
        var session = "f1:" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        // As a Kubernetes Secret mounted as a volume writes them: one file per key, a trailing newline from `echo`.
        await File.WriteAllTextAsync(Path.Combine(secrets, "PushAuth__Security__SessionKey"), session + "\n");
        await File.WriteAllTextAsync(Path.Combine(secrets, "PushAuth__Security__TotpKeys"), TestKeys.TotpKeys + "\n");
        await File.WriteAllTextAsync(Path.Combine(secrets, "PushAuth__Backup__MasterKey"), TestKeys.BackupMasterKey + "\n");

        await using var silo = await SiloTestHost.StartSqliteAsync(extra: new Dictionary<string, string?>
        {
            ["PushAuth:Security:SessionKey"] = "", ["PushAuth:Security:TotpKeys"] = "", ["PushAuth:Backup:MasterKey"] = "",
            ["PushAuth:SecretsDirectory"] = secrets,
        });

        // The session key in use, seen through what the silo derives from it (the key itself never leaves the grains).
        var derived = await silo.Services.GetRequiredService<IHostKeys>().DeriveAsync("test/mounted", CancellationToken.None);
        var mounted = HmacKeyRing.Parse(session);
        Assert.Equal("f1", mounted.ActiveKeyId);
        Assert.Equal(System.Security.Cryptography.HKDF.DeriveKey(System.Security.Cryptography.HashAlgorithmName.SHA256, mounted.ActiveKey, 32, info: "test/mounted"u8.ToArray()),
            derived);
    }

    [Fact]
    public async Task SessionKey_Rotated_OldTokensLiveOnWhileTheOldKeyStaysInTheRing()
    {
        var data = NewDirectory("pushauth-rotate-");
        var old = "s1:" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var next = "s2:" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        string token;
        string deviceId;
        string key;
        await using (var first = await SiloTestHost.StartSqliteAsync(data, new Dictionary<string, string?> { ["PushAuth:Security:SessionKey"] = old }))
        {
            using var device = new DeviceClient(new HttpClient { BaseAddress = first.BaseAddress }, DeviceKeyPair.Create());
            await device.RegisterAsync();
            deviceId = device.DeviceId!;
            key = device.Key.ExportPkcs8();
            token = await device.OpenSessionAsync();
        }

        await using (var rotated = await SiloTestHost.StartSqliteAsync(data, new Dictionary<string, string?>
        {
            ["PushAuth:Security:SessionKey"] = next + ";" + old, ["PushAuth:Security:ActiveSessionKeyId"] = "s2",
        }))
        {
            Assert.Equal(HttpStatusCode.OK, await GetDeviceAsync(rotated, token));
            using var device = new DeviceClient(new HttpClient { BaseAddress = rotated.BaseAddress }, DeviceKeyPair.ImportPkcs8(key));
            device.UseDevice(deviceId);
            token = await device.OpenSessionAsync();
            Assert.Equal(HttpStatusCode.OK, await GetDeviceAsync(rotated, token));
        }

        await using var retired = await SiloTestHost.StartSqliteAsync(data, new Dictionary<string, string?> { ["PushAuth:Security:SessionKey"] = old });
        Assert.Equal(HttpStatusCode.Unauthorized, await GetDeviceAsync(retired, token));
    }

    [Fact]
    public async Task BackupMasterKey_Rotated_OldBackupRestoresUnderTheRetiredKeyAndNewOnesUseTheActiveKey()
    {
        var data = NewDirectory("pushauth-master-");
        var next = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        string oldKeyId;
        await using (var s = await Scenario.OnSilosAsync([await SiloTestHost.StartSqliteAsync(data, BackupTestKit.FastKdf)]))
        {
            oldKeyId = (await s.Silos[0].Services.GetRequiredService<IBackupService>().ParametersAsync(CancellationToken.None)).KeyId;
            await BackupTestKit.BackedUpDeviceAsync(s, "alice@example.com", "4711");
        }

        await using var rotated = await SiloTestHost.StartSqliteAsync(data, BackupTestKit.With(new()
        {
            ["PushAuth:Backup:MasterKey"] = next, ["PushAuth:Backup:RetiredMasterKeys"] = TestKeys.BackupMasterKey, ["PushAuth:Backup:ContactKeyId"] = oldKeyId,
        }, []));
        var backups = rotated.Services.GetRequiredService<IBackupService>();
        Assert.NotEqual(oldKeyId, (await backups.ParametersAsync(CancellationToken.None)).KeyId);
        using var phone = new DeviceClient(new HttpClient { BaseAddress = rotated.BaseAddress }, DeviceKeyPair.Create());
        await phone.RegisterAsync();
        var restored = await phone.RestoreAsync(await BackupTestKit.VerifyAsync(phone, "alice@example.com"), "4711");
        Assert.Equal(BackupTestKit.Accounts(), restored.Plaintext);
    }

    private static async Task<HttpStatusCode> GetDeviceAsync(SiloTestHost silo, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/device");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Device", token);
        using var response = await silo.Client.SendAsync(request);
        return response.StatusCode;
    }

    private static long CountRows(string dataDirectory, string stateName)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "pushauth.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
        var tables = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }
        long rows = 0;
        foreach (var table in tables)
        {
            using var count = connection.CreateCommand();
            count.CommandText = $"SELECT * FROM \"{table}\"";
            using var reader = count.ExecuteReader();
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (reader.GetValue(i) is string text && text.Contains(stateName, StringComparison.Ordinal))
                    {
                        rows++;
                        break;
                    }
                }
            }
        }
        return rows;
    }
}
