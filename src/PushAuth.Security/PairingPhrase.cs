using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace PushAuth.Security;

/// <summary>
/// Pairing phrases: words drawn uniformly and independently from the 2048-word <see cref="PairingWordList"/>
/// with <see cref="RandomNumberGenerator"/>, so each word adds 11 bits: 4 words = 44 bits
/// (about 1.8e13 phrases), ample for a phrase that lives 10 minutes behind attempt limits.
/// The canonical form is lowercase words joined by '-' (e.g. <c>maple-river-stone-cloud</c>);
/// user input is accepted in any case, separated by spaces, hyphens, underscores, dots or commas.
/// </summary>
public static class PairingPhrase
{
    /// <summary>Default number of words.</summary>
    public const int DefaultWordCount = 4;

    /// <summary>Bits of entropy each word carries (log2 2048).</summary>
    public const int BitsPerWord = 11;

    /// <summary>The separator of the canonical form.</summary>
    public const char Separator = '-';

    /// <summary>Generates a random phrase of <paramref name="wordCount"/> words (2..12) in canonical form.</summary>
    public static string Generate(int wordCount = DefaultWordCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(wordCount, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(wordCount, 12);
        var builder = new StringBuilder(wordCount * 8);
        for (var i = 0; i < wordCount; i++)
        {
            if (i > 0)
            {
                builder.Append(Separator);
            }

            builder.Append(PairingWordList.Get(RandomNumberGenerator.GetInt32(PairingWordList.Count)));
        }

        return builder.ToString();
    }

    /// <summary>Entropy in bits of a phrase of <paramref name="wordCount"/> words: 11 per word.</summary>
    public static int EntropyBits(int wordCount = DefaultWordCount) => checked(wordCount * BitsPerWord);

    /// <summary>
    /// Normalizes user input to the canonical form and checks that it has <paramref name="expectedWordCount"/> words,
    /// all from the word list. Returns false (never throws) for anything else.
    /// </summary>
    public static bool TryNormalize(string? input, [NotNullWhen(true)] out string? phrase, int expectedWordCount = DefaultWordCount)
    {
        phrase = null;
        if (string.IsNullOrWhiteSpace(input) || input.Length > 256)
        {
            return false;
        }

        var words = input.ToLowerInvariant().Split([' ', '-', '_', '.', ',', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length != expectedWordCount)
        {
            return false;
        }

        foreach (var word in words)
        {
            if (!PairingWordList.Contains(word))
            {
                return false;
            }
        }

        phrase = string.Join(Separator, words);
        return true;
    }

    /// <summary>Normalizes user input to the canonical form.</summary>
    /// <exception cref="FormatException">Wrong word count or a word not in the list.</exception>
    public static string Normalize(string input, int expectedWordCount = DefaultWordCount) =>
        TryNormalize(input, out var phrase, expectedWordCount)
            ? phrase
            : throw new FormatException($"A pairing phrase is {expectedWordCount} words from the pairing word list.");
}
