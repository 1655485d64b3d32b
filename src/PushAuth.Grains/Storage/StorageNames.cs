namespace PushAuth.Grains.Storage;

/// <summary>The one named grain storage every grain's state lives in (SQLite, ADO.NET or Azure Table, by deployment).</summary>
public static class StorageNames
{
    public const string Default = "pushauth";
}
