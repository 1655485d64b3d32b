using System.Net;
using System.Text.RegularExpressions;

namespace PushAuth.Deploy.Tests;

/// <summary>The manifests of deploy/ rendered (YAML parsed, anchors and kustomize generators resolved) and their
/// references checked: every key the silo requires is provided as a secret, every Secret referenced exists with the key
/// asked for, and images, ports, hosts and names agree between the Deployment, the bootstrap Job, the Service, the
/// Ingress, the ConfigMap, the Dockerfile and compose.</summary>
public sealed partial class DeployReferencesTests
{
    /// <summary>The key settings the silo refuses to start without outside Development, read from the validators'
    /// <c>KeyRequirement.Missing("PushAuth:…")</c> calls (and the OpenID Provider's <c>RequireKey(errors, "PushAuth:…"</c>)
    /// under src/, as environment variable names.</summary>
    private static List<string> RequiredKeys() =>
        [.. Directory.EnumerateFiles(Path.Combine(DeployFolder.RepositoryRoot, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal))
            .SelectMany(f => KeyRequirementCall().Matches(File.ReadAllText(f)))
            .Select(m => m.Groups[1].Value.Replace(":", "__", StringComparison.Ordinal))
            .Distinct()
            .Order(StringComparer.Ordinal)];

    private static Dictionary<string, HashSet<string>> GeneratedSecrets(string kustomizationPath)
    {
        var kustomization = DeployFolder.LoadYaml(kustomizationPath);
        return DeployFolder.List(kustomization, "secretGenerator").Cast<Dictionary<object, object>>().ToDictionary(
            g => DeployFolder.Scalar(g, "name")!,
            g => DeployFolder.List(g, "files").Cast<string>().Select(f => f.Split('=')[0]).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>Every (secret, key) a manifest asks for: <c>secretKeyRef</c>s and secret volumes (key null).</summary>
    private static IEnumerable<(string Secret, string? Key)> SecretReferences(object? node)
    {
        switch (node)
        {
            case Dictionary<object, object> map:
                if (map.TryGetValue("secretKeyRef", out var reference))
                {
                    yield return (DeployFolder.Scalar(reference, "name")!, DeployFolder.Scalar(reference, "key"));
                }
                if (map.TryGetValue("secret", out var volume) && DeployFolder.Scalar(volume, "secretName") is { } volumeSecret)
                {
                    yield return (volumeSecret, null);
                }
                foreach (var child in map.Values.SelectMany(SecretReferences))
                {
                    yield return child;
                }
                break;
            case List<object> list:
                foreach (var child in list.SelectMany(SecretReferences))
                {
                    yield return child;
                }
                break;
        }
    }

    [Fact]
    public void RequiredKeys_ReadFromTheValidators_AreTheSixKeys()
    {
        Assert.Equal(["PushAuth__Backup__MasterKey", "PushAuth__History__ChainKeys", "PushAuth__Oidc__EncryptionKeys", "PushAuth__Oidc__SigningKeys",
            "PushAuth__Security__SessionKey", "PushAuth__Security__TotpKeys"], RequiredKeys());
    }

    [Fact]
    public void K8s_EveryKeyTheSiloRequires_IsAFileOfTheKeysSecretMountedForTheSiloAndTheBootstrap()
    {
        var secrets = GeneratedSecrets(DeployFolder.File("k8s", "kustomization.yaml"));
        var directory = DeploySettings.ConfigMapData()["PushAuth__SecretsDirectory"];

        Assert.Superset(RequiredKeys().ToHashSet(), secrets["pushauth-keys"]);
        foreach (var (pod, container) in new[] { (DeploySettings.PodSpec(), DeploySettings.SiloContainer()), (DeploySettings.BootstrapPodSpec(), DeploySettings.BootstrapContainer()) })
        {
            var volume = Assert.Single(DeployFolder.List(pod, "volumes").Cast<Dictionary<object, object>>(), v => DeployFolder.Scalar(v, "secret", "secretName") == "pushauth-keys");
            Assert.Contains(DeployFolder.List(container, "volumeMounts").Cast<Dictionary<object, object>>(),
                m => DeployFolder.Scalar(m, "name") == DeployFolder.Scalar(volume, "name") && DeployFolder.Scalar(m, "mountPath") == directory);
        }
    }

    [Fact]
    public void Compose_EveryKeyTheSiloRequires_IsWrittenByTheKeysOneShot()
    {
        var script = string.Join('\n', DeployFolder.List(DeployFolder.Map(DeploySettings.Compose(), "services")["keys"], "command").Cast<string>());

        Assert.All(RequiredKeys(), key => Assert.Contains($"[ -s {key} ] ||", script, StringComparison.Ordinal));
    }

    [Fact]
    public void K8s_EverySecretReferenced_IsGeneratedWithTheKeyAskedFor()
    {
        var generated = GeneratedSecrets(DeployFolder.File("k8s", "kustomization.yaml"));
        var references = DeploySettings.K8sManifests().Append(DeploySettings.BootstrapJob()).SelectMany(SecretReferences).ToList();

        Assert.Contains(references, r => r.Secret == "pushauth-secrets");
        Assert.All(references, r =>
        {
            Assert.True(generated.TryGetValue(r.Secret, out var keys), $"Secret {r.Secret} is referenced but not generated");
            Assert.True(r.Key is null || keys.Contains(r.Key), $"Secret {r.Secret} has no key {r.Key}");
        });
        var script = File.ReadAllText(DeployFolder.File("k8s", "generate-keys.sh"));
        Assert.All(DeployFolder.List(DeployFolder.LoadYaml(DeployFolder.File("k8s", "kustomization.yaml")), "secretGenerator").Cast<Dictionary<object, object>>()
            .Single(g => DeployFolder.Scalar(g, "name") == "pushauth-keys")["files"] is List<object> files ? files.Cast<string>() : [],
            f => Assert.Contains($"[ -s {f.Split('=')[1]} ] ||", script, StringComparison.Ordinal));
    }

    [Fact]
    public void K8s_Contact_SmtpAndTwilioCredentialsAreSecrets()
    {
        var configMap = DeploySettings.ConfigMapData();
        foreach (var container in new[] { DeploySettings.SiloContainer(), DeploySettings.BootstrapContainer() })
        {
            var env = DeployFolder.List(container, "env").Cast<Dictionary<object, object>>().ToList();
            foreach (var secret in new[] { "PushAuth__Contact__Email__Smtp__Password", "PushAuth__Contact__Sms__Twilio__ApiKeySecret" })
            {
                Assert.NotNull(DeployFolder.Scalar(Assert.Single(env, e => DeployFolder.Scalar(e, "name") == secret), "valueFrom", "secretKeyRef", "key"));
            }
        }
        Assert.Contains("PushAuth__Contact__Email__Smtp__Host", configMap.Keys);
        Assert.Contains("PushAuth__Contact__Sms__Twilio__AccountSid", configMap.Keys);
        Assert.DoesNotContain(configMap.Keys, k => k.EndsWith("Password", StringComparison.Ordinal) || k.EndsWith("Secret", StringComparison.Ordinal) || k.EndsWith("AuthToken", StringComparison.Ordinal));
    }

    [Fact]
    public void K8s_BootstrapJob_RunsTheSameImageAndSettingsAsTheSilos()
    {
        var job = DeploySettings.BootstrapContainer();
        var silo = DeploySettings.SiloContainer();
        var main = DeployFolder.LoadYaml(DeployFolder.File("k8s", "kustomization.yaml"));
        var bootstrap = DeployFolder.LoadYaml(DeployFolder.File("k8s", "bootstrap", "kustomization.yaml"));
        Dictionary<object, object> Image(Dictionary<object, object> k) => Assert.IsType<Dictionary<object, object>>(Assert.Single(DeployFolder.List(k, "images")));

        Assert.Equal(DeployFolder.Scalar(silo, "image"), DeployFolder.Scalar(job, "image"));
        Assert.Equal(Image(main), Image(bootstrap));
        Assert.Equal(DeployFolder.Scalar(Image(main), "name"), DeployFolder.Scalar(silo, "image")!.Split(':')[0]);
        Assert.Equal(DeployFolder.Scalar(main, "namespace"), DeployFolder.Scalar(bootstrap, "namespace"));
        Assert.Equal("bootstrap-tenant", DeployFolder.List(job, "args")[0]);
        Assert.Equal("pushauth-config", DeployFolder.Scalar(Assert.Single(DeployFolder.List(job, "envFrom")), "configMapRef", "name"));
        var siloSecrets = SecretReferences(DeployFolder.List(silo, "env")).ToHashSet();
        Assert.Superset(siloSecrets, SecretReferences(DeployFolder.List(job, "env")).ToHashSet());
        Assert.Equal("Never", DeployFolder.Scalar(DeploySettings.BootstrapPodSpec(), "restartPolicy"));
    }

    [Fact]
    public void K8s_PortsServiceAndIngress_Agree()
    {
        var configMap = DeploySettings.ConfigMapData();
        var httpPort = int.Parse(configMap["ASPNETCORE_HTTP_PORTS"], System.Globalization.CultureInfo.InvariantCulture);
        var ports = DeployFolder.List(DeploySettings.SiloContainer(), "ports").Cast<Dictionary<object, object>>().ToList();
        var http = Assert.Single(ports, p => DeployFolder.Scalar(p, "name") == "http");
        var service = DeploySettings.K8sManifest("Service");
        var servicePort = Assert.Single(DeployFolder.List(DeployFolder.Map(service, "spec"), "ports").Cast<Dictionary<object, object>>());
        var ingress = DeploySettings.K8sManifest("Ingress");
        var rule = Assert.IsType<Dictionary<object, object>>(Assert.Single(DeployFolder.List(DeployFolder.Map(ingress, "spec"), "rules")));
        var backend = DeployFolder.Map(DeployFolder.Map(Assert.Single(DeployFolder.List(DeployFolder.Map(rule, "http"), "paths")), "backend"), "service");
        var tls = Assert.IsType<Dictionary<object, object>>(Assert.Single(DeployFolder.List(DeployFolder.Map(ingress, "spec"), "tls")));
        var publicUrl = new Uri(configMap["PushAuth__Silo__PublicUrl"]);
        var dockerfile = DeployFilesTests.DockerInstructions(File.ReadAllText(DeployFolder.File("Dockerfile")));

        Assert.Equal(httpPort.ToString(System.Globalization.CultureInfo.InvariantCulture), DeployFolder.Scalar(http, "containerPort"));
        Assert.Contains(dockerfile, i => i.Keyword == "EXPOSE" && i.Arguments.Split(' ').Contains(DeployFolder.Scalar(http, "containerPort")));
        Assert.Contains(ports, p => DeployFolder.Scalar(p, "containerPort") == configMap["PushAuth__Silo__SiloPort"]);
        Assert.Equal("http", DeployFolder.Scalar(servicePort, "targetPort"));
        Assert.Equal(DeployFolder.Scalar(service, "metadata", "name"), DeployFolder.Scalar(backend, "name"));
        Assert.Equal(DeployFolder.Scalar(servicePort, "name"), DeployFolder.Scalar(backend, "port", "name"));
        Assert.Equal("https", publicUrl.Scheme);
        Assert.Equal(publicUrl.Host, DeployFolder.Scalar(rule, "host"));
        Assert.Contains(publicUrl.Host, DeployFolder.List(tls, "hosts").Cast<string>());
        Assert.NotNull(DeployFolder.Scalar(tls, "secretName"));
        // The TLS Secret is cert-manager's to make: its issuer is named, no other tool is implied.
        Assert.NotNull(DeployFolder.Scalar(ingress, "metadata", "annotations", "cert-manager.io/cluster-issuer"));
        Assert.True(IPNetwork.TryParse(configMap["PushAuth__Silo__TrustedProxies__0"], out _), "TrustedProxies__0 is a CIDR");
    }

    [Fact]
    public void Compose_Bootstrap_IsAnOnDemandOneShotOfTheSiloImageWithTheSilosSettings()
    {
        var services = DeployFolder.Map(DeploySettings.Compose(), "services");
        var bootstrap = Assert.IsType<Dictionary<object, object>>(services["bootstrap"]);
        var silo = DeploySettings.ComposeSilos(DeploySettings.Compose())[0].Value;

        Assert.Equal(["bootstrap"], DeployFolder.List(bootstrap, "profiles").Cast<string>());
        Assert.Equal("bootstrap-tenant", DeployFolder.List(bootstrap, "command")[0]);
        Assert.Equal(DeployFolder.Scalar(silo, "image"), DeployFolder.Scalar(bootstrap, "image"));
        Assert.Equal(DeploySettings.EnvironmentOf(silo).Keys.Where(k => k.StartsWith("PushAuth__", StringComparison.Ordinal)).Order(),
            DeploySettings.EnvironmentOf(bootstrap).Keys.Where(k => k.StartsWith("PushAuth__", StringComparison.Ordinal)).Order());
        Assert.Contains("pushauth-keys:/run/secrets/pushauth:ro", DeployFolder.List(bootstrap, "volumes").Cast<string>());
    }

    [GeneratedRegex(@"(?:KeyRequirement\.Missing\(|RequireKey\(errors, )""(PushAuth:[A-Za-z:]+)""")]
    private static partial Regex KeyRequirementCall();
}
