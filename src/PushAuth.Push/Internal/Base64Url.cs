namespace PushAuth.Push.Internal;

/// <summary>base64url without padding (RFC 7515), as JWTs use.</summary>
internal static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> data) => System.Buffers.Text.Base64Url.EncodeToString(data);
}
