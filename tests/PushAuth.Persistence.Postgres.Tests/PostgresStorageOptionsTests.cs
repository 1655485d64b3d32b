using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace PushAuth.Persistence.Postgres.Tests;

public sealed class PostgresStorageOptionsTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_NoConnectionString_FailsNamingTheKey(string connectionString)
    {
        var result = new PostgresStorageOptionsValidator().Validate(null, new PostgresStorageOptions { ConnectionString = connectionString });

        Assert.True(result.Failed);
        Assert.Contains("PushAuth:Storage:ConnectionString is required", result.FailureMessage);
    }

    [Fact]
    public void Validate_UnknownKeyword_FailsWithoutEchoingTheValue()
    {
        var result = new PostgresStorageOptionsValidator().Validate(null, new PostgresStorageOptions { ConnectionString = "Host=db;Pasword=hunter2" });

        Assert.True(result.Failed);
        Assert.Contains("PushAuth:Storage:ConnectionString is not a valid Npgsql connection string", result.FailureMessage);
        Assert.DoesNotContain("hunter2", result.FailureMessage);
    }

    [Fact]
    public void Validate_GoodOptions_Succeeds()
    {
        var result = new PostgresStorageOptionsValidator().Validate(null, new PostgresStorageOptions { ConnectionString = "Host=db;Database=pushauth;Username=u" });

        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task SiloStart_WithoutConnectionString_FailsNamingTheKey()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo => silo.UsePushAuthPostgres(_ => { }));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("PushAuth:Storage:ConnectionString", error.Message);
    }
}
