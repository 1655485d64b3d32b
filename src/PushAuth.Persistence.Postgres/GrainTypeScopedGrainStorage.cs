using Orleans.Runtime;
using Orleans.Storage;

namespace PushAuth.Persistence.Postgres;

/// <summary>
/// Orleans' ADO.NET grain storage keys a row by service id, state name and grain key, but not by grain type: two grain
/// types with the same key and state name ("state" on tenant "acme" and on user "acme") would share one row. This
/// forwards to it with the state name qualified by the grain type, so the row's <c>grain_type</c> column tells them apart.
/// </summary>
internal sealed class GrainTypeScopedGrainStorage(IGrainStorage inner) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(Qualify(stateName, grainId), grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.WriteStateAsync(Qualify(stateName, grainId), grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(Qualify(stateName, grainId), grainId, grainState);

    private static string Qualify(string stateName, GrainId grainId) => $"{grainId.Type}/{stateName}";
}
