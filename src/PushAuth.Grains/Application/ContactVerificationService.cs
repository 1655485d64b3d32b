using Microsoft.Extensions.Options;
using PushAuth.Domain.Backup;
using PushAuth.Grains.Backup;

namespace PushAuth.Grains.Application;

/// <summary>Contact verification (<see cref="IContactVerificationService"/>): the address's form, the cluster-wide limits per
/// device and source address, and the contact's own grain, keyed by the address's keyed hash.</summary>
internal sealed class ContactVerificationService(IGrainFactory grains, BackupKeyMaterial keys, IOptions<ContactOptions> limits) : IContactVerificationService
{
    public async Task<ContactVerificationStarted> StartAsync(string deviceId, string? channel, string? address, Uri linkBase, RequestOrigin origin,
        CancellationToken cancellationToken = default)
    {
        if (!ContactAddress.TryNormalize(channel, address, out var normalized, out var error))
        {
            throw error == "channel.invalid"
                ? ProblemCodes.Backup.ChannelInvalid.Error("'channel' must be \"email\" or \"sms\".")
                : ProblemCodes.Backup.AddressInvalid.Error(channel == ContactAddress.Email
                    ? "'address' must be an email address." : "'address' must be a mobile number in international form, e.g. +4915112345678.");
        }
        // Both keyed by what the caller holds (its device, its address), so both are told in the RateLimit headers.
        await TakeAsync("contact-device:" + deviceId, "contact-device", limits.Value.SendsPerDevicePerHour, ProblemCodes.Devices.RateLimited,
            "This device asked for too many codes; try again later.", cancellationToken);
        await TakeAsync("contact-source:" + (origin.SourceIp ?? "?"), "contact-source", limits.Value.SendsPerSourcePerHour, ProblemCodes.Backup.SourceRateLimited,
            "Too many codes were asked for from this network; try again later.", cancellationToken);
        var contactKey = (await keys.ContactAsync(cancellationToken)).ContactHash(channel!, normalized);
        return await grains.GetGrain<IContactVerificationGrain>(contactKey).StartAsync(
            new ContactVerificationRequest(channel!, normalized, ContactAddress.Mask(channel!, normalized), deviceId, linkBase.ToString()), origin, cancellationToken);
    }

    public async Task<ContactVerificationView> ConfirmAsync(string deviceId, string verificationId, string? code, string? linkToken, RequestOrigin origin,
        CancellationToken cancellationToken = default)
    {
        var contactKey = BackupIds.ContactOfVerification(verificationId) ?? throw ProblemCodes.Backup.VerificationNotFound.Error("No such verification for this device.");
        if ((code is null) == (linkToken is null))
        {
            throw ProblemCodes.Backup.CodeMissing.Error("Give either 'code' (the 6 digits) or 'linkToken' (from the tapped link).");
        }
        if (code is not null && (code.Length != 6 || !code.All(char.IsAsciiDigit)))
        {
            throw ProblemCodes.Users.CodeInvalid.Error("'code' must be the 6 digits from the message.");
        }
        if (linkToken is not null && (linkToken.Length != 22 || !linkToken.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            throw ProblemCodes.Backup.LinkTokenInvalid.Error("'linkToken' must be the t= value of the link in the message.");
        }
        return await grains.GetGrain<IContactVerificationGrain>(contactKey).ConfirmAsync(verificationId, deviceId, code, linkToken, origin, cancellationToken);
    }

    private async Task TakeAsync(string key, string policy, int limit, ProblemCode problem, string message, CancellationToken cancellationToken)
    {
        var take = await grains.GetGrain<IRateLimitGrain>(key).TakeAsync(limit, TimeSpan.FromHours(1), cancellationToken);
        RateLimitReport.Add(new RateLimitStatus(policy, limit, TimeSpan.FromHours(1), take.Remaining, take.Reset));
        if (take.RetryAfter is { } wait)
        {
            throw problem.Error(message, wait);
        }
    }
}
