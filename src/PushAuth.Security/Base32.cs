using System.Diagnostics.CodeAnalysis;

namespace PushAuth.Security;

/// <summary>
/// RFC 4648 §6 Base32 (alphabet <c>A-Z2-7</c>), as used for TOTP secrets in key URIs.
/// Encoding never pads; decoding ignores case, spaces, hyphens and trailing <c>=</c> padding.
/// </summary>
public static class Base32
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>Encodes <paramref name="data"/> as upper-case Base32 without padding.</summary>
    public static string Encode(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return string.Empty;
        }

        var length = (data.Length * 8 + 4) / 5;
        return string.Create(length, data.ToArray(), static (chars, bytes) =>
        {
            var buffer = 0;
            var bits = 0;
            var index = 0;
            foreach (var b in bytes)
            {
                buffer = (buffer << 8) | b;
                bits += 8;
                while (bits >= 5)
                {
                    bits -= 5;
                    chars[index++] = Alphabet[(buffer >> bits) & 0x1F];
                }
            }

            if (bits > 0)
            {
                chars[index] = Alphabet[(buffer << (5 - bits)) & 0x1F];
            }
        });
    }

    /// <summary>Decodes Base32 text.</summary>
    /// <exception cref="FormatException">The text holds a character outside the Base32 alphabet, misplaced padding, or an impossible length.</exception>
    public static byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryDecodeCore(text, out var result, out var error) ? result : throw new FormatException(error);
    }

    /// <summary>Decodes Base32 text; returns <see langword="false"/> instead of throwing on malformed input.</summary>
    public static bool TryDecode(string? text, [NotNullWhen(true)] out byte[]? result)
    {
        if (text is null)
        {
            result = null;
            return false;
        }

        if (TryDecodeCore(text, out var decoded, out _))
        {
            result = decoded;
            return true;
        }

        result = null;
        return false;
    }

    private static bool TryDecodeCore(string text, out byte[] result, out string error)
    {
        result = [];
        var output = new byte[text.Length * 5 / 8];
        var buffer = 0;
        var bits = 0;
        var count = 0;
        var symbols = 0;
        var padding = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is ' ' or '-' or '\t')
            {
                continue;
            }

            if (c == '=')
            {
                padding = true;
                continue;
            }

            int value = c switch
            {
                >= 'A' and <= 'Z' => c - 'A',
                >= 'a' and <= 'z' => c - 'a',
                >= '2' and <= '7' => c - '2' + 26,
                _ => -1,
            };
            if (value < 0)
            {
                error = $"Invalid Base32 character at position {i}.";
                return false;
            }

            if (padding)
            {
                error = "Base32 padding '=' may only appear at the end.";
                return false;
            }

            symbols++;
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                output[count++] = (byte)(buffer >> bits);
            }
        }

        // A valid encoding of whole bytes leaves 0, 2, 4, 5 or 7 symbols in its last group.
        if ((symbols % 8) is 1 or 3 or 6)
        {
            error = "Base32 text has an impossible length.";
            return false;
        }

        error = string.Empty;
        result = count == output.Length ? output : output.AsSpan(0, count).ToArray();
        return true;
    }
}
