using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using PushAuth.Push;

namespace PushAuth.Deploy.Tests;

/// <summary>The push and security settings of compose.yaml and k8s/ against what the silo binds.</summary>
public sealed partial class DeployPushAndSecurityTests
{
    private const string PushPrefix = "PushAuth__Push__";

    [Fact]
    public void Compose_Silos_MountFakesVolumeReadOnlyAndPointAtTheFakes()
    {
        var compose = DeployFolder.LoadYaml(DeployFolder.File("compose.yaml"));
        var services = DeployFolder.Map(compose, "services");
        var fakes = services["push-fakes"];
        var command = DeployFolder.List(fakes, "command").Cast<string>().ToList();

        Assert.Contains("push-fakes", DeployFolder.Map(compose, "volumes").Keys.Cast<string>());
        Assert.Contains("push-fakes:/fakes", DeployFolder.List(fakes, "volumes").Cast<string>());
        Assert.Equal("/fakes", Option(command, "--out"));
        Assert.Contains("--listen-any", command);
        Assert.Equal("push-fakes", Option(command, "--public-host"));
        Assert.Contains("/fakes/push-fakes.settings.json", string.Join(' ', DeployFolder.List(DeployFolder.Map(fakes, "healthcheck"), "test")));
        Assert.All(DeploySettings.ComposeSilos(compose), silo =>
        {
            var environment = DeploySettings.EnvironmentOf(silo.Value);
            Assert.Contains("push-fakes:/fakes:ro", DeployFolder.List(silo.Value, "volumes").Cast<string>());
            Assert.Equal("service_healthy", DeployFolder.Scalar(silo.Value, "depends_on", "push-fakes", "condition"));
            Assert.Equal($"http://push-fakes:{Option(command, "--fcm-port")}/", environment["PushAuth__Push__Fcm__BaseAddress"]);
            Assert.Equal($"https://push-fakes:{Option(command, "--apns-port")}/", environment["PushAuth__Push__Apns__BaseAddress"]);
            Assert.Equal("/fakes/fcm-service-account.json", environment["PushAuth__Push__Fcm__ServiceAccountKeyFile"]);
            Assert.Equal("/fakes/apns-key.p8", environment["PushAuth__Push__Apns__PrivateKeyFile"]);
            Assert.Equal("/fakes/apns-cert.pem", environment["PushAuth__Push__Apns__TrustedServerCertificateFile"]);
            Assert.Equal(Option(command, "--project-id"), environment["PushAuth__Push__Fcm__ProjectId"]);
            Assert.Equal(Option(command, "--team-id"), environment["PushAuth__Push__Apns__TeamId"]);
            Assert.Equal(Option(command, "--key-id"), environment["PushAuth__Push__Apns__KeyId"]);
            Assert.Equal(Option(command, "--bundle-id"), environment["PushAuth__Push__Apns__BundleId"]);
        });
    }

    [Fact]
    public void Dockerfile_FakesStage_PreparesWritableFakesFolderAndDropsRoot()
    {
        var lines = File.ReadAllLines(DeployFolder.File("Dockerfile"));
        var stage = lines
            .SkipWhile(l => !l.StartsWith("FROM ", StringComparison.Ordinal) || !l.EndsWith(" AS fakes", StringComparison.Ordinal))
            .Skip(1)
            .TakeWhile(l => !l.StartsWith("FROM ", StringComparison.Ordinal))
            .Where(l => !l.StartsWith('#'))
            .ToList();
        var chown = stage.FindIndex(l => l.StartsWith("RUN ", StringComparison.Ordinal) && l.Contains("chown", StringComparison.Ordinal) && l.Contains("/fakes", StringComparison.Ordinal));
        var user = stage.FindIndex(l => l.StartsWith("USER ", StringComparison.Ordinal));

        Assert.InRange(chown, 0, int.MaxValue);
        Assert.Contains("$APP_UID", stage[chown], StringComparison.Ordinal);
        Assert.True(user > chown, "USER must follow the RUN that prepares /fakes");
        Assert.Equal("USER $APP_UID", stage[user]);
        Assert.Contains(stage, l => l.StartsWith("ENTRYPOINT ", StringComparison.Ordinal) && l.Contains("PushAuth.Push.Fakes.dll", StringComparison.Ordinal));
    }

