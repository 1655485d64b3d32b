namespace PushAuth.Messaging;

/// <summary>
/// The text of verification messages. Both channels carry the 6-digit code and a link that opens the app; tapping the
/// link on the phone verifies as typing the code does. The link's token is in the fragment (<c>#t=…</c>), which
/// browsers never send to a server, so neither our access logs nor a mail scanner's prefetch ever see it.
/// </summary>
public static class VerificationMessages
{
    public static ContactMessage Compose(string channel, string to, string code, Uri link, string verificationId, string deviceId, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(link);
        var minutes = (int)lifetime.TotalMinutes;
        if (channel == ContactChannels.Sms)
        {
            return new ContactMessage(channel, to, null,
                $"PushAuth code: {code}. Or tap {link} on this phone. It expires in {minutes} min. Don't share it.", null, verificationId, deviceId);
        }
        var text = $"""
            Your PushAuth verification code is {code}. It expires in {minutes} minutes.

            On the phone with the PushAuth app, you can tap this link instead of typing the code:
            {link}

            If you did not ask to back up or restore your accounts, ignore this message: nothing changes without the code.
            """;
        var href = System.Net.WebUtility.HtmlEncode(link.ToString());
        var html = $"""
            <p>Your PushAuth verification code is <b style="font-size:1.4em;letter-spacing:.1em">{code}</b>. It expires in {minutes} minutes.</p>
            <p>On the phone with the PushAuth app, <a href="{href}">tap here to verify</a> instead of typing the code.</p>
            <p>If you did not ask to back up or restore your accounts, ignore this message: nothing changes without the code.</p>
            """;
        return new ContactMessage(channel, to, "Verify your email for PushAuth backups", text, html, verificationId, deviceId);
    }
}
