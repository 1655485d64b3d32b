using Microsoft.AspNetCore.Http.Metadata;

namespace PushAuth.Silo.Http;

/// <summary>Endpoint metadata raising the request body limit above <see cref="SiloOptions.MaxRequestBodyBytes"/> for one
/// endpoint (routing applies it before the body is read). Computed at the first request, so options are validated at
/// start as usual, not while endpoints are mapped.</summary>
internal sealed class BodySizeLimit(Func<long> bytes) : IRequestSizeLimitMetadata
{
    private readonly Lazy<long> _bytes = new(bytes);

    public long? MaxRequestBodySize => _bytes.Value;

    /// <summary>A backup upload: its blob in base64 (4 characters per 3 bytes) and 16 KiB for the other fields.</summary>
    public static long ForBackup(int maxBlobBytes, long floor) => Math.Max(floor, ((maxBlobBytes + 2L) / 3 * 4) + (16 * 1024));
}
