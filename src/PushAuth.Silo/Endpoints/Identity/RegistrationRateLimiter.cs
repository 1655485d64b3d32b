using Microsoft.Extensions.Options;
using PushAuth.Grains.Devices;

namespace PushAuth.Silo.Endpoints.Identity;

/// <summary>Device registrations per client address and minute (<see cref="DeviceOptions.RegistrationsPerMinutePerAddress"/>), per silo.</summary>
public sealed class RegistrationRateLimiter(IOptions<DeviceOptions> options, TimeProvider time) : MinuteWindowLimiter(time)
{
    protected override int Limit => options.Value.RegistrationsPerMinutePerAddress;
}
