namespace PushAuth.History;

/// <summary>
/// The HMAC keys of the history chain, by key id, from configuration (never the database): the active key links new
/// entries, every key still verifies, which is how the chain key rotates. Someone who can write the database but has no
/// key cannot make an entry, or a checkpoint, that verifies.
/// </summary>
public sealed class HistoryKeys
{
    private readonly IReadOnlyList<(string Id, byte[] Key)> _keys;

    public HistoryKeys(IEnumerable<(string Id, byte[] Key)> keys, string activeKeyId)
    {
        _keys = [.. keys];
        if (_keys.Count == 0 || _keys.Any(k => k.Key.Length < 32))
        {
            throw new ArgumentException("The history chain needs at least one key of at least 32 bytes.", nameof(keys));
        }
        ActiveKeyId = activeKeyId;
        ActiveKey = Find(activeKeyId) ?? throw new ArgumentException($"The active key id '{activeKeyId}' is not among the keys.", nameof(activeKeyId));
    }

    /// <summary>The id of the key that links new entries and signs checkpoints.</summary>
    public string ActiveKeyId { get; }

    /// <summary>The key that links new entries and signs checkpoints.</summary>
    public byte[] ActiveKey { get; }

    /// <summary>Every key, the active one first.</summary>
    public IEnumerable<(string Id, byte[] Key)> All => _keys.OrderBy(k => k.Id == ActiveKeyId ? 0 : 1);

    /// <summary>The key with this id, or null.</summary>
    public byte[]? Find(string keyId) => _keys.FirstOrDefault(k => k.Id == keyId).Key;
}
