using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace PushAuth.Security;

/// <summary>
/// A TOTP key URI in the Google Authenticator Key-Uri-Format:
/// <c>otpauth://totp/{issuer}:{account}?secret=...&amp;issuer=...&amp;algorithm=SHA1&amp;digits=6&amp;period=30</c>.
/// Issuer and account are each percent-encoded (RFC 3986 unreserved characters stay, everything else, a ':'
/// inside a part included, becomes UTF-8 <c>%XX</c>), so the label's one literal ':' is always the separator
/// and any issuer or account name builds a valid URI. The secret is Base32 without padding.
/// </summary>
public sealed class OtpAuthUri
{
    private readonly byte[] _secret;

    /// <summary>Creates a key URI description.</summary>
    /// <remarks>
    /// Any issuer and account text is accepted, ':', '&amp;', '#', '/', spaces and non-ASCII included; an unpaired
    /// surrogate, which UTF-8 cannot hold, is written as U+FFFD.
    /// </remarks>
    /// <exception cref="ArgumentException">The issuer or account name is empty or white space, or the secret is empty.</exception>
    public OtpAuthUri(string issuer, string accountName, ReadOnlySpan<byte> secret, TotpParameters? parameters = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(issuer);
        ArgumentException.ThrowIfNullOrWhiteSpace(accountName);
        if (secret.IsEmpty)
        {
            throw new ArgumentException("The secret cannot be empty.", nameof(secret));
        }

        Issuer = issuer;
        AccountName = accountName;
        _secret = secret.ToArray();
        Parameters = parameters ?? TotpParameters.Default;
    }

    /// <summary>The provider or service name shown in the authenticator app.</summary>
    public string Issuer { get; }

    /// <summary>The user's account name (e.g. an email address).</summary>
    public string AccountName { get; }

    /// <summary>The raw shared secret.</summary>
    public ReadOnlySpan<byte> Secret => _secret;

    /// <summary>Algorithm, digits and period.</summary>
    public TotpParameters Parameters { get; }

