using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text.Json;
using LoftsDesArts.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoftsDesArts.Infrastructure.Local.Storage;

/// <summary>
/// The self-host's document store: one SQLite file (<c>portal.db</c> in the data folder, WAL mode), one
/// table per container (<c>pk, id, etag, lsn, body, expires_at</c>), Cosmos semantics (DESIGN §3.2).
/// <para>
/// Concurrency: reads take a connection from a small pool and run in parallel (WAL readers see the
/// last committed state and never wait for the writer). Writes go through one writer connection
/// behind an async lock, each in a <c>BEGIN IMMEDIATE</c> transaction, so writers queue in memory
/// instead of spinning on SQLITE_BUSY. Every write takes the container's next <c>lsn</c>; the change
/// feed is <c>lsn &gt; cursor</c>, which shows only the latest version of a document, as Cosmos's
/// latest-version mode.
/// </para>
/// </summary>
public sealed partial class SqliteDocumentStore : IDocumentStore, IDisposable
{
    /// <summary>The one feed range: a SQLite table is one ordered log.</summary>
    public const string FeedRange = "0";

    private const int PurgeChunk = 500;

    private readonly LocalStorageOptions _options;
    private readonly TimeProvider _clock;
    private readonly IChangeSignal[] _signals;
    private readonly ILogger<SqliteDocumentStore> _logger;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private volatile ConcurrentDictionary<string, SqliteQuery> _queries = new(StringComparer.Ordinal);
    private FrozenDictionary<string, ContainerTable> _tables = FrozenDictionary<string, ContainerTable>.Empty;
    private StoreConnection? _writer;
    private ReaderPool? _readers;
    private volatile bool _disposed;

    public SqliteDocumentStore(
        IOptions<LocalStorageOptions> options,
        TimeProvider clock,
        IEnumerable<IChangeSignal> signals,
        ILogger<SqliteDocumentStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _clock = clock;
        _signals = [.. signals];
        _logger = logger;
        DatabasePath = _options.DatabasePath;
    }

    public string DatabasePath { get; }

