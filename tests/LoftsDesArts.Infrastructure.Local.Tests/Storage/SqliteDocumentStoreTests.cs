using System.Text.Json;
using LoftsDesArts.Core.Operations;
using LoftsDesArts.Core.Storage;
using LoftsDesArts.Infrastructure.Local.Storage;
using LoftsDesArts.Testing.Storage;
using LoftsDesArts.Testing.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace LoftsDesArts.Infrastructure.Local.Tests.Storage;

/// <summary>What only the SQLite adapter promises: index usage, WAL, its writer/reader split, the change signal.</summary>
public sealed class SqliteDocumentStoreTests(TempFolder folder, ITestOutputHelper output) : IClassFixture<TempFolder>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly ContainerSpec Buildings = Containers.Buildings;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));

    /// <summary>Every query the portal registers, plus the contract's.</summary>
    public static IReadOnlyList<QuerySpec> AllQueries => [.. NamedQueries.All, .. ContractQueries.All];

    public static TheoryData<string> QueryNames => [.. AllQueries.Select(q => q.Name)];

    [Theory]
    [MemberData(nameof(QueryNames))]
    public async Task NamedQuery_EveryStatement_ServedByAnExpressionIndex(string name)
    {
        var query = AllQueries.Single(q => q.Name == name);
        using var store = await NewStoreAsync(AllQueries);

        var plans = await store.ExplainQueryPlanAsync(query, None);

        Assert.NotEmpty(plans);
        foreach (var plan in plans)
        {
            output.WriteLine($"{name}:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", plan)}");
            Assert.Null(IndexProblem(plan, query.Container.Name));
        }
    }

    [Fact]
    public async Task NamedQuery_WithoutItsIndex_IndexCheckFails()
    {
        // The check above must be able to fail: without the query indexes the plans fall back to the
        // primary key (single partition) or a full scan (cross-partition).
        using var store = await NewStoreAsync([]);

        Assert.All(await store.ExplainQueryPlanAsync(ContractQueries.ByStatus, None), plan => Assert.NotNull(IndexProblem(plan, Buildings.Name)));
        Assert.All(await store.ExplainQueryPlanAsync(ContractQueries.AllByStatus, None), plan => Assert.NotNull(IndexProblem(plan, Buildings.Name)));
    }

    [Fact]
    public void NamedQueries_Names_Unique()
    {
        var duplicates = AllQueries.GroupBy(q => q.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(duplicates);
    }

    [Fact]
    public async Task Initialize_Twice_KeepsDataAndIndexes()
    {
        var dataFolder = folder.NewSubfolder();
        int indexesAfterFirst;
        using (var first = SqliteStores.Create(dataFolder, _clock))
        {
            await first.InitializeAsync(AllQueries, None);
            await first.CreateAsync(Buildings, "b1", "a", Item("b1", "a"), None);
            await first.InitializeAsync(AllQueries, None);
            indexesAfterFirst = QueryIndexes(first).Count;
        }

        using var second = SqliteStores.Create(dataFolder, _clock);
        await second.InitializeAsync(AllQueries, None);

        Assert.NotNull(await second.ReadAsync<ContractItem>(Buildings, "b1", "a", None));
        Assert.True(indexesAfterFirst > 0);
        Assert.Equal(indexesAfterFirst, QueryIndexes(second).Count);
    }

    [Fact]
    public async Task Initialize_QueryChanged_OldIndexDroppedNewCreated()
    {
        using var store = await NewStoreAsync([ContractQueries.ByStatus]);
        var before = QueryIndexes(store);

        var changed = ContractQueries.ByStatus with { OrderBy = new QuerySort("name") };
        await store.InitializeAsync([changed], None);
        var after = QueryIndexes(store);

        Assert.Single(before);
        Assert.Single(after);
        Assert.NotEqual(before[0], after[0]);
        Assert.All(await store.ExplainQueryPlanAsync(changed, None), plan => Assert.Null(IndexProblem(plan, Buildings.Name)));
    }

    [Fact]
    public async Task Initialize_TwoDifferentQueriesWithOneName_ArgumentException()
    {
        using var store = SqliteStores.Create(folder.NewSubfolder(), _clock);
        var clash = ContractQueries.ByStatus with { OrderBy = new QuerySort("name") };

        await Assert.ThrowsAsync<ArgumentException>(() => store.InitializeAsync([ContractQueries.ByStatus, clash], None));
    }

    [Fact]
    public async Task Query_PathThatIsNotAnIdentifier_ArgumentException()
    {
        using var store = await NewStoreAsync([]);
        var injected = new QuerySpec("bad", Buildings, "x", [new("status') OR 1=1 --", FilterOperator.Equal, "s")]);

        await Assert.ThrowsAsync<ArgumentException>(() => store.QueryAsync<ContractItem>(injected, "b1", new QueryArgs { ["s"] = "a" }, 10, null, None));
    }

    [Fact]
    public async Task Database_AfterAWrite_WalModeAndWalFile()
    {
        using var store = await NewStoreAsync([]);
        await store.CreateAsync(Buildings, "b1", "a", Item("b1", "a"), None);

        using var raw = OpenRaw(store);
        using var command = raw.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";

        Assert.Equal("wal", command.ExecuteScalar() as string);
        Assert.True(File.Exists(store.DatabasePath + "-wal"));
        Assert.Equal(LocalStorageOptions.DatabaseFileName, Path.GetFileName(store.DatabasePath));
    }

    [Fact]
    public async Task Write_OneRowPerDocument_WithJsonBodyLsnAndExpiry()
    {
        using var store = await NewStoreAsync([]);
        var first = await store.CreateAsync(Buildings, "b1", "a", Item("b1", "a") with { Ttl = 90 }, None);
        await store.CreateAsync(Buildings, "b1", "b", Item("b1", "b"), None);
        var third = await store.ReplaceAsync(Buildings, "b1", "a", Item("b1", "a", name: "again") with { Ttl = 90 }, first.ETag, None);

        using var raw = OpenRaw(store);
        using var command = raw.CreateCommand();
        command.CommandText = "SELECT pk, id, etag, lsn, body, expires_at FROM buildings ORDER BY lsn";
        using var reader = command.ExecuteReader();
        var rows = new List<(string Pk, string Id, string ETag, long Lsn, JsonElement Body, long? ExpiresAt)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3),
                JsonDocument.Parse(reader.GetString(4)).RootElement.Clone(), reader.IsDBNull(5) ? null : reader.GetInt64(5)));
        }

        Assert.Equal(["b", "a"], rows.Select(r => r.Id));
        Assert.Equal([2L, 3L], rows.Select(r => r.Lsn));
        Assert.Equal(third.ETag, rows[1].ETag);
        Assert.Equal("again", rows[1].Body.GetProperty("name").GetString());
        Assert.Equal("b1", rows[1].Body.GetProperty("buildingId").GetString());
        Assert.Equal(_clock.GetUtcNow().AddSeconds(90).ToUnixTimeMilliseconds(), rows[1].ExpiresAt);
        Assert.Null(rows[0].ExpiresAt);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public async Task Write_InvalidTtl_ArgumentException(int ttl)
    {
        using var store = await NewStoreAsync([]);
        await Assert.ThrowsAsync<ArgumentException>(() => store.CreateAsync(Buildings, "b1", "a", Item("b1", "a") with { Ttl = ttl }, None));
    }

    [Fact]
    public async Task PurgeExpired_DeletesOnlyExpiredRows()
    {
        using var store = await NewStoreAsync([]);
        for (var i = 0; i < 3; i++)
        {
            await store.CreateAsync(Buildings, "b1", $"short{i}", Item("b1", $"short{i}") with { Ttl = 10 }, None);
        }

        await store.CreateAsync(Buildings, "b1", "long", Item("b1", "long") with { Ttl = 100 }, None);
        await store.CreateAsync(Buildings, "b1", "forever", Item("b1", "forever"), None);
        await store.CreateAsync(Containers.Lookups, "k", "k", new Probe { Id = "k", Ttl = 5 }, None);
        _clock.Advance(TimeSpan.FromSeconds(11));

        var purged = await store.PurgeExpiredAsync(None);
        var again = await store.PurgeExpiredAsync(None);

        Assert.Equal(4, purged);
        Assert.Equal(0, again);
        Assert.Equal(2L, Scalar(store, "SELECT count(*) FROM buildings"));
        Assert.Equal(0L, Scalar(store, "SELECT count(*) FROM lookups"));
    }

    [Fact]
    public async Task ConcurrentWriters_WithETagRetries_LoseNoUpdate()
    {
        using var store = await NewStoreAsync([]);
        await store.CreateAsync(Buildings, "b1", "counter", Item("b1", "counter", rank: 0), None);
        const int Threads = 4, IncrementsEach = 25;
        var conflicts = 0;

        var workers = Enumerable.Range(0, Threads).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < IncrementsEach; i++)
            {
                for (var attempt = 0; ; attempt++)
                {
                    Assert.True(attempt < 1000, "an increment never got through");
                    var current = await store.ReadAsync<ContractItem>(Buildings, "b1", "counter", None);
                    try
                    {
                        await store.ReplaceAsync(Buildings, "b1", "counter", current!.Value with { Rank = current.Value.Rank + 1 }, current.ETag, None);
                        break;
                    }
                    catch (StoreException ex) when (ex.Failure == StoreFailure.PreconditionFailed)
                    {
                        Interlocked.Increment(ref conflicts);
                    }
                }
            }
        })).ToList();
        await Task.WhenAll(workers);

        output.WriteLine($"{Threads * IncrementsEach} increments, {conflicts} ETag conflicts retried");
        Assert.Equal(Threads * IncrementsEach, (await store.ReadAsync<ContractItem>(Buildings, "b1", "counter", None))!.Value.Rank);
    }

    [Fact]
    public async Task ReadAsync_WhileAnotherConnectionHoldsTheWriteLock_ReturnsLastCommitted()
    {
        using var store = await NewStoreAsync([]);
        await store.CreateAsync(Buildings, "b1", "a", Item("b1", "a", name: "committed"), None);

        // Another connection takes the write lock and leaves an uncommitted change: WAL readers carry on.
        using var other = OpenRaw(store, readOnly: false);
        using var transaction = other.BeginTransaction(deferred: false);
        using (var update = other.CreateCommand())
        {
            update.Transaction = transaction;
            update.CommandText = "UPDATE buildings SET body = json_set(body, '$.name', 'uncommitted')";
            update.ExecuteNonQuery();
        }

        var read = await store.ReadAsync<ContractItem>(Buildings, "b1", "a", None);
        var page = await store.QueryAsync<ContractItem>(ContractQueries.ByStatus, "b1", new QueryArgs { ["status"] = "open" }, 10, null, None);

        Assert.Equal("committed", read!.Value.Name);
        Assert.Equal("committed", Assert.Single(page.Items).Value.Name);
    }

    [Fact]
    public async Task ChangeSignal_AfterEachCommit_DataAlreadyVisible()
    {
        var signal = new RecordingSignal();
        using var store = await NewStoreAsync([], signal);
        signal.Probe = container => Scalar(store, $"SELECT count(*) FROM {container.Name}");

        await store.CreateAsync(Buildings, "b1", "a", Item("b1", "a"), None);
        await store.ExecuteBatchAsync(Buildings, "b1", [BatchOperation.Create("b", Item("b1", "b")), BatchOperation.Create("c", Item("b1", "c"))], None);
        await store.UpsertAsync(Containers.Users, "u1", "u1", new UserProbe { Id = "u1", UserId = "u1" }, null, None);

        Assert.Equal([("buildings", 1L), ("buildings", 3L), ("users", 1L)], signal.Seen);
    }

    [Fact]
    public async Task ChangeSignal_FailedWrite_NotRaised()
    {
        var signal = new RecordingSignal();
        using var store = await NewStoreAsync([], signal);
        await store.CreateAsync(Buildings, "b1", "a", Item("b1", "a"), None);
        signal.Seen.Clear();

        await Assert.ThrowsAsync<StoreException>(() => store.CreateAsync(Buildings, "b1", "a", Item("b1", "a"), None));
        await Assert.ThrowsAsync<StoreException>(() => store.ExecuteBatchAsync(Buildings, "b1", [BatchOperation.Create("z", Item("b1", "z")), BatchOperation.Delete("missing")], None));

        Assert.Empty(signal.Seen);
    }

    [Fact]
    public async Task ChangeSignal_ListenerThrows_WriteStillSucceeds()
    {
        using var store = await NewStoreAsync([], new ThrowingSignal());

        await store.CreateAsync(Buildings, "b1", "a", Item("b1", "a"), None);

        Assert.NotNull(await store.ReadAsync<ContractItem>(Buildings, "b1", "a", None));
    }

    [Fact]
    public async Task AddLocalDocumentStore_NotReadyUntilInitialized()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataFolder"] = folder.NewSubfolder() })
            .Build();
        var services = new ServiceCollection().AddLogging().AddLocalDocumentStore(configuration);
        await using var provider = services.BuildServiceProvider();
        var check = provider.GetServices<IReadinessCheck>().Single(c => c.Name == "store");

        var before = await check.CheckAsync(None);
        await new LocalStoreInitializer(provider.GetRequiredService<SqliteDocumentStore>()).StartingAsync(None);
        var after = await check.CheckAsync(None);

        Assert.False(before.Ready);
        Assert.True(after.Ready);
        Assert.Same(provider.GetRequiredService<SqliteDocumentStore>(), provider.GetRequiredService<IDocumentStore>());
        Assert.Equal(Path.Combine(configuration["Storage:DataFolder"]!, "portal.db"), provider.GetRequiredService<SqliteDocumentStore>().DatabasePath);
    }

    /// <summary>Null when the plan searches the table through one of our query indexes and never scans it.</summary>
    private static string? IndexProblem(IReadOnlyList<string> plan, string table)
    {
        if (plan.Any(line => line.StartsWith($"SCAN {table}", StringComparison.Ordinal)))
        {
            return "scans the table: " + string.Join(" / ", plan);
        }

        return plan.Any(line => line.StartsWith($"SEARCH {table} USING INDEX {ContainerTableIndexPrefix}", StringComparison.Ordinal)
                || line.StartsWith($"SEARCH {table} USING COVERING INDEX {ContainerTableIndexPrefix}", StringComparison.Ordinal))
            ? null
            : "uses no query index: " + string.Join(" / ", plan);
    }

    private const string ContainerTableIndexPrefix = "qx_";

    private async Task<SqliteDocumentStore> NewStoreAsync(IReadOnlyList<QuerySpec> queries, params IChangeSignal[] signals)
    {
        var store = SqliteStores.Create(folder.NewSubfolder(), _clock, signals);
        await store.InitializeAsync(queries, None);
        return store;
    }

    private static SqliteConnection OpenRaw(SqliteDocumentStore store, bool readOnly = true)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = store.DatabasePath,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    private static long Scalar(SqliteDocumentStore store, string sql)
    {
        using var connection = OpenRaw(store);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private static List<string> QueryIndexes(SqliteDocumentStore store)
    {
        using var connection = OpenRaw(store);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE '{ContainerTableIndexPrefix}%' ORDER BY name";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static ContractItem Item(string buildingId, string id, string? name = null, int? rank = null) =>
        new() { Id = id, BuildingId = buildingId, Status = "open", Name = name, Rank = rank };

    private sealed record Probe : Document
    {
        public override string Type => "probe";
    }

    private sealed record UserProbe : Document
    {
        public override string Type => "user-probe";

        public required string UserId { get; init; }
    }

    private sealed class RecordingSignal : IChangeSignal
    {
        public List<(string Container, long VisibleRows)> Seen { get; } = [];

        public Func<ContainerSpec, long> Probe { get; set; } = _ => -1;

        public void NotifyCommitted(ContainerSpec container)
        {
            lock (Seen)
            {
                Seen.Add((container.Name, Probe(container)));
            }
        }
    }

    private sealed class ThrowingSignal : IChangeSignal
    {
        public void NotifyCommitted(ContainerSpec container) => throw new InvalidOperationException("listener broke");
    }
}
