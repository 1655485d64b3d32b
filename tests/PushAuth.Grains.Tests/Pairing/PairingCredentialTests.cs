using PushAuth.Grains.Pairing;

namespace PushAuth.Grains.Tests.Pairing;

public sealed class PairingCredentialTests
{
    [Fact]
    public void HashCredential_Deterministic_NotTheCredential_DifferentPerCredential()
    {
        var a = PairingGrain.HashCredential("credential-a");

        Assert.Equal(a, PairingGrain.HashCredential("credential-a"));
        Assert.NotEqual(a, PairingGrain.HashCredential("credential-b"));
        Assert.DoesNotContain("credential-a", a, StringComparison.Ordinal);
        Assert.Equal(43, a.Length);
    }
}
