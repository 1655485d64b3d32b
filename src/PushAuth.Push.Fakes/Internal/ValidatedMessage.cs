namespace PushAuth.Push.Fakes.Internal;

/// <summary>The fields of a valid messages:send body the fake keeps.</summary>
internal readonly record struct ValidatedMessage(
    string? Token,
    string? Topic,
    Dictionary<string, string> Data,
    string? Priority,
    string? Ttl,
    string? CollapseKey,
    Dictionary<string, string> ApnsHeaders,
    bool ValidateOnly,
    string MessageJson);
