namespace PushAuth.Abstractions;

/// <summary>What a CIBA token request gets (CIBA Core 1.0 §11).</summary>
public enum CibaPollResult
{
    /// <summary><c>invalid_grant</c>: unknown, another client's, or already redeemed.</summary>
    Invalid,

    /// <summary><c>authorization_pending</c>.</summary>
    Pending,

    /// <summary><c>slow_down</c>: polled before the interval passed; the interval grows by 5 s.</summary>
    SlowDown,

    /// <summary>Tokens are issued (once).</summary>
    Approved,

    /// <summary><c>access_denied</c>.</summary>
    Denied,

    /// <summary><c>fraud_reported</c>: denied as "this wasn't me".</summary>
    FraudReported,

    /// <summary><c>expired_token</c>.</summary>
    Expired,
}

/// <summary>The answer to one CIBA poll with the request as it then is (null for <see cref="CibaPollResult.Invalid"/>).</summary>
[GenerateSerializer, Immutable, Alias("pa.CibaPoll")]
public sealed record CibaPoll(CibaPollResult Result, OidcAuthentication? Request);
