using LoftsDesArts.Core.Storage;
using LoftsDesArts.Infrastructure.Local.Storage;
using LoftsDesArts.Testing.Support;
using Microsoft.Extensions.Time.Testing;

namespace LoftsDesArts.Infrastructure.Local.Tests.Storage;

/// <summary>Import jobs over the real SQLite store: a 102-unit roster, as the real building has.</summary>
public sealed class ImportJobRunnerTests(TempFolder folder) : IClassFixture<TempFolder>, IAsyncLifetime
{
    private const int RosterSize = 102;
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly ContainerSpec Buildings = Containers.Buildings;

    private static readonly QuerySpec UnitsByFloor = new(
        "import-test.units-by-floor", Buildings, ImportedUnit.DocumentType,
        [new("floor", FilterOperator.GreaterThanOrEqual, "minFloor")],
        new QuerySort("floor"));

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private SqliteDocumentStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = SqliteStores.Create(folder.NewSubfolder(), _clock);
        await _store.InitializeAsync([.. NamedQueries.All, UnitsByFloor], None);
    }

    public Task DisposeAsync()
    {
        _store.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task StageThenCommit_Roster_InvisibleUntilCommitted()
    {
        var runner = new ImportJobRunner(_store, _clock);
        var units = Roster("b1");

        var job = await runner.StartAsync(Buildings, "b1", "import-1", "units", units.Select(u => u.Id).ToList(), None);
        job = await runner.StageAsync(Buildings, job, units, None);

        Assert.Empty(await VisibleUnitsAsync("b1"));
        Assert.Equal("import-1", (await _store.ReadAsync<ImportedUnit>(Buildings, "b1", units[57].Id, None))!.Value.Staged);
        Assert.Equal(ImportJobStatus.Staging, job.Value.Status);

        var committed = await runner.CommitAsync(Buildings, job, None);

        var visible = await VisibleUnitsAsync("b1");
        Assert.Equal(RosterSize, visible.Count);
        Assert.All(visible, u => Assert.Null(u.Staged));
        Assert.Equal(ImportJobStatus.Committed, committed.Value.Status);
        Assert.NotNull(committed.Value.Ttl);
        Assert.Equal(committed.ETag, (await runner.CommitAsync(Buildings, committed, None)).ETag); // Committing again changes nothing.
    }

    [Fact]
    public async Task Run_ItemRefusedInSecondBatch_NothingVisibleAndJobFailed()
    {
        var runner = new ImportJobRunner(_store, _clock);
        var units = Roster("b1");
        var live = units[101] with { Number = "kept" };
        await _store.CreateAsync(Buildings, "b1", live.Id, live, None); // Already exists: its create is refused.

        var ex = await Assert.ThrowsAsync<StoreException>(() => runner.RunAsync(Buildings, "b1", "import-2", "units", units, None));

        Assert.Equal(StoreFailure.Conflict, ex.Failure);
        Assert.Equal(101, ex.OperationIndex);
        Assert.Equal(["kept"], (await VisibleUnitsAsync("b1")).Select(u => u.Number));
        foreach (var unit in units.Take(101))
        {
            Assert.Null(await _store.ReadAsync<ImportedUnit>(Buildings, "b1", unit.Id, None)); // The first batch was staged, then deleted.
        }

        var job = await _store.ReadAsync<ImportJobDocument>(Buildings, "b1", "import-2", None);
        Assert.Equal(ImportJobStatus.Failed, job!.Value.Status);
        Assert.Equal("staging", job.Value.Failure);
        Assert.Equal(units[101].Id, job.Value.FailedItemId);
    }

    [Fact]
    public async Task Recover_CommitInterruptedAfterFirstBatch_FinishesCommit()
    {
        var units = Roster("b1");

        // Batches 1-2 stage, 3 unstages the first 100 items, 4 would unstage the last 2: the process "dies" there.
        var crashing = new ImportJobRunner(new FailingBatchStore(_store, failOnBatch: 4), _clock);
        await Assert.ThrowsAsync<IOException>(() => crashing.RunAsync(Buildings, "b1", "import-3", "units", units, None));

        Assert.Equal(ImportJobStatus.Committing, (await _store.ReadAsync<ImportJobDocument>(Buildings, "b1", "import-3", None))!.Value.Status);
        Assert.Equal(100, (await VisibleUnitsAsync("b1")).Count); // Honest: a commit spans batches, so it can be seen half done.

        var recovered = await new ImportJobRunner(_store, _clock).RecoverAsync(Buildings, "b1", "import-3", None);

        Assert.Equal(ImportJobStatus.Committed, recovered!.Value.Status);
        Assert.Equal(RosterSize, (await VisibleUnitsAsync("b1")).Count);
    }

    [Fact]
    public async Task RecoverOpenJobs_AbandonedStagingJob_StagedItemsDeleted_FreshJobLeftAlone()
    {
        var runner = new ImportJobRunner(_store, _clock);
        var old = Roster("b-old");
        var oldJob = await runner.StartAsync(Buildings, "b-old", "import-old", "units", old.Select(u => u.Id).ToList(), None);
        await runner.StageAsync(Buildings, oldJob, old, None);
        _clock.Advance(ImportJobRunner.AbandonAfter + TimeSpan.FromMinutes(1));
        var fresh = Roster("b-fresh").Take(5).ToList();
        var freshJob = await runner.StartAsync(Buildings, "b-fresh", "import-fresh", "units", fresh.Select(u => u.Id).ToList(), None);
        await runner.StageAsync(Buildings, freshJob, fresh, None);

        var examined = await runner.RecoverOpenJobsAsync(Buildings, None);

        Assert.Equal(2, examined);
        var abandoned = await _store.ReadAsync<ImportJobDocument>(Buildings, "b-old", "import-old", None);
        Assert.Equal(ImportJobStatus.Failed, abandoned!.Value.Status);
        Assert.Equal("abandoned", abandoned.Value.Failure);
        Assert.Null(await _store.ReadAsync<ImportedUnit>(Buildings, "b-old", old[0].Id, None));
        Assert.Null(await _store.ReadAsync<ImportedUnit>(Buildings, "b-old", old[^1].Id, None));
        Assert.Equal(ImportJobStatus.Staging, (await _store.ReadAsync<ImportJobDocument>(Buildings, "b-fresh", "import-fresh", None))!.Value.Status);
        Assert.Equal("import-fresh", (await _store.ReadAsync<ImportedUnit>(Buildings, "b-fresh", fresh[0].Id, None))!.Value.Staged);
    }

    [Fact]
    public async Task Start_DuplicateItemIds_ArgumentException()
    {
        var runner = new ImportJobRunner(_store, _clock);

        await Assert.ThrowsAsync<ArgumentException>(() => runner.StartAsync(Buildings, "b1", "import-4", "units", ["u1", "u2", "u1"], None));
        Assert.Null(await _store.ReadAsync<ImportJobDocument>(Buildings, "b1", "import-4", None));
    }

    private static List<ImportedUnit> Roster(string buildingId) =>
        Enumerable.Range(0, RosterSize)
            .Select(i => new ImportedUnit { Id = $"unit-{i:D3}", BuildingId = buildingId, Number = $"{(i / 10) + 1}{i % 10:D2}", Floor = (i / 10) + 1 })
            .ToList();

    private async Task<List<ImportedUnit>> VisibleUnitsAsync(string buildingId)
    {
        var units = new List<ImportedUnit>();
        string? continuation = null;
        do
        {
            var page = await _store.QueryAsync<ImportedUnit>(UnitsByFloor, buildingId, new QueryArgs { ["minFloor"] = 0 }, 40, continuation, None);
            units.AddRange(page.Items.Select(i => i.Value));
            continuation = page.Continuation;
        }
        while (continuation is not null);

        return units;
    }

    private sealed record ImportedUnit : Document
    {
        public const string DocumentType = "import-test-unit";

        public override string Type => DocumentType;

        public required string BuildingId { get; init; }

        public required string Number { get; init; }

        public required int Floor { get; init; }
    }

    /// <summary>The real store, except that its n-th batch throws as if the process had died before sending it.</summary>
    private sealed class FailingBatchStore(IDocumentStore inner, int failOnBatch) : IDocumentStore
    {
        private int _batches;

        public Task<IReadOnlyList<string>> ExecuteBatchAsync(ContainerSpec container, string partitionKey, IReadOnlyList<BatchOperation> operations, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _batches) == failOnBatch
                ? throw new IOException("simulated crash")
                : inner.ExecuteBatchAsync(container, partitionKey, operations, cancellationToken);

        public Task InitializeAsync(IReadOnlyList<QuerySpec> queries, CancellationToken cancellationToken) => inner.InitializeAsync(queries, cancellationToken);

        public Task<Stored<T>?> ReadAsync<T>(ContainerSpec container, string partitionKey, string id, CancellationToken cancellationToken) =>
            inner.ReadAsync<T>(container, partitionKey, id, cancellationToken);

        public Task<Stored<T>> CreateAsync<T>(ContainerSpec container, string partitionKey, string id, T document, CancellationToken cancellationToken) =>
            inner.CreateAsync(container, partitionKey, id, document, cancellationToken);

        public Task<Stored<T>> ReplaceAsync<T>(ContainerSpec container, string partitionKey, string id, T document, string ifMatch, CancellationToken cancellationToken) =>
            inner.ReplaceAsync(container, partitionKey, id, document, ifMatch, cancellationToken);

        public Task<Stored<T>> UpsertAsync<T>(ContainerSpec container, string partitionKey, string id, T document, string? ifMatch, CancellationToken cancellationToken) =>
            inner.UpsertAsync(container, partitionKey, id, document, ifMatch, cancellationToken);

        public Task DeleteAsync(ContainerSpec container, string partitionKey, string id, string? ifMatch, CancellationToken cancellationToken) =>
            inner.DeleteAsync(container, partitionKey, id, ifMatch, cancellationToken);

        public Task<QueryPage<T>> QueryAsync<T>(QuerySpec query, string? partitionKey, QueryArgs args, int maxItems, string? continuation, CancellationToken cancellationToken) =>
            inner.QueryAsync<T>(query, partitionKey, args, maxItems, continuation, cancellationToken);

        public Task<int> CountAsync(QuerySpec query, string? partitionKey, QueryArgs args, CancellationToken cancellationToken) =>
            inner.CountAsync(query, partitionKey, args, cancellationToken);

        public Task<IReadOnlyList<string>> GetFeedRangesAsync(ContainerSpec container, CancellationToken cancellationToken) =>
            inner.GetFeedRangesAsync(container, cancellationToken);

        public Task<ChangePage> ReadChangesAsync(ContainerSpec container, string feedRange, string? continuation, int maxItems, CancellationToken cancellationToken) =>
            inner.ReadChangesAsync(container, feedRange, continuation, maxItems, cancellationToken);
    }
}
