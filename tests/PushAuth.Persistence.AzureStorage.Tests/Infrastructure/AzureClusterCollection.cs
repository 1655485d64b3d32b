namespace PushAuth.Persistence.AzureStorage.Tests.Infrastructure;

/// <summary>The test classes that share one three-silo cluster.</summary>
[CollectionDefinition(Name)]
public sealed class AzureClusterCollection : ICollectionFixture<AzureClusterFixture>
{
    public const string Name = "Azure Storage cluster";
}
