namespace PushAuth.Domain.Recovery;

/// <summary>A user's recovery bookkeeping (part of the user's state): the one active temporary code, when codes were
/// issued in the last hour (the rate limit), and whether push is revoked until a new pairing.</summary>
public sealed record UserRecoveryState
{
    public TemporaryCode? ActiveCode { get; init; }

    public IReadOnlyList<DateTimeOffset> CodesIssued { get; init; } = [];

    /// <summary>Set by "revoke all" after a loss or theft; cleared by the next pairing.</summary>
    public DateTimeOffset? PushRevokedAt { get; init; }

    /// <summary>The verified contact notices go to, by its keyed hash only: the address itself lives, encrypted, in
    /// that contact's grain. Set when a backup covering this user's account is made for the contact.</summary>
    public string? NoticeContactKey { get; init; }
}
