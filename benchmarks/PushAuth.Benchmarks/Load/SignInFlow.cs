namespace PushAuth.Benchmarks.Load;

/// <summary>What one unit of load is: a REST approval, a sign-in through the hosted OpenID Connect prompt, or a CIBA
/// approval. All three end in the same push challenge answered by the phone.</summary>
public enum SignInFlow
{
    Rest,
    Prompt,
    Ciba,
}

/// <summary>The flows' names on the load generator's command line and in the tables, and their HTTP requests.</summary>
public static class SignInFlows
{
    /// <summary>The flows one approvals run measures, in order: the REST rate first, then the OpenID Connect ones.</summary>
    public static readonly SignInFlow[] All = [SignInFlow.Rest, SignInFlow.Prompt, SignInFlow.Ciba];

    /// <summary><c>rest</c>, <c>prompt</c> or <c>ciba</c> (any case); null or empty is <c>rest</c>.</summary>
    public static SignInFlow Parse(string? name) => name?.ToLowerInvariant() switch
    {
        null or "" or "rest" => SignInFlow.Rest,
        "prompt" => SignInFlow.Prompt,
        "ciba" => SignInFlow.Ciba,
        _ => throw new ArgumentException($"unknown flow '{name}': use rest, prompt or ciba", nameof(name)),
    };

    public static string Name(SignInFlow flow) => flow.ToString().ToLowerInvariant();

    /// <summary>What the tables call one unit of the flow.</summary>
    public static string Label(SignInFlow flow) => flow switch
    {
        SignInFlow.Rest => "REST approvals",
        SignInFlow.Prompt => "OIDC prompt sign-ins",
        _ => "CIBA approvals",
    };

    /// <summary>HTTP requests of one unit. REST: create, long-poll, the phone's pull and answer. Prompt: PAR, the page,
    /// its push, its long-poll, the phone's pull and answer, the completing POST, the code's redemption. CIBA: the
    /// backchannel request, the phone's pull and answer, one token poll.</summary>
    public static int Requests(SignInFlow flow) => flow switch
    {
        SignInFlow.Rest => 4,
        SignInFlow.Prompt => 8,
        _ => 4,
    };
}