    /// <summary>
    /// Creates the file (WAL), the tables of every container in <see cref="Containers.All"/> and of the
    /// queries, and one expression index per named query; drops query indexes no query uses any more.
    /// Safe to run again.
    /// </summary>
    public async Task InitializeAsync(IReadOnlyList<QuerySpec> queries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        // One index per distinct definition (table, columns, partial terms): two queries of the same shape share one.
        var indexes = queries.Select(ContainerTable.QueryIndex).DistinctBy(i => i.Definition, StringComparer.Ordinal).ToList();
        var indexByDefinition = indexes.ToDictionary(i => i.Definition, i => i.Name, StringComparer.Ordinal);
        var compiled = queries.Select(q => new SqliteQuery(q, indexByDefinition[ContainerTable.QueryIndex(q).Definition])).ToList();
        var duplicate = compiled.GroupBy(q => q.Spec.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Select(q => q.Signature).Distinct(StringComparer.Ordinal).Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Two different queries are named {duplicate.Key}.", nameof(queries));
        }

        var tables = Containers.All.Concat(queries.Select(q => q.Container))
            .DistinctBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => new ContainerTable(c))
            .ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);

        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
            if (_writer is null)
            {
                var writer = new StoreConnection(DatabasePath, reader: false, _options.BusyTimeoutMilliseconds);
                using (var journal = writer.Connection.CreateCommand())
                {
                    journal.CommandText = "PRAGMA journal_mode = WAL;";
                    var mode = journal.ExecuteScalar() as string;
                    if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                    {
                        writer.Dispose();
                        throw new InvalidOperationException($"SQLite refused WAL mode for {DatabasePath} (journal mode: {mode}).");
                    }
                }

                _writer = writer;
            }

            using (var transaction = _writer.Connection.BeginTransaction(deferred: false))
            {
                _writer.Transaction = transaction;
                try
                {
                    _writer.Execute(ContainerTable.CreateLsnTable);
                    foreach (var table in tables.Values)
                    {
                        _writer.Execute(table.CreateTable);
                        SyncQueryIndexes(_writer, table, indexes.Where(i => i.Table == table.Name).ToList());
                    }

                    transaction.Commit();
                }
                finally
                {
                    _writer.Transaction = null;
                }
            }

            _tables = tables;

            // Replaced as a whole: a query dropped from the list must not keep naming a dropped index.
            _queries = new ConcurrentDictionary<string, SqliteQuery>(compiled.DistinctBy(q => q.Spec.Name).ToDictionary(q => q.Spec.Name, StringComparer.Ordinal), StringComparer.Ordinal);

            var readerCount = _options.ReadConnections > 0 ? _options.ReadConnections : 4;
            _readers ??= new ReaderPool(readerCount, () => new StoreConnection(DatabasePath, reader: true, _options.BusyTimeoutMilliseconds));
            LogInitialized(_logger, DatabasePath, tables.Count, compiled.Count);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<Stored<T>?> ReadAsync<T>(ContainerSpec container, string partitionKey, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(id);
        var table = Table(container);
        using var lease = await Readers.RentAsync(cancellationToken).ConfigureAwait(false);
        var command = lease.Connection.Command(table.PointRead);
        command.Set("@pk", partitionKey);
        command.Set("@id", id);
        command.Set("@now", Now());
        using var reader = Translate(command.ExecuteReader);
        if (!reader.Read())
        {
            return null;
        }

        return new Stored<T>(Deserialize<T>(reader.GetFieldValue<byte[]>(1), id), reader.GetString(0));
    }

    public async Task<Stored<T>> CreateAsync<T>(ContainerSpec container, string partitionKey, string id, T document, CancellationToken cancellationToken)
    {
        var write = DocumentBody.Prepare(container, partitionKey, BatchOperationKind.Create, id, document, null);
        var etags = await CommitAsync(container, partitionKey, [write], batch: false, cancellationToken).ConfigureAwait(false);
        return new Stored<T>(document, etags[0]);
    }

    public async Task<Stored<T>> ReplaceAsync<T>(ContainerSpec container, string partitionKey, string id, T document, string ifMatch, CancellationToken cancellationToken)
    {
        var write = DocumentBody.Prepare(container, partitionKey, BatchOperationKind.Replace, id, document, ifMatch);
        var etags = await CommitAsync(container, partitionKey, [write], batch: false, cancellationToken).ConfigureAwait(false);
        return new Stored<T>(document, etags[0]);
    }

    public async Task<Stored<T>> UpsertAsync<T>(ContainerSpec container, string partitionKey, string id, T document, string? ifMatch, CancellationToken cancellationToken)
    {
        var write = DocumentBody.Prepare(container, partitionKey, BatchOperationKind.Upsert, id, document, ifMatch);
        var etags = await CommitAsync(container, partitionKey, [write], batch: false, cancellationToken).ConfigureAwait(false);
        return new Stored<T>(document, etags[0]);
    }

    public async Task DeleteAsync(ContainerSpec container, string partitionKey, string id, string? ifMatch, CancellationToken cancellationToken)
    {
        var write = DocumentBody.Prepare(container, partitionKey, BatchOperationKind.Delete, id, null, ifMatch);
        await CommitAsync(container, partitionKey, [write], batch: false, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> ExecuteBatchAsync(ContainerSpec container, string partitionKey, IReadOnlyList<BatchOperation> operations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operations);
        if (operations.Count is 0 or > IDocumentStore.MaxBatchOperations)
        {
            throw new ArgumentException($"A batch has 1 to {IDocumentStore.MaxBatchOperations} operations, not {operations.Count}.", nameof(operations));
        }

        var writes = new PreparedWrite[operations.Count];
        for (var i = 0; i < operations.Count; i++)
        {
            var op = operations[i];
            writes[i] = DocumentBody.Prepare(container, partitionKey, op.Kind, op.Id, op.Document, op.IfMatch);
        }

        return await CommitAsync(container, partitionKey, writes, batch: true, cancellationToken).ConfigureAwait(false);
    }

    public async Task<QueryPage<T>> QueryAsync<T>(QuerySpec query, string? partitionKey, QueryArgs args, int maxItems, string? continuation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxItems, 1);
        query.RequireScope(partitionKey);
        var compiled = Compiled(query);
        Table(query.Container);
        var after = continuation is null ? (SqliteQuery.Continuation?)null : compiled.Decode(continuation);

        using var lease = await Readers.RentAsync(cancellationToken).ConfigureAwait(false);
        var now = Now();

        // One row more than asked tells whether there is a next page, so the last page has no token.
        var items = new List<Stored<T>>(Math.Min(maxItems, 256));
        string? next = null;
        object? lastSort = null;
        string lastId = "", lastPartitionKey = "";
        foreach (var sql in compiled.Statements(after))
        {
            var command = lease.Connection.Command(sql);
            compiled.Bind(command, partitionKey, args, now, maxItems + 1 - items.Count, after);
            using var reader = Translate(command.ExecuteReader);
            while (next is null && reader.Read())
            {
                if (items.Count == maxItems)
                {
                    next = compiled.Encode(lastSort, lastId, lastPartitionKey);
                    break;
                }

                lastId = reader.GetString(2);
                lastPartitionKey = reader.GetString(3);
                lastSort = reader.IsDBNull(4) ? null : reader.GetValue(4);
                items.Add(new Stored<T>(Deserialize<T>(reader.GetFieldValue<byte[]>(1), lastId), reader.GetString(0)));
            }

            if (next is not null)
            {
                break;
            }
        }

        return new QueryPage<T>(items, next);
    }

    public async Task<int> CountAsync(QuerySpec query, string? partitionKey, QueryArgs args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(args);
        query.RequireScope(partitionKey);
        var compiled = Compiled(query);
        Table(query.Container);
        using var lease = await Readers.RentAsync(cancellationToken).ConfigureAwait(false);
        var command = lease.Connection.Command(compiled.CountStatement);
        compiled.Bind(command, partitionKey, args, Now(), 1, null);
        return Convert.ToInt32(Translate(command.ExecuteScalar), System.Globalization.CultureInfo.InvariantCulture);
    }

    public Task<IReadOnlyList<string>> GetFeedRangesAsync(ContainerSpec container, CancellationToken cancellationToken)
    {
        Table(container);
        return Task.FromResult<IReadOnlyList<string>>([FeedRange]);
    }

    public async Task<ChangePage> ReadChangesAsync(ContainerSpec container, string feedRange, string? continuation, int maxItems, CancellationToken cancellationToken)
    {
        if (feedRange != FeedRange)
        {
            throw new ArgumentException($"SQLite has one feed range, \"{FeedRange}\", not \"{feedRange}\".", nameof(feedRange));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxItems, 1);
        long after = 0;
        if (continuation is not null && (!long.TryParse(continuation, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out after) || after < 0))
        {
            throw new ArgumentException("The change feed continuation is not valid.", nameof(continuation));
        }

        var table = Table(container);
        using var lease = await Readers.RentAsync(cancellationToken).ConfigureAwait(false);
        var command = lease.Connection.Command(table.Changes);
        command.Set("@after", after);
        command.Set("@now", Now());
        command.Set("@limit", maxItems);
        var items = new List<ChangedDocument>();
        var last = after;
        using var reader = Translate(command.ExecuteReader);
        while (reader.Read())
        {
            var body = JsonSerializer.Deserialize<JsonElement>(reader.GetFieldValue<byte[]>(3));
            items.Add(new ChangedDocument(reader.GetString(0), reader.GetString(1), reader.GetString(2), body));
            last = reader.GetInt64(4);
        }

        return new ChangePage(items, items.Count == 0 ? continuation : last.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Deletes expired documents (reads already hide them). In chunks, releasing the writer between
    /// them so requests do not wait behind a large purge. Returns how many were deleted.
    /// </summary>
    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        foreach (var table in _tables.Values)
        {
            int deleted;
            do
            {
                cancellationToken.ThrowIfCancellationRequested();
                await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    var command = Writer.Command(table.PurgeExpired);
                    command.Set("@now", Now());
                    command.Set("@limit", PurgeChunk);
                    deleted = Translate(command.ExecuteNonQuery);
                }
                finally
                {
                    _writeLock.Release();
                }

                total += deleted;
            }
            while (deleted == PurgeChunk);
        }

        return total;
    }

    /// <summary>
    /// EXPLAIN QUERY PLAN of every statement a named query can run (first page, next pages, the
    /// segment of documents without the sort property): one list of plan lines per statement.
    /// </summary>
    public async Task<IReadOnlyList<IReadOnlyList<string>>> ExplainQueryPlanAsync(QuerySpec query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var compiled = Compiled(query);
        using var lease = await Readers.RentAsync(cancellationToken).ConfigureAwait(false);
        var plans = new List<IReadOnlyList<string>>();
        foreach (var sql in compiled.AllStatements())
        {
            using var command = lease.Connection.Connection.CreateCommand();
#pragma warning disable CA2100 // The query's own SQL, built from validated identifiers.
            command.CommandText = "EXPLAIN QUERY PLAN " + sql;
#pragma warning restore CA2100
            compiled.BindPlaceholders(command, Now());
            var lines = new List<string>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                lines.Add(reader.GetString(3));
            }

            plans.Add(lines);
        }

        return plans;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _writeLock.Wait();
        try
        {
            _readers?.Dispose();
            _writer?.Dispose();
            _readers = null;
            _writer = null;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Applies prepared writes in one transaction under the writer lock: all or nothing. A refused
    /// operation rolls everything back; in a batch the exception names its index.
    /// </summary>
    private async Task<string[]> CommitAsync(ContainerSpec container, string partitionKey, PreparedWrite[] writes, bool batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        var table = Table(container);
        var etags = new string[writes.Length];
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var writer = Writer;
            var now = Now();
            using var transaction = Translate(() => writer.Connection.BeginTransaction(deferred: false));
            writer.Transaction = transaction;
            try
            {
                // The transaction holds the write lock, so the counter is read once, numbered in memory
                // and saved once: cheaper than a counter update per operation, and safe across processes.
                var lsn = (long)Translate(() => writer.Command(table.ReadLsn).ExecuteScalar()!);
                var first = lsn;
                for (var i = 0; i < writes.Length; i++)
                {
                    try
                    {
                        etags[i] = Translate(() => Apply(writer, table, partitionKey, writes[i], now, ref lsn));
                    }
                    catch (StoreException ex) when (batch)
                    {
                        throw new StoreException(ex.Failure, $"Batch operation {i} ({writes[i].Kind} {writes[i].Id}): {ex.Message} Nothing was written.", i, ex);
                    }
                }

                if (lsn != first)
                {
                    var save = writer.Command(table.SaveLsn);
                    save.Set("@lsn", lsn);
                    Translate(save.ExecuteNonQuery);
                }

                Translate(transaction.Commit);
            }
            finally
            {
                writer.Transaction = null;
            }
        }
        finally
        {
            _writeLock.Release();
        }

        Signal(container);
        return etags;
    }

    /// <summary>One operation, inside the writer's transaction. Cosmos's rules for each kind.</summary>
    private static string Apply(StoreConnection writer, ContainerTable table, string partitionKey, PreparedWrite write, long now, ref long lsn)
    {
        var check = writer.Command(table.CurrentETag);
        check.Set("@pk", partitionKey);
        check.Set("@id", write.Id);
        check.Set("@now", now);
        var current = check.ExecuteScalar() as string; // An expired, not yet purged document counts as missing.

        var where = $"{table.Name}/{partitionKey}/{write.Id}";
        switch (write.Kind)
        {
            case BatchOperationKind.Create when current is not null:
                throw new StoreException(StoreFailure.Conflict, $"{where} exists.");
            case BatchOperationKind.Replace or BatchOperationKind.Delete when current is null:
                throw new StoreException(StoreFailure.NotFound, $"{where} does not exist.");
            case BatchOperationKind.Replace or BatchOperationKind.Upsert or BatchOperationKind.Delete
                when write.IfMatch is not null && current is not null && current != write.IfMatch:
                throw new StoreException(StoreFailure.PreconditionFailed, $"{where} has changed (ETag mismatch).");
        }

        if (write.Kind == BatchOperationKind.Delete)
        {
            var delete = writer.Command(table.Delete);
            delete.Set("@pk", partitionKey);
            delete.Set("@id", write.Id);
            delete.ExecuteNonQuery();
            return string.Empty;
        }

        lsn++;
        var etag = Guid.NewGuid().ToString("N");
        var command = writer.Command(table.Write);
        command.Set("@pk", partitionKey);
        command.Set("@id", write.Id);
        command.Set("@etag", etag);
        command.Set("@lsn", lsn);
        command.Set("@body", write.Body);
        command.Set("@expires", write.TtlSeconds is { } ttl ? now + (ttl * 1000L) : DBNull.Value);
        command.ExecuteNonQuery();
        return etag;
    }

    private void Signal(ContainerSpec container) =>
        ChangeSignals.NotifyAll(_signals, container, ex => LogSignalFailed(_logger, ex, container.Name));

    private SqliteQuery Compiled(QuerySpec query)
    {
        if (_queries.TryGetValue(query.Name, out var compiled))
        {
            if (!ReferenceEquals(compiled.Spec, query) && compiled.Signature != SqliteQuery.SignatureOf(query))
            {
                throw new ArgumentException($"Two different queries are named {query.Name}.", nameof(query));
            }

            return compiled;
        }

        // A query not declared at start-up still runs; it just has no index of its own.
        return _queries.GetOrAdd(query.Name, _ => new SqliteQuery(query, null));
    }

    private ContainerTable Table(ContainerSpec container)
    {
        ArgumentNullException.ThrowIfNull(container);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _tables.TryGetValue(container.Name, out var table)
            ? table
            : throw new InvalidOperationException($"Container {container.Name} is not initialized: call InitializeAsync at start-up.");
    }

    private StoreConnection Writer => _writer ?? throw NotInitialized();

    private ReaderPool Readers => _readers ?? throw NotInitialized();

    private InvalidOperationException NotInitialized()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new InvalidOperationException("The SQLite store is not initialized: call InitializeAsync at start-up.");
    }

    private long Now() => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    private static T Deserialize<T>(byte[] utf8, string id) =>
        JsonSerializer.Deserialize<T>(utf8, StoreJson.Options) ?? throw new InvalidOperationException($"Document {id} deserialized to null.");

    private static void SyncQueryIndexes(StoreConnection writer, ContainerTable table, List<(string Name, string Ddl, string Definition, string Table)> wanted)
    {
        var wantedNames = wanted.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var existing = new List<string>();
        using (var list = writer.Connection.CreateCommand())
        {
            list.Transaction = writer.Transaction;
#pragma warning disable CA2100 // Validated identifiers only.
            list.CommandText = table.ListQueryIndexes;
#pragma warning restore CA2100
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                existing.Add(reader.GetString(0));
            }
        }

        foreach (var stale in existing.Where(name => !wantedNames.Contains(name)))
        {
            writer.Execute($"DROP INDEX IF EXISTS {ContainerTable.Quoted(stale)};");
        }

        foreach (var index in wanted)
        {
            writer.Execute(index.Ddl);
        }
    }

    /// <summary>SQLite's "busy/locked" (another process holds the file) is the store's "throttled: retry".</summary>
    private static TResult Translate<TResult>(Func<TResult> action)
    {
        try
        {
            return action();
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6)
        {
            throw new StoreException(StoreFailure.Throttled, "The database is busy.", null, ex) { RetryAfter = TimeSpan.FromMilliseconds(200) };
        }
    }

    private static void Translate(Action action) => Translate(() =>
    {
        action();
        return 0;
    });

    [LoggerMessage(Level = LogLevel.Information, Message = "SQLite store ready at {Path}: {Tables} tables, {Queries} named queries")]
    private static partial void LogInitialized(ILogger logger, string path, int tables, int queries);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A change signal failed after a commit to {Container}")]
    private static partial void LogSignalFailed(ILogger logger, Exception exception, string container);
}
