using System.Text;

namespace PushAuth.Security.Tests;

/// <summary>The shared secrets of RFC 4226 Appendix D and RFC 6238 Appendix B.</summary>
internal static class RfcTestKeys
{
    public static byte[] Sha1 { get; } = Encoding.ASCII.GetBytes("12345678901234567890");

    public static byte[] Sha256 { get; } = Encoding.ASCII.GetBytes("12345678901234567890123456789012");

    public static byte[] Sha512 { get; } = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("1234567890", 6)) + "1234");

    public static byte[] For(OtpAlgorithm algorithm) => algorithm switch
    {
        OtpAlgorithm.Sha256 => Sha256,
        OtpAlgorithm.Sha512 => Sha512,
        _ => Sha1,
    };
}
