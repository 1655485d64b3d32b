using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace PushAuth.Security.Tests;

/// <summary>
/// The Otp.NET path against <see cref="ReferenceHotp"/>, an independent RFC 4226 computation: every algorithm,
/// both code lengths, key lengths around the hash block sizes, and the window and replay rules.
/// </summary>
public sealed class TotpVerifierPropertyTests
{
    private static readonly OtpAlgorithm[] Algorithms = [OtpAlgorithm.Sha1, OtpAlgorithm.Sha256, OtpAlgorithm.Sha512];

    private static Arbitrary<byte[]> Keys() =>
        Gen.Choose(1, 300).SelectMany(length => Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), length)).ToArbitrary();

    // Every step whose start a DateTimeOffset can hold at a 30 s period.
    private static Arbitrary<long> Steps() =>
        Gen.Choose(0, int.MaxValue).SelectMany(high => Gen.Choose(0, 3).Select(low => (long)high * 4 + low))
            .Where(step => step <= DateTimeOffset.MaxValue.ToUnixTimeSeconds() / 30).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property ComputeCodeForStep_EveryAlgorithmAndKeyLength_MatchesReference(bool eightDigits) =>
        Prop.ForAll(Keys(), Steps(), (key, step) =>
        {
            var digits = eightDigits ? 8 : 6;
            return Algorithms.All(algorithm =>
            {
                var expected = ReferenceHotp.Code(key, step, digits, algorithm);
                var parameters = new TotpParameters(algorithm, digits);
                return Totp.ComputeCodeForStep(key, step, parameters) == expected
                    && new TotpVerifier(parameters, window: 0).VerifyAtStep(key, expected, step) == step;
            });
        });

    [Property(MaxTest = 500)]
    public Property Verify_ReferenceCode_AcceptedExactlyWhenAnAllowedStepMatches(bool eightDigits, byte algorithmIndex, byte windowSeed, sbyte offsetSeed, sbyte lastSeed, byte secondSeed) =>
        Prop.ForAll(Keys(), Steps(), (key, current) =>
        {
            var parameters = new TotpParameters(Algorithms[algorithmIndex % 3], eightDigits ? 8 : 6);
            var window = windowSeed % 3;
            var offset = offsetSeed % 4; // -3..3: inside and just outside the widest window
            var lastOffset = lastSeed % 5; // -4..4, with -4 meaning "nothing accepted yet"
            long? lastAccepted = lastOffset == -4 ? null : current + lastOffset;
            var code = ReferenceHotp.Code(key, Math.Max(0, current + offset), parameters.Digits, parameters.Algorithm);
            var now = Totp.GetStepStart(current).AddSeconds(secondSeed % 30);

            var result = new TotpVerifier(parameters, window).Verify(key, code, now, lastAccepted);

            bool Allowed(long step) => step >= 0 && Math.Abs(step - current) <= window && (lastAccepted is not { } last || step > last);
            bool Matches(long step) => ReferenceHotp.Code(key, step, parameters.Digits, parameters.Algorithm) == code;
            return result is { } matched
                ? Allowed(matched) && Matches(matched)
                : !Enumerable.Range(-window, 2 * window + 1).Select(d => current + d).Any(s => Allowed(s) && Matches(s));
        });

    [Property(MaxTest = 200)]
    public Property Verify_AcceptedStep_NeverAcceptedAgain(bool eightDigits) =>
        Prop.ForAll(Keys(), Steps(), Gen.Choose(-1, 1).ToArbitrary(), (key, current, offset) =>
        {
            var parameters = new TotpParameters(OtpAlgorithm.Sha1, eightDigits ? 8 : 6);
            var verifier = new TotpVerifier(parameters, window: 1);
            var now = Totp.GetStepStart(current);
            var code = ReferenceHotp.Code(key, Math.Max(0, current + offset), parameters.Digits, parameters.Algorithm);

            var first = verifier.Verify(key, code, now);
            return first is { } step && !(verifier.Verify(key, code, now, step) <= step);
        });
}
