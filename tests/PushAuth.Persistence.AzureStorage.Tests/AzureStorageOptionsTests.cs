using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace PushAuth.Persistence.AzureStorage.Tests;

public sealed class AzureStorageOptionsTests
{
    private const string Development = "UseDevelopmentStorage=true";

    [Fact]
    public void Validate_NoConnectionString_FailsNamingTheKey()
    {
        var result = new AzureStorageOptionsValidator().Validate(null, new AzureStorageOptions());

        Assert.True(result.Failed);
        Assert.Contains("PushAuth:Storage:ConnectionString is required", result.FailureMessage);
    }

    [Fact]
    public void Validate_Garbage_FailsWithoutEchoingTheValue()
    {
        var result = new AzureStorageOptionsValidator().Validate(null, new AzureStorageOptions { ConnectionString = "AccountName=x;AccountKey=not-base64!" });

        Assert.True(result.Failed);
        Assert.Contains("PushAuth:Storage:ConnectionString is not a valid Azure Storage connection string", result.FailureMessage);
        Assert.DoesNotContain("not-base64", result.FailureMessage);
    }

    [Theory]
    [InlineData("1abc")]
    [InlineData("with-dash")]
    public void Validate_BadTablePrefix_FailsNamingTheKey(string prefix)
    {
        var result = new AzureStorageOptionsValidator().Validate(null, new AzureStorageOptions { ConnectionString = Development, TablePrefix = prefix });

        Assert.True(result.Failed);
        Assert.Contains("PushAuth:Storage:TablePrefix", result.FailureMessage);
    }

    [Fact]
    public void Validate_GoodOptions_Succeed()
    {
        Assert.True(new AzureStorageOptionsValidator().Validate(null, new AzureStorageOptions { ConnectionString = Development, TablePrefix = "staging2" }).Succeeded);
    }

    [Fact]
    public async Task SiloStart_WithoutConnectionString_FailsNamingTheKey()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo => silo.UsePushAuthAzureStorage(_ => { }));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("PushAuth:Storage:ConnectionString", error.Message);
    }
}
