using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using LoftsDesArts.Core.Storage;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoftsDesArts.Infrastructure.Azure.Storage;

/// <summary>
/// The Azure document store: Cosmos DB (NoSQL API) through Microsoft.Azure.Cosmos, with the semantics of
/// <see cref="IDocumentStore"/> (DESIGN §3.2) and the behaviour of the SQLite adapter.
/// <list type="bullet">
/// <item>Items go through the stream APIs: a document is serialized once with <see cref="StoreJson.Options"/>
/// (the bytes the SQLite adapter stores) and read back without Cosmos's system properties.</item>
/// <item>Status codes: 409 → <see cref="StoreFailure.Conflict"/>, 412 → <see cref="StoreFailure.PreconditionFailed"/>,
/// 404 (of the item) → <see cref="StoreFailure.NotFound"/> or a null read, 429 (after the SDK's own retries) →
/// <see cref="StoreFailure.Throttled"/> with the service's retry-after. Anything else, a 500 included, is a
/// <see cref="CosmosException"/>: never a missing document.</item>
/// <item>Named queries: <see cref="CosmosQuery"/>; the page continuation is the SDK's token (wrapped with the
/// query name). Cosmos does not look ahead, so when a page is full the store reads one more item to know
/// whether a next page exists: the last page carries no token, as the port promises.</item>
/// <item>Transactional batch: <see cref="TransactionalBatch"/>; the failing operation is the one whose status is not 424.</item>
/// <item>Change feed: the pull model in latest-version mode, one cursor per <see cref="FeedRange"/>. Cosmos
/// keeps the items of one transaction together, so a page may hold more than the hint when a batch committed them.</item>
/// </list>
/// After each successful write the <see cref="IChangeSignal"/>s are told (the Storage-queue nudge of the pump).
/// </summary>
public sealed partial class CosmosDocumentStore : IDocumentStore
{
    private const string SubStatusHeader = "x-ms-substatus";
    private const string RetryAfterHeader = "x-ms-retry-after-ms";

    private readonly CosmosClient _client;
    private readonly CosmosDbOptions _options;
    private readonly IChangeSignal[] _signals;
    private readonly ILogger<CosmosDocumentStore> _logger;
    private readonly ConcurrentDictionary<string, Container> _containers = new(StringComparer.Ordinal);
    private volatile ConcurrentDictionary<string, CosmosQuery> _queries = new(StringComparer.Ordinal);

    public CosmosDocumentStore(CosmosClient client, IOptions<CosmosDbOptions> options, IEnumerable<IChangeSignal> signals, ILogger<CosmosDocumentStore> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _options = options.Value;
        _signals = [.. signals];
        _logger = logger;
    }

    public string DatabaseName => _options.DatabaseName;