    /// <summary>Builds the <c>otpauth://totp/</c> URI.</summary>
    public override string ToString()
    {
        var issuer = Escape(Issuer);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"otpauth://totp/{issuer}:{Escape(AccountName)}?secret={Base32.Encode(_secret)}&issuer={issuer}&algorithm={AlgorithmName(Parameters.Algorithm)}&digits={Parameters.Digits}&period={Parameters.Period}");
    }

    /// <summary>Parses an <c>otpauth://totp/</c> URI.</summary>
    /// <exception cref="FormatException">The URI is not a well-formed TOTP key URI.</exception>
    public static OtpAuthUri Parse(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return TryParseCore(uri, out var result, out var error) ? result : throw new FormatException(error);
    }

    /// <summary>Parses an <c>otpauth://totp/</c> URI; returns <see langword="false"/> on malformed input.</summary>
    public static bool TryParse(string? uri, [NotNullWhen(true)] out OtpAuthUri? result)
    {
        result = null;
        return uri is not null && TryParseCore(uri, out result, out _);
    }

    private static bool TryParseCore(string uri, [NotNullWhen(true)] out OtpAuthUri? result, out string error)
    {
        result = null;
        const string prefix = "otpauth://totp/";
        if (!uri.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            error = "A TOTP key URI starts with 'otpauth://totp/'.";
            return false;
        }

        var rest = uri.AsSpan(prefix.Length);
        var queryStart = rest.IndexOf('?');
        var label = queryStart < 0 ? rest : rest[..queryStart];
        var query = queryStart < 0 ? [] : rest[(queryStart + 1)..];

        string? secret = null, issuer = null, algorithm = null, digits = null, period = null;
        foreach (var range in query.Split('&'))
        {
            var pair = query[range];
            if (pair.IsEmpty)
            {
                continue;
            }

            var equals = pair.IndexOf('=');
            var name = (equals < 0 ? pair : pair[..equals]).ToString();
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..].ToString().Replace('+', ' '));
            switch (name.ToLowerInvariant())
            {
                case "secret": secret = value; break;
                case "issuer": issuer = value; break;
                case "algorithm": algorithm = value; break;
                case "digits": digits = value; break;
                case "period": period = value; break;
                default: break;
            }
        }

        var (labelIssuer, account) = SplitLabel(label, issuer);
        account = account.TrimStart(' ');

        if (string.IsNullOrEmpty(secret) || !Base32.TryDecode(secret, out var key) || key.Length == 0)
        {
            error = "The key URI has no valid Base32 'secret'.";
            return false;
        }

        if (issuer is not null && labelIssuer is not null && !string.Equals(issuer, labelIssuer, StringComparison.Ordinal))
        {
            error = "The 'issuer' parameter does not match the label's issuer prefix.";
            return false;
        }

        issuer ??= labelIssuer;
        if (string.IsNullOrWhiteSpace(issuer) || string.IsNullOrWhiteSpace(account))
        {
            error = "The key URI needs an issuer and an account name.";
            return false;
        }

        OtpAlgorithm parsedAlgorithm;
        switch (algorithm?.ToUpperInvariant())
        {
            case null or "SHA1": parsedAlgorithm = OtpAlgorithm.Sha1; break;
            case "SHA256": parsedAlgorithm = OtpAlgorithm.Sha256; break;
            case "SHA512": parsedAlgorithm = OtpAlgorithm.Sha512; break;
            default:
                error = "The 'algorithm' must be SHA1, SHA256 or SHA512.";
                return false;
        }

        var parsedDigits = 6;
        if (digits is not null && (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out parsedDigits) || parsedDigits is not (6 or 8)))
        {
            error = "The 'digits' must be 6 or 8.";
            return false;
        }

        var parsedPeriod = 30;
        if (period is not null && (!int.TryParse(period, NumberStyles.None, CultureInfo.InvariantCulture, out parsedPeriod) || parsedPeriod is < 1 or > 3600))
        {
            error = "The 'period' must be between 1 and 3600 seconds.";
            return false;
        }

        result = new OtpAuthUri(issuer, account, key, new TotpParameters(parsedAlgorithm, parsedDigits, parsedPeriod));
        error = string.Empty;
        return true;
    }

    /// <summary>
    /// Splits a label into its issuer prefix and account name. Our own URIs separate them with the label's only
    /// literal ':'. Other writers may encode the separator as <c>%3A</c> too (the format allows it); then the
    /// issuer parameter, when present, says where the prefix ends, else the first <c>%3A</c> does.
    /// </summary>
    private static (string? Issuer, string Account) SplitLabel(ReadOnlySpan<char> label, string? issuerParameter)
    {
        var colon = label.IndexOf(':');
        if (colon >= 0)
        {
            return (Unescape(label[..colon]), Unescape(label[(colon + 1)..]));
        }

        var decoded = Unescape(label);
        if (!string.IsNullOrEmpty(issuerParameter) && decoded.Length > issuerParameter.Length
            && decoded.StartsWith(issuerParameter, StringComparison.Ordinal) && decoded[issuerParameter.Length] == ':')
        {
            return (issuerParameter, decoded[(issuerParameter.Length + 1)..]);
        }

        colon = label.IndexOf("%3A", StringComparison.OrdinalIgnoreCase);
        return colon < 0 ? (null, decoded) : (Unescape(label[..colon]), Unescape(label[(colon + 3)..]));
    }

    private static string Unescape(ReadOnlySpan<char> text) => Uri.UnescapeDataString(text.ToString());

    private static string Escape(string text) => Uri.EscapeDataString(text);

    private static string AlgorithmName(OtpAlgorithm algorithm) => algorithm switch
    {
        OtpAlgorithm.Sha256 => "SHA256",
        OtpAlgorithm.Sha512 => "SHA512",
        _ => "SHA1",
    };
}
