namespace PushAuth.Oidc.Protocol;

/// <summary>CIBA Core 1.0's names.</summary>
public static class CibaGrant
{
    public const string GrantType = "urn:openid:params:grant-type:ciba";
    public const string AuthRequestId = "auth_req_id";
    public const string BindingMessage = "binding_message";
    public const string RequestedExpiry = "requested_expiry";
    public const string SlowDown = "slow_down";
    public const string ExpiredToken = "expired_token";

    /// <summary>Our own error for a push the user reported as fraud ("this wasn't me"), told apart from access_denied.</summary>
    public const string FraudReported = "fraud_reported";
}
