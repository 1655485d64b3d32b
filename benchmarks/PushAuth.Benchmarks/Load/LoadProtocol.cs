using System.Text.Json;
using System.Text.Json.Serialization;

namespace PushAuth.Benchmarks.Load;

/// <summary>What the load generator is started with (one JSON argument).</summary>
/// <param name="Silos">Base addresses; logins go round-robin by worker, phones to the last silo (so two silos wake across silos).</param>
/// <param name="Tenant">The tenant whose issuer (<c>/oidc/{tenant}</c>) the OpenID Connect flows use.</param>
/// <param name="SeededDeviceKey">Scale runs: the one device key (PKCS#8, base64url) every seeded device was given;
/// null: the load generator pairs <paramref name="Users"/> users itself through the API.</param>
public sealed record LoadConfig(string[] Silos, string LoginKey, string AdminKey, int Users, int Concurrency, string UserPrefix, string? SeededDeviceKey = null, string Tenant = "bench");

/// <summary>A command on the load generator's standard input, one JSON line each.</summary>
/// <param name="Cmd">peak | paced (Rate) | idle | mark | split | report | http (Seconds) | probe (Approvals) | sequence (From, To) | exit</param>
/// <param name="Flow">For peak and paced: <c>rest</c> (the default), <c>prompt</c> or <c>ciba</c> (<see cref="SignInFlows"/>).</param>
public sealed record LoadCommand(string Cmd, double Rate = 0, int Seconds = 0, int Approvals = 0, int From = 0, int To = 0, string? Flow = null);

/// <summary>The answer to every command, one JSON line on standard output.</summary>
public sealed record LoadReply(bool Ok, string? Error = null)
{
    /// <summary>Wall time the figures below cover, by the load generator's clock.</summary>
    public double Seconds { get; init; }

    public long Approvals { get; init; }

    public int Errors { get; init; }

    public string? FirstError { get; init; }

    public double P50Ms { get; init; }

    public double P99Ms { get; init; }

    /// <summary>From the device's answer being accepted to the long-polling login service having the outcome.</summary>
    public double WakeP50Ms { get; init; }

    public double WakeP99Ms { get; init; }

    /// <summary>Requests per second of the trivial endpoint (<c>http</c>).</summary>
    public double RequestsPerSecond { get; init; }

    public double PairingsPerSecond { get; init; }

    /// <summary>Users of a sequence not yet signed in.</summary>
    public long Remaining { get; init; }

    public double PerSecond => Seconds > 0 ? Approvals / Seconds : 0;
}

public static class LoadJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };
}