    /// <summary>
    /// Compiles the queries and, with <see cref="CosmosDbOptions.CreateContainers"/>, creates the database
    /// and every container of <see cref="Containers.All"/> and of the queries with the indexing policy of
    /// <see cref="CosmosIndexing"/> (an existing container whose policy lacks something is updated in place).
    /// Without it, reads each container and throws if one is missing or lacks an index or its TTL setting.
    /// </summary>
    public async Task InitializeAsync(IReadOnlyList<QuerySpec> queries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var compiled = queries.Select(q => new CosmosQuery(q)).ToList();
        var duplicate = compiled.GroupBy(q => q.Spec.Name, StringComparer.Ordinal)
            .FirstOrDefault(g => g.Select(q => CosmosQuery.SignatureOf(q.Spec)).Distinct(StringComparer.Ordinal).Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Two different queries are named {duplicate.Key}.", nameof(queries));
        }

        var specs = Containers.All.Concat(queries.Select(q => q.Container)).DistinctBy(c => c.Name, StringComparer.Ordinal).ToList();
        var indexes = CosmosIndexing.CompositeIndexes(queries);
        var database = _client.GetDatabase(_options.DatabaseName);
        if (_options.CreateContainers)
        {
            var created = await _client.CreateDatabaseIfNotExistsAsync(_options.DatabaseName, cancellationToken: cancellationToken).ConfigureAwait(false);
            database = created.Database;
        }

        var problems = new List<string>();
        foreach (var spec in specs)
        {
            var wanted = CosmosIndexing.ContainerProperties(spec, indexes[spec.Name]);
            if (_options.CreateContainers)
            {
                var response = await database.CreateContainerIfNotExistsAsync(wanted, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (response.StatusCode != HttpStatusCode.Created && response.Resource is { } existing && CosmosIndexing.Missing(wanted, existing).Count > 0)
                {
                    existing.IndexingPolicy = wanted.IndexingPolicy;
                    existing.DefaultTimeToLive = wanted.DefaultTimeToLive;
                    await database.GetContainer(spec.Name).ReplaceContainerAsync(existing, cancellationToken: cancellationToken).ConfigureAwait(false);
                    LogPolicyUpdated(_logger, spec.Name);
                }
            }
            else
            {
                ContainerProperties existing;
                try
                {
                    existing = (await database.GetContainer(spec.Name).ReadContainerAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Resource;
                }
                catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
                {
                    problems.Add($"{spec.Name}: the container does not exist");
                    continue;
                }

                problems.AddRange(CosmosIndexing.Missing(wanted, existing).Select(missing => $"{spec.Name}: {missing}"));
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException(
                $"Cosmos database {_options.DatabaseName} does not serve the named queries: {string.Join("; ", problems)}. "
                + $"Deploy the infrastructure ({CosmosIndexing.IndexFile} is generated from the queries) or set {CosmosDbOptions.SectionName}:CreateContainers where the identity may create containers.");
        }

        _queries = new ConcurrentDictionary<string, CosmosQuery>(compiled.DistinctBy(q => q.Spec.Name).ToDictionary(q => q.Spec.Name, StringComparer.Ordinal), StringComparer.Ordinal);
        LogInitialized(_logger, _options.DatabaseName, specs.Count, compiled.Count, _options.CreateContainers);
    }

    public async Task<Stored<T>?> ReadAsync<T>(ContainerSpec container, string partitionKey, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(partitionKey);
        CosmosDocumentBody.CheckId(container, id);
        using var response = await Container(container).ReadItemStreamAsync(id, new PartitionKey(partitionKey), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound && SubStatus(response) == 0)
        {
            return null; // The item does not exist (or has expired). A missing container has a sub-status and throws below.
        }

        ThrowIfFailed(response, $"{container.Name}/{partitionKey}/{id}", null);
        using var item = await JsonDocument.ParseAsync(response.Content, cancellationToken: cancellationToken).ConfigureAwait(false);
        var (body, etag) = CosmosDocumentBody.Strip(item.RootElement);
        return new Stored<T>(CosmosDocumentBody.Deserialize<T>(body, id), etag);
    }

    public async Task<Stored<T>> CreateAsync<T>(ContainerSpec container, string partitionKey, string id, T document, CancellationToken cancellationToken) =>
        new(document, await WriteAsync(container, partitionKey, BatchOperationKind.Create, id, document, null, cancellationToken).ConfigureAwait(false));

    public async Task<Stored<T>> ReplaceAsync<T>(ContainerSpec container, string partitionKey, string id, T document, string ifMatch, CancellationToken cancellationToken) =>
        new(document, await WriteAsync(container, partitionKey, BatchOperationKind.Replace, id, document, ifMatch, cancellationToken).ConfigureAwait(false));

    public async Task<Stored<T>> UpsertAsync<T>(ContainerSpec container, string partitionKey, string id, T document, string? ifMatch, CancellationToken cancellationToken) =>
        new(document, await WriteAsync(container, partitionKey, BatchOperationKind.Upsert, id, document, ifMatch, cancellationToken).ConfigureAwait(false));

    public Task DeleteAsync(ContainerSpec container, string partitionKey, string id, string? ifMatch, CancellationToken cancellationToken) =>
        WriteAsync(container, partitionKey, BatchOperationKind.Delete, id, null, ifMatch, cancellationToken);

    public async Task<QueryPage<T>> QueryAsync<T>(QuerySpec query, string? partitionKey, QueryArgs args, int maxItems, string? continuation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxItems, 1);
        query.RequireScope(partitionKey);

        var definition = Compiled(query).Bind(args);
        var token = continuation is null ? null : CosmosContinuation.Decode(continuation, query.Name);
        var container = Container(query.Container);
        var items = new List<Stored<T>>(Math.Min(maxItems, 256));
        do
        {
            using var iterator = container.GetItemQueryStreamIterator(definition, token, QueryOptions(partitionKey, maxItems - items.Count));
            using var response = await ReadPageAsync(iterator, query, continuation is not null, cancellationToken).ConfigureAwait(false);
            using var page = await JsonDocument.ParseAsync(response.Content, cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var item in Documents(page))
            {
                var (body, etag) = CosmosDocumentBody.Strip(item);
                items.Add(new Stored<T>(CosmosDocumentBody.Deserialize<T>(body, IdOf(item)), etag));
            }

            token = response.ContinuationToken;
        }
        while (token is not null && items.Count < maxItems);

        if (token is not null)
        {
            token = await NextPageStartAsync(container, definition, query, partitionKey, token, cancellationToken).ConfigureAwait(false);
        }

        return new QueryPage<T>(items, token is null ? null : CosmosContinuation.Encode(query.Name, token));
    }

    public async Task<int> CountAsync(QuerySpec query, string? partitionKey, QueryArgs args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(args);
        query.RequireScope(partitionKey);
        var definition = Compiled(query).BindCount(args);
        var count = 0;

        // The SDK's query pipeline aggregates; a page may still come back empty (or, across partitions,
        // partial), so every value of every page is added up.
        using var iterator = Container(query.Container).GetItemQueryStreamIterator(definition, null, QueryOptions(partitionKey, -1));
        while (iterator.HasMoreResults)
        {
            using var response = await ReadPageAsync(iterator, query, continued: false, cancellationToken).ConfigureAwait(false);
            using var page = await JsonDocument.ParseAsync(response.Content, cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var value in Documents(page))
            {
                count += value.GetInt32();
            }
        }

        return count;
    }

    public async Task<IReadOnlyList<string>> ExecuteBatchAsync(ContainerSpec container, string partitionKey, IReadOnlyList<BatchOperation> operations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(operations);
        if (operations.Count is 0 or > IDocumentStore.MaxBatchOperations)
        {
            throw new ArgumentException($"A batch has 1 to {IDocumentStore.MaxBatchOperations} operations, not {operations.Count}.", nameof(operations));
        }

        var batch = Container(container).CreateTransactionalBatch(new PartitionKey(partitionKey));
        foreach (var op in operations)
        {
            ArgumentNullException.ThrowIfNull(op, nameof(operations));
            var body = CosmosDocumentBody.Prepare(container, partitionKey, op.Kind, op.Id, op.Document, op.IfMatch);
            var options = new TransactionalBatchItemRequestOptions { IfMatchEtag = op.IfMatch, EnableContentResponseOnWrite = false };
            batch = op.Kind switch
            {
                BatchOperationKind.Create => batch.CreateItemStream(new MemoryStream(body, writable: false), options),
                BatchOperationKind.Replace => batch.ReplaceItemStream(op.Id, new MemoryStream(body, writable: false), options),
                BatchOperationKind.Upsert => batch.UpsertItemStream(new MemoryStream(body, writable: false), options),
                BatchOperationKind.Delete => batch.DeleteItem(op.Id, options),
                _ => throw new ArgumentException($"Unknown batch operation {op.Kind}.", nameof(operations)),
            };
        }

        using var response = await batch.ExecuteAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw BatchFailure(container, partitionKey, operations, response);
        }

        if (response.Count != operations.Count)
        {
            throw new InvalidOperationException($"Cosmos answered a batch of {operations.Count} operations with {response.Count} results.");
        }

        var etags = new string[operations.Count];
        for (var i = 0; i < etags.Length; i++)
        {
            etags[i] = operations[i].Kind == BatchOperationKind.Delete ? string.Empty : response[i].ETag ?? throw new InvalidOperationException($"Batch operation {i} returned no ETag.");
        }

        Signal(container);
        return etags;
    }

    /// <summary>The container's feed ranges, as <see cref="FeedRange.ToJsonString"/>.</summary>
    public async Task<IReadOnlyList<string>> GetFeedRangesAsync(ContainerSpec container, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        var ranges = await Container(container).GetFeedRangesAsync(cancellationToken).ConfigureAwait(false);
        return [.. ranges.Select(r => r.ToJsonString())];
    }

    /// <summary>
    /// One page of the change feed of <paramref name="feedRange"/> in latest-version mode: from the
    /// beginning, or from the SDK's continuation token. Nothing new (304) is an empty page that keeps the
    /// given continuation.
    /// </summary>
    public async Task<ChangePage> ReadChangesAsync(ContainerSpec container, string feedRange, string? continuation, int maxItems, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentException.ThrowIfNullOrEmpty(feedRange);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxItems, 1);
        FeedRange range;
        try
        {
            range = FeedRange.FromJsonString(feedRange);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or JsonException or Newtonsoft.Json.JsonException)
        {
            throw new ArgumentException($"\"{feedRange}\" is not a feed range of {container.Name}.", nameof(feedRange), ex);
        }

        var start = continuation is null ? ChangeFeedStartFrom.Beginning(range) : ChangeFeedStartFrom.ContinuationToken(continuation);
        using var iterator = Container(container).GetChangeFeedStreamIterator(start, ChangeFeedMode.LatestVersion, new ChangeFeedRequestOptions { PageSizeHint = maxItems });
        using var response = await iterator.ReadNextAsync(cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return new ChangePage([], continuation);
        }

        ThrowIfFailed(response, $"change feed of {container.Name}", null);
        using var page = await JsonDocument.ParseAsync(response.Content, cancellationToken: cancellationToken).ConfigureAwait(false);
        var items = new List<ChangedDocument>();
        foreach (var item in Documents(page))
        {
            var (body, etag) = CosmosDocumentBody.Strip(item);
            var partitionKey = item.TryGetProperty(container.PartitionKeyProperty, out var pk) && pk.ValueKind == JsonValueKind.String
                ? pk.GetString()!
                : throw new InvalidOperationException($"A change in {container.Name} has no {container.PartitionKeyProperty}.");
            using var clean = JsonDocument.Parse(body);
            items.Add(new ChangedDocument(partitionKey, IdOf(item), etag, clean.RootElement.Clone()));
        }

        return new ChangePage(items, response.ContinuationToken ?? continuation);
    }

