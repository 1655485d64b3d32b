using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace PushAuth.History;

/// <summary>
/// The keyed chain of a tenant's history: each entry's hash is HMAC-SHA256, under a chain key from configuration, over the
/// previous hash and a canonical, length-prefixed encoding of the entry. Changing, removing or reordering a stored entry
/// breaks every link after it, and without the key nobody can re-link what follows a rewrite. The ends are held too: the
/// first stored entry must follow the genesis or a retention cut recorded in the chain, and the last must reach the
/// newest checkpoint kept outside the database.
/// </summary>
public static class HistoryChain
{
    /// <summary>The previous hash of a chain's first entry.</summary>
    public static byte[] Genesis => new byte[32];

    /// <summary>Links <paramref name="events"/> after <paramref name="head"/> (null for an empty chain) with the active key.</summary>
    public static IReadOnlyList<HistoryRecord> Link(HistoryRecord? head, IEnumerable<HistoryEvent> events, HistoryKeys keys)
    {
        var sequence = head?.Sequence ?? 0;
        var previous = head?.Hash ?? Genesis;
        var records = new List<HistoryRecord>();
        foreach (var e in events)
        {
            sequence++;
            var hash = Hash(keys.ActiveKey, sequence, e, previous);
            records.Add(new HistoryRecord(sequence, e, previous, hash));
            previous = hash;
        }
        return records;
    }

    /// <summary>HMAC-SHA256(key, previousHash ‖ canonical(sequence, entry)).</summary>
    public static byte[] Hash(byte[] key, long sequence, HistoryEvent e, ReadOnlySpan<byte> previousHash)
    {
        using var hash = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hash.AppendData(previousHash);
        Span<byte> number = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(number, sequence);
        hash.AppendData(number);
        BinaryPrimitives.WriteInt64BigEndian(number, e.At.ToUnixTimeMilliseconds());
        hash.AppendData(number);
        foreach (var field in Fields(e))
        {
            Append(hash, field);
        }
        return hash.GetHashAndReset();
    }

    /// <summary>
    /// Checks records in sequence order: each links to the one before and its MAC verifies under a chain key; the first
    /// follows the genesis (sequence 1) or a retention cut that a later entry records; and when a
    /// <paramref name="checkpoint"/> is given, it is authentic and the chain still holds the entry it names, unchanged.
    /// </summary>
    public static async Task<HistoryVerification> VerifyAsync(IAsyncEnumerable<HistoryRecord> chain, HistoryKeys keys, HistoryCheckpoint? checkpoint = null,
        CancellationToken cancellationToken = default)
    {
        if (checkpoint is not null && !checkpoint.IsAuthentic(keys))
        {
            return HistoryVerification.Broken(0, checkpoint.Sequence, "the checkpoint's signature does not verify with the chain keys");
        }
        HistoryRecord? first = null;
        HistoryRecord? previous = null;
        byte[]? atCheckpoint = null;
        var cuts = new List<RetentionCut>();
        long count = 0;
        await foreach (var record in chain.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (previous is not null)
            {
                if (record.Sequence != previous.Sequence + 1)
                {
                    return HistoryVerification.Broken(count, previous.Sequence + 1, $"entries {previous.Sequence + 1}..{record.Sequence - 1} are missing");
                }
                if (!record.PreviousHash.AsSpan().SequenceEqual(previous.Hash))
                {
                    return HistoryVerification.Broken(count, record.Sequence, "its previous hash does not match the entry before it");
                }
            }
            if (!keys.All.Any(k => CryptographicOperations.FixedTimeEquals(Hash(k.Key, record.Sequence, record.Event, record.PreviousHash), record.Hash)))
            {
                return HistoryVerification.Broken(count, record.Sequence, "its content does not match its MAC under any chain key");
            }
            if (RetentionCut.Of(record.Event) is { } cut)
            {
                cuts.Add(cut);
            }
            if (record.Sequence == checkpoint?.Sequence)
            {
                atCheckpoint = record.Hash;
            }
            first ??= record;
            previous = record;
            count++;
        }
        if (first is not null && !(first.Sequence == 1 && first.PreviousHash.AsSpan().SequenceEqual(Genesis))
            && !cuts.Any(c => c.Through == first.Sequence - 1 && c.LastHash.AsSpan().SequenceEqual(first.PreviousHash)))
        {
            return HistoryVerification.Broken(0, first.Sequence,
                $"entries before it are missing: no recorded retention cut ends at sequence {first.Sequence - 1} with its previous hash");
        }
        if (checkpoint is not null)
        {
            if (previous is null || previous.Sequence < checkpoint.Sequence)
            {
                return HistoryVerification.Broken(count, (previous?.Sequence ?? 0) + 1,
                    $"the newest entries are missing: the checkpoint of {checkpoint.At:u} names sequence {checkpoint.Sequence}, the chain ends at {previous?.Sequence ?? 0}");
            }
            if (atCheckpoint is not null && !atCheckpoint.AsSpan().SequenceEqual(checkpoint.Hash))
            {
                return HistoryVerification.Broken(count, checkpoint.Sequence, $"it differs from the checkpoint of {checkpoint.At:u}: the chain was rewritten or rolled back");
            }
        }
        return HistoryVerification.Intact(count, previous?.Sequence);
    }

    private static IEnumerable<string?> Fields(HistoryEvent e) =>
    [
        e.EventId, e.TenantId, e.UserId, e.Actor, e.Activity, e.Method, e.Status, e.SourceIp, e.City, e.Country,
        e.DeviceId, e.Policy, e.Remarks, e.CorrelationId, e.TraceId, e.UserAgent,
    ];

    // A null and an empty string hash differently: -1 marks null, otherwise the UTF-8 length precedes the bytes.
    private static void Append(IncrementalHash hash, string? value)
    {
        Span<byte> length = stackalloc byte[4];
        if (value is null)
        {
            BinaryPrimitives.WriteInt32BigEndian(length, -1);
            hash.AppendData(length);
            return;
        }
        var bytes = Encoding.UTF8.GetBytes(value);
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }
}
