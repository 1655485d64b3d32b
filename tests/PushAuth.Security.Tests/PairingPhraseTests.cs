namespace PushAuth.Security.Tests;

public sealed class PairingPhraseTests
{
    [Fact]
    public void Generate_Default_FourListedWordsJoinedByHyphen()
    {
        var phrase = PairingPhrase.Generate();

        var words = phrase.Split('-');
        Assert.Equal(4, words.Length);
        Assert.All(words, w => Assert.True(PairingWordList.Contains(w), w));
    }

    [Fact]
    public void Generate_ManyPhrases_AreNotRepeated()
    {
        var phrases = Enumerable.Range(0, 200).Select(_ => PairingPhrase.Generate()).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(200, phrases.Count);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(6)]
    public void Generate_WordCount_ProducesThatManyWords(int count) =>
        Assert.Equal(count, PairingPhrase.Generate(count).Split('-').Length);

    [Fact]
    public void EntropyBits_FourWords_Is44() => Assert.Equal(44, PairingPhrase.EntropyBits(4));

    [Theory]
    [InlineData("  Apple   Bread CAMEL  Dance ")]
    [InlineData("apple-bread-camel-dance")]
    [InlineData("APPLE_bread.camel, dance")]
    [InlineData("apple - bread - camel - dance")]
    public void TryNormalize_VariousSpellings_ReturnsCanonical(string input)
    {
        Assert.True(PairingPhrase.TryNormalize(input, out var phrase));
        Assert.Equal("apple-bread-camel-dance", phrase);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("apple bread camel")]
    [InlineData("apple bread camel dance eagle")]
    [InlineData("apple bread camel xyzzy")]
    public void TryNormalize_WrongCountOrUnknownWord_ReturnsFalse(string? input)
    {
        Assert.False(PairingPhrase.TryNormalize(input, out var phrase));
        Assert.Null(phrase);
    }

    [Fact]
    public void Normalize_GeneratedPhraseWithSpaces_RoundTrips()
    {
        var phrase = PairingPhrase.Generate();

        Assert.Equal(phrase, PairingPhrase.Normalize(phrase.Replace('-', ' ').ToUpperInvariant()));
    }

    [Fact]
    public void Normalize_Invalid_ThrowsFormatException() =>
        Assert.Throws<FormatException>(() => PairingPhrase.Normalize("not a phrase"));
}
