using System.Globalization;
using System.Reflection;
using System.Text;
using LoftsDesArts.Core.Storage;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using Xunit.Abstractions;

namespace LoftsDesArts.Testing.Storage;

/// <summary>
/// The behaviour every <see cref="IDocumentStore"/> adapter must have (Cosmos semantics, DESIGN §3.2).
/// A concrete test class derives from this, supplies a fresh empty store per test
/// (<see cref="CreateStoreAsync"/>), and declares with <see cref="StoreCoverageAttribute"/> how it covers
/// each <see cref="StoreCapability"/>; the contract's tests of a capability run only where that
/// coverage is real or an emulator, and <see cref="Coverage_EveryCapabilityIsDeclared"/> prints the table.
/// </summary>
public abstract class DocumentStoreContract : IAsyncLifetime
{
    private static readonly ContainerSpec Buildings = Containers.Buildings;
    private static readonly CancellationToken None = CancellationToken.None;

    protected DocumentStoreContract(ITestOutputHelper output)
    {
        Output = output;
    }

    protected ITestOutputHelper Output { get; }

    /// <summary>The store's clock. Adapters that can take a clock use it; TTL tests advance it.</summary>
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));

    protected IDocumentStore Store { get; private set; } = null!;

    /// <summary>A fresh, empty store reading time from <paramref name="clock"/>. The suite initializes it with <see cref="ContractQueries.All"/>.</summary>
    protected abstract Task<IDocumentStore> CreateStoreAsync(TimeProvider clock);

    protected virtual Task DisposeStoreAsync(IDocumentStore store)
    {
        (store as IDisposable)?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Moves the store's time forward (TTL tests).</summary>
    protected virtual Task AdvanceTimeAsync(TimeSpan by)
    {
        Clock.Advance(by);
        return Task.CompletedTask;
    }

    public async Task InitializeAsync()
    {
        if (OptInLaneAttribute.NotRequested(GetType()) is not null)
        {
            return; // Only the coverage table runs; the contract tests are reported as skipped.
        }

        Store = await CreateStoreAsync(Clock);
        await Store.InitializeAsync(ContractQueries.All, None);
    }

    public Task DisposeAsync() => Store is null ? Task.CompletedTask : DisposeStoreAsync(Store);

    // ---------------------------------------------------------------- coverage

    [Fact]
    public void Coverage_EveryCapabilityIsDeclared()
    {
        var type = GetType();
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"Document store coverage for {type.Name}:");
        table.AppendLine("| capability | coverage | where |");
        table.AppendLine("|---|---|---|");
        var problems = new List<string>();
        foreach (var capability in Enum.GetValues<StoreCapability>())
        {
            var declared = StoreCoverageAttribute.For(type, capability);
            var level = declared?.Level.ToString() ?? "UNDECLARED";
            var where = declared?.Where ?? (declared?.Level is CoverageLevel.Real or CoverageLevel.Emulator ? "this contract" : "");
            if (OptInLaneAttribute.NotRequested(type) is not null && declared?.Level is CoverageLevel.Real or CoverageLevel.Emulator)
            {
                level += " (lane not requested: not run)";
            }

            var excluded = ContractTests(capability).Select(test => ContractTestExcludedAttribute.For(type, test)).OfType<ContractTestExcludedAttribute>().ToList();
            if (excluded.Count > 0 && declared?.Level is CoverageLevel.Real or CoverageLevel.Emulator)
            {
                level += $" ({ContractTests(capability).Count - excluded.Count} of {ContractTests(capability).Count} tests)";
                where += string.Concat(excluded.Select(e => $"; not run: {e.Test} ({e.Reason}), covered by {e.Where}"));
            }

            table.AppendLine(CultureInfo.InvariantCulture, $"| {capability} | {level} | {where} |");
            if (declared is null)
            {
                problems.Add($"{capability} is not declared");
            }
            else if (declared.Level is CoverageLevel.SqlText or CoverageLevel.Mock && string.IsNullOrEmpty(declared.Where))
            {
                problems.Add($"{capability} is {declared.Level} but names no test class (Where)");
            }
        }

        foreach (var excluded in type.GetCustomAttributes<ContractTestExcludedAttribute>(inherit: true))
        {
            if (!Enum.GetValues<StoreCapability>().Any(c => ContractTests(c).Contains(excluded.Test)))
            {
                problems.Add($"{excluded.Test} is excluded but is not a contract test");
            }
            else if (string.IsNullOrWhiteSpace(excluded.Reason) || string.IsNullOrWhiteSpace(excluded.Where))
            {
                problems.Add($"{excluded.Test} is excluded without a reason or without the tests that cover it");
            }
        }

        if (OptInLaneAttribute.NotRequested(type) is { } notRequested)
        {
            table.AppendLine(notRequested);
        }

        Output.WriteLine(table.ToString());
        Assert.Empty(problems);
    }

    /// <summary>The names of the contract's tests of one capability.</summary>
    private static List<string> ContractTests(StoreCapability capability) =>
        typeof(DocumentStoreContract).GetMethods()
            .Where(m => m.GetCustomAttribute<ContractFactAttribute>()?.Capability == capability)
            .Select(m => m.Name)
            .ToList();

    // ---------------------------------------------------------------- CRUD

    [ContractFact(StoreCapability.Crud)]
    public async Task Create_ThenRead_ReturnsDocumentAndETag()
    {
        var pk = NewPartition();
        var item = Item(pk, "a", name: "Zoé", rank: 3, color: ContractColor.DeepBlue);

        var created = await Store.CreateAsync(Buildings, pk, "a", item, None);
        var read = await Store.ReadAsync<ContractItem>(Buildings, pk, "a", None);

        Assert.NotNull(read);
        Assert.Equal(item, read.Value);
        Assert.False(string.IsNullOrEmpty(created.ETag));
        Assert.Equal(created.ETag, read.ETag);
    }

    [ContractFact(StoreCapability.Crud)]
    public async Task Read_Missing_ReturnsNull()
    {
        Assert.Null(await Store.ReadAsync<ContractItem>(Buildings, NewPartition(), "missing", None));
    }

    [ContractFact(StoreCapability.Crud)]
    public async Task Create_ExistingId_Conflict()
    {
        var pk = NewPartition();
        await Store.CreateAsync(Buildings, pk, "a", Item(pk, "a", name: "first"), None);

        var ex = await Assert.ThrowsAsync<StoreException>(() => Store.CreateAsync(Buildings, pk, "a", Item(pk, "a", name: "second"), None));

        Assert.Equal(StoreFailure.Conflict, ex.Failure);
        Assert.Equal("first", (await Store.ReadAsync<ContractItem>(Buildings, pk, "a", None))!.Value.Name);
    }

    [ContractFact(StoreCapability.Crud)]
    public async Task Replace_WithCurrentETag_ReplacesAndChangesETag()
    {
        var pk = NewPartition();
        var created = await Store.CreateAsync(Buildings, pk, "a", Item(pk, "a", name: "before"), None);

        var replaced = await Store.ReplaceAsync(Buildings, pk, "a", Item(pk, "a", name: "after"), created.ETag, None);

        var read = await Store.ReadAsync<ContractItem>(Buildings, pk, "a", None);
        Assert.Equal("after", read!.Value.Name);
        Assert.NotEqual(created.ETag, replaced.ETag);
        Assert.Equal(replaced.ETag, read.ETag);
    }

    [ContractFact(StoreCapability.Crud)]
    public async Task Replace_Missing_NotFound()
    {
        var pk = NewPartition();
        var ex = await Assert.ThrowsAsync<StoreException>(() => Store.ReplaceAsync(Buildings, pk, "missing", Item(pk, "missing"), "any-etag", None));
        Assert.Equal(StoreFailure.NotFound, ex.Failure);
        Assert.Null(await Store.ReadAsync<ContractItem>(Buildings, pk, "missing", None));
    }

    [ContractFact(StoreCapability.Crud)]
    public async Task Delete_Existing_ReadReturnsNull()
    {
        var pk = NewPartition();
        await Store.CreateAsync(Buildings, pk, "a", Item(pk, "a"), None);

        await Store.DeleteAsync(Buildings, pk, "a", null, None);

        Assert.Null(await Store.ReadAsync<ContractItem>(Buildings, pk, "a", None));
    }

    [ContractFact(StoreCapability.Crud)]
    public async Task Delete_Missing_NotFound()
    {
        var ex = await Assert.ThrowsAsync<StoreException>(() => Store.DeleteAsync(Buildings, NewPartition(), "missing", null, None));
        Assert.Equal(StoreFailure.NotFound, ex.Failure);
    }

    [ContractFact(StoreCapability.Crud)]
    public async Task Create_AfterDelete_Succeeds()
    {
        var pk = NewPartition();
        await Store.CreateAsync(Buildings, pk, "a", Item(pk, "a", name: "first"), None);
        await Store.DeleteAsync(Buildings, pk, "a", null, None);

        await Store.CreateAsync(Buildings, pk, "a", Item(pk, "a", name: "again"), None);

        Assert.Equal("again", (await Store.ReadAsync<ContractItem>(Buildings, pk, "a", None))!.Value.Name);
    }

    [ContractFact(StoreCapability.Crud)]
    public async Task Upsert_WithoutIfMatch_CreatesThenReplaces()
    {
        var pk = NewPartition();

        var first = await Store.UpsertAsync(Buildings, pk, "a", Item(pk, "a", name: "one"), null, None);
        Assert.Equal("one", (await Store.ReadAsync<ContractItem>(Buildings, pk, "a", None))!.Value.Name);

        var second = await Store.UpsertAsync(Buildings, pk, "a", Item(pk, "a", name: "two"), null, None);
        var read = await Store.ReadAsync<ContractItem>(Buildings, pk, "a", None);
        Assert.Equal("two", read!.Value.Name);
        Assert.NotEqual(first.ETag, second.ETag);
        Assert.Equal(second.ETag, read.ETag);
    }

    [ContractFact(StoreCapability.Crud)]
    public async Task Write_DocumentIdDiffersFromArgument_ArgumentException()
    {
        var pk = NewPartition();
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.CreateAsync(Buildings, pk, "a", Item(pk, "b"), None));
        Assert.Null(await Store.ReadAsync<ContractItem>(Buildings, pk, "a", None));
    }

    [ContractFact(StoreCapability.Crud)]
    public async Task Write_DocumentPartitionKeyDiffersFromArgument_ArgumentException()
    {
        var pk = NewPartition();
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.UpsertAsync(Buildings, pk, "a", Item("another-building", "a"), null, None));
        Assert.Null(await Store.ReadAsync<ContractItem>(Buildings, pk, "a", None));
    }

    // ---------------------------------------------------------------- ETags

    [ContractFact(StoreCapability.ETags)]
    public async Task Replace_WithStaleETag_PreconditionFailedAndUnchanged()
    {
        var pk = NewPartition();
        var created = await Store.CreateAsync(Buildings, pk, "a", Item(pk, "a", name: "v1"), None);
        await Store.ReplaceAsync(Buildings, pk, "a", Item(pk, "a", name: "v2"), created.ETag, None);

        var ex = await Assert.ThrowsAsync<StoreException>(() => Store.ReplaceAsync(Buildings, pk, "a", Item(pk, "a", name: "v3"), created.ETag, None));

        Assert.Equal(StoreFailure.PreconditionFailed, ex.Failure);
        Assert.Equal("v2", (await Store.ReadAsync<ContractItem>(Buildings, pk, "a", None))!.Value.Name);
    }

    [ContractFact(StoreCapability.ETags)]
    public async Task Upsert_WithStaleETag_PreconditionFailed()
    {
        var pk = NewPartition();
        var created = await Store.CreateAsync(Buildings, pk, "a", Item(pk, "a", name: "v1"), None);
        await Store.UpsertAsync(Buildings, pk, "a", Item(pk, "a", name: "v2"), null, None);

        var ex = await Assert.ThrowsAsync<StoreException>(() => Store.UpsertAsync(Buildings, pk, "a", Item(pk, "a", name: "v3"), created.ETag, None));

        Assert.Equal(StoreFailure.PreconditionFailed, ex.Failure);
        Assert.Equal("v2", (await Store.ReadAsync<ContractItem>(Buildings, pk, "a", None))!.Value.Name);
    }

    [ContractFact(StoreCapability.ETags)]
    public async Task Upsert_WithCurrentETag_Replaces()
    {
        var pk = NewPartition();
        var created = await Store.CreateAsync(Buildings, pk, "a", Item(pk, "a", name: "v1"), None);

        var upserted = await Store.UpsertAsync(Buildings, pk, "a", Item(pk, "a", name: "v2"), created.ETag, None);

        var read = await Store.ReadAsync<ContractItem>(Buildings, pk, "a", None);
        Assert.Equal("v2", read!.Value.Name);
        Assert.Equal(upserted.ETag, read.ETag);
    }

    /// <summary>Cosmos applies If-Match to an upsert only when the item exists; a missing item is created.</summary>
    [ContractFact(StoreCapability.ETags)]
    public async Task Upsert_WithIfMatchOnMissingDocument_Creates()
    {
        var pk = NewPartition();

        await Store.UpsertAsync(Buildings, pk, "a", Item(pk, "a", name: "new"), "some-old-etag", None);

        Assert.Equal("new", (await Store.ReadAsync<ContractItem>(Buildings, pk, "a", None))!.Value.Name);
    }

    [ContractFact(StoreCapability.ETags)]
    public async Task Delete_WithStaleETag_PreconditionFailedAndKept()
    {
        var pk = NewPartition();
        var created = await Store.CreateAsync(Buildings, pk, "a", Item(pk, "a"), None);
        await Store.UpsertAsync(Buildings, pk, "a", Item(pk, "a", name: "changed"), null, None);

        var ex = await Assert.ThrowsAsync<StoreException>(() => Store.DeleteAsync(Buildings, pk, "a", created.ETag, None));

        Assert.Equal(StoreFailure.PreconditionFailed, ex.Failure);
        Assert.NotNull(await Store.ReadAsync<ContractItem>(Buildings, pk, "a", None));
    }

    [ContractFact(StoreCapability.ETags)]
    public async Task Delete_WithCurrentETag_Deletes()
    {
        var pk = NewPartition();
        var created = await Store.CreateAsync(Buildings, pk, "a", Item(pk, "a"), None);

        await Store.DeleteAsync(Buildings, pk, "a", created.ETag, None);

        Assert.Null(await Store.ReadAsync<ContractItem>(Buildings, pk, "a", None));
    }

    [ContractFact(StoreCapability.ETags)]
    public async Task Write_EveryWrite_NewETag()
    {
        var pk = NewPartition();
        var etags = new List<string>
        {
            (await Store.CreateAsync(Buildings, pk, "a", Item(pk, "a", name: "1"), None)).ETag,
        };
        etags.Add((await Store.ReplaceAsync(Buildings, pk, "a", Item(pk, "a", name: "1"), etags[^1], None)).ETag); // Same content: still a new ETag.
        etags.Add((await Store.UpsertAsync(Buildings, pk, "a", Item(pk, "a", name: "2"), null, None)).ETag);
        await Store.DeleteAsync(Buildings, pk, "a", null, None);
        etags.Add((await Store.CreateAsync(Buildings, pk, "a", Item(pk, "a", name: "1"), None)).ETag);

        Assert.Equal(etags.Count, etags.Distinct(StringComparer.Ordinal).Count());
    }

    // ---------------------------------------------------------------- partition isolation

    [ContractFact(StoreCapability.PartitionIsolation)]
    public async Task SameId_InTwoPartitions_Independent()
    {
        var (left, right) = (NewPartition(), NewPartition());
        await Store.CreateAsync(Buildings, left, "same", Item(left, "same", name: "left"), None);
        await Store.CreateAsync(Buildings, right, "same", Item(right, "same", name: "right"), None);

        Assert.Equal("left", (await Store.ReadAsync<ContractItem>(Buildings, left, "same", None))!.Value.Name);
        Assert.Equal("right", (await Store.ReadAsync<ContractItem>(Buildings, right, "same", None))!.Value.Name);

        await Store.DeleteAsync(Buildings, left, "same", null, None);
        Assert.Null(await Store.ReadAsync<ContractItem>(Buildings, left, "same", None));
        Assert.Equal("right", (await Store.ReadAsync<ContractItem>(Buildings, right, "same", None))!.Value.Name);
    }

    [ContractFact(StoreCapability.PartitionIsolation)]
    public async Task Query_SinglePartition_NeverReturnsAnotherPartition()
    {
        var (mine, other) = (NewPartition(), NewPartition());
        await Store.CreateAsync(Buildings, mine, "m1", Item(mine, "m1", status: "open", rank: 1), None);
        await Store.CreateAsync(Buildings, other, "o1", Item(other, "o1", status: "open", rank: 0), None);
        await Store.CreateAsync(Buildings, other, "m1", Item(other, "m1", status: "open", rank: 2), None);

        var page = await Store.QueryAsync<ContractItem>(ContractQueries.ByStatus, mine, Args(("status", "open")), 10, null, None);

        var only = Assert.Single(page.Items);
        Assert.Equal(mine, only.Value.BuildingId);
        Assert.Equal("m1", only.Value.Id);
    }

    [ContractFact(StoreCapability.PartitionIsolation)]
    public async Task Query_CrossPartition_ReturnsEveryPartition()
    {
        var (a, b) = (NewPartition(), NewPartition());
        await Store.CreateAsync(Buildings, a, "x", Item(a, "x", status: "open", rank: 2), None);
        await Store.CreateAsync(Buildings, b, "x", Item(b, "x", status: "open", rank: 1), None);
        await Store.CreateAsync(Buildings, b, "y", Item(b, "y", status: "closed", rank: 0), None);

        var all = await QueryAllAsync(ContractQueries.AllByStatus, null, Args(("status", "open")), 10);

        Assert.Equal([(b, "x"), (a, "x")], all.Select(i => (i.Value.BuildingId, i.Value.Id)));
    }

    [ContractFact(StoreCapability.PartitionIsolation)]
    public async Task Query_PartitionKeyMismatchWithSpec_ArgumentException()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.QueryAsync<ContractItem>(ContractQueries.ByStatus, null, Args(("status", "open")), 10, null, None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.QueryAsync<ContractItem>(ContractQueries.AllByStatus, NewPartition(), Args(("status", "open")), 10, null, None));
    }

    // ---------------------------------------------------------------- filters

    [ContractFact(StoreCapability.QueryFilters)]
    public async Task Query_Equal_MatchesOnlyEqualValues()
    {
        var pk = await SeedRanksAsync();

        var page = await Store.QueryAsync<ContractItem>(ContractQueries.ByStatus, pk, Args(("status", "closed")), 50, null, None);

        Assert.Equal(["r1", "r3", "r5"], page.Items.Select(i => i.Value.Id));
    }

    [ContractFact(StoreCapability.QueryFilters)]
    public async Task Query_In_MatchesAnyListedValue()
    {
        var pk = NewPartition();
        await Store.CreateAsync(Buildings, pk, "a", Item(pk, "a", status: "open", name: "Alpha"), None);
        await Store.CreateAsync(Buildings, pk, "b", Item(pk, "b", status: "closed", name: "Bravo"), None);
        await Store.CreateAsync(Buildings, pk, "c", Item(pk, "c", status: "archived", name: "Charlie"), None);

        var page = await Store.QueryAsync<ContractItem>(ContractQueries.ByStatuses, pk, Args(("statuses", new[] { "open", "archived" })), 50, null, None);
        var none = await Store.QueryAsync<ContractItem>(ContractQueries.ByStatuses, pk, Args(("statuses", Array.Empty<string>())), 50, null, None);

        Assert.Equal(["a", "c"], page.Items.Select(i => i.Value.Id));
        Assert.Empty(none.Items);
    }

    [ContractFact(StoreCapability.QueryFilters)]
    public async Task Query_GreaterThanOrEqualAndLessThan_HalfOpenRange()
    {
        var pk = await SeedRanksAsync();

        var page = await Store.QueryAsync<ContractItem>(ContractQueries.RankHalfOpen, pk, Args(("min", 2), ("max", 4)), 50, null, None);

        Assert.Equal([2, 3], page.Items.Select(i => i.Value.Rank!.Value));
    }

    [ContractFact(StoreCapability.QueryFilters)]
    public async Task Query_GreaterThanAndLessThanOrEqual_OpenClosedRange()
    {
        var pk = await SeedRanksAsync();

        var page = await Store.QueryAsync<ContractItem>(ContractQueries.RankOpenClosed, pk, Args(("min", 2), ("max", 4)), 50, null, None);

        Assert.Equal([3, 4], page.Items.Select(i => i.Value.Rank!.Value));
    }

    [ContractFact(StoreCapability.QueryFilters)]
    public async Task Query_StartsWith_MatchesFoldedPrefixOnly()
    {
        var pk = NewPartition();
        string[] names = ["Éloïse Tremblay", "Eloi Gagnon", "Élodie Roy", "Émile Côté", "Del Élo"];
        for (var i = 0; i < names.Length; i++)
        {
            await Store.CreateAsync(Buildings, pk, $"p{i}", Item(pk, $"p{i}", name: names[i], nameKey: Core.Common.TextFolding.Fold(names[i])), None);
        }

        var page = await Store.QueryAsync<ContractItem>(ContractQueries.NamePrefix, pk, Args(("prefix", Core.Common.TextFolding.Fold("ÉLO"))), 50, null, None);
        var exact = await Store.QueryAsync<ContractItem>(ContractQueries.NamePrefix, pk, Args(("prefix", "emile cote")), 50, null, None);

        Assert.Equal(["Élodie Roy", "Eloi Gagnon", "Éloïse Tremblay"], page.Items.Select(i => i.Value.Name));
        Assert.Equal("Émile Côté", Assert.Single(exact.Items).Value.Name);
    }

    [ContractFact(StoreCapability.QueryFilters)]
    public async Task Query_EnumArgument_MatchesStoredEnum()
    {
        var pk = NewPartition();
        await Store.CreateAsync(Buildings, pk, "b", Item(pk, "b", color: ContractColor.DeepBlue), None);
        await Store.CreateAsync(Buildings, pk, "a", Item(pk, "a", color: ContractColor.DeepBlue), None);
        await Store.CreateAsync(Buildings, pk, "g", Item(pk, "g", color: ContractColor.Gold), None);

        var page = await Store.QueryAsync<ContractItem>(ContractQueries.ByColor, pk, Args(("color", ContractColor.DeepBlue)), 50, null, None);

        Assert.Equal(["a", "b"], page.Items.Select(i => i.Value.Id)); // No sort: by id.
    }

    [ContractFact(StoreCapability.QueryFilters)]
    public async Task Query_OtherDocumentType_NotReturned()
    {
        var pk = NewPartition();
        await Store.CreateAsync(Buildings, pk, "item", Item(pk, "item", status: "open", rank: 1), None);
        await Store.CreateAsync(Buildings, pk, "other", new ContractOther { Id = "other", BuildingId = pk, Status = "open", Rank = 0 }, None);

        var page = await Store.QueryAsync<ContractItem>(ContractQueries.ByStatus, pk, Args(("status", "open")), 50, null, None);

        Assert.Equal("item", Assert.Single(page.Items).Value.Id);
    }

    [ContractFact(StoreCapability.QueryFilters)]
    public async Task Count_EqualAndRange_CountsWhatTheQueryWouldReturn()
    {
        var pk = await SeedRanksAsync();
        await SeedRanksAsync(); // Another partition with the same documents: not counted.

        var closed = await Store.CountAsync(ContractQueries.ByStatus, pk, Args(("status", "closed")), None);
        var range = await Store.CountAsync(ContractQueries.RankHalfOpen, pk, Args(("min", 2), ("max", 4)), None);
        var listed = await Store.CountAsync(ContractQueries.ByStatuses, pk, Args(("statuses", new[] { "open", "closed" })), None);
        var none = await Store.CountAsync(ContractQueries.ByStatus, pk, Args(("status", "archived")), None);

        Assert.Equal([3, 2, 6, 0], [closed, range, listed, none]);
    }

    [ContractFact(StoreCapability.QueryFilters)]
    public async Task Count_MissingArgumentOrWrongPartitionScope_ArgumentException()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.CountAsync(ContractQueries.RankHalfOpen, NewPartition(), Args(("min", 1)), None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.CountAsync(ContractQueries.ByStatus, null, Args(("status", "open")), None));
    }

    [ContractFact(StoreCapability.QueryFilters)]
    public async Task Query_MissingArgument_ArgumentException()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.QueryAsync<ContractItem>(ContractQueries.RankHalfOpen, NewPartition(), Args(("min", 1)), 10, null, None));
    }

    // ---------------------------------------------------------------- sort

    [ContractFact(StoreCapability.QuerySort)]
    public async Task Query_SortAscending_ByValueThenId()
    {
        var pk = NewPartition();
        await Store.CreateAsync(Buildings, pk, "c", Item(pk, "c", rank: 1), None);
        await Store.CreateAsync(Buildings, pk, "a", Item(pk, "a", rank: 2), None);
        await Store.CreateAsync(Buildings, pk, "b", Item(pk, "b", rank: 1), None);
        await Store.CreateAsync(Buildings, pk, "d", Item(pk, "d", rank: 10), None); // 10 after 2: numbers sort as numbers.

        var page = await Store.QueryAsync<ContractItem>(ContractQueries.ByStatus, pk, Args(("status", "open")), 50, null, None);

        Assert.Equal(["b", "c", "a", "d"], page.Items.Select(i => i.Value.Id));
    }

    [ContractFact(StoreCapability.QuerySort)]
    public async Task Query_SortDescending_ByValueThenIdDescending()
    {
        var pk = NewPartition();
        await Store.CreateAsync(Buildings, pk, "c", Item(pk, "c", rank: 1), None);
        await Store.CreateAsync(Buildings, pk, "a", Item(pk, "a", rank: 2), None);
        await Store.CreateAsync(Buildings, pk, "b", Item(pk, "b", rank: 1), None);
        await Store.CreateAsync(Buildings, pk, "d", Item(pk, "d", rank: 10), None);

        var page = await Store.QueryAsync<ContractItem>(ContractQueries.ByStatusRankDescending, pk, Args(("status", "open")), 50, null, None);

        Assert.Equal(["d", "a", "c", "b"], page.Items.Select(i => i.Value.Id));
    }

    // ---------------------------------------------------------------- paging

    [ContractFact(StoreCapability.QueryPaging)]
    public async Task Query_PagingAscending_NoDuplicatesNoGaps()
    {
        var pk = await SeedManyAsync(23);
        var expected = (await Store.QueryAsync<ContractItem>(ContractQueries.ByStatus, pk, Args(("status", "open")), 100, null, None)).Items.Select(i => i.Value.Id).ToList();

        var paged = await QueryAllAsync(ContractQueries.ByStatus, pk, Args(("status", "open")), 4);

        Assert.Equal(23, expected.Count);
        Assert.Equal(expected, paged.Select(i => i.Value.Id));
    }

    [ContractFact(StoreCapability.QueryPaging)]
    public async Task Query_PagingDescending_NoDuplicatesNoGaps()
    {
        var pk = await SeedManyAsync(17);
        var expected = (await Store.QueryAsync<ContractItem>(ContractQueries.ByStatusRankDescending, pk, Args(("status", "open")), 100, null, None)).Items.Select(i => i.Value.Id).ToList();

        var paged = await QueryAllAsync(ContractQueries.ByStatusRankDescending, pk, Args(("status", "open")), 3);

        Assert.Equal(17, expected.Count);
        Assert.Equal(expected, paged.Select(i => i.Value.Id));
    }

    [ContractFact(StoreCapability.QueryPaging)]
    public async Task Query_PagingWithMissingSortValues_NoDuplicatesNoGaps()
    {
        var pk = NewPartition();
        for (var i = 0; i < 12; i++)
        {
            // Every third item has no rank at all: the sort must still page through them.
            await Store.CreateAsync(Buildings, pk, $"i{i:D2}", Item(pk, $"i{i:D2}", rank: i % 3 == 0 ? null : i % 4), None);
        }

        foreach (var query in new[] { ContractQueries.ByStatus, ContractQueries.ByStatusRankDescending })
        {
            var paged = await QueryAllAsync(query, pk, Args(("status", "open")), 2);
            Assert.Equal(12, paged.Select(i => i.Value.Id).Distinct().Count());
            Assert.Equal(12, paged.Count);
        }
    }

    [ContractFact(StoreCapability.QueryPaging)]
    public async Task Query_PagingCrossPartition_SameIdsInSeveralPartitions_NoDuplicatesNoGaps()
    {
        var partitions = new[] { NewPartition(), NewPartition(), NewPartition() };
        foreach (var pk in partitions)
        {
            for (var i = 0; i < 5; i++)
            {
                await Store.CreateAsync(Buildings, pk, $"u{i}", Item(pk, $"u{i}", rank: i % 2), None);
            }
        }

        var paged = await QueryAllAsync(ContractQueries.AllByStatus, null, Args(("status", "open")), 2);

        Assert.Equal(15, paged.Select(i => (i.Value.BuildingId, i.Value.Id)).Distinct().Count());
        Assert.Equal(15, paged.Count);
        Assert.Equal(paged.OrderBy(i => i.Value.Rank).Select(i => i.Value.Rank), paged.Select(i => i.Value.Rank));
    }

    [ContractFact(StoreCapability.QueryPaging)]
    public async Task Query_LastPage_HasNoContinuation()
    {
        var pk = await SeedManyAsync(4);

        var first = await Store.QueryAsync<ContractItem>(ContractQueries.ByStatus, pk, Args(("status", "open")), 2, null, None);
        var last = await Store.QueryAsync<ContractItem>(ContractQueries.ByStatus, pk, Args(("status", "open")), 2, first.Continuation, None);
        var exact = await Store.QueryAsync<ContractItem>(ContractQueries.ByStatus, pk, Args(("status", "open")), 4, null, None);

        Assert.NotNull(first.Continuation);
        Assert.Equal(2, last.Items.Count);
        Assert.Null(last.Continuation);
        Assert.Null(exact.Continuation);
    }

    [ContractFact(StoreCapability.QueryPaging)]
    public async Task Query_DocumentsChangedBetweenPages_NoDuplicates()
    {
        var pk = await SeedManyAsync(6);
        var first = await Store.QueryAsync<ContractItem>(ContractQueries.ByStatus, pk, Args(("status", "open")), 3, null, None);

        // A document already returned is rewritten (new ETag, same sort value) before the next page.
        var seen = first.Items[0];
        await Store.ReplaceAsync(Buildings, pk, seen.Value.Id, seen.Value with { Name = "renamed" }, seen.ETag, None);
        var second = await Store.QueryAsync<ContractItem>(ContractQueries.ByStatus, pk, Args(("status", "open")), 3, first.Continuation, None);

        Assert.Empty(first.Items.Select(i => i.Value.Id).Intersect(second.Items.Select(i => i.Value.Id)));
        Assert.Equal(3, second.Items.Count);
    }

    [ContractFact(StoreCapability.QueryPaging)]
    public async Task Query_ContinuationOfAnotherQuery_ArgumentException()
    {
        var pk = await SeedManyAsync(4);
        var first = await Store.QueryAsync<ContractItem>(ContractQueries.ByStatus, pk, Args(("status", "open")), 2, null, None);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.QueryAsync<ContractItem>(ContractQueries.ByStatusRankDescending, pk, Args(("status", "open")), 2, first.Continuation, None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.QueryAsync<ContractItem>(ContractQueries.ByStatus, pk, Args(("status", "open")), 2, "not a token", None));
    }

    // ---------------------------------------------------------------- hidden documents

    [ContractFact(StoreCapability.HiddenDocuments)]
    public async Task Query_SoftDeleted_HiddenButReadableAndInFeed()
    {
        var pk = NewPartition();
        await Store.CreateAsync(Buildings, pk, "kept", Item(pk, "kept", rank: 1), None);
        await Store.CreateAsync(Buildings, pk, "gone", Item(pk, "gone", rank: 2) with { Deleted = true }, None);
        await Store.CreateAsync(Buildings, pk, "undeleted", Item(pk, "undeleted", rank: 3) with { Deleted = false }, None);

        var page = await Store.QueryAsync<ContractItem>(ContractQueries.ByStatus, pk, Args(("status", "open")), 50, null, None);
        var changes = await ReadAllChangesAsync(Buildings);

        Assert.Equal(["kept", "undeleted"], page.Items.Select(i => i.Value.Id));
        Assert.True((await Store.ReadAsync<ContractItem>(Buildings, pk, "gone", None))!.Value.Deleted);
        Assert.Contains(changes, c => c.Id == "gone");
    }

    [ContractFact(StoreCapability.HiddenDocuments)]
    public async Task Query_Staged_HiddenButReadable()
    {
        var pk = NewPartition();
        await Store.CreateAsync(Buildings, pk, "live", Item(pk, "live", rank: 1), None);
        await Store.CreateAsync(Buildings, pk, "staged", Item(pk, "staged", rank: 2) with { Staged = "job-1" }, None);

        var page = await Store.QueryAsync<ContractItem>(ContractQueries.ByStatus, pk, Args(("status", "open")), 50, null, None);

        Assert.Equal("live", Assert.Single(page.Items).Value.Id);
        Assert.Equal("job-1", (await Store.ReadAsync<ContractItem>(Buildings, pk, "staged", None))!.Value.Staged);
    }

    [ContractFact(StoreCapability.HiddenDocuments)]
    public async Task Count_SoftDeletedStagedAndOtherType_NotCounted()
    {
        var pk = NewPartition();
        await Store.CreateAsync(Buildings, pk, "kept", Item(pk, "kept", rank: 1), None);
        await Store.CreateAsync(Buildings, pk, "undeleted", Item(pk, "undeleted", rank: 2) with { Deleted = false }, None);
        await Store.CreateAsync(Buildings, pk, "gone", Item(pk, "gone", rank: 3) with { Deleted = true }, None);
        await Store.CreateAsync(Buildings, pk, "staged", Item(pk, "staged", rank: 4) with { Staged = "job-1" }, None);
        await Store.CreateAsync(Buildings, pk, "other", new ContractOther { Id = "other", BuildingId = pk, Status = "open", Rank = 5 }, None);

        Assert.Equal(2, await Store.CountAsync(ContractQueries.ByStatus, pk, Args(("status", "open")), None));
    }

    // ---------------------------------------------------------------- TTL

    [ContractFact(StoreCapability.Ttl)]
    public async Task Ttl_Expired_GoneFromReadQueryAndFeed()
    {
        var pk = NewPartition();
        await Store.CreateAsync(Buildings, pk, "short", Item(pk, "short", rank: 1) with { Ttl = 60 }, None);
        await Store.CreateAsync(Buildings, pk, "long", Item(pk, "long", rank: 2) with { Ttl = 3600 }, None);
        await Store.CreateAsync(Buildings, pk, "never", Item(pk, "never", rank: 3) with { Ttl = -1 }, None);

        await AdvanceTimeAsync(TimeSpan.FromSeconds(59));
        Assert.NotNull(await Store.ReadAsync<ContractItem>(Buildings, pk, "short", None));

        await AdvanceTimeAsync(TimeSpan.FromSeconds(2));
        var page = await Store.QueryAsync<ContractItem>(ContractQueries.ByStatus, pk, Args(("status", "open")), 50, null, None);
        var changes = await ReadAllChangesAsync(Buildings);

        Assert.Null(await Store.ReadAsync<ContractItem>(Buildings, pk, "short", None));
        Assert.Equal(["long", "never"], page.Items.Select(i => i.Value.Id));
        Assert.Equal(2, await Store.CountAsync(ContractQueries.ByStatus, pk, Args(("status", "open")), None));
        Assert.DoesNotContain(changes, c => c.Id == "short");
        Assert.Contains(changes, c => c.Id == "long");
    }

    [ContractFact(StoreCapability.Ttl)]
    public async Task Ttl_CreateOverExpiredDocument_Succeeds()
    {
        var pk = NewPartition();
        await Store.CreateAsync(Buildings, pk, "a", Item(pk, "a", name: "old") with { Ttl = 10 }, None);
        await AdvanceTimeAsync(TimeSpan.FromSeconds(11));

        await Store.CreateAsync(Buildings, pk, "a", Item(pk, "a", name: "new"), None);

        Assert.Equal("new", (await Store.ReadAsync<ContractItem>(Buildings, pk, "a", None))!.Value.Name);
    }

    [ContractFact(StoreCapability.Ttl)]
    public async Task Ttl_RewriteRestartsTheClock()
    {
        var pk = NewPartition();
        var created = await Store.CreateAsync(Buildings, pk, "a", Item(pk, "a") with { Ttl = 60 }, None);
        await AdvanceTimeAsync(TimeSpan.FromSeconds(50));
        await Store.ReplaceAsync(Buildings, pk, "a", Item(pk, "a") with { Ttl = 60 }, created.ETag, None);

        await AdvanceTimeAsync(TimeSpan.FromSeconds(50));

        Assert.NotNull(await Store.ReadAsync<ContractItem>(Buildings, pk, "a", None));
    }

    // ---------------------------------------------------------------- batch

    [ContractFact(StoreCapability.Batch)]
    public async Task Batch_AllSucceed_AppliedWithETagsInOrder()
    {
        var pk = NewPartition();
        var existing = await Store.CreateAsync(Buildings, pk, "existing", Item(pk, "existing", name: "before"), None);
        await Store.CreateAsync(Buildings, pk, "doomed", Item(pk, "doomed"), None);

        var etags = await Store.ExecuteBatchAsync(Buildings, pk,
        [
            BatchOperation.Create("new", Item(pk, "new", name: "created")),
            BatchOperation.Replace("existing", Item(pk, "existing", name: "replaced"), existing.ETag),
            BatchOperation.Upsert("upserted", Item(pk, "upserted", name: "upserted")),
            BatchOperation.Delete("doomed"),
        ], None);

        Assert.Equal(4, etags.Count);
        Assert.Equal(etags[0], (await Store.ReadAsync<ContractItem>(Buildings, pk, "new", None))!.ETag);
        Assert.Equal(etags[1], (await Store.ReadAsync<ContractItem>(Buildings, pk, "existing", None))!.ETag);
        Assert.Equal("replaced", (await Store.ReadAsync<ContractItem>(Buildings, pk, "existing", None))!.Value.Name);
        Assert.Equal(etags[2], (await Store.ReadAsync<ContractItem>(Buildings, pk, "upserted", None))!.ETag);
        Assert.Equal(string.Empty, etags[3]);
        Assert.Null(await Store.ReadAsync<ContractItem>(Buildings, pk, "doomed", None));
    }

    [ContractFact(StoreCapability.Batch)]
    public async Task Batch_OneOperationConflicts_NothingWrittenAndIndexReported()
    {
        var pk = NewPartition();
        var existing = await Store.CreateAsync(Buildings, pk, "existing", Item(pk, "existing", name: "before"), None);

        var ex = await Assert.ThrowsAsync<StoreException>(() => Store.ExecuteBatchAsync(Buildings, pk,
        [
            BatchOperation.Create("first", Item(pk, "first")),
            BatchOperation.Upsert("existing", Item(pk, "existing", name: "changed")),
            BatchOperation.Create("existing", Item(pk, "existing", name: "duplicate")),
            BatchOperation.Create("last", Item(pk, "last")),
        ], None));

        Assert.Equal(StoreFailure.Conflict, ex.Failure);
        Assert.Equal(2, ex.OperationIndex);
        Assert.Null(await Store.ReadAsync<ContractItem>(Buildings, pk, "first", None));
        Assert.Null(await Store.ReadAsync<ContractItem>(Buildings, pk, "last", None));
        var after = await Store.ReadAsync<ContractItem>(Buildings, pk, "existing", None);
        Assert.Equal("before", after!.Value.Name);
        Assert.Equal(existing.ETag, after.ETag);
    }

    [ContractFact(StoreCapability.Batch)]
    public async Task Batch_StaleETag_PreconditionFailedWithIndex()
    {
        var pk = NewPartition();
        var a = await Store.CreateAsync(Buildings, pk, "a", Item(pk, "a", name: "a1"), None);
        await Store.UpsertAsync(Buildings, pk, "a", Item(pk, "a", name: "a2"), null, None);

        var ex = await Assert.ThrowsAsync<StoreException>(() => Store.ExecuteBatchAsync(Buildings, pk,
        [
            BatchOperation.Create("b", Item(pk, "b")),
            BatchOperation.Replace("a", Item(pk, "a", name: "a3"), a.ETag),
        ], None));

        Assert.Equal(StoreFailure.PreconditionFailed, ex.Failure);
        Assert.Equal(1, ex.OperationIndex);
        Assert.Null(await Store.ReadAsync<ContractItem>(Buildings, pk, "b", None));
    }

    [ContractFact(StoreCapability.Batch)]
    public async Task Batch_ReplaceOfMissing_NotFoundWithIndex()
    {
        var pk = NewPartition();

        var ex = await Assert.ThrowsAsync<StoreException>(() => Store.ExecuteBatchAsync(Buildings, pk,
        [
            BatchOperation.Create("b", Item(pk, "b")),
            BatchOperation.Delete("c"),
        ], None));

        Assert.Equal(StoreFailure.NotFound, ex.Failure);
        Assert.Equal(1, ex.OperationIndex);
        Assert.Null(await Store.ReadAsync<ContractItem>(Buildings, pk, "b", None));
    }

    [ContractFact(StoreCapability.Batch)]
    public async Task Batch_AtTheLimit_Succeeds_OverTheLimit_ArgumentException()
    {
        var pk = NewPartition();
        var atLimit = Enumerable.Range(0, IDocumentStore.MaxBatchOperations).Select(i => BatchOperation.Create($"i{i}", Item(pk, $"i{i}"))).ToList();
        var overLimit = Enumerable.Range(0, IDocumentStore.MaxBatchOperations + 1).Select(i => BatchOperation.Create($"j{i}", Item(pk, $"j{i}"))).ToList();

        var etags = await Store.ExecuteBatchAsync(Buildings, pk, atLimit, None);
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.ExecuteBatchAsync(Buildings, pk, overLimit, None));

        Assert.Equal(IDocumentStore.MaxBatchOperations, etags.Count);
        Assert.NotNull(await Store.ReadAsync<ContractItem>(Buildings, pk, "i99", None));
        Assert.Null(await Store.ReadAsync<ContractItem>(Buildings, pk, "j0", None));
    }

    // ---------------------------------------------------------------- change feed

    [ContractFact(StoreCapability.ChangeFeed)]
    public async Task ChangeFeed_FromBeginning_EveryDocumentInCommitOrder()
    {
        var pk = NewPartition();
        foreach (var id in new[] { "c", "a", "b" })
        {
            await Store.CreateAsync(Buildings, pk, id, Item(pk, id), None);
        }

        var changes = await ReadAllChangesAsync(Buildings);

        Assert.Equal(["c", "a", "b"], changes.Select(c => c.Id));
        Assert.All(changes, c => Assert.Equal(pk, c.PartitionKey));
        Assert.All(changes, c => Assert.Equal(ContractItem.DocumentType, c.Type));
        Assert.Equal("c", changes[0].Deserialize<ContractItem>().Id);
    }

    [ContractFact(StoreCapability.ChangeFeed)]
    public async Task ChangeFeed_FromContinuation_OnlyLaterChanges()
    {
        var pk = NewPartition();
        await Store.CreateAsync(Buildings, pk, "before", Item(pk, "before"), None);
        var cursors = await DrainAsync(Buildings, new Dictionary<string, string?>());

        await Store.CreateAsync(Buildings, pk, "after1", Item(pk, "after1"), None);
        await Store.CreateAsync(Buildings, pk, "after2", Item(pk, "after2"), None);
        var later = new List<ChangedDocument>();
        await DrainAsync(Buildings, cursors, later);

        Assert.Equal(["after1", "after2"], later.Select(c => c.Id));
    }

    [ContractFact(StoreCapability.ChangeFeed)]
    public async Task ChangeFeed_SeveralVersions_CollapsedToLatest()
    {
        var pk = NewPartition();
        var v1 = await Store.CreateAsync(Buildings, pk, "a", Item(pk, "a", name: "v1"), None);
        var v2 = await Store.ReplaceAsync(Buildings, pk, "a", Item(pk, "a", name: "v2"), v1.ETag, None);
        var v3 = await Store.ReplaceAsync(Buildings, pk, "a", Item(pk, "a", name: "v3"), v2.ETag, None);

        var changes = await ReadAllChangesAsync(Buildings);

        var only = Assert.Single(changes);
        Assert.Equal("v3", only.Deserialize<ContractItem>().Name);
        Assert.Equal(v3.ETag, only.ETag);
    }

    [ContractFact(StoreCapability.ChangeFeed)]
    public async Task ChangeFeed_InterleavedPartitions_OrderedWithinEachPartition()
    {
        var (a, b) = (NewPartition(), NewPartition());
        for (var i = 0; i < 6; i++)
        {
            var pk = i % 2 == 0 ? a : b;
            await Store.CreateAsync(Buildings, pk, $"e{i}", Item(pk, $"e{i}"), None);
        }

        var changes = await ReadAllChangesAsync(Buildings, pageSize: 2);

        Assert.Equal(["e0", "e2", "e4"], changes.Where(c => c.PartitionKey == a).Select(c => c.Id));
        Assert.Equal(["e1", "e3", "e5"], changes.Where(c => c.PartitionKey == b).Select(c => c.Id));
    }

    [ContractFact(StoreCapability.ChangeFeed)]
    public async Task ChangeFeed_NothingNew_EmptyPageKeepsContinuation()
    {
        var pk = NewPartition();
        await Store.CreateAsync(Buildings, pk, "a", Item(pk, "a"), None);
        var cursors = await DrainAsync(Buildings, new Dictionary<string, string?>());

        foreach (var (range, cursor) in cursors)
        {
            var page = await Store.ReadChangesAsync(Buildings, range, cursor, 10, None);
            Assert.Empty(page.Items);
            Assert.Equal(cursor, page.Continuation);
        }

        Assert.Contains(cursors.Values, c => c is not null);
    }

    [ContractFact(StoreCapability.ChangeFeed)]
    public async Task ChangeFeed_NewestDocumentDeleted_NextWriteStillSeen()
    {
        var pk = NewPartition();
        await Store.CreateAsync(Buildings, pk, "a", Item(pk, "a"), None);
        await Store.CreateAsync(Buildings, pk, "b", Item(pk, "b"), None);
        var cursors = await DrainAsync(Buildings, new Dictionary<string, string?>());

        // A hard delete leaves no trace in the feed; the next write must still be after the cursor.
        await Store.DeleteAsync(Buildings, pk, "b", null, None);
        await Store.CreateAsync(Buildings, pk, "c", Item(pk, "c"), None);
        var later = new List<ChangedDocument>();
        await DrainAsync(Buildings, cursors, later);

        Assert.Equal(["c"], later.Select(c => c.Id));
    }

    [ContractFact(StoreCapability.ChangeFeed)]
    public async Task ChangeFeed_OtherContainer_NotIncluded()
    {
        var pk = NewPartition();
        await Store.CreateAsync(Buildings, pk, "building-doc", Item(pk, "building-doc"), None);
        await Store.CreateAsync(Containers.Lookups, "lookup-1", "lookup-1", new LookupProbe { Id = "lookup-1" }, None);

        Assert.Equal(["building-doc"], (await ReadAllChangesAsync(Buildings)).Select(c => c.Id));
        Assert.Equal(["lookup-1"], (await ReadAllChangesAsync(Containers.Lookups)).Select(c => c.Id));
    }

    // ---------------------------------------------------------------- instants

    [ContractFact(StoreCapability.Instants)]
    public async Task Instant_RoundTripsAsFixedWidthUtc()
    {
        var pk = NewPartition();
        var montreal = new DateTimeOffset(2025, 11, 2, 1, 30, 5, 7, TimeSpan.FromHours(-4));
        await Store.CreateAsync(Buildings, pk, "a", Item(pk, "a", at: montreal), None);

        var read = await Store.ReadAsync<ContractItem>(Buildings, pk, "a", None);
        var raw = Assert.Single(await ReadAllChangesAsync(Buildings)).Body.GetProperty("at").GetString();

        Assert.Equal(montreal, read!.Value.At); // Same instant.
        Assert.Equal(TimeSpan.Zero, read.Value.At!.Value.Offset);
        Assert.Equal("2025-11-02T05:30:05.007Z", raw);
    }

    [ContractFact(StoreCapability.Instants)]
    public async Task Query_InstantRangeAndSort_ChronologicalAcrossOffsets()
    {
        var pk = NewPartition();
        var origin = new DateTimeOffset(2025, 12, 31, 23, 59, 59, 998, TimeSpan.Zero);
        var instants = new[]
        {
            ("t3", origin.AddMilliseconds(3).ToOffset(TimeSpan.FromHours(-5))), // 2026 in UTC, still 2025 in Montréal.
            ("t1", origin.AddMilliseconds(1)),
            ("t0", origin.AddHours(-1).ToOffset(TimeSpan.FromHours(9))),
            ("t2", origin.AddMilliseconds(2).ToOffset(TimeSpan.FromHours(5))),
            ("t4", origin.AddDays(400)),
        };
        foreach (var (id, at) in instants)
        {
            await Store.CreateAsync(Buildings, pk, id, Item(pk, id, at: at), None);
        }

        var page = await Store.QueryAsync<ContractItem>(ContractQueries.AtAfter, pk, Args(("since", origin)), 50, null, None);

        Assert.Equal(["t1", "t2", "t3", "t4"], page.Items.Select(i => i.Value.Id));
    }

    // ---------------------------------------------------------------- helpers

    protected static string NewPartition() => "b-" + Guid.NewGuid().ToString("N")[..12];

    protected static ContractItem Item(
        string buildingId,
        string id,
        string? status = "open",
        int? rank = null,
        string? name = null,
        string? nameKey = null,
        DateTimeOffset? at = null,
        ContractColor? color = null) => new()
        {
            Id = id,
            BuildingId = buildingId,
            Status = status,
            Rank = rank,
            Name = name,
            NameKey = nameKey,
            At = at,
            Color = color,
        };

    protected static QueryArgs Args(params (string Name, object? Value)[] values)
    {
        var args = new QueryArgs();
        foreach (var (name, value) in values)
        {
            args[name] = value;
        }

        return args;
    }

    /// <summary>r0..r5 with ranks 0..5; odd ranks are "closed", even ones "open".</summary>
    private async Task<string> SeedRanksAsync()
    {
        var pk = NewPartition();
        for (var i = 5; i >= 0; i--)
        {
            await Store.CreateAsync(Buildings, pk, $"r{i}", Item(pk, $"r{i}", status: i % 2 == 1 ? "closed" : "open", rank: i), None);
        }

        return pk;
    }

    /// <summary><paramref name="count"/> open items whose ranks repeat (0..2), so the id tiebreaker matters.</summary>
    private async Task<string> SeedManyAsync(int count)
    {
        var pk = NewPartition();
        var batch = Enumerable.Range(0, count)
            .Select(i => BatchOperation.Create($"m{(i * 7) % count:D2}", Item(pk, $"m{(i * 7) % count:D2}", rank: i % 3)))
            .ToList();
        foreach (var chunk in batch.Chunk(IDocumentStore.MaxBatchOperations))
        {
            await Store.ExecuteBatchAsync(Buildings, pk, chunk, None);
        }

        return pk;
    }

    private async Task<List<Stored<ContractItem>>> QueryAllAsync(QuerySpec query, string? partitionKey, QueryArgs args, int pageSize)
    {
        var all = new List<Stored<ContractItem>>();
        string? continuation = null;
        var pages = 0;
        do
        {
            var page = await Store.QueryAsync<ContractItem>(query, partitionKey, args, pageSize, continuation, None);
            Assert.True(page.Items.Count <= pageSize, $"a page of {page.Items.Count} items for maxItems {pageSize}");
            all.AddRange(page.Items);
            continuation = page.Continuation;
            Assert.True(++pages < 1000, "paging does not end");
        }
        while (continuation is not null);

        return all;
    }

    private async Task<List<ChangedDocument>> ReadAllChangesAsync(ContainerSpec container, int pageSize = 100)
    {
        var changes = new List<ChangedDocument>();
        await DrainAsync(container, new Dictionary<string, string?>(), changes, pageSize);
        return changes;
    }

    /// <summary>Reads every feed range until a page comes back empty; returns the cursors.</summary>
    private async Task<Dictionary<string, string?>> DrainAsync(ContainerSpec container, Dictionary<string, string?> cursors, List<ChangedDocument>? into = null, int pageSize = 100)
    {
        foreach (var range in await Store.GetFeedRangesAsync(container, None))
        {
            var cursor = cursors.GetValueOrDefault(range);
            for (var pages = 0; ; pages++)
            {
                Assert.True(pages < 1000, "the change feed does not end");
                var page = await Store.ReadChangesAsync(container, range, cursor, pageSize, None);
                Assert.True(page.Items.Count <= pageSize);
                into?.AddRange(page.Items);
                cursor = page.Continuation;
                if (page.Items.Count == 0)
                {
                    break;
                }
            }

            cursors[range] = cursor;
        }

        return cursors;
    }

    private sealed record LookupProbe : Document
    {
        public override string Type => "contract-lookup";
    }
}