    private async Task<string> WriteAsync(ContainerSpec container, string partitionKey, BatchOperationKind kind, string id, object? document, string? ifMatch, CancellationToken cancellationToken)
    {
        var body = CosmosDocumentBody.Prepare(container, partitionKey, kind, id, document, ifMatch);
        var target = Container(container);
        var key = new PartitionKey(partitionKey);
        var options = new ItemRequestOptions { IfMatchEtag = ifMatch, EnableContentResponseOnWrite = false };
        using var stream = new MemoryStream(body, writable: false);
        using var response = kind switch
        {
            BatchOperationKind.Create => await target.CreateItemStreamAsync(stream, key, options, cancellationToken).ConfigureAwait(false),
            BatchOperationKind.Replace => await target.ReplaceItemStreamAsync(stream, id, key, options, cancellationToken).ConfigureAwait(false),
            BatchOperationKind.Upsert => await target.UpsertItemStreamAsync(stream, key, options, cancellationToken).ConfigureAwait(false),
            BatchOperationKind.Delete => await target.DeleteItemStreamAsync(id, key, options, cancellationToken).ConfigureAwait(false),
            _ => throw new ArgumentException($"Unknown write {kind}.", nameof(kind)),
        };
        ThrowIfFailed(response, $"{kind} {container.Name}/{partitionKey}/{id}", kind);
        Signal(container);
        return kind == BatchOperationKind.Delete
            ? string.Empty
            : response.Headers.ETag ?? throw new InvalidOperationException($"{kind} of {container.Name}/{id} returned no ETag.");
    }

