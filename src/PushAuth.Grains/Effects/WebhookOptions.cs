namespace PushAuth.Grains.Effects;

/// <summary>Bound from <c>PushAuth:Webhooks</c>: the operator's word on where signed POSTs may go, above every tenant's.</summary>
internal sealed class WebhookOptions
{
    /// <summary>Whether a tenant's <c>webhookAllowedHosts</c> may open loopback, link-local (cloud metadata at
    /// 169.254.169.254), private and other non-public targets and plain http. Unset: true in Development only; elsewhere
    /// every webhook goes over https to a public address, whatever a tenant Admin lists.</summary>
    public bool? AllowPrivateTargets { get; set; }
}
