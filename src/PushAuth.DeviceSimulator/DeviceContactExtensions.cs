using PushAuth.Client.Devices;

namespace PushAuth.DeviceSimulator;

/// <summary>Contact verification, the first step of backup and restore (which stays with the simulator: see
/// <see cref="DeviceBackupExtensions"/>), and the development inbox.</summary>
public static class DeviceContactExtensions
{
    extension(DeviceClient)
    {
        /// <summary>The token of an app link: <c>https://…/app/verify-contact#t=TOKEN</c> or <c>pushauth://verify-contact?t=TOKEN</c>.</summary>
        public static string LinkToken(string link)
        {
            var uri = new Uri(link);
            var parameters = (uri.Fragment.Length > 1 ? uri.Fragment[1..] : uri.Query.TrimStart('?')).Split('&');
            return parameters.Select(p => p.Split('=', 2)).FirstOrDefault(p => p[0] == "t" && p.Length == 2)?[1]
                ?? throw new ArgumentException("The link carries no token (t=).", nameof(link));
        }
    }

    extension(DeviceClient device)
    {
        /// <summary>Asks the server to send a code and an app link to <paramref name="address"/> (<c>email</c> or <c>sms</c>).</summary>
        public async Task<ContactVerification> StartContactVerificationAsync(string channel, string address, CancellationToken cancellationToken = default)
        {
            using var response = await device.SendAsync(HttpMethod.Post, "/v1/device/contact-verifications", new { channel, address }, cancellationToken);
            return await DeviceClient.ReadAsync<ContactVerification>(response, cancellationToken);
        }

        /// <summary>Types the code from the message.</summary>
        public async Task<ContactVerificationStatus> ConfirmContactCodeAsync(string verificationId, string code, CancellationToken cancellationToken = default)
        {
            using var response = await device.SendAsync(HttpMethod.Post, $"/v1/device/contact-verifications/{verificationId}/confirm", new { code }, cancellationToken);
            return await DeviceClient.ReadAsync<ContactVerificationStatus>(response, cancellationToken);
        }

        /// <summary>What tapping the message's link does: the app is opened with the link and sends its token.</summary>
        public async Task<ContactVerificationStatus> ConfirmContactLinkAsync(string verificationId, string link, CancellationToken cancellationToken = default)
        {
            using var response = await device.SendAsync(HttpMethod.Post, $"/v1/device/contact-verifications/{verificationId}/confirm",
                new { linkToken = DeviceClient.LinkToken(link) }, cancellationToken);
            return await DeviceClient.ReadAsync<ContactVerificationStatus>(response, cancellationToken);
        }

        /// <summary>The development inbox (a silo without a real email or SMS sender, outside Production).</summary>
        public async Task<IReadOnlyList<DevInboxMessage>> ReadDevInboxAsync(CancellationToken cancellationToken = default)
        {
            using var response = await device.SendAsync(HttpMethod.Get, "/v1/device/dev-inbox", cancellationToken: cancellationToken);
            return await DeviceClient.ReadAsync<List<DevInboxMessage>>(response, cancellationToken);
        }
    }
}
