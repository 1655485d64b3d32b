using BenchmarkDotNet.Attributes;
using PushAuth.Security;

namespace PushAuth.Benchmarks.Totp;

/// <summary>
/// TOTP verification (Otp.NET underneath) with the default ±1 window. The "previous step" case is the worst
/// accepted one (two HMACs), a wrong code the worst overall (three). Otp.NET allocates per code (counter bytes,
/// HMAC output, the code string), so the memory column is no longer zero; a login needs one verification, so
/// tens of thousands per second per core are plenty.
/// </summary>
[MemoryDiagnoser]
public class TotpVerifyBenchmark
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    private byte[] _key = [];
    private TotpVerifier _verifier = new();
    private string _currentCode = string.Empty;
    private string _previousStepCode = string.Empty;
    private string _wrongCode = string.Empty;

    /// <summary>The credential's HMAC algorithm.</summary>
    [Params(OtpAlgorithm.Sha1, OtpAlgorithm.Sha256, OtpAlgorithm.Sha512)]
    public OtpAlgorithm Algorithm { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _key = Algorithm switch
        {
            OtpAlgorithm.Sha256 => new byte[32],
            OtpAlgorithm.Sha512 => new byte[64],
            _ => new byte[20],
        };
        new Random(42).NextBytes(_key);
        var parameters = new TotpParameters(Algorithm);
        _verifier = new TotpVerifier(parameters, window: 1);
        var step = Security.Totp.GetTimeStep(Now);
        _currentCode = Security.Totp.ComputeCodeForStep(_key, step, parameters);
        _previousStepCode = Security.Totp.ComputeCodeForStep(_key, step - 1, parameters);
        _wrongCode = FindCodeOutsideWindow(step, parameters);
    }

    [Benchmark(Baseline = true)]
    public long? VerifyCurrentStep() => _verifier.Verify(_key, _currentCode, Now);

    [Benchmark]
    public long? VerifyPreviousStep() => _verifier.Verify(_key, _previousStepCode, Now);

    [Benchmark]
    public long? VerifyWrongCode() => _verifier.Verify(_key, _wrongCode, Now);

    private string FindCodeOutsideWindow(long step, TotpParameters parameters)
    {
        var inWindow = new HashSet<string>(StringComparer.Ordinal);
        for (var s = step - 1; s <= step + 1; s++)
        {
            inWindow.Add(Security.Totp.ComputeCodeForStep(_key, s, parameters));
        }

        var candidate = 0;
        while (inWindow.Contains(candidate.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)))
        {
            candidate++;
        }

        return candidate.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }
}