    private static async Task<ResponseMessage> ReadPageAsync(FeedIterator iterator, QuerySpec query, bool continued, CancellationToken cancellationToken)
    {
        ResponseMessage response;
        try
        {
            response = await iterator.ReadNextAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (CosmosException ex) when (continued && ex.StatusCode == HttpStatusCode.BadRequest)
        {
            throw new ArgumentException($"The continuation token of {query.Name} is not valid.", ex);
        }

        if (continued && response.StatusCode == HttpStatusCode.BadRequest)
        {
            var message = response.ErrorMessage;
            response.Dispose();
            throw new ArgumentException($"The continuation token of {query.Name} is not valid: {message}");
        }

        try
        {
            ThrowIfFailed(response, $"query {query.Name}", null);
        }
        catch
        {
            response.Dispose();
            throw;
        }

        return response;
    }

    /// <summary>
    /// The SDK token to return with a full page, or null if nothing follows. Reads ahead one item at a
    /// time; empty pages (a cross-partition query visits its ranges in turn) are skipped, and the token
    /// returned is the one from which the next item is read.
    /// </summary>
    private static async Task<string?> NextPageStartAsync(Container container, QueryDefinition definition, QuerySpec query, string? partitionKey, string token, CancellationToken cancellationToken)
    {
        string? from = token;
        while (from is not null)
        {
            using var iterator = container.GetItemQueryStreamIterator(definition, from, QueryOptions(partitionKey, 1));
            using var response = await ReadPageAsync(iterator, query, continued: false, cancellationToken).ConfigureAwait(false);
            using var page = await JsonDocument.ParseAsync(response.Content, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (Documents(page).Any())
            {
                return from;
            }

            from = response.ContinuationToken;
        }

        return null;
    }

    private static QueryRequestOptions QueryOptions(string? partitionKey, int maxItems) => new()
    {
        PartitionKey = partitionKey is null ? null : new PartitionKey(partitionKey),
        MaxItemCount = maxItems,
    };

    private static JsonElement.ArrayEnumerator Documents(JsonDocument page) =>
        page.RootElement.TryGetProperty("Documents", out var documents) && documents.ValueKind == JsonValueKind.Array
            ? documents.EnumerateArray()
            : throw new InvalidOperationException("Cosmos returned a feed page without Documents.");

    private static string IdOf(JsonElement item) =>
        item.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()! : throw new InvalidOperationException("Cosmos returned an item without id.");

    private static int SubStatus(ResponseMessage response) =>
        response.Headers.TryGetValue(SubStatusHeader, out var value) && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var subStatus) ? subStatus : 0;

    private static TimeSpan? RetryAfter(ResponseMessage response) =>
        response.Headers.TryGetValue(RetryAfterHeader, out var value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms)
            ? TimeSpan.FromMilliseconds(ms)
            : null;

    /// <summary>
    /// Translates the failures a caller can react to; throws <see cref="CosmosException"/> for any other
    /// failure. A 404 is the item's only for replace and delete (sub-status 0): a create or an upsert into
    /// a missing container is not a missing document.
    /// </summary>
    private static void ThrowIfFailed(ResponseMessage response, string what, BatchOperationKind? kind)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var failure = Failure(response.StatusCode, kind, SubStatus(response));
        if (failure is { } storeFailure)
        {
            throw new StoreException(storeFailure, $"{what}: {Describe(storeFailure)} (Cosmos {(int)response.StatusCode}).", null, null)
            {
                RetryAfter = storeFailure == StoreFailure.Throttled ? RetryAfter(response) : null,
            };
        }

        response.EnsureSuccessStatusCode();
        throw new InvalidOperationException($"{what}: Cosmos answered {(int)response.StatusCode}.");
    }

