using System.Text.Json;
using System.Text.RegularExpressions;

namespace PushAuth.Deploy.Tests;

public sealed partial class DeployFilesTests
{
    [Fact]
    public void YamlFiles_Every_ParsesAsNonEmptyDocuments()
    {
        var files = DeployFolder.Files(".yaml", ".yml").ToList();

        Assert.True(files.Count >= 12, $"only {files.Count} YAML files under deploy/");
        Assert.All(files, file =>
        {
            var documents = DeployFolder.LoadYamlDocuments(file);
            Assert.NotEmpty(documents);
            Assert.All(documents, d => Assert.IsType<Dictionary<object, object>>(d));
        });
    }

    [Fact]
    public void JsonFiles_Every_ParsesAsObject()
    {
        var files = DeployFolder.Files(".json").ToList();

        Assert.NotEmpty(files);
        Assert.All(files, file =>
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        });
    }

    [Fact]
    public void Dockerfile_Stages_BuildOnSdkAndRunNonRootOnAspnet()
    {
        var instructions = DockerInstructions(File.ReadAllText(DeployFolder.File("Dockerfile")));
        var froms = instructions.Where(i => i.Keyword == "FROM").Select(i => i.Arguments).ToList();

        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0 AS build", froms[0], StringComparison.Ordinal);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0", froms[^1], StringComparison.Ordinal);
        Assert.DoesNotContain(instructions, i => i.Keyword == "HEALTHCHECK");

        var finalStage = instructions.SkipWhile(i => !(i.Keyword == "FROM" && i.Arguments == froms[^1])).ToList();
        var user = Assert.Single(finalStage, i => i.Keyword == "USER").Arguments;
        Assert.DoesNotMatch("^(root|0)(:|$)", user);
        Assert.Contains(finalStage, i => i.Keyword == "EXPOSE" && i.Arguments.Split(' ').Contains("8080"));
        Assert.Contains("PushAuth.Silo.dll", Assert.Single(finalStage, i => i.Keyword == "ENTRYPOINT").Arguments, StringComparison.Ordinal);
        Assert.Contains(instructions, i => i.Keyword == "COPY" && i.Arguments.Contains("--from=build", StringComparison.Ordinal));

        // Every runtime stage drops root, not only the last one.
        var runtimeStages = instructions.Count(i => i.Keyword == "FROM" && i.Arguments.Contains("/aspnet:", StringComparison.Ordinal));
        Assert.Equal(runtimeStages, instructions.Count(i => i.Keyword == "USER"));
    }

    [Fact]
    public void Compose_Silos_HaveRolesPostgresAndOtlp()
    {
        var compose = DeployFolder.LoadYaml(DeployFolder.File("compose.yaml"));
        var services = DeployFolder.Map(compose, "services");
        var silos = DeploySettings.ComposeSilos(compose).Select(s => KeyValuePair.Create((object)s.Key, (object)s.Value)).ToList();

        Assert.Equal(3, silos.Count);
        Assert.Equal(["all", "api", "gateway"], silos.Select(s => DeployFolder.Scalar(s.Value, "environment", "PushAuth__Silo__Role")).Order());
        Assert.All(silos, silo =>
        {
            Assert.Equal("Postgres", DeployFolder.Scalar(silo.Value, "environment", "PushAuth__Storage__Provider"));
            Assert.Contains("Host=postgres", DeployFolder.Scalar(silo.Value, "environment", "PushAuth__Storage__ConnectionString"), StringComparison.Ordinal);
            Assert.Equal("http://otel-collector:4317", DeployFolder.Scalar(silo.Value, "environment", "OTEL_EXPORTER_OTLP_ENDPOINT"));
            Assert.False(string.IsNullOrEmpty(DeployFolder.Scalar(silo.Value, "environment", "OTEL_SERVICE_NAME")));
            Assert.Equal("deploy/Dockerfile", DeployFolder.Scalar(silo.Value, "build", "dockerfile"));
        });
        Assert.Equal("postgres:15", DeployFolder.Scalar(services["postgres"], "image"));
        Assert.Contains("opentelemetry-collector-contrib", DeployFolder.Scalar(services["otel-collector"], "image"), StringComparison.Ordinal);
        Assert.StartsWith("prom/prometheus", DeployFolder.Scalar(services["prometheus"], "image"), StringComparison.Ordinal);
        Assert.StartsWith("grafana/grafana", DeployFolder.Scalar(services["grafana"], "image"), StringComparison.Ordinal);
        Assert.Equal("fakes", DeployFolder.Scalar(services["push-fakes"], "build", "target"));
    }

    [Fact]
    public void Compose_MountedFiles_ExistInDeploy()
    {
        var services = DeployFolder.Map(DeployFolder.LoadYaml(DeployFolder.File("compose.yaml")), "services");
        var mounts = services.Values
            .SelectMany(s => s is Dictionary<object, object> m && m.TryGetValue("volumes", out var v) ? (List<object>)v : [])
            .OfType<string>()
            .Where(v => v.StartsWith("./", StringComparison.Ordinal))
            .Select(v => v.Split(':')[0])
            .ToList();

        Assert.NotEmpty(mounts);
        Assert.All(mounts, m => Assert.True(File.Exists(DeployFolder.File(m)) || Directory.Exists(DeployFolder.File(m)), m));
    }

    [Fact]
    public void Collector_Pipelines_UseOnlyDefinedComponentsAndExportMetricsToPrometheus()
    {
        var config = DeployFolder.LoadYaml(DeployFolder.File("otel-collector.yaml"));
        var pipelines = DeployFolder.Map(DeployFolder.Map(config, "service"), "pipelines");

        Assert.Equal(["logs", "metrics", "traces"], pipelines.Keys.Cast<string>().Order());
        foreach (var (_, pipeline) in pipelines)
        {
            foreach (var section in new[] { "receivers", "processors", "exporters" })
            {
                var defined = DeployFolder.Map(config, section).Keys.Cast<string>().ToHashSet();
                Assert.All(DeployFolder.List(pipeline, section).Cast<string>(), name => Assert.Contains(name, defined));
            }
        }

        Assert.Contains("otlp", DeployFolder.List(pipelines["metrics"], "receivers"));
        Assert.Contains("prometheus", DeployFolder.List(pipelines["metrics"], "exporters"));
        Assert.Contains("debug", DeployFolder.List(pipelines["traces"], "exporters"));
        Assert.EndsWith(":4317", DeployFolder.Scalar(config, "receivers", "otlp", "protocols", "grpc", "endpoint"), StringComparison.Ordinal);
    }

    [Fact]
    public void Prometheus_Config_LoadsAlertsAndScrapesCollectorExporterPort()
    {
        var prometheus = DeployFolder.LoadYaml(DeployFolder.File("prometheus.yml"));
        var collector = DeployFolder.LoadYaml(DeployFolder.File("otel-collector.yaml"));
        var exporterPort = DeployFolder.Scalar(collector, "exporters", "prometheus", "endpoint")!.Split(':')[^1];

        Assert.Contains(DeployFolder.List(prometheus, "rule_files").Cast<string>(), f => f.EndsWith("alerts.yml", StringComparison.Ordinal));
        var targets = DeployFolder.List(prometheus, "scrape_configs")
            .SelectMany(c => DeployFolder.List(c, "static_configs"))
            .SelectMany(s => DeployFolder.List(s, "targets").Cast<string>());
        Assert.Contains("otel-collector:" + exporterPort, targets);
    }

    [Fact]
    public void Alerts_EveryRule_HasSeveritySummaryAndExistingRunbookSection()
    {
        var anchors = RunbookAnchors();
        var rules = DeployFolder.AlertRules().ToList();

        Assert.True(rules.Count >= 5);
        var names = rules.Select(r => DeployFolder.Scalar(r, "alert")).ToList();
        Assert.Contains("PushAuthPushErrorRateHigh", names);
        Assert.Contains("PushAuthEffectsDelayed", names);
        Assert.Contains("PushAuthEffectsGivenUp", names);
        Assert.Contains("PushAuthFraudReportSpike", names);
        Assert.Contains("PushAuthPushAuthFailures", names);
        Assert.Contains("PushAuthSiloDown", names);
        Assert.All(rules, rule =>
        {
            Assert.False(string.IsNullOrWhiteSpace(DeployFolder.Scalar(rule, "expr")));
            Assert.Contains(DeployFolder.Scalar(rule, "labels", "severity"), new[] { "page", "ticket" });
            Assert.False(string.IsNullOrWhiteSpace(DeployFolder.Scalar(rule, "annotations", "summary")));
            var runbook = DeployFolder.Scalar(rule, "annotations", "runbook");
            Assert.NotNull(runbook);
            Assert.Contains(runbook.Split('#')[1], anchors);
        });
    }

    [Fact]
    public void Runbook_Sections_CoverTheRequiredIncidents()
    {
        var text = File.ReadAllText(DeployFolder.File("RUNBOOK.md"));

        foreach (var section in new[] { "## FCM outage", "## APNs key expiry", "## PostgreSQL failover", "## Push-spam attack on one tenant" })
        {
            var start = text.IndexOf(section, StringComparison.Ordinal);
            Assert.True(start >= 0, section);
            var end = text.IndexOf("\n## ", start + section.Length, StringComparison.Ordinal);
            var body = end < 0 ? text[start..] : text[start..end];
            foreach (var part in new[] { "**Symptoms**", "**Diagnosis**", "**Mitigation**", "**Follow-up**" })
            {
                Assert.Contains(part, body, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Grafana_Provisioning_MatchesDashboardDatasourceAndMount()
    {
        var datasources = DeployFolder.LoadYaml(DeployFolder.File("grafana", "provisioning", "datasources", "prometheus.yaml"));
        var providers = DeployFolder.LoadYaml(DeployFolder.File("grafana", "provisioning", "dashboards", "pushauth.yaml"));
        var compose = File.ReadAllText(DeployFolder.File("compose.yaml"));
        using var dashboard = JsonDocument.Parse(File.ReadAllText(DeployFolder.File("grafana", "dashboards", "pushauth.json")));

        var uid = DeployFolder.Scalar(Assert.Single(DeployFolder.List(datasources, "datasources")), "uid");
        var path = DeployFolder.Scalar(Assert.Single(DeployFolder.List(providers, "providers")), "options", "path");
        Assert.Contains("./grafana/dashboards:" + path, compose, StringComparison.Ordinal);
        var panels = dashboard.RootElement.GetProperty("panels").EnumerateArray().Where(p => p.GetProperty("type").GetString() != "row").ToList();
        Assert.True(panels.Count >= 15);
        Assert.All(panels, p => Assert.Equal(uid, p.GetProperty("datasource").GetProperty("uid").GetString()));
        var ids = dashboard.RootElement.GetProperty("panels").EnumerateArray().Select(p => p.GetProperty("id").GetInt32()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void K8s_EveryManifest_HasKindApiVersionAndName()
    {
        var files = Directory.EnumerateFiles(DeployFolder.File("k8s"), "*.yaml").ToList();

        Assert.True(files.Count >= 6);
        Assert.All(files.SelectMany(DeployFolder.LoadYamlDocuments), manifest =>
        {
            Assert.False(string.IsNullOrEmpty(DeployFolder.Scalar(manifest, "apiVersion")));
            Assert.False(string.IsNullOrEmpty(DeployFolder.Scalar(manifest, "kind")));
            Assert.False(string.IsNullOrEmpty(DeployFolder.Scalar(manifest, "metadata", "name")));
            Assert.NotEqual("Secret", DeployFolder.Scalar(manifest, "kind"));
        });
    }

    [Fact]
    public void K8s_Kustomization_ListsEveryOtherManifest()
    {
        var kustomization = DeployFolder.LoadYaml(DeployFolder.File("k8s", "kustomization.yaml"));
        var others = Directory.EnumerateFiles(DeployFolder.File("k8s"), "*.yaml")
            .Select(Path.GetFileName)
            .Where(f => f != "kustomization.yaml")
            .Order(StringComparer.Ordinal);

        Assert.Equal(others, DeployFolder.List(kustomization, "resources").Cast<string>().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void K8s_Deployment_ProbesSecurityAndSecretsAreSet()
    {
        var manifests = Directory.EnumerateFiles(DeployFolder.File("k8s"), "*.yaml").SelectMany(DeployFolder.LoadYamlDocuments).ToList();
        var deployment = Assert.Single(manifests, m => DeployFolder.Scalar(m, "kind") == "Deployment");
        var pod = DeployFolder.Map(DeployFolder.Map(DeployFolder.Map(deployment, "spec"), "template"), "spec");
        var container = Assert.Single(DeployFolder.List(pod, "containers"));

        Assert.Equal("/readyz", DeployFolder.Scalar(container, "readinessProbe", "httpGet", "path"));
        Assert.Equal("/healthz", DeployFolder.Scalar(container, "livenessProbe", "httpGet", "path"));
        Assert.Equal("8080", DeployFolder.Scalar(Assert.Single(DeployFolder.List(container, "ports"), p => DeployFolder.Scalar(p, "name") == "http"), "containerPort"));
        Assert.Equal("true", DeployFolder.Scalar(container, "securityContext", "readOnlyRootFilesystem"));
        Assert.Equal("true", DeployFolder.Scalar(container, "securityContext", "runAsNonRoot"));
        Assert.Equal("false", DeployFolder.Scalar(container, "securityContext", "allowPrivilegeEscalation"));
        Assert.NotNull(DeployFolder.Scalar(container, "resources", "limits", "memory"));
        Assert.NotNull(DeployFolder.Scalar(container, "resources", "requests", "cpu"));

        var secretEnv = DeployFolder.List(container, "env")
            .Where(e => DeployFolder.Scalar(e, "valueFrom", "secretKeyRef", "name") is not null)
            .Select(e => DeployFolder.Scalar(e, "name"))
            .ToList();
        Assert.Contains("PushAuth__Storage__ConnectionString", secretEnv);
        Assert.Contains(secretEnv, n => n!.StartsWith("PushAuth__Push__Fcm__", StringComparison.Ordinal));
        Assert.Contains(secretEnv, n => n!.StartsWith("PushAuth__Push__Apns__", StringComparison.Ordinal));
        Assert.DoesNotContain(secretEnv, n => n!.StartsWith("PushAuth__Security__", StringComparison.Ordinal) || n.StartsWith("PushAuth__Backup__", StringComparison.Ordinal));

        Assert.Equal("autoscaling/v2", DeployFolder.Scalar(Assert.Single(manifests, m => DeployFolder.Scalar(m, "kind") == "HorizontalPodAutoscaler"), "apiVersion"));
        Assert.Single(manifests, m => DeployFolder.Scalar(m, "kind") == "PodDisruptionBudget");
        Assert.Single(manifests, m => DeployFolder.Scalar(m, "kind") == "Service");
        Assert.Single(manifests, m => DeployFolder.Scalar(m, "kind") == "ConfigMap");
    }

    [Fact]
    public void DockerInstructions_ContinuationLines_AreJoined()
    {
        var instructions = DockerInstructions("# c\nFROM a AS b\nRUN x \\\n && y\nUSER 1\n");

        Assert.Equal(["FROM", "RUN", "USER"], instructions.Select(i => i.Keyword));
        Assert.Equal("x && y", instructions[1].Arguments);
    }

    private static HashSet<string> RunbookAnchors() =>
        File.ReadAllLines(DeployFolder.File("RUNBOOK.md"))
            .Where(l => l.StartsWith("## ", StringComparison.Ordinal))
            .Select(l => Whitespace().Replace(NonSlug().Replace(l[3..].Trim().ToLowerInvariant(), ""), "-"))
            .ToHashSet(StringComparer.Ordinal);

    internal static List<(string Keyword, string Arguments)> DockerInstructions(string text)
    {
        var result = new List<(string, string)>();
        var pending = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (pending.Length == 0 && (line.TrimStart().StartsWith('#') || string.IsNullOrWhiteSpace(line)))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1].Trim() + " ";
                continue;
            }

            var full = (pending + line.Trim()).Trim();
            pending = "";
            var space = full.IndexOf(' ', StringComparison.Ordinal);
            result.Add((full[..space].ToUpperInvariant(), full[(space + 1)..].Trim()));
        }

        return result;
    }

    [GeneratedRegex("[^a-z0-9 -]")]
    private static partial Regex NonSlug();

    [GeneratedRegex(" ")]
    private static partial Regex Whitespace();
}
