namespace PushAuth.History;

/// <summary>A stored history entry: its place in the tenant's chain and the chain hashes.</summary>
/// <param name="Sequence">1, 2, 3 … per tenant, without gaps.</param>
/// <param name="PreviousHash">The <see cref="Hash"/> of entry <c>Sequence - 1</c> (32 zero bytes for the first).</param>
/// <param name="Hash">HMAC-SHA256 under a chain key over <see cref="PreviousHash"/> and the canonical form of the entry (<see cref="HistoryChain"/>).</param>
public sealed record HistoryRecord(long Sequence, HistoryEvent Event, byte[] PreviousHash, byte[] Hash);