    private static StoreFailure? Failure(HttpStatusCode status, BatchOperationKind? kind, int subStatus) => status switch
    {
        HttpStatusCode.Conflict => StoreFailure.Conflict,
        HttpStatusCode.PreconditionFailed => StoreFailure.PreconditionFailed,
        HttpStatusCode.NotFound when kind is BatchOperationKind.Replace or BatchOperationKind.Delete && subStatus == 0 => StoreFailure.NotFound,
        HttpStatusCode.TooManyRequests => StoreFailure.Throttled,
        _ => null,
    };

    private static string Describe(StoreFailure failure) => failure switch
    {
        StoreFailure.Conflict => "exists",
        StoreFailure.PreconditionFailed => "has changed (ETag mismatch)",
        StoreFailure.NotFound => "does not exist",
        StoreFailure.Throttled => "throttled",
        _ => failure.ToString(),
    };

    /// <summary>The failing operation is the one whose status is not 424 (failed dependency): the others were only rolled back.</summary>
    private static Exception BatchFailure(ContainerSpec container, string partitionKey, IReadOnlyList<BatchOperation> operations, TransactionalBatchResponse response)
    {
        for (var i = 0; i < response.Count; i++)
        {
            var result = response[i];
            if (result.StatusCode == HttpStatusCode.FailedDependency)
            {
                continue;
            }

            var op = i < operations.Count ? operations[i] : null;
            // The batch result does not expose the sub-status: a 404 of a replace or delete inside a batch is the item's.
            var failure = Failure(result.StatusCode, op?.Kind, 0);
            if (failure is { } storeFailure)
            {
                return new StoreException(
                    storeFailure,
                    $"Batch operation {i} ({op?.Kind} {container.Name}/{partitionKey}/{op?.Id}): {Describe(storeFailure)} (Cosmos {(int)result.StatusCode}). Nothing was written.",
                    i,
                    null)
                {
                    RetryAfter = storeFailure == StoreFailure.Throttled ? (result.RetryAfter > TimeSpan.Zero ? result.RetryAfter : response.RetryAfter) : null,
                };
            }

            return new CosmosException(
                $"Batch operation {i} ({op?.Kind} {container.Name}/{partitionKey}/{op?.Id}) failed with {(int)result.StatusCode}: {response.ErrorMessage}",
                result.StatusCode,
                0,
                response.ActivityId,
                response.RequestCharge);
        }

        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return new StoreException(StoreFailure.Throttled, $"Batch on {container.Name}/{partitionKey}: throttled (Cosmos 429).", null, null) { RetryAfter = response.RetryAfter };
        }

