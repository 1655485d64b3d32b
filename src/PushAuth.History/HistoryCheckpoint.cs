using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PushAuth.History;

/// <summary>
/// A signed statement of a tenant's chain head (sequence and hash) at a time, kept outside the database: a database
/// restored from an older backup, or newest entries deleted, no longer reaches it, and without the chain key nobody can
/// write a checkpoint that verifies.
/// </summary>
public sealed record HistoryCheckpoint(string TenantId, long Sequence, byte[] Hash, DateTimeOffset At, string KeyId, byte[] Mac)
{
    /// <summary>A checkpoint of <paramref name="head"/>, signed with the active chain key.</summary>
    public static HistoryCheckpoint Of(HistoryRecord head, DateTimeOffset at, HistoryKeys keys) =>
        new(head.Event.TenantId, head.Sequence, head.Hash, at, keys.ActiveKeyId, Sign(keys.ActiveKey, head.Event.TenantId, head.Sequence, head.Hash, at));

    /// <summary>True when its MAC verifies under the key it names.</summary>
    public bool IsAuthentic(HistoryKeys keys) =>
        keys.Find(KeyId) is { } key && CryptographicOperations.FixedTimeEquals(Sign(key, TenantId, Sequence, Hash, At), Mac);

    private static byte[] Sign(byte[] key, string tenantId, long sequence, byte[] hash, DateTimeOffset at)
    {
        using var mac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        mac.AppendData(Encoding.UTF8.GetBytes("pushauth/history-checkpoint/v1\n" + tenantId + "\n"));
        Span<byte> number = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(number, sequence);
        mac.AppendData(number);
        BinaryPrimitives.WriteInt64BigEndian(number, at.ToUnixTimeMilliseconds());
        mac.AppendData(number);
        mac.AppendData(hash);
        return mac.GetHashAndReset();
    }

    /// <summary>One line of text, as the checkpoint file holds it.</summary>
    public string Format() => string.Join(' ', "v1", TenantId, Sequence.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(Hash),
        At.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), KeyId, Convert.ToBase64String(Mac));

    /// <summary>Reads <see cref="Format"/>'s line; null when it is not one.</summary>
    public static HistoryCheckpoint? Parse(string line)
    {
        var parts = line.Trim().Split(' ');
        try
        {
            return parts is ["v1", var tenant, var sequence, var hash, var at, var keyId, var mac]
                ? new HistoryCheckpoint(tenant, long.Parse(sequence, CultureInfo.InvariantCulture), Convert.FromBase64String(hash),
                    DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(at, CultureInfo.InvariantCulture)), keyId, Convert.FromBase64String(mac))
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
        catch (OverflowException)
        {
            return null;
        }
    }
}
