using PushAuth.Persistence.AzureStorage.Tests.Infrastructure;
using PushAuth.Testing.Clustering;

namespace PushAuth.Persistence.AzureStorage.Tests;

/// <summary>The shared cluster suite on Azurite: Azure Table membership, grain state and reminders.</summary>
[Collection(AzureClusterCollection.Name)]
public sealed class AzureClusterTests(AzureClusterFixture fixture) : ClusterSuite(fixture);
