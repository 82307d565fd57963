using System.Text.Json;
using LoftsDesArts.Core.Events;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Scheduling;

/// <summary>
/// What one run of a job did: documents acted on, documents skipped because another instance acted first
/// (or they changed meanwhile), and documents the job failed on.
/// </summary>
public sealed record ScheduledRun(string Job, int Acted, int Skipped, IReadOnlyList<ScheduledFailure> Failures);

public sealed record ScheduledFailure(string DocumentId, Exception Error);

/// <summary>
/// Time-based work (DESIGN §3.4): a job finds documents whose indexed <c>nextActionAt</c> has passed and,
/// for each, writes its event(s) and moves <c>nextActionAt</c> on. Handlers do the rest. Implement
/// <see cref="ScheduledJob{TDocument}"/> rather than this interface.
/// </summary>
public interface IScheduledJob
{
    string Name { get; }

    /// <summary>The named query for due documents (also listed in <see cref="NamedQueries.All"/> so it is indexed).</summary>
    QuerySpec DueQuery { get; }

    Task<ScheduledRun> RunDueAsync(IDocumentStore store, DateTimeOffset now, int maxActions, CancellationToken cancellationToken);
}

/// <summary>The shape every due query shares.</summary>
public static class DueQueries
{
    public const string NextActionAtPath = "nextActionAt";

    public const string DueParameter = "due";

    /// <summary>The filter every due query has: <c>nextActionAt &lt;= @due</c>.</summary>
    public static QueryFilter DueFilter { get; } = new(NextActionAtPath, FilterOperator.LessThanOrEqual, DueParameter);

    /// <summary>
    /// A due query: documents of <paramref name="documentType"/> whose <c>nextActionAt</c> has passed, earliest
    /// first, with optional equality filters before it (they lead the index).
    /// </summary>
    public static QuerySpec For(string name, ContainerSpec container, string documentType, bool crossPartition, params QueryFilter[] filters) =>
        new(name, container, documentType, [.. filters, DueFilter], new QuerySort(NextActionAtPath), crossPartition);
}

/// <summary>What to write for one due document: its next version and the events of this occurrence.</summary>
/// <param name="Next">
/// The document with <c>nextActionAt</c> moved on (or cleared). Written by the due version's ETag, in one
/// batch with <paramref name="Events"/>, so two instances never both act on one occurrence.
/// </param>
/// <param name="Events">
/// Events in the document's partition. Give each occurrence its own deterministic id (for example with the
/// due instant as suffix): an id that already exists fails the batch and the occurrence counts as done.
/// </param>
public sealed record ScheduledAction<TDocument>(TDocument Next, IReadOnlyList<EventDocument> Events)
    where TDocument : Document;

/// <summary>
/// Base of a scheduled job over documents of type <typeparamref name="TDocument"/>. The due query filters
/// <c>nextActionAt &lt;= @due</c> (<see cref="DueQueries.DueFilter"/>); the scheduler passes the injected clock's now,
/// formatted as stored (<see cref="StoreJson.Instant"/>).
/// </summary>
public abstract class ScheduledJob<TDocument> : IScheduledJob
    where TDocument : Document
{
    private const int PageSize = 50;

    public abstract string Name { get; }

    public abstract QuerySpec DueQuery { get; }

    /// <summary>Arguments of the due query; add the job's own parameters here.</summary>
    protected virtual QueryArgs DueArgs(DateTimeOffset now) => new() { [DueQueries.DueParameter] = StoreJson.Instant(now) };

    /// <summary>For a single-partition due query: the partitions to look in (for example every building).</summary>
    protected virtual Task<IReadOnlyList<string>> PartitionsAsync(IDocumentStore store, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"Job {Name} has a single-partition due query and must name its partitions.");

    /// <summary>The next version of a due document and the events of this occurrence.</summary>
    protected abstract ScheduledAction<TDocument> Act(TDocument due, DateTimeOffset now);

    public async Task<ScheduledRun> RunDueAsync(IDocumentStore store, DateTimeOffset now, int maxActions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var query = DueQuery;
        if (!query.Filters.Contains(DueQueries.DueFilter))
        {
            throw new InvalidOperationException($"The due query of job {Name} must filter {DueQueries.NextActionAtPath} <= @{DueQueries.DueParameter}.");
        }

        IReadOnlyList<string?> partitions = query.CrossPartition
            ? [null]
            : [.. await PartitionsAsync(store, cancellationToken).ConfigureAwait(false)];
        var args = DueArgs(now);
        int acted = 0, skipped = 0;
        var failures = new List<ScheduledFailure>();
        foreach (var partition in partitions)
        {
            string? continuation = null;
            do
            {
                var page = await store.QueryAsync<TDocument>(query, partition, args, PageSize, continuation, cancellationToken).ConfigureAwait(false);
                foreach (var due in page.Items)
                {
                    if (acted + skipped + failures.Count >= maxActions)
                    {
                        return new ScheduledRun(Name, acted, skipped, failures);
                    }

                    try
                    {
                        if (await ActOnAsync(store, query.Container, partition, due, now, cancellationToken).ConfigureAwait(false))
                        {
                            acted++;
                        }
                        else
                        {
                            skipped++;
                        }
                    }
#pragma warning disable CA1031 // One document the job cannot act on must not block the others; the scheduler logs it.
                    catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
                    {
                        failures.Add(new ScheduledFailure(due.Value.Id, ex));
                    }
                }

                continuation = page.Continuation;
            }
            while (continuation is not null);
        }

        return new ScheduledRun(Name, acted, skipped, failures);
    }

    /// <summary>True: acted; false: another instance acted first (or the document changed meanwhile).</summary>
    private async Task<bool> ActOnAsync(
        IDocumentStore store, ContainerSpec container, string? partition, Stored<TDocument> due, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var partitionKey = partition ?? PartitionKeyOf(container, due.Value);
        var action = Act(due.Value, now);
        if (action.Next.Id != due.Value.Id)
        {
            throw new InvalidOperationException($"Job {Name} returned a next version with another id than {due.Value.Id}.");
        }

        if (action.Events.Any(e => e.PartitionKey != partitionKey))
        {
            throw new InvalidOperationException($"Job {Name} wrote an event outside the partition of {due.Value.Id}.");
        }

        var operations = new List<BatchOperation>(1 + action.Events.Count) { BatchOperation.Replace(due.Value.Id, action.Next, due.ETag) };
        operations.AddRange(action.Events.Select(e => BatchOperation.Create(e.Id, e)));
        try
        {
            await store.ExecuteBatchAsync(container, partitionKey, operations, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (StoreException ex) when (ex.Failure is StoreFailure.PreconditionFailed or StoreFailure.NotFound or StoreFailure.Conflict)
        {
            return false;
        }
    }

    private static string PartitionKeyOf(ContainerSpec container, TDocument document)
    {
        var body = JsonSerializer.SerializeToElement(document, StoreJson.Options);
        return body.TryGetProperty(container.PartitionKeyProperty, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new InvalidOperationException($"Document {document.Id} carries no {container.PartitionKeyProperty}.");
    }
}
