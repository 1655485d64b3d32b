using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using PushAuth.Messaging;

namespace PushAuth.Grains.Tests.Infrastructure;

/// <summary>What the silo's development contact sender kept for a verification: the message a person would read, and the
/// code and link token in it.</summary>
public static partial class ContactInbox
{
    public static async Task<ContactMessage> MessageAsync(IServiceProvider silo, string deviceId, string verificationId) =>
        (await silo.GetRequiredService<IDevContactInbox>().ForDeviceAsync(deviceId)).Last(m => m.Message.VerificationId == verificationId).Message;

    /// <summary>The six-digit code (the first number of six digits in the text; the link comes after it).</summary>
    public static string Code(ContactMessage message) => SixDigits().Match(message.Text).Value;

    /// <summary>The app link's token (after <c>#t=</c>).</summary>
    public static string LinkToken(ContactMessage message) => LinkTokenPattern().Match(message.Text).Groups[1].Value;

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();

    [GeneratedRegex(@"#t=([A-Za-z0-9_-]+)")]
    private static partial Regex LinkTokenPattern();
}
