using System.Text.RegularExpressions;

namespace PushAuth.DeviceSimulator;

/// <summary>A message the silo's development sinks kept for this device (what the phone's mail or SMS app shows).</summary>
public sealed partial record DevInboxMessage(DateTimeOffset At, string Channel, string To, string? Subject, string Text, string VerificationId)
{
    /// <summary>The 6-digit code in the text.</summary>
    public string Code => CodePattern().Match(Text).Value;

    /// <summary>The app link in the text.</summary>
    public string Link => LinkPattern().Match(Text).Value;

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"https?://\S+#t=[A-Za-z0-9_-]+")]
    private static partial Regex LinkPattern();
}
