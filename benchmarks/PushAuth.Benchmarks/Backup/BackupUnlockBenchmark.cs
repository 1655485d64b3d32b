using System.Buffers.Text;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using PushAuth.Security.Backup;

namespace PushAuth.Benchmarks.Backup;

/// <summary>
/// What the server spends on one unlock proof: open the sealed proof (X25519 + HKDF + XChaCha20-Poly1305), check it
/// against the master-key-keyed verifier (HMAC-SHA256, constant-time compare), unwrap the secret (AES-256-GCM) and seal
/// it back to the device. It must stay in microseconds, while the device's Argon2id (the other two benchmarks) stays
/// slow by design: that asymmetry is the point.
/// </summary>
[MemoryDiagnoser]
public class BackupUnlockBenchmark
{
    private BackupServerKeys _server = null!;
    private byte[] _salt = [];
    private string _verifier = "";
    private string _wrapped = "";
    private string _context = "";
    private byte[] _rightProof = [];
    private byte[] _wrongProof = [];

    [GlobalSetup]
    public void Setup()
    {
        _server = new BackupServerKeys(RandomNumberGenerator.GetBytes(32));
        _salt = PasscodeKeys.NewSalt();
        var saltText = Base64Url.EncodeToString(_salt);
        using var keys = PasscodeKeys.Derive("4711", _salt, KdfParameters.Minimum);
        _verifier = _server.ComputeVerifier(_salt, keys.AuthKey);
        _wrapped = _server.WrapSecret(_salt, RandomNumberGenerator.GetBytes(32));
        _context = BackupContexts.Unlock("dv_benchmark", "bk_benchmark", "cv_benchmark", saltText);
        _rightProof = BackupSeal.Seal(_server.SealingPublicKey, _context, keys.AuthKey, out _);
        _wrongProof = BackupSeal.Seal(_server.SealingPublicKey, _context, RandomNumberGenerator.GetBytes(32), out _);
    }

    [GlobalCleanup]
    public void Cleanup() => _server.Dispose();

    /// <summary>A right proof, everything the server does for it.</summary>
    [Benchmark(Baseline = true)]
    public byte[] CheckRightProofAndReleaseSecret()
    {
        var authKey = _server.Open(_context, _rightProof, out var responseKey)!;
        if (!_server.VerifierMatches(_salt, authKey, _verifier))
        {
            throw new InvalidOperationException("The right proof did not verify.");
        }
        return BackupSeal.SealResponse(responseKey!, _context, _server.UnwrapSecret(_salt, _wrapped)!);
    }

    /// <summary>A wrong proof: opened and refused (the grain then counts it).</summary>
    [Benchmark]
    public bool CheckWrongProof() => _server.VerifierMatches(_salt, _server.Open(_context, _wrongProof, out _)!, _verifier);
}
