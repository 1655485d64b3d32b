namespace PushAuth.Security.Tests;

/// <summary>RFC 6238 Appendix B: unix time, expected step T, algorithm and 8-digit code.</summary>
internal static class Rfc6238Vectors
{
    public static TheoryData<long, long, OtpAlgorithm, string> All { get; } = new()
    {
        { 59L, 0x1L, OtpAlgorithm.Sha1, "94287082" },
        { 59L, 0x1L, OtpAlgorithm.Sha256, "46119246" },
        { 59L, 0x1L, OtpAlgorithm.Sha512, "90693936" },
        { 1111111109L, 0x23523ECL, OtpAlgorithm.Sha1, "07081804" },
        { 1111111109L, 0x23523ECL, OtpAlgorithm.Sha256, "68084774" },
        { 1111111109L, 0x23523ECL, OtpAlgorithm.Sha512, "25091201" },
        { 1111111111L, 0x23523EDL, OtpAlgorithm.Sha1, "14050471" },
        { 1111111111L, 0x23523EDL, OtpAlgorithm.Sha256, "67062674" },
        { 1111111111L, 0x23523EDL, OtpAlgorithm.Sha512, "99943326" },
        { 1234567890L, 0x273EF07L, OtpAlgorithm.Sha1, "89005924" },
        { 1234567890L, 0x273EF07L, OtpAlgorithm.Sha256, "91819424" },
        { 1234567890L, 0x273EF07L, OtpAlgorithm.Sha512, "93441116" },
        { 2000000000L, 0x3F940AAL, OtpAlgorithm.Sha1, "69279037" },
        { 2000000000L, 0x3F940AAL, OtpAlgorithm.Sha256, "90698825" },
        { 2000000000L, 0x3F940AAL, OtpAlgorithm.Sha512, "38618901" },
        { 20000000000L, 0x27BC86AAL, OtpAlgorithm.Sha1, "65353130" },
        { 20000000000L, 0x27BC86AAL, OtpAlgorithm.Sha256, "77737706" },
        { 20000000000L, 0x27BC86AAL, OtpAlgorithm.Sha512, "47863826" },
    };
}
