namespace LoftsDesArts.Core.Storage;

/// <summary>
/// The document store, with Cosmos semantics (DESIGN §3.2): containers, partition key + id,
/// ETag optimistic concurrency, named queries with continuation paging, transactional batches of
/// at most 100 operations within one partition, per-document TTL, and a resumable change feed.
/// Documents are serialized with <see cref="StoreJson.Options"/>.
/// </summary>
public interface IDocumentStore
{
    /// <summary>The largest transactional batch, as Cosmos.</summary>
    public const int MaxBatchOperations = 100;

    /// <summary>Creates containers/tables and the indexes derived from <paramref name="queries"/>.</summary>
    Task InitializeAsync(IReadOnlyList<QuerySpec> queries, CancellationToken cancellationToken);

    /// <summary>Point read; <c>null</c> if the document does not exist or has expired.</summary>
    Task<Stored<T>?> ReadAsync<T>(ContainerSpec container, string partitionKey, string id, CancellationToken cancellationToken);

    /// <summary>Creates; throws <see cref="StoreException"/> with <see cref="StoreFailure.Conflict"/> if the id exists.</summary>
    Task<Stored<T>> CreateAsync<T>(ContainerSpec container, string partitionKey, string id, T document, CancellationToken cancellationToken);

    /// <summary>Replaces if the ETag matches; <see cref="StoreFailure.PreconditionFailed"/> or <see cref="StoreFailure.NotFound"/> otherwise.</summary>
    Task<Stored<T>> ReplaceAsync<T>(ContainerSpec container, string partitionKey, string id, T document, string ifMatch, CancellationToken cancellationToken);

    /// <summary>
    /// Creates or replaces; with <paramref name="ifMatch"/>, replaces only if the current ETag matches
    /// (<see cref="StoreFailure.PreconditionFailed"/> otherwise) and creates if the document is missing, as Cosmos does.
    /// </summary>
    Task<Stored<T>> UpsertAsync<T>(ContainerSpec container, string partitionKey, string id, T document, string? ifMatch, CancellationToken cancellationToken);

    /// <summary>Hard delete (does not appear in the change feed: use a soft delete with TTL where a handler must know).</summary>
    Task DeleteAsync(ContainerSpec container, string partitionKey, string id, string? ifMatch, CancellationToken cancellationToken);

    /// <summary>
    /// Runs a named query. Single-partition queries take <paramref name="partitionKey"/>; cross-partition
    /// ones (admin only) take <c>null</c>. At most <paramref name="maxItems"/> are returned per page.
    /// </summary>
    Task<QueryPage<T>> QueryAsync<T>(QuerySpec query, string? partitionKey, QueryArgs args, int maxItems, string? continuation, CancellationToken cancellationToken);

    /// <summary>
    /// How many documents a named query matches (its sort is irrelevant), counted by the store without
    /// reading them: the desk's counts, where reading every waiting package to count it would be the cost.
    /// </summary>
    Task<int> CountAsync(QuerySpec query, string? partitionKey, QueryArgs args, CancellationToken cancellationToken);

    /// <summary>
    /// Commits all operations or none. On failure throws <see cref="StoreException"/> with the index of
    /// the failing operation. Returns the new ETags in operation order (empty for deletes).
    /// </summary>
    Task<IReadOnlyList<string>> ExecuteBatchAsync(ContainerSpec container, string partitionKey, IReadOnlyList<BatchOperation> operations, CancellationToken cancellationToken);

    /// <summary>The change feed's ranges for a container; each has its own cursor.</summary>
    Task<IReadOnlyList<string>> GetFeedRangesAsync(ContainerSpec container, CancellationToken cancellationToken);

    /// <summary>
    /// Reads changes after <paramref name="continuation"/> (<c>null</c>: from the beginning), in
    /// commit order within a partition; intermediate versions of a document may be collapsed.
    /// </summary>
    Task<ChangePage> ReadChangesAsync(ContainerSpec container, string feedRange, string? continuation, int maxItems, CancellationToken cancellationToken);
}
