using System.Net;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using PushAuth.History;

namespace PushAuth.Persistence.AzureStorage;

/// <summary>
/// The history in an Azure table, one partition per tenant. Each record is two entities: one keyed by the inverted,
/// zero-padded sequence (so a partition scan returns the newest first) and one keyed by the event id. Both are added in
/// one entity-group transaction, so a taken sequence or event id fails the whole batch. A transaction holds at most
/// 100 entities: longer appends are split into transactions of 50 records, and if a later one conflicts the earlier
/// ones are deleted again before <see cref="HistoryConflictException"/> is thrown (readers may glimpse them meanwhile).
/// Filters other than tenant and cursor are evaluated by the service over the partition (Azure Tables has no
/// secondary indexes). Retention deletes a prefix of the chain, never the newest entry, and records where the chain
/// now starts in an anchor entity.
/// </summary>
public sealed class AzureTableHistoryStore(TableClient table) : IHistoryStore
{
    /// <summary>The largest page <see cref="QueryAsync"/> returns.</summary>
    public const int MaxPageSize = 1000;

    private const int RecordsPerTransaction = 50;
    private const int ChainChunk = 1000;

    public async Task InitializeAsync(CancellationToken cancellationToken = default) =>
        await table.CreateIfNotExistsAsync(cancellationToken);

