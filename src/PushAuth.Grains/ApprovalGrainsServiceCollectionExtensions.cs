using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PushAuth.Abstractions;
using PushAuth.Grains.Challenges;
using PushAuth.Grains.Push;
using PushAuth.Grains.Security;
using PushAuth.Grains.Tenants;
using PushAuth.Hosting;

namespace PushAuth.Grains;

/// <summary>Challenge, per-user push, device inbox and webhook grains, and the outbox handlers of approvals.</summary>
public static class ApprovalGrainsServiceCollectionExtensions
{
    public static IServiceCollection AddApprovalGrains(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ChallengeOptions>().Bind(configuration.GetSection("Challenges"))
            .Validate(o => o.ResolvedGracePeriod > TimeSpan.Zero && o.ResolvedGracePeriod <= TimeSpan.FromDays(1), "PushAuth:Challenges:ResolvedGracePeriod must be between 0 and 1 day.")
            .Validate(o => o.FatigueCoolOff > TimeSpan.Zero, "PushAuth:Challenges:FatigueCoolOff must be positive.")
            .Validate(o => o.DenialsBeforeBlock is >= 1 and <= 100, "PushAuth:Challenges:DenialsBeforeBlock must be 1..100.")
            .Validate(o => o.ApprovalsBeforeAutoApproveRule is >= 1 and <= 100, "PushAuth:Challenges:ApprovalsBeforeAutoApproveRule must be 1..100.")
            .ValidateOnStart();
        services.AddGrain<IChallengeGrain, ChallengeGrain>();
        services.AddGrain<IUserPushGrain, UserPushGrain>();
        services.AddGrain<IDeviceInboxGrain, DeviceInboxGrain>();
        services.AddGrain<IWebhookSecretGrain, WebhookSecretGrain>();
        services.TryAddSingleton<DeviceKeyCache>();
        services.TryAddSingleton<TenantSettingsCache>();
        services.TryAddSingleton<KeyMaterial>();
        services.AddHttpClient(WebhookHandler.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<IOutboxHandler, ChallengeResolvedHandler>();
        services.AddSingleton<IOutboxHandler, WebhookHandler>();
        return services;
    }

    /// <summary>Push dispatch, for silos in the gateway role.</summary>
    public static IServiceCollection AddPushDispatch(this IServiceCollection services)
    {
        services.AddSingleton<IOutboxHandler, PushOutboxHandler>();
        return services;
    }
}
