namespace PushAuth.Security.Tests;

public sealed class PairingWordListTests
{
    [Fact]
    public void All_HasExactly2048DistinctWords()
    {
        Assert.Equal(2048, PairingWordList.All.Count);
        Assert.Equal(2048, PairingWordList.All.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void All_WordsAreLowercaseAsciiOfThreeToEightLetters() =>
        Assert.All(PairingWordList.All, word =>
        {
            Assert.InRange(word.Length, 3, 8);
            Assert.True(word.All(char.IsAsciiLetterLower), word);
        });

    [Fact]
    public void All_IsSortedSoIndicesAreStable() =>
        Assert.Equal(PairingWordList.All.Order(StringComparer.Ordinal), PairingWordList.All);

    [Fact]
    public void All_CannotBeMutatedThroughCast() =>
        Assert.False(PairingWordList.All is string[]);
}