        return new CosmosException(
            $"Batch on {container.Name}/{partitionKey} failed with {(int)response.StatusCode}: {response.ErrorMessage}",
            response.StatusCode,
            0,
            response.ActivityId,
            response.RequestCharge);
    }

    private CosmosQuery Compiled(QuerySpec query)
    {
        if (_queries.TryGetValue(query.Name, out var compiled))
        {
            if (!ReferenceEquals(compiled.Spec, query) && CosmosQuery.SignatureOf(compiled.Spec) != CosmosQuery.SignatureOf(query))
            {
                throw new ArgumentException($"Two different queries are named {query.Name}.", nameof(query));
            }

            return compiled;
        }

        // A query not declared at start-up still runs; Cosmos refuses it (400) if it needs a composite index it lacks.
        return _queries.GetOrAdd(query.Name, _ => new CosmosQuery(query));
    }

    private Container Container(ContainerSpec container)
    {
        ArgumentNullException.ThrowIfNull(container);
        return _containers.GetOrAdd(container.Name, name => _client.GetContainer(_options.DatabaseName, name));
    }

    private void Signal(ContainerSpec container) =>
        ChangeSignals.NotifyAll(_signals, container, ex => LogSignalFailed(_logger, ex, container.Name));

    [LoggerMessage(Level = LogLevel.Information, Message = "Cosmos store ready: database {Database}, {Containers} containers, {Queries} named queries (create containers: {CreateContainers}).")]
    private static partial void LogInitialized(ILogger logger, string database, int containers, int queries, bool createContainers);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cosmos container {Container}: indexing policy or TTL updated to what the named queries need.")]
    private static partial void LogPolicyUpdated(ILogger logger, string container);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A change signal listener failed after a commit to {Container}.")]
    private static partial void LogSignalFailed(ILogger logger, Exception exception, string container);
}
