using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace PushAuth.Deploy.Tests;

/// <summary>The Orleans cluster that compose.yaml, k8s/ and the Dockerfile set up: ids, silo port, advertised
/// addresses, Orleans' Kubernetes hosting and its RBAC, shutdown timing.</summary>
public sealed partial class DeployOrleansTests
{
    private const string SiloPrefix = "PushAuth__Silo__";

    [Fact]
    public void Compose_Silos_ThreeOnPostgresWithOneClusterIdAndServiceIdAndEveryRole()
    {
        var silos = DeploySettings.ComposeSilos(DeploySettings.Compose()).Select(s => DeploySettings.EnvironmentOf(s.Value)).ToList();

        Assert.Equal(3, silos.Count);
        Assert.Equal(["all", "api", "gateway"], silos.Select(e => e[SiloPrefix + "Role"].ToLowerInvariant()).Order(StringComparer.Ordinal));
        Assert.All(silos, e => Assert.Equal("Postgres", e["PushAuth__Storage__Provider"]));
        foreach (var id in new[] { "ClusterId", "ServiceId" })
        {
            // Set on every silo, not left to the default, and the same everywhere.
            Assert.All(silos, e => Assert.False(string.IsNullOrWhiteSpace(e.GetValueOrDefault(SiloPrefix + id)), $"{SiloPrefix}{id} is not set"));
            Assert.Single(silos.Select(e => e[SiloPrefix + id]).Distinct(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void Compose_Silos_ExposeTheSiloPortToEachOtherWithoutPublishingIt()
    {
        var silos = DeploySettings.ComposeSilos(DeploySettings.Compose());

        Assert.All(silos, silo =>
        {
            var port = Effective(DeploySettings.EnvironmentOf(silo.Value), "SiloPort");
            Assert.Equal("11111", port);
            Assert.Contains(port, DeployFolder.List(silo.Value, "expose").Select(p => Convert.ToString(p, CultureInfo.InvariantCulture)));
            var published = silo.Value.TryGetValue("ports", out var ports) ? ((List<object>)ports).Select(p => ContainerPort(Assert.IsType<string>(p))) : [];
            Assert.DoesNotContain(port, published);
        });
    }

    [Fact]
    public void Compose_Silos_EachAdvertisesItsOwnContainerAddress()
    {
        var silos = DeploySettings.ComposeSilos(DeploySettings.Compose());
        var hostnames = silos.Select(s => DeployFolder.Scalar(s.Value, "hostname")).ToList();
        var advertised = silos.Select(s => DeploySettings.EnvironmentOf(s.Value).GetValueOrDefault(SiloPrefix + "AdvertisedAddress")).OfType<string>().ToList();

        // Unset, each silo advertises the address its own hostname resolves to: one name per container.
        Assert.All(hostnames, h => Assert.False(string.IsNullOrEmpty(h)));
        Assert.Equal(hostnames.Count, hostnames.Distinct(StringComparer.Ordinal).Count());
        // Set, it must be a real, distinct address per silo (never one shared value, never loopback or any).
        Assert.Equal(advertised.Count, advertised.Distinct(StringComparer.Ordinal).Count());
        Assert.All(advertised.Where(a => !DeploySettings.IsReference(a)), a =>
        {
            var address = IPAddress.Parse(a);
            Assert.False(IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any), a);
        });
    }

    [Fact]
    public void Compose_Silos_WaitOnlyForPostgresAndReportReadinessFromReadyz()
    {
        var silos = DeploySettings.ComposeSilos(DeploySettings.Compose());
        var names = silos.Select(s => s.Key).ToHashSet(StringComparer.Ordinal);

        Assert.All(silos, silo =>
        {
            Assert.Equal("service_healthy", DeployFolder.Scalar(silo.Value, "depends_on", "postgres", "condition"));
            Assert.DoesNotContain(DeployFolder.Map(silo.Value, "depends_on").Keys.Cast<string>(), names.Contains);
            var test = string.Join(' ', DeployFolder.List(DeployFolder.Map(silo.Value, "healthcheck"), "test").Cast<string>());
            Assert.Contains("/readyz", test, StringComparison.Ordinal);
            Assert.Contains("127.0.0.1/8080", test, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Compose_Silos_StopGracePeriodExceedsShutdownTimeout()
    {
        Assert.All(DeploySettings.ComposeSilos(DeploySettings.Compose()), silo =>
        {
            var timeout = TimeSpan.Parse(Effective(DeploySettings.EnvironmentOf(silo.Value), "ShutdownTimeout")!, CultureInfo.InvariantCulture);
            var grace = ComposeDuration(DeployFolder.Scalar(silo.Value, "stop_grace_period") ?? "10s");
            Assert.True(grace > timeout, $"{silo.Key}: stop_grace_period {grace} is not above ShutdownTimeout {timeout}");
        });
    }

    [Fact]
    public void K8s_Deployment_RunsUnderKubernetesHostingWithTheDownwardApi()
    {
        var env = DeploySettings.ContainerEnv();
        var names = env.Select(e => DeployFolder.Scalar(e, "name")!).ToList();

        Assert.True(DeploySettings.TryGetK8sValue(SiloPrefix + "Kubernetes", out var kubernetes));
        Assert.Equal("true", kubernetes, ignoreCase: true);
        foreach (var (name, path) in new[] { ("POD_NAME", "metadata.name"), ("POD_NAMESPACE", "metadata.namespace"), ("POD_IP", "status.podIP") })
        {
            Assert.Equal(path, DeployFolder.Scalar(Assert.Single(env, e => DeployFolder.Scalar(e, "name") == name), "valueFrom", "fieldRef", "fieldPath"));
        }

        var advertised = Assert.Single(env, e => DeployFolder.Scalar(e, "name") == SiloPrefix + "AdvertisedAddress");
        if (DeployFolder.Scalar(advertised, "value") is { } value)
        {
            // $(POD_IP) is expanded only from variables defined earlier in the list.
            Assert.Equal("$(POD_IP)", value);
            Assert.True(names.IndexOf("POD_IP") < names.IndexOf(SiloPrefix + "AdvertisedAddress"), "POD_IP must come before AdvertisedAddress");
        }
        else
        {
            Assert.Equal("status.podIP", DeployFolder.Scalar(advertised, "valueFrom", "fieldRef", "fieldPath"));
        }
    }

    [Fact]
    public void K8s_Deployment_ExposesTheSiloPort()
    {
        var ports = DeployFolder.List(DeploySettings.SiloContainer(), "ports");
        _ = DeploySettings.TryGetK8sValue(SiloPrefix + "SiloPort", out var configured);
        var siloPort = configured ?? Default("SiloOptions", "SiloPort");

        Assert.Equal("11111", siloPort);
        var port = Assert.Single(ports, p => DeployFolder.Scalar(p, "containerPort") == siloPort);
        Assert.Equal("TCP", DeployFolder.Scalar(port, "protocol") ?? "TCP");
        Assert.Equal("silo", DeployFolder.Scalar(port, "name"));
    }

    [Fact]
    public void K8s_PodLabels_MatchTheConfiguredOrleansIds()
    {
        var labels = DeploySettings.PodLabels();

        foreach (var (label, option) in new[] { ("orleans/serviceId", "ServiceId"), ("orleans/clusterId", "ClusterId") })
        {
            Assert.True(DeploySettings.TryGetK8sValue(SiloPrefix + option, out var configured), $"{SiloPrefix}{option} is not set explicitly");
            Assert.NotNull(configured);
            var value = Assert.IsType<string>(labels[label]);
            Assert.Equal(configured, value);
            Assert.Matches(LabelValue(), value);
        }
    }

    [Fact]
    public void DeployFiles_DoNotSetOrleansIdVariablesThatOverrideThePushAuthIds()
    {
        // Orleans' Kubernetes hosting applies ORLEANS_SERVICE_ID / ORLEANS_CLUSTER_ID over ClusterOptions; PushAuth's
        // own SiloOptions would then disagree with the cluster. The ids come from PushAuth__Silo__* only.
        Assert.DoesNotContain(DeploySettings.All(), s => s.Key is "ORLEANS_SERVICE_ID" or "ORLEANS_CLUSTER_ID");
    }

    [Fact]
    public void K8s_KubernetesHosting_OneAllRoleDeploymentOwnsTheCluster()
    {
        // Orleans supports its Kubernetes hosting only where exactly one Deployment owns one cluster; with role All
        // every pod serves the API and can host device grains, so no role is missing while pods roll.
        Assert.Single(DeploySettings.K8sManifests(), m => DeployFolder.Scalar(m, "kind") is "Deployment" or "StatefulSet" or "DaemonSet");
        Assert.True(DeploySettings.TryGetK8sValue(SiloPrefix + "Role", out var role));
        Assert.Equal("all", role, ignoreCase: true);
    }

    [Fact]
    public void K8s_ServiceAccount_IsBoundToARoleAllowingWhatKubernetesHostingCalls()
    {
        var manifests = DeploySettings.K8sManifests();
        var pod = DeploySettings.PodSpec();
        var accountName = DeployFolder.Scalar(pod, "serviceAccountName");
        Assert.False(string.IsNullOrEmpty(accountName), "the Deployment names no serviceAccountName");
        var account = Assert.Single(manifests, m => DeployFolder.Scalar(m, "kind") == "ServiceAccount" && DeployFolder.Scalar(m, "metadata", "name") == accountName);

        // The Kubernetes client reads the mounted token (InClusterConfig): the pod must get it.
        var podMount = DeployFolder.Scalar(pod, "automountServiceAccountToken");
        Assert.True(podMount == "true" || (podMount is null && DeployFolder.Scalar(account, "automountServiceAccountToken") != "false"), "the service account token is not mounted");

        var kustomizeNamespace = DeployFolder.Scalar(DeployFolder.LoadYaml(DeployFolder.File("k8s", "kustomization.yaml")), "namespace");
        var bindings = manifests.Where(m => DeployFolder.Scalar(m, "kind") == "RoleBinding"
            && DeployFolder.List(m, "subjects").Any(s => DeployFolder.Scalar(s, "kind") == "ServiceAccount" && DeployFolder.Scalar(s, "name") == accountName)).ToList();
        var binding = Assert.Single(bindings);
        var subject = Assert.Single(DeployFolder.List(binding, "subjects"), s => DeployFolder.Scalar(s, "name") == accountName);
        Assert.Equal(kustomizeNamespace, DeployFolder.Scalar(subject, "namespace"));
        Assert.Equal("Role", DeployFolder.Scalar(binding, "roleRef", "kind"));
        Assert.Equal("rbac.authorization.k8s.io", DeployFolder.Scalar(binding, "roleRef", "apiGroup"));
        var role = Assert.Single(manifests, m => DeployFolder.Scalar(m, "kind") == "Role" && DeployFolder.Scalar(m, "metadata", "name") == DeployFolder.Scalar(binding, "roleRef", "name"));

        var podVerbs = DeployFolder.List(role, "rules")
            .Where(r => DeployFolder.List(r, "apiGroups").Contains("") && DeployFolder.List(r, "resources").Contains("pods"))
            .SelectMany(r => DeployFolder.List(r, "verbs").Cast<string>())
            .ToHashSet(StringComparer.Ordinal);
        // KubernetesClusterAgent: ReadNamespacedPod (get), PatchNamespacedPod (patch, the orleans/* labels),
        // ListNamespacedPod (list), WatchListNamespacedPod (watch); DeleteNamespacedPod only with DeleteDefunctSiloPods.
        Assert.Superset(new HashSet<string>(["get", "list", "watch", "patch"], StringComparer.Ordinal), podVerbs);
        Assert.DoesNotContain("*", podVerbs);
        Assert.Equal(SiloSourceMentions("DeleteDefunctSiloPods"), podVerbs.Contains("delete"));
        Assert.All(DeployFolder.List(role, "rules"), r => Assert.DoesNotContain("*", DeployFolder.List(r, "resources")));
    }

    [Fact]
    public void K8s_TerminationGracePeriod_ExceedsPreStopPlusShutdownTimeout()
    {
        var pod = DeploySettings.PodSpec();
        _ = DeploySettings.TryGetK8sValue(SiloPrefix + "ShutdownTimeout", out var configured);
        var timeout = TimeSpan.Parse(configured ?? Default("SiloOptions", "ShutdownTimeout")!, CultureInfo.InvariantCulture);
        var preStop = DeployFolder.Scalar(DeploySettings.SiloContainer(), "lifecycle", "preStop", "sleep", "seconds") is { } sleep ? int.Parse(sleep, CultureInfo.InvariantCulture) : 0;
        var grace = int.Parse(DeployFolder.Scalar(pod, "terminationGracePeriodSeconds") ?? "30", CultureInfo.InvariantCulture);

        Assert.True(grace > preStop + timeout.TotalSeconds, $"terminationGracePeriodSeconds {grace} is not above preStop {preStop} s + ShutdownTimeout {timeout}");
    }

    [Fact]
    public void Dockerfile_SiloStage_ExposesTheSiloPortAndKeepsDataAsAVolume()
    {
        var instructions = DeployFilesTests.DockerInstructions(File.ReadAllText(DeployFolder.File("Dockerfile")));
        var stage = instructions.SkipWhile(i => !(i.Keyword == "FROM" && i.Arguments.EndsWith(" AS silo", StringComparison.Ordinal))).Skip(1)
            .TakeWhile(i => i.Keyword != "FROM").ToList();

        Assert.NotEmpty(stage);
        Assert.Contains(stage, i => i.Keyword == "EXPOSE" && i.Arguments.Split(' ').Contains(Default("SiloOptions", "SiloPort")));
        Assert.Contains(stage, i => i.Keyword == "ENV" && i.Arguments.Split(' ').Contains("PushAuth__Storage__DataDirectory=/data"));
        Assert.Contains(stage, i => i.Keyword == "VOLUME" && i.Arguments.Contains("\"/data\"", StringComparison.Ordinal));
        var prepare = stage.FindIndex(i => i.Keyword == "RUN" && i.Arguments.Contains("/data", StringComparison.Ordinal) && i.Arguments.Contains("chown \"$APP_UID\" /data", StringComparison.Ordinal));
        Assert.InRange(prepare, 0, stage.FindIndex(i => i.Keyword == "USER"));
    }

    [Fact]
    public void Dockerfile_BuildStage_CopiesEveryProjectTheSiloReferences()
    {
        var instructions = DeployFilesTests.DockerInstructions(File.ReadAllText(DeployFolder.File("Dockerfile")));
        var build = instructions.TakeWhile((i, n) => n == 0 || i.Keyword != "FROM").ToList();
        var copied = build.Where(i => i.Keyword == "COPY" && !i.Arguments.StartsWith("--from", StringComparison.Ordinal))
            .SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipLast(1))
            .ToList();

        Assert.Contains("src/", copied);
        foreach (var file in new[] { "global.json", "Directory.Build.props", "Directory.Packages.props" })
        {
            Assert.Contains(file, copied);
        }

        var projects = ProjectClosure(Path.Combine(DeployFolder.RepositoryRoot, "src", "PushAuth.Silo", "PushAuth.Silo.csproj"));
        Assert.True(projects.Count >= 5, $"only {projects.Count} projects in the silo's closure");
        Assert.All(projects, p => Assert.StartsWith("src/", Path.GetRelativePath(DeployFolder.RepositoryRoot, p).Replace('\\', '/'), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("8080:8080", "8080")]
    [InlineData("127.0.0.1:8081:8080", "8080")]
    [InlineData("11111", "11111")]
    [InlineData("7101:7101/tcp", "7101")]
    public void ContainerPort_ComposeShortSyntax_ReturnsTheContainerSide(string mapping, string expected) => Assert.Equal(expected, ContainerPort(mapping));

    [Theory]
    [InlineData("45s", 45)]
    [InlineData("1m30s", 90)]
    [InlineData("2m", 120)]
    public void ComposeDuration_Valid_Parses(string value, int seconds) => Assert.Equal(TimeSpan.FromSeconds(seconds), ComposeDuration(value));

    /// <summary>A PushAuth:Silo value in a compose environment, or the SiloOptions default when it is not set.</summary>
    private static string? Effective(Dictionary<string, string> environment, string option) =>
        environment.TryGetValue(SiloPrefix + option, out var value) ? value : Default("SiloOptions", option);

    private static string? Default(string className, string property) => DeploySourceOptions.Default(DeploySourceOptions.Properties(className)[property]);

    private static bool SiloSourceMentions(string text) =>
        Directory.EnumerateFiles(Path.Combine(DeployFolder.RepositoryRoot, "src", "PushAuth.Silo"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Any(f => File.ReadAllText(f).Contains(text, StringComparison.Ordinal));

    /// <summary>The csproj and every project it references, transitively.</summary>
    private static HashSet<string> ProjectClosure(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Path.GetFullPath(project)]);
        while (pending.TryPop(out var current))
        {
            if (!seen.Add(current))
            {
                continue;
            }

            Assert.True(File.Exists(current), current);
            foreach (var reference in XDocument.Load(current).Descendants("ProjectReference"))
            {
                var include = reference.Attribute("Include")!.Value.Replace('\\', Path.DirectorySeparatorChar).Replace('/', Path.DirectorySeparatorChar);
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(current)!, include)));
            }
        }

        return seen;
    }

    private static string ContainerPort(string mapping) => mapping.Split('/')[0].Split(':')[^1];

    private static TimeSpan ComposeDuration(string value)
    {
        var parts = DurationPart().Matches(value);
        Assert.Equal(value, string.Concat(parts.Select(p => p.Value)));
        return parts.Aggregate(TimeSpan.Zero, (sum, p) => sum + (p.Groups[2].Value switch
        {
            "h" => TimeSpan.FromHours(int.Parse(p.Groups[1].Value, CultureInfo.InvariantCulture)),
            "m" => TimeSpan.FromMinutes(int.Parse(p.Groups[1].Value, CultureInfo.InvariantCulture)),
            "s" => TimeSpan.FromSeconds(int.Parse(p.Groups[1].Value, CultureInfo.InvariantCulture)),
            _ => TimeSpan.FromMilliseconds(int.Parse(p.Groups[1].Value, CultureInfo.InvariantCulture)),
        }));
    }

    [GeneratedRegex(@"(\d+)(ms|h|m|s)")]
    private static partial Regex DurationPart();

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$")]
    private static partial Regex LabelValue();
}
