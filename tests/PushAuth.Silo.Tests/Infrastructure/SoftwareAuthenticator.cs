using System.Buffers.Binary;
using System.Buffers.Text;
using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PushAuth.Silo.Tests.Infrastructure;

/// <summary>
/// A passkey authenticator in software for HTTP tests: EC P-256 keys, WebAuthn's real structures (attestation format
/// "none" with the COSE key in CBOR, assertions signed over authenticatorData ‖ SHA-256(clientDataJSON)), discoverable
/// credentials with a user handle, a signature counter, and flags a test can turn off (user verification) to see the
/// server refuse. It answers the options JSON the silo sends as a browser would hand them to
/// <c>navigator.credentials</c>, and returns the <c>PublicKeyCredential</c> JSON the console page posts back.
/// </summary>
public sealed class SoftwareAuthenticator : IDisposable
{
    private readonly List<Credential> _credentials = [];

    /// <summary>Whether the authenticator reports user verification (a PIN or biometric); the console requires it.</summary>
    public bool UserVerified { get; set; } = true;

    /// <summary>Whether the signature counter moves (some platform authenticators keep it at 0).</summary>
    public bool Counts { get; set; } = true;

    public IReadOnlyList<string> CredentialIds => [.. _credentials.Select(c => Base64Url.EncodeToString(c.Id))];

    /// <summary>Answers creation options (<c>publicKey</c> of the silo's answer) as <c>navigator.credentials.create()</c> would.</summary>
    public JsonObject Create(JsonElement options, string origin)
    {
        var rpId = options.GetProperty("rp").GetProperty("id").GetString()!;
        var credential = new Credential(RandomNumberGenerator.GetBytes(16), ECDsa.Create(ECCurve.NamedCurves.nistP256), rpId,
            Base64Url.DecodeFromChars(options.GetProperty("user").GetProperty("id").GetString()));
        _credentials.Add(credential);
        var clientData = ClientData("webauthn.create", options.GetProperty("challenge").GetString()!, origin);
        var attested = new List<byte>();
        attested.AddRange(new byte[16]); // AAGUID: none
        attested.Add((byte)(credential.Id.Length >> 8));
        attested.Add((byte)credential.Id.Length);
        attested.AddRange(credential.Id);
        attested.AddRange(CoseKey(credential.Key));
        var authData = AuthenticatorData(rpId, attestedCredential: [.. attested], counter: credential.Counter);
        var cbor = new CborWriter();
        cbor.WriteStartMap(3);
        cbor.WriteTextString("fmt");
        cbor.WriteTextString("none");
        cbor.WriteTextString("attStmt");
        cbor.WriteStartMap(0);
        cbor.WriteEndMap();
        cbor.WriteTextString("authData");
        cbor.WriteByteString(authData);
        cbor.WriteEndMap();
        return new JsonObject
        {
            ["id"] = Base64Url.EncodeToString(credential.Id), ["rawId"] = Base64Url.EncodeToString(credential.Id), ["type"] = "public-key",
            ["response"] = new JsonObject
            {
                ["attestationObject"] = Base64Url.EncodeToString(cbor.Encode()), ["clientDataJSON"] = Base64Url.EncodeToString(clientData),
                ["transports"] = new JsonArray("internal"),
            },
            ["clientExtensionResults"] = new JsonObject(),
        };
    }

    /// <summary>Answers request options as <c>navigator.credentials.get()</c> would, with the newest fitting credential
    /// (or <paramref name="credentialId"/>).</summary>
    public JsonObject Get(JsonElement options, string origin, string? credentialId = null)
    {
        var rpId = options.GetProperty("rpId").GetString()!;
        var allowed = options.TryGetProperty("allowCredentials", out var list) ? list.EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToHashSet() : [];
        var credential = _credentials.LastOrDefault(c => c.RpId == rpId && (credentialId is null || Base64Url.EncodeToString(c.Id) == credentialId)
            && (allowed.Count == 0 || allowed.Contains(Base64Url.EncodeToString(c.Id))))
            ?? throw new InvalidOperationException("No credential of this authenticator fits the options (NotAllowedError in a browser).");
        if (Counts)
        {
            credential.Counter++;
        }
        var clientData = ClientData("webauthn.get", options.GetProperty("challenge").GetString()!, origin);
        var authData = AuthenticatorData(rpId, attestedCredential: null, counter: credential.Counter);
        var signature = credential.Key.SignData([.. authData, .. SHA256.HashData(clientData)], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return new JsonObject
        {
            ["id"] = Base64Url.EncodeToString(credential.Id), ["rawId"] = Base64Url.EncodeToString(credential.Id), ["type"] = "public-key",
            ["response"] = new JsonObject
            {
                ["authenticatorData"] = Base64Url.EncodeToString(authData), ["clientDataJSON"] = Base64Url.EncodeToString(clientData),
                ["signature"] = Base64Url.EncodeToString(signature), ["userHandle"] = Base64Url.EncodeToString(credential.UserHandle),
            },
            ["clientExtensionResults"] = new JsonObject(),
        };
    }

    public void Dispose()
    {
        foreach (var c in _credentials)
        {
            c.Key.Dispose();
        }
    }

    private byte[] AuthenticatorData(string rpId, byte[]? attestedCredential, uint counter)
    {
        // Flags: UP (0x01), UV (0x04) when verified, AT (0x40) with attested credential data.
        var flags = (byte)(0x01 | (UserVerified ? 0x04 : 0) | (attestedCredential is null ? 0 : 0x40));
        var data = new List<byte>(SHA256.HashData(Encoding.UTF8.GetBytes(rpId))) { flags };
        var count = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(count, counter);
        data.AddRange(count);
        if (attestedCredential is not null)
        {
            data.AddRange(attestedCredential);
        }
        return [.. data];
    }

    private static byte[] ClientData(string type, string challenge, string origin) =>
        Encoding.UTF8.GetBytes(new JsonObject { ["type"] = type, ["challenge"] = challenge, ["origin"] = origin, ["crossOrigin"] = false }.ToJsonString());

    /// <summary>The COSE_Key of an ES256 public key: {1: 2 (EC2), 3: -7 (ES256), -1: 1 (P-256), -2: x, -3: y}.</summary>
    private static byte[] CoseKey(ECDsa key)
    {
        var p = key.ExportParameters(false);
        var cbor = new CborWriter(CborConformanceMode.Ctap2Canonical);
        cbor.WriteStartMap(5);
        cbor.WriteInt32(1);
        cbor.WriteInt32(2);
        cbor.WriteInt32(3);
        cbor.WriteInt32(-7);
        cbor.WriteInt32(-1);
        cbor.WriteInt32(1);
        cbor.WriteInt32(-2);
        cbor.WriteByteString(p.Q.X!);
        cbor.WriteInt32(-3);
        cbor.WriteByteString(p.Q.Y!);
        cbor.WriteEndMap();
        return cbor.Encode();
    }

    private sealed class Credential(byte[] id, ECDsa key, string rpId, byte[] userHandle)
    {
        public byte[] Id { get; } = id;

        public ECDsa Key { get; } = key;

        public string RpId { get; } = rpId;

        public byte[] UserHandle { get; } = userHandle;

        public uint Counter { get; set; }
    }
}