    [Fact]
    public void DeployFiles_EveryPushKey_IsABindablePropertyOfFcmOrApnsOptions()
    {
        var settings = PushSettings().ToList();

        Assert.True(settings.Count >= 20, $"only {settings.Count} push settings found");
        Assert.All(settings, setting =>
        {
            var parts = setting.Key[PushPrefix.Length..].Split("__");
            Assert.True(parts.Length == 2, $"{setting.Source}: {setting.Key} is not Section__Property");
            var type = parts[0] switch
            {
                "Fcm" => typeof(FcmOptions),
                "Apns" => typeof(ApnsOptions),
                _ => null,
            };
            Assert.True(type is not null, $"{setting.Source}: {setting.Key} is neither Fcm nor Apns");
            var property = type.GetProperty(parts[1], BindingFlags.Public | BindingFlags.Instance);
            Assert.True(property is { CanWrite: true }, $"{setting.Source}: {type.Name} has no settable property {parts[1]}");
            var converter = TypeDescriptor.GetConverter(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType);
            Assert.True(converter.CanConvertFrom(typeof(string)), $"{setting.Source}: {type.Name}.{parts[1]} cannot be bound from configuration");
            if (setting.Value is { } value && !value.Contains("${", StringComparison.Ordinal))
            {
                Assert.NotNull(converter.ConvertFromInvariantString(value));
            }
        });
    }

