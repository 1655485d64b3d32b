using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace PushAuth.Security.Tests;

/// <summary>
/// The verifier computes HMACs with precomputed pads; <see cref="Hotp"/> uses the platform's HMAC.
/// Every key length (including keys longer than the hash block, which HMAC hashes first) must agree.
/// </summary>
public sealed class TotpVerifierPlatformEquivalenceTests
{
    private static Arbitrary<byte[]> Keys() =>
        Gen.Choose(1, 300).SelectMany(length => Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), length)).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property VerifyAtStep_PlatformCode_MatchesForEveryAlgorithmAndKeyLength(long counter, bool eightDigits) =>
        Prop.ForAll(Keys(), key =>
        {
            var step = counter & long.MaxValue;
            var digits = eightDigits ? 8 : 6;
            foreach (var algorithm in new[] { OtpAlgorithm.Sha1, OtpAlgorithm.Sha256, OtpAlgorithm.Sha512 })
            {
                var code = Hotp.ComputeCode(key, step, digits, algorithm);
                var verifier = new TotpVerifier(new TotpParameters(algorithm, digits), window: 0);
                if (verifier.VerifyAtStep(key, code, step) != step)
                {
                    return false;
                }
            }

            return true;
        });

    [Theory]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(128)]
    [InlineData(129)]
    public void VerifyAtStep_KeyAtBlockBoundaries_MatchesPlatform(int keyLength)
    {
        var key = Enumerable.Range(0, keyLength).Select(i => (byte)(i * 7)).ToArray();

        foreach (var algorithm in new[] { OtpAlgorithm.Sha1, OtpAlgorithm.Sha256, OtpAlgorithm.Sha512 })
        {
            var code = Hotp.ComputeCode(key, 123456789, 8, algorithm);
            Assert.Equal(123456789, new TotpVerifier(new TotpParameters(algorithm, 8), 0).VerifyAtStep(key, code, 123456789));
        }
    }
}
