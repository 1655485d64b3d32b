using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using PushAuth.Benchmarks.Approvals;
using PushAuth.DeviceSimulator;
using PushAuth.Security;

namespace PushAuth.Benchmarks.Load;

/// <summary>
/// The load generator, a process of its own (<c>PushAuth.Benchmarks loadgen {config}</c>), so its CPU is not the
/// silo's. It plays login services and phones over real HTTP: create a challenge, long-poll it, the phone pulls and
/// answers signed with the number, the waiter wakes. The benchmark drives it with one JSON command per line on
/// standard input and reads one JSON reply per line on standard output; it exits when its input closes, so it never
/// outlives the benchmark.
/// </summary>
public sealed class LoadGenerator
{
    private readonly LoadConfig _config;
    private readonly List<HttpClient> _login = [];
    private readonly List<HttpClient> _anonymous = [];
    private readonly List<HttpClient> _browsers = [];
    private readonly DeviceClient?[] _devices;
    private readonly int[] _next;
    private readonly DeviceKeyPair? _seededKey;
    private WorkerStats _stats;
    private Workload _workload = Workload.Idle;
    private SignInFlow _flow = SignInFlow.Rest;
    private OidcSignIns.Client? _oidcClient;
    private Task _workers = Task.CompletedTask;
    private CancellationTokenSource _stop = new();
    private int _sequenceNext;
    private int _sequenceEnd;

    private LoadGenerator(LoadConfig config)
    {
        _config = config;
        _devices = new DeviceClient?[config.Users];
        _next = new int[config.Concurrency];
        _stats = new WorkerStats(config.Concurrency);
        foreach (var silo in config.Silos)
        {
            _login.Add(BenchCluster.NewClient(new Uri(silo), config.LoginKey));
            _anonymous.Add(BenchCluster.NewClient(new Uri(silo), null));
            _browsers.Add(BenchCluster.NewClient(new Uri(silo), null, followRedirects: false));
        }
        _seededKey = config.SeededDeviceKey is { } key ? DeviceKeyPair.ImportPkcs8(key) : null;
    }

    private enum Workload
    {
        Idle,
        Peak,
        Paced,
        Sequence,
    }

    private HttpClient Phones => _anonymous[^1];

