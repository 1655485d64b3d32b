namespace PushAuth.Deploy.Tests;

/// <summary>One environment variable that a deploy file sets: where, its name, and its literal value (null when it
/// comes from a Secret, the downward API or another reference).</summary>
internal sealed record DeploySetting(string Source, string Key, string? Value);

/// <summary>The silos and environment variables of compose.yaml, k8s/ and the Dockerfile.</summary>
internal static class DeploySettings
{
    public const string PushAuthPrefix = "PushAuth__";

    public static Dictionary<object, object> Compose() => DeployFolder.LoadYaml(DeployFolder.File("compose.yaml"));

    /// <summary>The compose services that run the silo (they set a role), not the on-demand one-shots (a profile).</summary>
    public static List<KeyValuePair<string, Dictionary<object, object>>> ComposeSilos(Dictionary<object, object> compose) =>
        [.. DeployFolder.Map(compose, "services")
            .Where(s => DeployFolder.Scalar(s.Value, "environment", "PushAuth__Silo__Role") is not null && !((Dictionary<object, object>)s.Value).ContainsKey("profiles"))
            .Select(s => KeyValuePair.Create((string)s.Key, Assert.IsType<Dictionary<object, object>>(s.Value)))];

    public static Dictionary<string, string> EnvironmentOf(object service) =>
        DeployFolder.Map(service, "environment").ToDictionary(e => (string)e.Key, e => Assert.IsType<string>(e.Value));

    public static List<object> K8sManifests() =>
        [.. Directory.EnumerateFiles(DeployFolder.File("k8s"), "*.yaml").Order(StringComparer.Ordinal).SelectMany(DeployFolder.LoadYamlDocuments).OfType<object>()];

    public static Dictionary<object, object> K8sManifest(string kind) =>
        Assert.IsType<Dictionary<object, object>>(Assert.Single(K8sManifests(), m => DeployFolder.Scalar(m, "kind") == kind));

    public static Dictionary<object, object> PodSpec() =>
        DeployFolder.Map(DeployFolder.Map(DeployFolder.Map(K8sManifest("Deployment"), "spec"), "template"), "spec");

    public static Dictionary<object, object> PodLabels() =>
        DeployFolder.Map(DeployFolder.Map(DeployFolder.Map(DeployFolder.Map(K8sManifest("Deployment"), "spec"), "template"), "metadata"), "labels");

    public static Dictionary<object, object> SiloContainer() =>
        Assert.IsType<Dictionary<object, object>>(Assert.Single(DeployFolder.List(PodSpec(), "containers")));

    public static List<Dictionary<object, object>> ContainerEnv() =>
        [.. DeployFolder.List(SiloContainer(), "env").Cast<Dictionary<object, object>>()];

    public static Dictionary<string, string> ConfigMapData() =>
        DeployFolder.Map(K8sManifest("ConfigMap"), "data").ToDictionary(e => (string)e.Key, e => Assert.IsType<string>(e.Value));

    /// <summary>What the silo container sees for a key: its env entry (literal value, null for a reference), else the ConfigMap.</summary>
    public static bool TryGetK8sValue(string key, out string? value)
    {
        if (ContainerEnv().FirstOrDefault(e => DeployFolder.Scalar(e, "name") == key) is { } entry)
        {
            value = DeployFolder.Scalar(entry, "value");
            return true;
        }

        if (ConfigMapData().TryGetValue(key, out var configured))
        {
            value = configured;
            return true;
        }

        value = null;
        return false;
    }

    /// <summary>Every environment variable of compose.yaml, k8s/ (ConfigMap and the silo container) and the Dockerfile.</summary>
    public static IEnumerable<DeploySetting> All()
    {
        foreach (var (name, service) in DeployFolder.Map(Compose(), "services"))
        {
            if (service is Dictionary<object, object> map && map.ContainsKey("environment"))
            {
                foreach (var (key, value) in EnvironmentOf(service))
                {
                    yield return new($"compose {name}", key, value);
                }
            }
        }

        foreach (var (key, value) in ConfigMapData())
        {
            yield return new("k8s configmap", key, value);
        }

        foreach (var entry in ContainerEnv())
        {
            yield return new("k8s deployment", DeployFolder.Scalar(entry, "name")!, DeployFolder.Scalar(entry, "value"));
        }

        foreach (var entry in DeployFolder.List(BootstrapContainer(), "env").Cast<Dictionary<object, object>>())
        {
            yield return new("k8s bootstrap job", DeployFolder.Scalar(entry, "name")!, DeployFolder.Scalar(entry, "value"));
        }

        foreach (var (key, value) in DockerfileEnv())
        {
            yield return new("Dockerfile", key, value);
        }
    }

    /// <summary>The bootstrap Job (deploy/k8s/bootstrap/, a kustomization of its own).</summary>
    public static Dictionary<object, object> BootstrapJob() => DeployFolder.LoadYaml(DeployFolder.File("k8s", "bootstrap", "job.yaml"));

    /// <summary>The bootstrap Job's pod spec.</summary>
    public static Dictionary<object, object> BootstrapPodSpec() =>
        DeployFolder.Map(DeployFolder.Map(DeployFolder.Map(BootstrapJob(), "spec"), "template"), "spec");

    /// <summary>The bootstrap Job's one container.</summary>
    public static Dictionary<object, object> BootstrapContainer() =>
        Assert.IsType<Dictionary<object, object>>(Assert.Single(DeployFolder.List(BootstrapPodSpec(), "containers")));

    /// <summary>The <c>ENV key=value [key=value…]</c> pairs of the Dockerfile, continuation lines joined.</summary>
    public static IEnumerable<(string Key, string Value)> DockerfileEnv() =>
        DeployFilesTests.DockerInstructions(File.ReadAllText(DeployFolder.File("Dockerfile")))
            .Where(i => i.Keyword == "ENV")
            .SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(pair =>
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                Assert.True(equals > 0, $"Dockerfile ENV '{pair}' is not key=value");
                return (pair[..equals], pair[(equals + 1)..].Trim('"'));
            });

    /// <summary>True for a value that is resolved where it runs (<c>${VAR}</c> in compose, <c>$(VAR)</c> in Kubernetes).</summary>
    public static bool IsReference(string value) => value.Contains("${", StringComparison.Ordinal) || value.Contains("$(", StringComparison.Ordinal);
}
