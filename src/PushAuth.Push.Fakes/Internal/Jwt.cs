using System.Buffers.Text;
using System.Text.Json;

namespace PushAuth.Push.Fakes.Internal;

/// <summary>A compact JWS split into its parts; nothing is verified here.</summary>
internal sealed record Jwt(JsonElement Header, JsonElement Claims, byte[] SigningInput, byte[] Signature)
{
    public static Jwt? TryParse(string? compact)
    {
        if (string.IsNullOrEmpty(compact))
        {
            return null;
        }

        var parts = compact.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
            using var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            if (header.RootElement.ValueKind != JsonValueKind.Object || claims.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var signingInput = System.Text.Encoding.ASCII.GetBytes(compact.AsSpan(0, parts[0].Length + 1 + parts[1].Length).ToString());
            return new Jwt(header.RootElement.Clone(), claims.RootElement.Clone(), signingInput, Base64Url.DecodeFromChars(parts[2]));
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }

    public string? HeaderString(string name) => StringOf(Header, name);

    public string? ClaimString(string name) => StringOf(Claims, name);

    public long? ClaimNumber(string name) =>
        Claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;

    private static string? StringOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
