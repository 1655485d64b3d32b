using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace PushAuth.Security.Tests;

/// <summary>
/// Every tenant display name the settings accept (1-100 characters, no control characters, not blank) builds a
/// key URI that parses back to the same issuer and account.
/// </summary>
public sealed class OtpAuthUriPropertyTests
{
    private static readonly byte[] Secret = Base32.Decode("JBSWY3DPEHPK3PXP");

    // Printable ASCII with every URI delimiter, Latin-1, CJK, emoji halves and whole pairs, and lone surrogates.
    private static Gen<char> Chars() => Gen.OneOf(
        Gen.Choose(0x20, 0x7E).Select(c => (char)c),
        Gen.Elements(':', '%', '&', '?', '#', '/', '=', '+', '@', ' ', '[', ']'),
        Gen.Choose(0xA0, 0x17F).Select(c => (char)c),
        Gen.Choose(0x4E00, 0x4E40).Select(c => (char)c),
        Gen.Choose(0xD800, 0xDFFF).Select(c => (char)c));

    private static Arbitrary<string> DisplayNames() =>
        Gen.Choose(1, 100).SelectMany(length => Gen.ArrayOf(Chars(), length)).Select(chars => new string(chars))
            .Where(name => !string.IsNullOrWhiteSpace(name) && !name.Any(char.IsControl)).ToArbitrary();

    // UTF-8 cannot hold an unpaired surrogate; the URI carries U+FFFD in its place.
    private static string AsUtf8(string text) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));

    [Property(MaxTest = 500)]
    public Property Parse_AnyAcceptedDisplayNameAndAccount_RoundTrips() =>
        Prop.ForAll(DisplayNames(), DisplayNames(), (issuer, account) =>
        {
            var parsed = OtpAuthUri.Parse(new OtpAuthUri(issuer, account, Secret).ToString());

            // The format lets spaces precede the account name, so a parser drops them.
            return parsed.Issuer == AsUtf8(issuer) && parsed.AccountName == AsUtf8(account).TrimStart(' ');
        });

    [Property(MaxTest = 300)]
    public Property ToString_AnyAcceptedDisplayName_IsAnAbsoluteUriWithOneLabelSeparator() =>
        Prop.ForAll(DisplayNames(), issuer =>
        {
            var text = new OtpAuthUri(issuer, "alice@example.com", Secret).ToString();
            var label = text["otpauth://totp/".Length..text.IndexOf('?', StringComparison.Ordinal)];

            return Uri.TryCreate(text, UriKind.Absolute, out var uri)
                && uri.Fragment.Length == 0
                && label.Count(c => c == ':') == 1
                && text.Count(c => c == '?') == 1
                && text.Count(c => c == '&') == 4
                && text.All(c => c is > ' ' and < (char)0x7F);
        });
}