    public async Task<HistoryRecord?> GetHeadAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Partition(tenantId)} and RowKey gt {TableKeys.Record(long.MaxValue)} and RowKey lt {TableKeys.RecordsEnd}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: 1, cancellationToken: cancellationToken))
        {
            return ToRecord(entity);
        }
        return null;
    }

    public async Task<IReadOnlySet<string>> FindExistingAsync(string tenantId, IReadOnlyCollection<string> eventIds, CancellationToken cancellationToken = default)
    {
        var partition = TableKeys.Partition(tenantId);
        var found = new HashSet<string>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(eventIds.Distinct(StringComparer.Ordinal), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (eventId, ct) =>
            {
                var entity = await table.GetEntityIfExistsAsync<TableEntity>(partition, TableKeys.Event(eventId), ["RowKey"], ct);
                if (entity.HasValue)
                {
                    lock (found)
                    {
                        found.Add(eventId);
                    }
                }
            });
        return found;
    }

    public async Task AppendAsync(string tenantId, IReadOnlyList<HistoryRecord> records, CancellationToken cancellationToken = default)
    {
        foreach (var record in records)
        {
            if (record.Event.TenantId != tenantId)
            {
                throw new ArgumentException($"Record {record.Sequence} belongs to tenant '{record.Event.TenantId}', not '{tenantId}'.", nameof(records));
            }
        }
        var partition = TableKeys.Partition(tenantId);
        var written = new List<TableEntity>();
        foreach (var chunk in records.Chunk(RecordsPerTransaction))
        {
            var entities = chunk.SelectMany(r => new[] { ToEntity(partition, r), new TableEntity(partition, TableKeys.Event(r.Event.EventId)) { ["Sequence"] = r.Sequence } }).ToArray();
            try
            {
                await table.SubmitTransactionAsync(entities.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)), cancellationToken);
            }
            catch (TableTransactionFailedException e) when (e.Status == (int)HttpStatusCode.Conflict || e.ErrorCode == "InvalidDuplicateRow")
            {
                await UndoAsync(written, cancellationToken);
                throw new HistoryConflictException(tenantId, e);
            }
            written.AddRange(entities);
        }
    }

    public async Task<IReadOnlyList<HistoryRecord>> QueryAsync(HistoryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, MaxPageSize, nameof(query));
        var first = query.BeforeSequence is { } before ? TableKeys.Record(before) : TableKeys.Record(long.MaxValue);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Partition(query.TenantId)} and RowKey gt {first} and RowKey lt {TableKeys.RecordsEnd}");
        if (query.UserId is not null) filter += TableClient.CreateQueryFilter($" and UserId eq {query.UserId}");
        if (query.Method is not null) filter += TableClient.CreateQueryFilter($" and Method eq {query.Method}");
        if (query.Status is not null) filter += TableClient.CreateQueryFilter($" and Status eq {query.Status}");
        if (query.Activity is not null) filter += TableClient.CreateQueryFilter($" and Activity eq {query.Activity}");
        if (query.From is { } from) filter += TableClient.CreateQueryFilter($" and At ge {from.ToUniversalTime()}");
        if (query.To is { } to) filter += TableClient.CreateQueryFilter($" and At lt {to.ToUniversalTime()}");

        var page = new List<HistoryRecord>(Math.Min(query.Limit, 100));
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: query.Limit, cancellationToken: cancellationToken))
        {
            page.Add(ToRecord(entity));
            if (page.Count == query.Limit)
            {
                break;
            }
        }
        return page;
    }

    public async IAsyncEnumerable<HistoryRecord> ReadChainAsync(string tenantId, long fromSequence = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Row keys run newest first, so the chain is read in sequence windows of ChainChunk, each reversed: memory stays
        // bounded however long the chain. The anchor tells where retention left the chain's start.
        var head = await GetHeadAsync(tenantId, cancellationToken);
        if (head is null)
        {
            yield break;
        }
        var start = Math.Max(fromSequence, await GetAnchorAsync(tenantId, cancellationToken));
        for (var low = start; low <= head.Sequence; low += ChainChunk)
        {
            var window = await ReadWindowAsync(tenantId, low, Math.Min(low + ChainChunk - 1, head.Sequence), cancellationToken);
            for (var i = window.Count - 1; i >= 0; i--)
            {
                yield return window[i];
            }
        }
    }

    public async Task<HistoryRecord?> FindRetentionCutAsync(string tenantId, DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        var head = await GetHeadAsync(tenantId, cancellationToken);
        HistoryRecord? cut = null;
        if (head is null)
        {
            return null;
        }
        await foreach (var record in ReadChainAsync(tenantId, 0, cancellationToken))
        {
            if (record.Event.At >= before || record.Sequence >= head.Sequence)
            {
                break;
            }
            cut = record;
        }
        return cut;
    }

    public async Task<long> DeleteThroughAsync(string tenantId, long throughSequence, CancellationToken cancellationToken = default)
    {
        var head = await GetHeadAsync(tenantId, cancellationToken);
        if (head is null)
        {
            return 0;
        }
        var partition = TableKeys.Partition(tenantId);
        long deleted = 0;
        var doomed = new List<HistoryRecord>();
        await foreach (var record in ReadChainAsync(tenantId, 0, cancellationToken))
        {
            if (record.Sequence > throughSequence || record.Sequence >= head.Sequence)
            {
                break;
            }
            doomed.Add(record);
            if (doomed.Count == RecordsPerTransaction - 1)
            {
                deleted += await DeletePrefixAsync(partition, doomed, cancellationToken);
            }
        }
        return deleted + await DeletePrefixAsync(partition, doomed, cancellationToken);
    }

    // Deletes the oldest entries (both entities of each) and moves the anchor past them in the same transaction.
    private async Task<long> DeletePrefixAsync(string partition, List<HistoryRecord> doomed, CancellationToken cancellationToken)
    {
        if (doomed.Count == 0)
        {
            return 0;
        }
        var actions = doomed.SelectMany(r => new[]
        {
            new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, TableKeys.Record(r.Sequence)), ETag.All),
            new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, TableKeys.Event(r.Event.EventId)), ETag.All),
        }).Append(new TableTransactionAction(TableTransactionActionType.UpsertReplace,
            new TableEntity(partition, TableKeys.Anchor) { ["OldestSequence"] = doomed[^1].Sequence + 1 }));
        await table.SubmitTransactionAsync(actions, cancellationToken);
        var count = doomed.Count;
        doomed.Clear();
        return count;
    }

    private async Task<long> GetAnchorAsync(string tenantId, CancellationToken cancellationToken)
    {
        var anchor = await table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Partition(tenantId), TableKeys.Anchor, cancellationToken: cancellationToken);
        return anchor.HasValue ? anchor.Value!.GetInt64("OldestSequence") ?? 1 : 1;
    }

    // Records low..high, newest first.
    private async Task<List<HistoryRecord>> ReadWindowAsync(string tenantId, long low, long high, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Partition(tenantId)} and RowKey ge {TableKeys.Record(high)} and RowKey le {TableKeys.Record(low)}");
        var window = new List<HistoryRecord>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: ChainChunk, cancellationToken: cancellationToken))
        {
            window.Add(ToRecord(entity));
        }
        return window;
    }

    private async Task UndoAsync(List<TableEntity> written, CancellationToken cancellationToken)
    {
        foreach (var chunk in written.Chunk(100))
        {
            await table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All)), cancellationToken);
        }
    }

    private static TableEntity ToEntity(string partition, HistoryRecord record)
    {
        var e = record.Event;
        var entity = new TableEntity(partition, TableKeys.Record(record.Sequence))
        {
            ["Sequence"] = record.Sequence,
            ["EventId"] = e.EventId,
            ["At"] = e.At.ToUniversalTime(),
            ["TenantId"] = e.TenantId,
            ["Actor"] = e.Actor,
            ["Activity"] = e.Activity,
            ["Status"] = e.Status,
            ["PreviousHash"] = record.PreviousHash,
            ["Hash"] = record.Hash,
        };
        // Azure Tables does not store nulls: an absent property reads back as null.
        void Optional(string name, string? value)
        {
            if (value is not null)
            {
                entity[name] = value;
            }
        }
        Optional("UserId", e.UserId);
        Optional("Method", e.Method);
        Optional("SourceIp", e.SourceIp);
        Optional("City", e.City);
        Optional("Country", e.Country);
        Optional("DeviceId", e.DeviceId);
        Optional("Policy", e.Policy);
        Optional("Remarks", e.Remarks);
        Optional("CorrelationId", e.CorrelationId);
        Optional("TraceId", e.TraceId);
        Optional("UserAgent", e.UserAgent);
        return entity;
    }

    private static HistoryRecord ToRecord(TableEntity entity)
    {
        var e = new HistoryEvent(
            EventId: entity.GetString("EventId"),
            At: entity.GetDateTimeOffset("At")!.Value,
            TenantId: entity.GetString("TenantId"),
            UserId: entity.GetString("UserId"),
            Actor: entity.GetString("Actor"),
            Activity: entity.GetString("Activity"),
            Method: entity.GetString("Method"),
            Status: entity.GetString("Status"),
            SourceIp: entity.GetString("SourceIp"),
            City: entity.GetString("City"),
            Country: entity.GetString("Country"),
            DeviceId: entity.GetString("DeviceId"),
            Policy: entity.GetString("Policy"),
            Remarks: entity.GetString("Remarks"),
            CorrelationId: entity.GetString("CorrelationId"),
            TraceId: entity.GetString("TraceId"),
            UserAgent: entity.GetString("UserAgent"));
        return new HistoryRecord(entity.GetInt64("Sequence")!.Value, e, entity.GetBinary("PreviousHash"), entity.GetBinary("Hash"));
    }
}
