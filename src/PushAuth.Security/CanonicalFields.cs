using System.Text;

namespace PushAuth.Security;

/// <summary>Joins validated fields with '\n', the separator no field may contain.</summary>
internal static class CanonicalFields
{
    public static string Join(params ReadOnlySpan<(string Name, string? Value, bool AllowEmpty)> fields)
    {
        var builder = new StringBuilder(256);
        for (var i = 0; i < fields.Length; i++)
        {
            var (name, value, allowEmpty) = fields[i];
            Validate(name, value, allowEmpty);
            if (i > 0)
            {
                builder.Append('\n');
            }

            builder.Append(value);
        }

        return builder.ToString();
    }

    public static void Validate(string name, string? value, bool allowEmpty)
    {
        if (value is null)
        {
            throw new ArgumentNullException(name);
        }

        if (!allowEmpty && value.Length == 0)
        {
            throw new ArgumentException($"The canonical field '{name}' cannot be empty.", name);
        }

        if (value.AsSpan().IndexOfAny('\n', '\r') >= 0)
        {
            throw new ArgumentException($"The canonical field '{name}' cannot contain a line break.", name);
        }
    }
}
