namespace PushAuth.Messaging;

/// <summary>E.164, the only form numbers are stored and sent in.</summary>
public static class PhoneNumbers
{
    public static bool IsE164(string number) =>
        number is { Length: >= 9 and <= 16 } && number[0] == '+' && number[1] is >= '1' and <= '9' && number.AsSpan(1).ContainsAnyExceptInRange('0', '9') is false;
}
