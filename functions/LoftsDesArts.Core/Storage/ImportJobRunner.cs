using System.Text.Json;
using System.Text.Json.Nodes;

namespace LoftsDesArts.Core.Storage;

/// <summary>
/// Runs an import larger than one transactional batch (the real roster has 102 units) so that it stays
/// invisible until committed:
/// <list type="number">
/// <item>a job document is created in the target partition (status Staging, with every item id);</item>
/// <item>items are created in batches of at most 100, each carrying <c>staged = jobId</c>, which named
/// queries skip;</item>
/// <item>commit sets the job to Committing, removes the marker batch by batch, then marks the job Committed;</item>
/// <item>if staging fails, or the job is abandoned, its staged items are deleted and the job is Failed.</item>
/// </list>
/// <see cref="RecoverAsync"/> finishes a job found Committing (the decision to commit was taken, so it
/// only moves forward) and cleans up a job left Staging for longer than <see cref="AbandonAfter"/>.
/// <para>
/// Honest limit: staging is invisible as a whole, but the commit is not one transaction. The store's
/// transactions stop at one batch, so the marker is removed in ⌈n/100⌉ batches. On SQLite these follow
/// each other within milliseconds; on Cosmos each is a round trip, and a query running between two of
/// them sees part of the import. The job's status tells whether it is complete, and recovery completes it.
/// Items are created, never overwritten: an import that meets an existing id fails as a whole
/// (<see cref="StoreFailure.Conflict"/>), so a live document is never hidden behind a staged one.
/// </para>
/// </summary>
public sealed class ImportJobRunner(IDocumentStore store, TimeProvider clock)
{
    public const int BatchSize = IDocumentStore.MaxBatchOperations;

    /// <summary>The job document holds every item id, so an import is bounded to keep it small.</summary>
    public const int MaxItems = 5000;

    /// <summary>A job still Staging after this long was interrupted; recovery deletes what it staged.</summary>
    public static readonly TimeSpan AbandonAfter = TimeSpan.FromMinutes(15);

    /// <summary>Finished jobs stay readable this long, then expire.</summary>
    public static readonly TimeSpan KeepFinishedJobsFor = TimeSpan.FromDays(30);

    private const int MaxAttemptsPerBatch = 5;

