namespace PushAuth.Client.Tests.Packaging;

/// <summary>What an integrator starts from: a new console project outside this repository (none of its build settings),
/// whose only package source is a folder, and a program that uses both halves of the package.</summary>
public static class FreshConsoleProject
{
    /// <summary>Writes the project, its nuget.config (only <paramref name="feed"/>; packages installed under
    /// <paramref name="packagesFolder"/>, so a copy left in the machine's cache from another build is never what runs).</summary>
    public static void Write(string directory, string feed, string packagesFolder)
    {
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{packagesFolder}" />
              </config>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(directory, "SignInApp.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), Program);
    }

    /// <summary>A phone pairs with alice, the login service asks for a push, the phone approves with the number, the login
    /// service long-polls the outcome. Arguments: the silo's URL and a login-service key.</summary>
    private const string Program = """
        using PushAuth.Client;
        using PushAuth.Client.Devices;

        var server = new Uri(args[0]);
        using var loginHttp = new HttpClient { BaseAddress = server };
        loginHttp.DefaultRequestHeaders.Authorization = new("Bearer", args[1]);
        var login = new PushAuthClient(loginHttp);

        using var phoneHttp = new HttpClient { BaseAddress = server };
        using var phone = new DeviceClient(phoneHttp, DeviceKeyPair.Create());
        await phone.RegisterAsync(displayName: "Package test phone");
        var phrase = await phone.RequestPairingPhraseAsync();
        await login.ClaimPairingPhraseAsync(phrase.Phrase, "alice", "Package Test");
        var asked = await phone.WaitForPairingRequestAsync(phrase.PairingId, TimeSpan.FromSeconds(10)) ?? throw new InvalidOperationException("no pairing request");
        using (var confirmed = await phone.ConfirmPairingAsync(asked.PairingId, accept: true))
        {
            await DeviceClient.EnsureSuccessAsync(confirmed, CancellationToken.None);
        }

        var challenge = await login.CreateChallengeAsync("alice", new ChallengeContext("Package Test", "Sign in", SourceIp: "203.0.113.7"));
        var outcome = login.WaitForChallengeAsync(challenge.ChallengeId, TimeSpan.FromSeconds(20));
        var pending = (await phone.PullAsync()).Single(c => c.ChallengeId == challenge.ChallengeId);
        using (var answered = await phone.AnswerAsync(pending, approve: true, number: challenge.NumberMatch))
        {
            await DeviceClient.EnsureSuccessAsync(answered, CancellationToken.None);
        }
        var result = await outcome;
        Console.WriteLine($"challenge {result.ChallengeId} {result.Status}");
        return result.IsApproved ? 0 : 1;
        """;
}
