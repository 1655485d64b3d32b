using System.Text.Json;
using PushAuth.Push.Fakes;

namespace PushAuth.Push.Tests;

public sealed class StandaloneFakesTests
{
    [Fact]
    public async Task RunAsync_OutFolder_WritesCredentialsThatPassOptionsValidation()
    {
        var folder = Path.Combine(Path.GetTempPath(), "pushauth-fakes-" + Guid.NewGuid().ToString("N"));
        using var stop = new CancellationTokenSource();
        using var output = new StringWriter();
        var run = StandaloneFakes.RunAsync(["--out", folder, "--fcm-port", "0", "--apns-port", "0", "--fcm-http1-port", "0"], output, stop.Token);
        try
        {
            var settingsFile = Path.Combine(folder, "push-fakes.settings.json");
            for (var i = 0; i < 100 && !File.Exists(settingsFile); i++)
            {
                await Task.Delay(100);
            }

            await Task.Delay(100);
            using var settings = JsonDocument.Parse(await File.ReadAllTextAsync(settingsFile));
            var push = settings.RootElement.GetProperty("Push");
            var fcm = push.GetProperty("Fcm").Deserialize<FcmOptions>()!;
            var apns = push.GetProperty("Apns").Deserialize<ApnsOptions>()!;

            Assert.True(new FcmOptionsValidator().Validate(null, fcm).Succeeded);
            Assert.True(new ApnsOptionsValidator().Validate(null, apns).Succeeded);
            Assert.NotEqual(0, fcm.BaseAddress.Port);
            Assert.True(File.Exists(apns.TrustedServerCertificateFile));
        }
        finally
        {
            await stop.CancelAsync();
            Assert.Equal(0, await run);
            Directory.Delete(folder, recursive: true);
        }
    }
}