    [Fact]
    public void DeployFiles_EveryPushAuthKey_IsABindablePropertyOfItsOptions()
    {
        var settings = DeploySettings.All().Where(s => s.Key.StartsWith(DeploySettings.PushAuthPrefix, StringComparison.Ordinal)).ToList();
        var sections = settings.Select(s => s.Key.Split("__")[1]).ToHashSet(StringComparer.Ordinal);

        Assert.Superset(new HashSet<string>(["Silo", "Storage", "Push", "Security"], StringComparer.Ordinal), sections);
        Assert.All(settings, setting =>
        {
            var parts = setting.Key.Split("__");
            if (parts[1] == "Push")
            {
                // Checked by reflection against FcmOptions/ApnsOptions above.
                Assert.True(parts.Length == 4, $"{setting.Source}: {setting.Key} is not PushAuth__Push__Section__Property");
                return;
            }

            if (parts.Length == 2)
            {
                // A setting of the host itself, not of an options section: the silo's source names it.
                Assert.True(DeploySourceOptions.HostSettings.Contains("PushAuth:" + parts[1]), $"{setting.Source}: {setting.Key} is no setting the silo reads");
                return;
            }

            if (parts[1] == "Contact")
            {
                // PushAuth__Contact__Email__Smtp__Host: the messaging options, read from their source.
                var section = string.Join("__", parts[1..^1]);
                Assert.True(DeploySourceOptions.ContactSections.TryGetValue(section, out var contactClass), $"{setting.Source}: {setting.Key}: {section} is not a section the silo binds");
                Assert.True(DeploySourceOptions.Properties(contactClass).TryGetValue(parts[^1], out var contactProperty), $"{setting.Source}: {contactClass} has no public settable property {parts[^1]}");
                if (setting.Value is { } contactValue && !DeploySettings.IsReference(contactValue))
                {
                    Assert.True(DeploySourceOptions.Binds(contactProperty.Type, contactValue), $"{setting.Source}: {setting.Key}='{contactValue}' does not bind to {contactClass}.{contactProperty.Name}");
                }
                return;
            }

            if (parts.Length == 4 && int.TryParse(parts[3], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                // An array element (TrustedProxies__0): the property is an array of what the element binds to.
                Assert.True(DeploySourceOptions.Sections.TryGetValue(parts[1], out var arrayClass), $"{setting.Source}: {setting.Key}: PushAuth:{parts[1]} is not a section the silo binds");
                Assert.True(DeploySourceOptions.Properties(arrayClass).TryGetValue(parts[2], out var array) && array.Type.EndsWith("[]", StringComparison.Ordinal),
                    $"{setting.Source}: {arrayClass} has no settable array property {parts[2]}");
                return;
            }

            Assert.True(DeploySourceOptions.Sections.TryGetValue(parts[1], out var className), $"{setting.Source}: {setting.Key}: PushAuth:{parts[1]} is not a section the silo binds");
            Assert.True(parts.Length == 3, $"{setting.Source}: {setting.Key} is not PushAuth__{parts[1]}__Property");
            Assert.True(DeploySourceOptions.Properties(className).TryGetValue(parts[2], out var property), $"{setting.Source}: {className} has no public settable property {parts[2]}");
            if (setting.Value is { } value && !DeploySettings.IsReference(value))
            {
                Assert.True(DeploySourceOptions.Binds(property.Type, value), $"{setting.Source}: {setting.Key}='{value}' does not bind to {className}.{property.Name} ({property.Type})");
            }
        });
    }

    [Fact]
    public void DeploySourceOptions_SiloAndStorageOptions_ReadTheirSettablePropertiesOnly()
    {
        var silo = DeploySourceOptions.Properties("SiloOptions");
        var storage = DeploySourceOptions.Properties("StorageOptions");

        Assert.Superset(new HashSet<string>(["Role", "PublicUrl", "ShutdownTimeout", "ClusterId", "ServiceId", "SiloPort", "AdvertisedAddress", "Kubernetes"], StringComparer.Ordinal), silo.Keys.ToHashSet(StringComparer.Ordinal));
        Assert.DoesNotContain("ServesApi", silo.Keys);
        Assert.Superset(new HashSet<string>(["Provider", "DataDirectory", "ConnectionString"], StringComparer.Ordinal), storage.Keys.ToHashSet(StringComparer.Ordinal));
        Assert.DoesNotContain("ResolvedDataDirectory", storage.Keys);
        Assert.Equal("11111", DeploySourceOptions.Default(silo["SiloPort"]));
        Assert.Equal("00:00:30", DeploySourceOptions.Default(silo["ShutdownTimeout"]));
        Assert.Equal("pushauth", DeploySourceOptions.Default(silo["ServiceId"]));
    }

    [Theory]
    [InlineData("SiloRole", "gateway", true)]
    [InlineData("SiloRole", "Api", true)]
    [InlineData("SiloRole", "admin", false)]
    [InlineData("StorageProvider", "Postgres", true)]
    [InlineData("StorageProvider", "AzureStorage", true)]
    [InlineData("StorageProvider", "Postgresql", false)]
    [InlineData("bool", "true", true)]
    [InlineData("bool", "yes", false)]
    [InlineData("int", "11111", true)]
    [InlineData("int", "11111/tcp", false)]
    [InlineData("TimeSpan", "00:00:30", true)]
    [InlineData("TimeSpan", "30s", false)]
    [InlineData("string?", "anything", true)]
    public void DeploySourceOptions_Binds_FollowsTheConfigurationBinder(string type, string value, bool expected) =>
        Assert.Equal(expected, DeploySourceOptions.Binds(type, value));

    [Fact]
    public void DeployFiles_PushSettings_CoverTheRequiredOptions()
    {
        var compose = DeployFolder.LoadYaml(DeployFolder.File("compose.yaml"));
        var silos = DeploySettings.ComposeSilos(compose).Select(s => (s.Key, Keys: DeploySettings.EnvironmentOf(s.Value).Keys.ToHashSet())).ToList();
        var k8s = PushSettings().Where(s => s.Source.StartsWith("k8s", StringComparison.Ordinal)).Select(s => s.Key).ToHashSet();

        Assert.Equal(3, silos.Count);
        Assert.All(silos.Select(s => s.Keys).Append(k8s), keys =>
        {
            foreach (var required in new[] { "Fcm__ProjectId", "Fcm__ServiceAccountKeyFile|Fcm__ServiceAccountJson", "Apns__TeamId", "Apns__KeyId", "Apns__BundleId", "Apns__PrivateKeyFile|Apns__PrivateKeyPem" })
            {
                Assert.True(required.Split('|').Any(k => keys.Contains(PushPrefix + k)), $"none of {required} is set");
            }
        });
    }

    /// <summary>The keys every silo needs outside Development (the validators' required settings).</summary>
    public static readonly string[] RequiredKeySettings = ["PushAuth__Security__TotpKeys", "PushAuth__Security__SessionKey", "PushAuth__Backup__MasterKey", "PushAuth__History__ChainKeys",
        "PushAuth__Oidc__SigningKeys", "PushAuth__Oidc__EncryptionKeys"];

    [Fact]
    public void DeployFiles_HistoryCheckpoints_OnASharedVolumeWhereTheSilosWrite()
    {
        var compose = DeploySettings.Compose();
        Assert.All(DeploySettings.ComposeSilos(compose), silo =>
        {
            var directory = DeploySettings.EnvironmentOf(silo.Value)["PushAuth__History__CheckpointDirectory"];
            Assert.Contains($"history-checkpoints:{directory}", DeployFolder.List(silo.Value, "volumes").Cast<string>());
        });
        Assert.Contains("history-checkpoints:/checkpoints", DeployFolder.List(DeployFolder.Map(compose, "services")["keys"], "volumes").Cast<string>());

        var directoryK8s = DeploySettings.ConfigMapData()["PushAuth__History__CheckpointDirectory"];
        var mount = Assert.Single(DeployFolder.List(DeploySettings.SiloContainer(), "volumeMounts").Cast<Dictionary<object, object>>(), m => DeployFolder.Scalar(m, "mountPath") == directoryK8s);
        var volume = Assert.Single(DeployFolder.List(DeploySettings.PodSpec(), "volumes").Cast<Dictionary<object, object>>(), v => DeployFolder.Scalar(v, "name") == DeployFolder.Scalar(mount, "name"));
        var claim = DeploySettings.K8sManifest("PersistentVolumeClaim");
        Assert.Equal(DeployFolder.Scalar(claim, "metadata", "name"), DeployFolder.Scalar(volume, "persistentVolumeClaim", "claimName"));
        Assert.Contains("ReadWriteMany", DeployFolder.List(DeployFolder.Map(claim, "spec"), "accessModes").Cast<string>());
    }

    [Fact]
    public void Compose_Keys_AreFilesTheKeysOneShotMakesAndNoEnvironmentVariable()
    {
        var compose = DeploySettings.Compose();
        var keys = DeployFolder.Map(compose, "services")["keys"];
        var script = string.Join('\n', DeployFolder.List(keys, "command").Cast<string>());

        Assert.Contains("pushauth-keys:/keys", DeployFolder.List(keys, "volumes").Cast<string>());
        Assert.All(RequiredKeySettings, setting => Assert.Matches($@"\[ -s {setting} \] \|\|", script));
        Assert.Contains("k1:", script, StringComparison.Ordinal);
        Assert.All(DeploySettings.ComposeSilos(compose), silo =>
        {
            var environment = DeploySettings.EnvironmentOf(silo.Value);
            Assert.DoesNotContain(environment.Keys, k => RequiredKeySettings.Any(r => k.StartsWith(r, StringComparison.Ordinal)));
            Assert.Contains("pushauth-keys:/run/secrets/pushauth:ro", DeployFolder.List(silo.Value, "volumes").Cast<string>());
            Assert.Equal("/run/secrets/pushauth", environment["PushAuth__SecretsDirectory"]);
            Assert.Equal("service_completed_successfully", DeployFolder.Scalar(silo.Value, "depends_on", "keys", "condition"));
        });
    }

    [Fact]
    public void K8s_Keys_AreFilesOfTheGeneratedSecretMountedWhereTheSiloReadsThem()
    {
        var configMap = DeploySettings.ConfigMapData();
        var env = DeploySettings.ContainerEnv().Select(e => DeployFolder.Scalar(e, "name")!).ToList();
        var kustomization = DeployFolder.LoadYaml(DeployFolder.File("k8s", "kustomization.yaml"));
        var generator = Assert.Single(DeployFolder.List(kustomization, "secretGenerator").Cast<Dictionary<object, object>>(), g => DeployFolder.Scalar(g, "name") == "pushauth-keys");
        var files = DeployFolder.List(generator, "files").Cast<string>().Select(f => f.Split('=')[0]).ToList();
        var volume = Assert.Single(DeployFolder.List(DeploySettings.PodSpec(), "volumes").Cast<Dictionary<object, object>>(), v => DeployFolder.Scalar(v, "secret", "secretName") == "pushauth-keys");
        var mount = Assert.Single(DeployFolder.List(DeploySettings.SiloContainer(), "volumeMounts").Cast<Dictionary<object, object>>(), m => DeployFolder.Scalar(m, "name") == DeployFolder.Scalar(volume, "name"));

        Assert.Superset(RequiredKeySettings.ToHashSet(), files.ToHashSet());
        Assert.Equal(configMap["PushAuth__SecretsDirectory"], DeployFolder.Scalar(mount, "mountPath"));
        Assert.Equal("true", DeployFolder.Scalar(mount, "readOnly")?.ToLowerInvariant());
        Assert.DoesNotContain(env.Concat(configMap.Keys), k => RequiredKeySettings.Contains(k));
        Assert.Matches("^[A-Za-z0-9_-]{1,32}$", configMap["PushAuth__Security__ActiveTotpKeyId"]);
        var script = File.ReadAllText(DeployFolder.File("k8s", "generate-keys.sh"));
        Assert.All(DeployFolder.List(generator, "files").Cast<string>().Select(f => f.Split('=')[1]), path => Assert.Contains($"[ -s {path} ] ||", script, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("k1:c3RhZ2luZy1vbmx5LXRvdHAta2V5LW5vdC1wcm9kISE=", new[] { "k1" })]
    [InlineData("k2:c3RhZ2luZy1vbmx5LXRvdHAta2V5LW5vdC1wcm9kISE=; k1:c3RhZ2luZy1vbmx5LXNlc3Npb24ta2V5LTMyYnl0ZXM=", new[] { "k2", "k1" })]
    public void TotpKeyIds_ValidRing_ReturnsIds(string ring, string[] expected) => Assert.Equal(expected, TotpKeyIds(ring));

    [Theory]
    [InlineData("c3RhZ2luZy1vbmx5LWtleS1ub3QtZm9yLXByb2R1Y3Rpb24=")]
    [InlineData("k1:c3RhZ2luZy1vbmx5LWtleS1ub3QtZm9yLXByb2R1Y3Rpb24=")]
    [InlineData("k1:not base64")]
    public void TotpKeyIds_InvalidRing_Throws(string ring) => Assert.ThrowsAny<Exception>(() => TotpKeyIds(ring));

    /// <summary>The key ids of a <c>keyId:base64(32 bytes)[;…]</c> ring; throws when an entry does not have that form.</summary>
    private static List<string> TotpKeyIds(string ring) =>
        [.. ring.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(entry =>
        {
            var colon = entry.IndexOf(':', StringComparison.Ordinal);
            Assert.True(colon > 0, $"'{entry}' is not keyId:base64");
            Assert.Matches("^[A-Za-z0-9_-]{1,32}$", entry[..colon]);
            Assert.Equal(32, Convert.FromBase64String(entry[(colon + 1)..]).Length);
            return entry[..colon];
        })];

    /// <summary>The default of a compose <c>${VARIABLE:-default}</c> value, or the value itself.</summary>
    private static string DefaultOf(string value) => Interpolation().Match(value) is { Success: true } match ? match.Groups[1].Value : value;

    private static string? Option(List<string> command, string name)
    {
        var index = command.IndexOf(name);
        return index >= 0 && index + 1 < command.Count ? command[index + 1] : null;
    }

    /// <summary>Every PushAuth__Push__* setting in the deploy files, with its value when it is not a secret reference.</summary>
    private static IEnumerable<(string Source, string Key, string? Value)> PushSettings() =>
        DeploySettings.All().Where(s => s.Key.StartsWith(PushPrefix, StringComparison.Ordinal)).Select(s => (s.Source, s.Key, s.Value));

    [GeneratedRegex(@"^\$\{[A-Za-z_][A-Za-z0-9_]*:?-(.*)\}$")]
    private static partial Regex Interpolation();
}
