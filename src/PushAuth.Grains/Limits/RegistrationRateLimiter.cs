using Microsoft.Extensions.Options;
using PushAuth.Grains.Devices;

namespace PushAuth.Grains.Limits;

/// <summary>Device registrations per client address and minute (<see cref="DeviceOptions.RegistrationsPerMinutePerAddress"/>), per silo.</summary>
internal sealed class RegistrationRateLimiter(IOptions<DeviceOptions> options, TimeProvider time) : MinuteWindowLimiter(time)
{
    /// <summary>The policy's name in the RateLimit headers.</summary>
    public const string Policy = "registration";

    protected override int Limit => options.Value.RegistrationsPerMinutePerAddress;
}