    /// <summary>Stages then commits. On a refused write, cleans up and throws the <see cref="StoreException"/> with the item's index.</summary>
    public async Task<Stored<ImportJobDocument>> RunAsync<T>(
        ContainerSpec container, string partitionKey, string jobId, string kind, IReadOnlyList<T> items, CancellationToken cancellationToken)
        where T : Document
    {
        ArgumentNullException.ThrowIfNull(items);
        var job = await StartAsync(container, partitionKey, jobId, kind, items.Select(i => i.Id).ToList(), cancellationToken).ConfigureAwait(false);
        job = await StageAsync(container, job, items, cancellationToken).ConfigureAwait(false);
        return await CommitAsync(container, job, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates the job document (Staging). Throws <see cref="StoreFailure.Conflict"/> if the job id is taken.</summary>
    public async Task<Stored<ImportJobDocument>> StartAsync(
        ContainerSpec container, string partitionKey, string jobId, string kind, IReadOnlyList<string> itemIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentException.ThrowIfNullOrEmpty(partitionKey);
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        ArgumentNullException.ThrowIfNull(itemIds);
        if (container.PartitionKeyProperty == "id")
        {
            throw new ArgumentException($"Container {container.Name} has one document per partition: an import into it cannot be one job.", nameof(container));
        }

        if (itemIds.Count is 0 or > MaxItems)
        {
            throw new ArgumentException($"An import job takes 1 to {MaxItems} items, not {itemIds.Count}.", nameof(itemIds));
        }

        if (itemIds.Any(string.IsNullOrEmpty) || itemIds.Distinct(StringComparer.Ordinal).Count() != itemIds.Count || itemIds.Contains(jobId))
        {
            throw new ArgumentException("Item ids must be non-empty, distinct, and differ from the job id.", nameof(itemIds));
        }

        var now = clock.GetUtcNow();
        var job = new ImportJobDocument
        {
            Id = jobId,
            Kind = kind,
            Status = ImportJobStatus.Staging,
            ItemIds = [.. itemIds],
            StartedAt = now,
            UpdatedAt = now,
            PartitionProperties = new(StringComparer.Ordinal)
            {
                [container.PartitionKeyProperty] = JsonSerializer.SerializeToElement(partitionKey, StoreJson.Options),
            },
        };
        return await store.CreateAsync(container, partitionKey, jobId, job, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the items with the staged marker, in batches. If a batch is refused, deletes what was
    /// staged, marks the job Failed and throws the store's failure with the index of the item in <paramref name="items"/>.
    /// </summary>
    public async Task<Stored<ImportJobDocument>> StageAsync<T>(ContainerSpec container, Stored<ImportJobDocument> job, IReadOnlyList<T> items, CancellationToken cancellationToken)
        where T : Document
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(items);
        if (job.Value.Status != ImportJobStatus.Staging)
        {
            throw new InvalidOperationException($"Import job {job.Value.Id} is {job.Value.Status}, not Staging.");
        }

        if (!items.Select(i => i.Id).SequenceEqual(job.Value.ItemIds, StringComparer.Ordinal))
        {
            throw new ArgumentException("The items must be the ones the job was started with, in the same order.", nameof(items));
        }

        var partitionKey = job.Value.PartitionKeyIn(container);
        for (var start = 0; start < items.Count; start += BatchSize)
        {
            var chunk = items.Skip(start).Take(BatchSize).ToList();
            var operations = chunk
                .Select(item => BatchOperation.Create(item.Id, (Document)item with { Staged = job.Value.Id }))
                .ToList();
            try
            {
                await store.ExecuteBatchAsync(container, partitionKey, operations, cancellationToken).ConfigureAwait(false);
            }
            catch (StoreException ex)
            {
                var index = start + (ex.OperationIndex ?? 0);
                await FailAsync(container, job, "staging", items[index].Id, cancellationToken).ConfigureAwait(false);
                throw new StoreException(ex.Failure, $"Import job {job.Value.Id}: item {items[index].Id} was refused ({ex.Failure}); nothing was imported.", index, ex);
            }
        }

        return job;
    }

    /// <summary>Removes the staged marker from every item and marks the job Committed. Safe to call again after a crash.</summary>
    public async Task<Stored<ImportJobDocument>> CommitAsync(ContainerSpec container, Stored<ImportJobDocument> job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        switch (job.Value.Status)
        {
            case ImportJobStatus.Committed:
                return job;
            case ImportJobStatus.Failed:
                throw new InvalidOperationException($"Import job {job.Value.Id} failed; it cannot commit.");
            case ImportJobStatus.Staging:
                // The decision point: from here on the job only moves forward.
                job = await MarkAsync(container, job, ImportJobStatus.Committing, null, null, cancellationToken).ConfigureAwait(false);
                break;
            case ImportJobStatus.Committing:
                break;
        }

        var partitionKey = job.Value.PartitionKeyIn(container);
        foreach (var ids in job.Value.ItemIds.Chunk(BatchSize))
        {
            await RewriteStagedAsync(container, partitionKey, job.Value.Id, ids, Unstage, cancellationToken).ConfigureAwait(false);
        }

        return await MarkAsync(container, job, ImportJobStatus.Committed, null, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Finishes or cleans up one job after a crash; returns its state, or null if it does not exist.</summary>
    public async Task<Stored<ImportJobDocument>?> RecoverAsync(ContainerSpec container, string partitionKey, string jobId, CancellationToken cancellationToken)
    {
        var job = await store.ReadAsync<ImportJobDocument>(container, partitionKey, jobId, cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            return null;
        }

        return job.Value.Status switch
        {
            ImportJobStatus.Committing => await CommitAsync(container, job, cancellationToken).ConfigureAwait(false),
            ImportJobStatus.Staging when clock.GetUtcNow() - job.Value.UpdatedAt >= AbandonAfter =>
                await FailAsync(container, job, "abandoned", null, cancellationToken).ConfigureAwait(false),
            _ => job,
        };
    }

    /// <summary>
    /// Recovers every open job of a container (a cross-partition admin query, for a background job).
    /// Returns how many jobs were examined.
    /// </summary>
    public async Task<int> RecoverOpenJobsAsync(ContainerSpec container, CancellationToken cancellationToken)
    {
        var query = ImportJobQueries.Open(container);
        var open = new List<ImportJobDocument>();
        string? continuation = null;
        do
        {
            var page = await store.QueryAsync<ImportJobDocument>(query, null, ImportJobQueries.OpenArgs(), 50, continuation, cancellationToken).ConfigureAwait(false);
            open.AddRange(page.Items.Select(i => i.Value));
            continuation = page.Continuation;
        }
        while (continuation is not null);

        foreach (var job in open)
        {
            await RecoverAsync(container, job.PartitionKeyIn(container), job.Id, cancellationToken).ConfigureAwait(false);
        }

        return open.Count;
    }

    private async Task<Stored<ImportJobDocument>> FailAsync(ContainerSpec container, Stored<ImportJobDocument> job, string failure, string? failedItemId, CancellationToken cancellationToken)
    {
        var partitionKey = job.Value.PartitionKeyIn(container);
        foreach (var ids in job.Value.ItemIds.Chunk(BatchSize))
        {
            await RewriteStagedAsync(container, partitionKey, job.Value.Id, ids, Remove, cancellationToken).ConfigureAwait(false);
        }

        return await MarkAsync(container, job, ImportJobStatus.Failed, failure, failedItemId, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Stored<ImportJobDocument>> MarkAsync(
        ContainerSpec container, Stored<ImportJobDocument> job, ImportJobStatus status, string? failure, string? failedItemId, CancellationToken cancellationToken)
    {
        var finished = status is ImportJobStatus.Committed or ImportJobStatus.Failed;
        var next = job.Value with
        {
            Status = status,
            UpdatedAt = clock.GetUtcNow(),
            Failure = failure ?? job.Value.Failure,
            FailedItemId = failedItemId ?? job.Value.FailedItemId,
            Ttl = finished ? (int)KeepFinishedJobsFor.TotalSeconds : null,
        };
        return await store.ReplaceAsync(container, job.Value.PartitionKeyIn(container), job.Value.Id, next, job.ETag, cancellationToken).ConfigureAwait(false);
    }

    private static BatchOperation Unstage(string id, JsonObject body, string etag)
    {
        body.Remove("staged");
        return BatchOperation.Replace(id, body, etag);
    }

    private static BatchOperation Remove(string id, JsonObject body, string etag) => BatchOperation.Delete(id, etag);

    /// <summary>
    /// Reads the items of one batch as raw JSON (recovery does not know their type) and rewrites those
    /// still staged by this job. Items already handled are skipped, so a repeated call is harmless; a
    /// concurrent change (412/404) is answered by reading again.
    /// </summary>
    private async Task RewriteStagedAsync(
        ContainerSpec container, string partitionKey, string jobId, string[] ids, Func<string, JsonObject, string, BatchOperation> rewrite, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var operations = new List<BatchOperation>(ids.Length);
            foreach (var id in ids)
            {
                var item = await store.ReadAsync<JsonObject>(container, partitionKey, id, cancellationToken).ConfigureAwait(false);
                if (item is not null && item.Value["staged"] is JsonValue staged && staged.TryGetValue<string>(out var stagedBy) && stagedBy == jobId)
                {
                    operations.Add(rewrite(id, item.Value, item.ETag));
                }
            }

            if (operations.Count == 0)
            {
                return;
            }

            try
            {
                await store.ExecuteBatchAsync(container, partitionKey, operations, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (StoreException ex) when (ex.Failure is StoreFailure.PreconditionFailed or StoreFailure.NotFound && attempt < MaxAttemptsPerBatch)
            {
                // Someone else (another recovery) moved an item first: read the batch again.
            }
        }
    }
}
