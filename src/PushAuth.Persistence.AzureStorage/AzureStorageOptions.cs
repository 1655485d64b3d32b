namespace PushAuth.Persistence.AzureStorage;

/// <summary>Options of the Azure Storage deployment (configuration section <c>PushAuth:Storage</c>).</summary>
public sealed class AzureStorageOptions
{
    /// <summary>The configuration section these options are bound from by the host.</summary>
    public const string SectionName = "PushAuth:Storage";

    /// <summary>The name under which the grain storage is registered (besides being the default storage).</summary>
    public const string DefaultStorageName = "PushAuth";

    /// <summary>Azure Storage connection string (account name and key, or SAS), shared by every table here.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Name of the grain storage provider; <c>[PersistentState("x", "PushAuth")]</c> and the default storage both resolve to it.</summary>
    public string StorageName { get; set; } = DefaultStorageName;

    /// <summary>Prepended to every table name (letters and digits), so several deployments can share one account.</summary>
    public string TablePrefix { get; set; } = "";

    /// <summary>Membership table (Orleans' default name).</summary>
    public string ClusteringTableName => TablePrefix + "OrleansSiloInstances";

    /// <summary>Grain state table (Orleans' default name).</summary>
    public string GrainStateTableName => TablePrefix + "OrleansGrainState";

    /// <summary>Reminder table (Orleans' default name).</summary>
    public string RemindersTableName => TablePrefix + "OrleansReminders";

    /// <summary>Identity-verification history table.</summary>
    public string HistoryTableName => TablePrefix + "PushAuthHistory";
}
