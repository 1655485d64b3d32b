using Microsoft.Extensions.Options;
using PushAuth.History;

namespace PushAuth.Grains.History;

/// <summary>
/// Each tenant's newest checkpoint as one line in <c>{CheckpointDirectory}/{tenant}.checkpoint</c>, replaced atomically
/// (written beside it, then renamed). A checkpoint never goes back: one at a lower sequence than the file's, or at its
/// sequence with another hash, is refused, so a database rolled back cannot erase the evidence by checkpointing again.
/// </summary>
internal sealed class HistoryCheckpointStore(IOptions<HistoryOptions> options)
{
    /// <summary>False when no directory is configured (Development only).</summary>
    public bool Enabled => options.Value.CheckpointDirectory is { Length: > 0 };

    /// <summary>The tenant's checkpoint, or null when there is none (or checkpoints are off).</summary>
    public async Task<HistoryCheckpoint?> ReadAsync(string tenantId, CancellationToken cancellationToken)
    {
        if (!Enabled || !File.Exists(PathOf(tenantId)))
        {
            return null;
        }
        return HistoryCheckpoint.Parse(await File.ReadAllTextAsync(PathOf(tenantId), cancellationToken)) is { } checkpoint && checkpoint.TenantId == tenantId
            ? checkpoint
            : throw new InvalidDataException($"The history checkpoint of tenant '{tenantId}' is unreadable.");
    }

    /// <summary>Writes <paramref name="checkpoint"/> unless the file already holds a later one (then false: the caller's
    /// chain is behind a checkpoint, which is what a rollback looks like).</summary>
    public async Task<bool> WriteAsync(HistoryCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return true;
        }
        var existing = await ReadAsync(checkpoint.TenantId, cancellationToken);
        if (existing is not null && (existing.Sequence > checkpoint.Sequence || (existing.Sequence == checkpoint.Sequence && !existing.Hash.AsSpan().SequenceEqual(checkpoint.Hash))))
        {
            return false;
        }
        Directory.CreateDirectory(options.Value.CheckpointDirectory!);
        var temporary = PathOf(checkpoint.TenantId) + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllTextAsync(temporary, checkpoint.Format() + "\n", cancellationToken);
        File.Move(temporary, PathOf(checkpoint.TenantId), overwrite: true);
        return true;
    }

    // Tenant ids are letters, digits and . _ - @ + (Validate.Identifier): no separator, and the suffix keeps '..' a plain name.
    private string PathOf(string tenantId) => Path.Combine(options.Value.CheckpointDirectory!, tenantId + ".checkpoint");
}
