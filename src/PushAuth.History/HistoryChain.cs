using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace PushAuth.History;

/// <summary>
/// The hash chain of a tenant's history: each entry's hash is SHA-256 over the previous hash and a canonical,
/// length-prefixed encoding of the entry, so changing, removing or reordering any stored entry breaks every hash after it.
/// </summary>
public static class HistoryChain
{
    /// <summary>The previous hash of a chain's first entry.</summary>
    public static byte[] Genesis => new byte[32];

    /// <summary>Links <paramref name="events"/> after <paramref name="head"/> (null for an empty chain).</summary>
    public static IReadOnlyList<HistoryRecord> Link(HistoryRecord? head, IEnumerable<HistoryEvent> events)
    {
        var sequence = head?.Sequence ?? 0;
        var previous = head?.Hash ?? Genesis;
        var records = new List<HistoryRecord>();
        foreach (var e in events)
        {
            sequence++;
            var hash = Hash(sequence, e, previous);
            records.Add(new HistoryRecord(sequence, e, previous, hash));
            previous = hash;
        }
        return records;
    }

    /// <summary>SHA-256(previousHash ‖ canonical(sequence, entry)).</summary>
    public static byte[] Hash(long sequence, HistoryEvent e, ReadOnlySpan<byte> previousHash)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
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

    /// <summary>Checks records in sequence order. The first record is trusted as the anchor only for its previous hash
    /// (older entries may have been removed by retention); everything else must link and hash correctly.</summary>
    public static async Task<HistoryVerification> VerifyAsync(IAsyncEnumerable<HistoryRecord> chain, CancellationToken cancellationToken = default)
    {
        HistoryRecord? previous = null;
        long count = 0;
        await foreach (var record in chain.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (previous is not null)
            {
                if (record.Sequence != previous.Sequence + 1)
                {
                    return HistoryVerification.Broken(count, record.Sequence, $"sequence {previous.Sequence + 1} is missing");
                }
                if (!record.PreviousHash.AsSpan().SequenceEqual(previous.Hash))
                {
                    return HistoryVerification.Broken(count, record.Sequence, "its previous hash does not match the entry before it");
                }
            }
            if (!Hash(record.Sequence, record.Event, record.PreviousHash).AsSpan().SequenceEqual(record.Hash))
            {
                return HistoryVerification.Broken(count, record.Sequence, "its content does not match its hash");
            }
            previous = record;
            count++;
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
