using System.Security.Cryptography;

namespace PushAuth.Push.Fakes.Internal;

/// <summary>A provider signing key the fake APNs accepts.</summary>
internal sealed record SigningKey(string TeamId, string KeyId, ECDsa PublicKey);
