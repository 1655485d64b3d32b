namespace PushAuth.Security;

/// <summary>
/// MAC keys by key id (at least 32 bytes each): the active key makes new MACs, every key in the ring still verifies, which
/// is how a MAC key rotates. Written <c>keyId:base64[;keyId:base64…]</c>; a bare base64 value is a ring of one key whose
/// id is <see cref="DefaultKeyId"/>, so a single configured key keeps working when a second is added beside it.
/// </summary>
public sealed class HmacKeyRing
{
    /// <summary>The minimum key length in bytes.</summary>
    public const int MinKeySize = 32;

    /// <summary>The id of a key configured as a bare base64 value.</summary>
    public const string DefaultKeyId = "1";

    private readonly IReadOnlyList<(string Id, byte[] Key)> _keys;

    private HmacKeyRing(IReadOnlyList<(string Id, byte[] Key)> keys, string activeKeyId)
    {
        _keys = keys;
        ActiveKeyId = activeKeyId;
    }

    /// <summary>The id of the key that makes new MACs.</summary>
    public string ActiveKeyId { get; }

    /// <summary>The key that makes new MACs.</summary>
    public byte[] ActiveKey => Find(ActiveKeyId)!;

    /// <summary>Every key, the active one first: the order in which a MAC is tried.</summary>
    public IEnumerable<(string Id, byte[] Key)> Keys => _keys.OrderBy(k => k.Id == ActiveKeyId ? 0 : 1);

    /// <summary>The key with this id, or null.</summary>
    public byte[]? Find(string keyId) => _keys.FirstOrDefault(k => k.Id == keyId).Key;

    /// <summary>Parses <c>keyId:base64[;…]</c> or a bare base64 key; <paramref name="activeKeyId"/> defaults to the first id.</summary>
    /// <exception cref="FormatException">An entry is malformed, a key is shorter than 32 bytes, an id repeats, or the active id is not in the ring.</exception>
    public static HmacKeyRing Parse(string value, string? activeKeyId = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        var entries = value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (entries.Length == 0)
        {
            throw new FormatException("The key ring is empty.");
        }
        var keys = new List<(string, byte[])>();
        foreach (var entry in entries)
        {
            var colon = entry.IndexOf(':', StringComparison.Ordinal);
            var (id, encoded) = colon < 0 && entries.Length == 1 ? (DefaultKeyId, entry) : colon > 0 ? (entry[..colon].Trim(), entry[(colon + 1)..].Trim()) : ("", "");
            if (!SecretKeyRing.IsValidKeyId(id))
            {
                throw new FormatException("Each key must look like 'keyId:base64' (ids: 1-32 of A-Z a-z 0-9 _ -), or be one bare base64 key.");
            }
            var buffer = new byte[encoded.Length];
            if (!Convert.TryFromBase64String(encoded, buffer, out var length) || length < MinKeySize)
            {
                throw new FormatException($"Key '{id}' must be base64 of at least {MinKeySize} bytes.");
            }
            if (keys.Exists(k => k.Item1 == id))
            {
                throw new FormatException($"Key id '{id}' appears more than once.");
            }
            keys.Add((id, buffer[..length]));
        }
        var active = string.IsNullOrEmpty(activeKeyId) ? keys[0].Item1 : activeKeyId;
        if (!keys.Exists(k => k.Item1 == active))
        {
            throw new FormatException($"The active key id '{active}' is not in the key ring.");
        }
        return new HmacKeyRing(keys, active);
    }

    /// <summary>A ring of one key (a development key).</summary>
    public static HmacKeyRing Single(string keyId, byte[] key) => new([(keyId, key)], keyId);
}
