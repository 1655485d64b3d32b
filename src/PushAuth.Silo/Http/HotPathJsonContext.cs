using System.Text.Json.Serialization;
using PushAuth.Silo.Endpoints.Approvals;

namespace PushAuth.Silo.Http;

/// <summary>
/// Source-generated JSON metadata for the bodies of one approval (create, read and long-poll, device pull, answer):
/// serializing them without reflection-built accessors roughly halves their JSON time. Put first in the HTTP options'
/// resolver chain, before the reflection resolver that still serves every other type. The options (web naming, the strict
/// enum converter, disallowed unknown members, strict numbers) are the HTTP options', applied to this metadata at run
/// time, so the wire format and the OpenAPI document stay the same.
/// </summary>
[JsonSerializable(typeof(CreateChallengeBody))]
[JsonSerializable(typeof(ChallengeView))]
[JsonSerializable(typeof(AnswerBody))]
[JsonSerializable(typeof(AnswerOutcome))]
[JsonSerializable(typeof(DeviceChallengeView))]
[JsonSerializable(typeof(IReadOnlyList<DeviceChallengeView>))]
[JsonSerializable(typeof(List<DeviceChallengeView>))]
internal sealed partial class HotPathJsonContext : JsonSerializerContext;
