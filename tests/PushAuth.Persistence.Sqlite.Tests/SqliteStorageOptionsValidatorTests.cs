namespace PushAuth.Persistence.Sqlite.Tests;

public sealed class SqliteStorageOptionsValidatorTests
{
    private readonly SqliteStorageOptionsValidator _validator = new();

    [Fact]
    public void Validate_DataDirectorySet_Succeeds()
    {
        Assert.True(_validator.Validate(null, new SqliteStorageOptions { DataDirectory = "/var/lib/pushauth" }).Succeeded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_NoDataDirectory_FailsNamingTheKey(string directory)
    {
        var result = _validator.Validate(null, new SqliteStorageOptions { DataDirectory = directory });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("PushAuth:Storage:DataDirectory is required", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65)]
    public void Validate_ReaderCountOutOfRange_FailsNamingTheKey(int readers)
    {
        var result = _validator.Validate(null, new SqliteStorageOptions { DataDirectory = "/data", ReaderCount = readers });

        Assert.Contains(result.Failures!, f => f.StartsWith("PushAuth:Storage:ReaderCount", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_FileNameWithDirectory_FailsNamingTheKey()
    {
        var result = _validator.Validate(null, new SqliteStorageOptions { DataDirectory = "/data", FileName = "../elsewhere/pushauth.db" });

        Assert.Contains(result.Failures!, f => f.StartsWith("PushAuth:Storage:FileName", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_BatchSizeZero_FailsNamingTheKey()
    {
        var result = _validator.Validate(null, new SqliteStorageOptions { DataDirectory = "/data", MaxBatchSize = 0 });

        Assert.Contains(result.Failures!, f => f.StartsWith("PushAuth:Storage:MaxBatchSize", StringComparison.Ordinal));
    }
}