    public static async Task<int> RunAsync(string configJson, CancellationToken cancellationToken)
    {
        var config = JsonSerializer.Deserialize<LoadConfig>(configJson, LoadJson.Options) ?? throw new ArgumentException("no load configuration");
        var generator = new LoadGenerator(config);
        var output = Console.Out;
        while (await Console.In.ReadLineAsync(cancellationToken) is { } line)
        {
            var command = JsonSerializer.Deserialize<LoadCommand>(line, LoadJson.Options)!;
            LoadReply reply;
            try
            {
                reply = await generator.HandleAsync(command, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                reply = new LoadReply(false, $"{ex.GetType().Name}: {ex.Message}");
            }
            await output.WriteLineAsync(JsonSerializer.Serialize(reply, LoadJson.Options));
            await output.FlushAsync(cancellationToken);
            if (command.Cmd == "exit")
            {
                break;
            }
        }
        await generator.SetWorkloadAsync(Workload.Idle, 0);
        return 0;
    }

    private async Task<LoadReply> HandleAsync(LoadCommand command, CancellationToken cancellationToken)
    {
        switch (command.Cmd)
        {
            case "pair":
                return new LoadReply(true) { PairingsPerSecond = await PairAllAsync(cancellationToken) };
            case "peak":
                await SetWorkloadAsync(Workload.Peak, 0, await FlowAsync(command, cancellationToken));
                return new LoadReply(true);
            case "paced":
                await SetWorkloadAsync(Workload.Paced, command.Rate, await FlowAsync(command, cancellationToken));
                return new LoadReply(true);
            case "sequence":
                _sequenceNext = command.From;
                _sequenceEnd = command.To;
                await SetWorkloadAsync(Workload.Sequence, 0);
                return new LoadReply(true);
            case "idle" or "exit":
                await SetWorkloadAsync(Workload.Idle, 0);
                return new LoadReply(true);
            case "mark":
                Interlocked.Exchange(ref _stats, new WorkerStats(_config.Concurrency));
                return new LoadReply(true);
            case "report":
                return Report(_stats);
            case "split":
                return Report(Interlocked.Exchange(ref _stats, new WorkerStats(_config.Concurrency)));
            case "http":
                await SetWorkloadAsync(Workload.Idle, 0);
                return new LoadReply(true) { RequestsPerSecond = await TrivialRateAsync(TimeSpan.FromSeconds(command.Seconds), cancellationToken) };
            case "probe":
                await SetWorkloadAsync(Workload.Idle, 0);
                await ProbeAsync(command.Approvals, cancellationToken);
                return new LoadReply(true) { Approvals = command.Approvals };
            default:
                return new LoadReply(false, $"unknown command '{command.Cmd}'");
        }
    }

    private LoadReply Report(WorkerStats stats)
    {
        var (latencies, wakes, errors, firstError, seconds) = stats.Snapshot();
        return new LoadReply(true)
        {
            Seconds = seconds,
            Approvals = latencies.Length,
            Errors = errors,
            FirstError = firstError,
            P50Ms = Percentile(latencies, 0.50),
            P99Ms = Percentile(latencies, 0.99),
            WakeP50Ms = Percentile(wakes, 0.50),
            WakeP99Ms = Percentile(wakes, 0.99),
            Remaining = _workload == Workload.Sequence ? Math.Max(0, _sequenceEnd - Volatile.Read(ref _sequenceNext)) : 0,
        };
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    /// <summary>The command's flow; the OpenID Connect ones register the tenant's client on first use.</summary>
    private async Task<SignInFlow> FlowAsync(LoadCommand command, CancellationToken cancellationToken)
    {
        var flow = SignInFlows.Parse(command.Flow);
        if (flow != SignInFlow.Rest && _oidcClient is null)
        {
            using var admin = BenchCluster.NewClient(new Uri(_config.Silos[0]), _config.AdminKey);
            _oidcClient = await OidcSignIns.RegisterClientAsync(admin, cancellationToken);
        }
        return flow;
    }

    /// <summary>Stops the running workers (each finishes its approval in flight), then starts the new workload.</summary>
    private async Task SetWorkloadAsync(Workload workload, double rate, SignInFlow flow = SignInFlow.Rest)
    {
        await _stop.CancelAsync();
        await _workers;
        _stop.Dispose();
        _stop = new CancellationTokenSource();
        _workload = workload;
        _flow = flow;
        if (workload == Workload.Idle)
        {
            return;
        }
        var stop = _stop.Token;
        var interval = workload == Workload.Paced ? TimeSpan.FromSeconds(_config.Concurrency / Math.Max(1, rate)) : TimeSpan.Zero;
        _workers = Task.WhenAll(Enumerable.Range(0, _config.Concurrency).Select(worker => Task.Run(() => WorkerAsync(worker, workload, flow, interval, stop))));
    }

    private async Task WorkerAsync(int worker, Workload workload, SignInFlow flow, TimeSpan interval, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var user = workload == Workload.Sequence ? Interlocked.Increment(ref _sequenceNext) - 1 : NextUser(worker);
            if (workload == Workload.Sequence && user >= _sequenceEnd)
            {
                return;
            }
            var started = Stopwatch.GetTimestamp();
            try
            {
                // Not cancelled by stop: an approval in flight completes, so no challenge is left half done.
                var wake = flow switch
                {
                    SignInFlow.Prompt => await OidcSignIns.PromptSignInAsync(_browsers[worker % _browsers.Count], _config.Tenant, _oidcClient!, UserId(user),
                        await DeviceAsync(user, CancellationToken.None), CancellationToken.None),
                    SignInFlow.Ciba => await OidcSignIns.CibaApproveAsync(_anonymous[worker % _anonymous.Count], _config.Tenant, _oidcClient!, UserId(user),
                        await DeviceAsync(user, CancellationToken.None), CancellationToken.None),
                    _ => await ApproveAsync(user, worker, CancellationToken.None),
                };
                Volatile.Read(ref _stats).Record(worker, Stopwatch.GetElapsedTime(started).TotalMilliseconds, wake);
            }
            catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or JsonException or TaskCanceledException)
            {
                Volatile.Read(ref _stats).Error($"{ex.GetType().Name}: {ex.Message}");
            }
            var left = interval - Stopwatch.GetElapsedTime(started);
            if (left > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(left, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private string UserId(int user) => _config.UserPrefix + user.ToString(CultureInfo.InvariantCulture);

    /// <summary>Worker w takes users w, w + concurrency, …: never two approvals of one user at once.</summary>
    private int NextUser(int worker)
    {
        var slots = Math.Max(1, _config.Users / _config.Concurrency);
        return worker + (_config.Concurrency * (_next[worker]++ % slots));
    }

    /// <summary>One complete approval; returns the wake latency in milliseconds.</summary>
    private async Task<double> ApproveAsync(int user, int worker, CancellationToken cancellationToken, string sourceIp = "198.51.100.7", string? userId = null, DeviceClient? device = null)
    {
        userId ??= _config.UserPrefix + user.ToString(CultureInfo.InvariantCulture);
        device ??= await DeviceAsync(user, cancellationToken);
        var login = _login[worker % _login.Count];
        using var create = await login.PostAsJsonAsync("/v1/challenges", new { userId, context = new { service = "Bench", action = "Sign in", sourceIp } }, cancellationToken);
        var challenge = await DeviceClient.ReadAsync<JsonElement>(create, cancellationToken);
        var id = challenge.GetProperty("challengeId").GetString();
        var waiter = login.GetFromJsonAsync<JsonElement>($"/v1/challenges/{id}?wait=20", cancellationToken);
        var pending = (await device.PullAsync(cancellationToken)).Single(c => c.ChallengeId == id);
        var answeredAt = Stopwatch.GetTimestamp();
        using (var answer = await device.AnswerAsync(pending, approve: true, challenge.GetProperty("numberMatch").GetString(), cancellationToken: cancellationToken))
        {
            await DeviceClient.EnsureSuccessAsync(answer, cancellationToken);
        }
        var result = await waiter;
        var wake = Stopwatch.GetElapsedTime(answeredAt).TotalMilliseconds;
        return result.GetProperty("status").GetString() == "Approved" ? wake : throw new InvalidOperationException("the waiter did not see the approval");
    }

    /// <summary>The phone of user <paramref name="user"/>: paired at start, or (scale runs) a seeded device that
    /// opens its session on its first sign-in, as a phone does when its push arrives.</summary>
    private async Task<DeviceClient> DeviceAsync(int user, CancellationToken cancellationToken)
    {
        if (_devices.Length > user && _devices[user] is { } paired)
        {
            return paired;
        }
        var key = _seededKey ?? throw new InvalidOperationException($"user {user} is not paired");
        var device = new DeviceClient(Phones, key);
        device.UseDevice(SeededIds.DeviceId(user));
        await device.SessionAsync(cancellationToken);
        // Kept: a user signing in again reuses the session, as the phone would. The key is shared, never disposed here.
        if (_devices.Length > user)
        {
            _devices[user] = device;
        }
        return device;
    }

    private async Task<double> PairAllAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(Enumerable.Range(0, _config.Users), new ParallelOptions { MaxDegreeOfParallelism = _config.Concurrency, CancellationToken = cancellationToken },
            async (u, ct) => _devices[u] = await PairAsync(_config.UserPrefix + u.ToString(CultureInfo.InvariantCulture), ct));
        var perSecond = _config.Users / Stopwatch.GetElapsedTime(started).TotalSeconds;
        foreach (var device in _devices)
        {
            await device!.SessionAsync(cancellationToken);
        }
        return perSecond;
    }

    /// <summary>Registers a phone and pairs it with <paramref name="userId"/> by phrase, as a user would.</summary>
    private async Task<DeviceClient> PairAsync(string userId, CancellationToken cancellationToken)
    {
        var device = new DeviceClient(Phones, DeviceKeyPair.Create());
        await device.RegisterAsync(cancellationToken: cancellationToken);
        var (pairingId, phrase) = await device.RequestPairingPhraseAsync(cancellationToken);
        using (var claim = await _login[^1].PostAsJsonAsync("/v1/pairings", new { phrase, userId, serviceName = "Bench" }, cancellationToken))
        {
            await DeviceClient.EnsureSuccessAsync(claim, cancellationToken);
        }
        using var confirm = await device.ConfirmPairingAsync(pairingId, accept: true, cancellationToken);
        await DeviceClient.EnsureSuccessAsync(confirm, cancellationToken);
        return device;
    }

    /// <summary>The state probe: one more user, paired, then <paramref name="approvals"/> approvals one after the
    /// other, each from another network, so the user's state holds as many resolved challenges and as full an
    /// approval record as the product keeps.</summary>
    private async Task ProbeAsync(int approvals, CancellationToken cancellationToken)
    {
        using var device = await PairAsync(ProbeUserId, cancellationToken);
        await device.SessionAsync(cancellationToken);
        for (var i = 0; i < approvals; i++)
        {
            await ApproveAsync(-1, i, cancellationToken, sourceIp: $"203.0.{i % 250}.7", userId: ProbeUserId, device: device);
        }
    }

    public const string ProbeUserId = "state-probe";

    private async Task<double> TrivialRateAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        long requests = 0;
        var started = Stopwatch.GetTimestamp();
        var stopAt = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, _config.Concurrency).Select(worker => Task.Run(async () =>
        {
            var client = _anonymous[worker % _anonymous.Count];
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                using var response = await client.GetAsync("/healthz", cancellationToken);
                Interlocked.Increment(ref requests);
            }
        }, cancellationToken)));
        return requests / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    /// <summary>Latencies recorded since a mark, one list per worker (each worker appends only to its own).</summary>
    private sealed class WorkerStats(int workers)
    {
        private readonly List<double>[] _latencies = [.. Enumerable.Range(0, workers).Select(_ => new List<double>(50_000))];
        private readonly List<double>[] _wakes = [.. Enumerable.Range(0, workers).Select(_ => new List<double>(50_000))];
        private readonly long _started = Stopwatch.GetTimestamp();
        private int _errors;
        private string? _firstError;

        public void Record(int worker, double latencyMs, double wakeMs)
        {
            lock (_latencies[worker])
            {
                _latencies[worker].Add(latencyMs);
                _wakes[worker].Add(wakeMs);
            }
        }

        public void Error(string message)
        {
            if (Interlocked.Increment(ref _errors) == 1)
            {
                _firstError = message;
            }
        }

        public (double[] Latencies, double[] Wakes, int Errors, string? FirstError, double Seconds) Snapshot()
        {
            var seconds = Stopwatch.GetElapsedTime(_started).TotalSeconds;
            var latencies = new List<double>();
            var wakes = new List<double>();
            for (var w = 0; w < _latencies.Length; w++)
            {
                lock (_latencies[w])
                {
                    latencies.AddRange(_latencies[w]);
                    wakes.AddRange(_wakes[w]);
                }
            }
            return ([.. latencies.Order()], [.. wakes.Order()], Volatile.Read(ref _errors), _firstError, seconds);
        }
    }
}
