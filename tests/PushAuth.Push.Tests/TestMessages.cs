namespace PushAuth.Push.Tests;

internal static class TestMessages
{
    public const string AndroidToken = "fcm-token-0001";
    public const string IosToken = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";

    public static PushMessage Fcm(DateTimeOffset now, string token = AndroidToken, string kind = "challenge") =>
        new(Guid.NewGuid().ToString("D"), PushProvider.Fcm, token, "android", kind, "ch_" + Guid.NewGuid().ToString("N")[..12], "nonce-" + Guid.NewGuid().ToString("N"), now.AddSeconds(120));

    public static PushMessage Apns(DateTimeOffset now, string token = IosToken, string kind = "challenge") =>
        new(Guid.NewGuid().ToString("D"), PushProvider.Apns, token, "ios", kind, "ch_" + Guid.NewGuid().ToString("N")[..12], "nonce-" + Guid.NewGuid().ToString("N"), now.AddSeconds(120));

    public static string HexToken(int seed) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(seed)));
}
