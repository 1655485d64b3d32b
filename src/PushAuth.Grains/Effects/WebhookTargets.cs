using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace PushAuth.Grains.Effects;

/// <summary>The tenant allow-list as the operator lets it count: the tenant's <c>webhookAllowedHosts</c> when
/// <see cref="WebhookOptions.AllowPrivateTargets"/> holds, none otherwise. Every check of a webhook target (at creation,
/// in settings, at send time) asks here.</summary>
internal sealed class WebhookTargets(IOptions<WebhookOptions> options, IHostEnvironment environment)
{
    /// <summary>True when tenants may list private targets.</summary>
    public bool AllowPrivateTargets => options.Value.AllowPrivateTargets ?? environment.IsDevelopment();

    /// <summary>The hosts that may be private or plain http for this tenant: its list, or null when the operator forbids them.</summary>
    public IReadOnlyList<string>? AllowedHosts(TenantSettings? settings) => AllowPrivateTargets ? settings?.WebhookAllowedHosts : null;
}
