using System.Text.Json;
using System.Text.Json.Nodes;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Storage;
using LoftsDesArts.Infrastructure.Azure.Storage;
using LoftsDesArts.Testing.Storage;
using Microsoft.Azure.Cosmos;

namespace LoftsDesArts.Infrastructure.Azure.Tests.Storage;

/// <summary>
/// The SQL-text lane, executed: the adapter's generated Cosmos SQL and bound parameters run by
/// @zeit/cosmosdb-query (cosmosdb-server's own SQL engine, <c>tests/tools/cosmos-sql.js</c>) over the
/// documents exactly as the adapter stores them, with the composite indexes of the indexing policy (the
/// engine refuses an ORDER BY over several properties that no composite index serves). It proves the
/// text parses and that filters, hidden documents, ORDER BY with its tiebreakers and missing sort values
/// behave as the SQLite adapter does. Not proved here: partition scoping and paging (the mock and real
/// lanes), and Cosmos's own engine (the real lane).
/// </summary>
public sealed class CosmosSqlEngineTests(CosmosSqlEngine engine) : IClassFixture<CosmosSqlEngine>
{
    private const string Pk = "b1";

    public static IReadOnlyList<QuerySpec> AllQueries => [.. NamedQueries.All, .. ContractQueries.All];

    public static TheoryData<string> QueryNames => [.. AllQueries.Select(q => q.Name)];

    [Theory]
    [MemberData(nameof(QueryNames))]
    public async Task NamedQuery_RunByTheEngineWithTheContainersIndexes_ItAndItsCountParseAndAreServed(string name)
    {
        var spec = AllQueries.Single(q => q.Name == name);
        var args = new QueryArgs();
        foreach (var filter in spec.Filters)
        {
            args[filter.Parameter] = filter.Operator == FilterOperator.In ? new[] { "a", "b" } : "a";
        }

        var results = await RunAsync(Case(spec, args, []), Case(spec, args, [], count: true));

        Assert.All(results, r => Assert.Null(r.Error));
        Assert.Equal(0, Assert.Single(results[1].Values!)!.GetValue<int>());
    }

    [Fact]
    public async Task Engine_OrderByWithoutItsCompositeIndex_Refused()
    {
        // The check above must be able to fail: with the indexes of another query, the engine refuses the ORDER BY.
        var otherIndexes = CosmosIndexing.CompositeIndexes([ContractQueries.ByStatuses])["buildings"];

        var result = Assert.Single(await RunAsync(Case(ContractQueries.ByStatus, Args(("status", "open")), [], otherIndexes)));

        Assert.Contains("composite index", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HiddenDocuments_DeletedTrueAndStagedHidden_FalseNullAndUnstagedShown()
    {
        JsonObject[] documents =
        [
            Doc(Item("kept", rank: 1)),
            Doc(Item("gone", rank: 2) with { Deleted = true }),
            Doc(Item("undeleted", rank: 3) with { Deleted = false }),
            Doc(Item("staged", rank: 4) with { Staged = "job-1" }),
            With(Doc(Item("null-deleted", rank: 5)), "deleted", null),
            With(Doc(Item("null-staged", rank: 6)), "staged", null),
        ];

        var result = Assert.Single(await RunAsync(Case(ContractQueries.ByStatus, Args(("status", "open")), documents)));

        Assert.Equal(Ids("kept", "undeleted", "null-deleted", "null-staged"), result.Ids);
    }

    [Fact]
    public async Task Sort_ByValueThenId_MissingValuesFirstAscendingLastDescending()
    {
        JsonObject[] documents = [Doc(Item("c", rank: 1)), Doc(Item("a", rank: 2)), Doc(Item("b", rank: 1)), Doc(Item("d", rank: 10)), Doc(Item("n2")), Doc(Item("n1"))];

        var results = await RunAsync(
            Case(ContractQueries.ByStatus, Args(("status", "open")), documents),
            Case(ContractQueries.ByStatusRankDescending, Args(("status", "open")), documents));

        Assert.Equal(Ids("n1", "n2", "b", "c", "a", "d"), results[0].Ids);
        Assert.Equal(Ids("d", "a", "c", "b", "n2", "n1"), results[1].Ids);
    }

    [Fact]
    public async Task Filters_EqualInRangesStartsWithEnumAndType_AsTheContract()
    {
        string[] names = ["Éloïse Tremblay", "Eloi Gagnon", "Élodie Roy", "Émile Côté", "Del Élo"];
        var ranked = Enumerable.Range(0, 6).Select(i => Doc(Item($"r{i}", status: i % 2 == 1 ? "closed" : "open", rank: i))).ToArray();
        var named = names.Select((n, i) => Doc(Item($"p{i}", name: n, nameKey: TextFolding.Fold(n)))).ToArray();
        JsonObject[] colored = [Doc(Item("b", color: ContractColor.DeepBlue)), Doc(Item("a", color: ContractColor.DeepBlue)), Doc(Item("g", color: ContractColor.Gold))];
        JsonObject[] statuses = [Doc(Item("a", status: "open", name: "Alpha")), Doc(Item("b", status: "closed", name: "Bravo")), Doc(Item("c", status: "archived", name: "Charlie"))];
        var other = JsonSerializer.SerializeToNode(new ContractOther { Id = "other", BuildingId = Pk, Status = "closed", Rank = 0 }, StoreJson.Options)!.AsObject();

        var results = await RunAsync(
            Case(ContractQueries.ByStatus, Args(("status", "closed")), [.. ranked, other]),
            Case(ContractQueries.ByStatuses, Args(("statuses", new[] { "open", "archived" })), statuses),
            Case(ContractQueries.ByStatuses, Args(("statuses", Array.Empty<string>())), statuses),
            Case(ContractQueries.RankHalfOpen, Args(("min", 2), ("max", 4)), ranked),
            Case(ContractQueries.RankOpenClosed, Args(("min", 2), ("max", 4)), ranked),
            Case(ContractQueries.NamePrefix, Args(("prefix", TextFolding.Fold("ÉLO"))), named),
            Case(ContractQueries.ByColor, Args(("color", ContractColor.DeepBlue)), colored));

        Assert.Equal(Ids("r1", "r3", "r5"), results[0].Ids);
        Assert.Equal(Ids("a", "c"), results[1].Ids);
        Assert.Empty(results[2].Ids!);
        Assert.Equal(Ids("r2", "r3"), results[3].Ids);
        Assert.Equal(Ids("r3", "r4"), results[4].Ids);
        Assert.Equal(Ids("p2", "p1", "p0"), results[5].Ids); // élodie roy < eloi gagnon < eloise tremblay
        Assert.Equal(Ids("a", "b"), results[6].Ids);
    }

    [Fact]
    public async Task Count_SameFiltersAndHiddenDocumentsAsTheQuery_CountsWhatItReturns()
    {
        var ranked = Enumerable.Range(0, 6).Select(i => Doc(Item($"r{i}", status: i % 2 == 1 ? "closed" : "open", rank: i))).ToArray();
        var other = JsonSerializer.SerializeToNode(new ContractOther { Id = "other", BuildingId = Pk, Status = "closed", Rank = 0 }, StoreJson.Options)!.AsObject();
        JsonObject[] hidden = [Doc(Item("gone", status: "closed", rank: 7) with { Deleted = true }), Doc(Item("staged", status: "closed", rank: 8) with { Staged = "job-1" })];

        var results = await RunAsync(
            Case(ContractQueries.ByStatus, Args(("status", "closed")), [.. ranked, other, .. hidden], count: true),
            Case(ContractQueries.RankHalfOpen, Args(("min", 2), ("max", 4)), ranked, count: true),
            Case(ContractQueries.ByStatuses, Args(("statuses", new[] { "open", "closed" })), ranked, count: true),
            Case(ContractQueries.ByStatus, Args(("status", "archived")), ranked, count: true));

        Assert.All(results, r => Assert.Null(r.Error));
        Assert.Equal([3, 2, 6, 0], results.Select(r => Assert.Single(r.Values!)!.GetValue<int>()));
    }

    [Fact]
    public async Task Instants_RangeAndSortChronologicalAcrossOffsets()
    {
        var origin = new DateTimeOffset(2025, 12, 31, 23, 59, 59, 998, TimeSpan.Zero);
        JsonObject[] documents =
        [
            Doc(Item("t3", at: origin.AddMilliseconds(3).ToOffset(TimeSpan.FromHours(-5)))),
            Doc(Item("t1", at: origin.AddMilliseconds(1))),
            Doc(Item("t0", at: origin.AddHours(-1).ToOffset(TimeSpan.FromHours(9)))),
            Doc(Item("t2", at: origin.AddMilliseconds(2).ToOffset(TimeSpan.FromHours(5)))),
            Doc(Item("t4", at: origin.AddDays(400))),
        ];

        var result = Assert.Single(await RunAsync(Case(ContractQueries.AtAfter, Args(("since", origin)), documents)));

        Assert.Equal(Ids("t1", "t2", "t3", "t4"), result.Ids);
    }

    [Fact]
    public async Task CrossPartition_SortThenIdThenPartitionKey()
    {
        JsonObject[] documents =
        [
            Doc(Item("x", rank: 2) with { BuildingId = "a" }),
            Doc(Item("x", rank: 1) with { BuildingId = "c" }),
            Doc(Item("x", rank: 1) with { BuildingId = "b" }),
            Doc(Item("w", rank: 1) with { BuildingId = "c" }),
            Doc(Item("y", status: "closed", rank: 0) with { BuildingId = "b" }),
        ];

        var result = Assert.Single(await RunAsync(Case(ContractQueries.AllByStatus, Args(("status", "open")), documents)));

        Assert.Equal(["c/w", "b/x", "c/x", "a/x"], result.Ids);
    }

    // ---------------------------------------------------------------- helpers

    private static JsonObject Case(QuerySpec spec, QueryArgs args, JsonObject[] documents, IEnumerable<IReadOnlyList<string>>? indexes = null, bool count = false)
    {
        var definition = count ? new CosmosQuery(spec).BindCount(args) : new CosmosQuery(spec).Bind(args);
        var parameters = new JsonArray([.. definition.GetQueryParameters().Select(p => (JsonNode)new JsonObject
        {
            ["name"] = p.Name,
            ["value"] = JsonSerializer.SerializeToNode(p.Value, StoreJson.Options),
        })]);

        // Cosmos serves an ORDER BY from a composite index whose directions are all equal to the query's or
        // all opposite (indexing-policy documentation); this engine only matches equal directions, so each
        // index is also given inverted.
        var policy = CosmosIndexing.ContainerProperties(spec.Container, indexes ?? CosmosIndexing.CompositeIndexes(AllQueries)[spec.Container.Name]).IndexingPolicy;
        var composites = new JsonArray();
        foreach (var index in policy.CompositeIndexes)
        {
            foreach (var inverted in new[] { false, true })
            {
                composites.Add(new JsonArray([.. index.Select(p => (JsonNode)new JsonObject
                {
                    ["path"] = p.Path,
                    ["order"] = (p.Order == CompositePathSortOrder.Ascending) != inverted ? "ascending" : "descending",
                })]));
            }
        }

        return new JsonObject
        {
            ["query"] = definition.QueryText,
            ["parameters"] = parameters,
            ["documents"] = new JsonArray([.. documents.Select(d => (JsonNode)d.DeepClone())]),
            ["compositeIndexes"] = composites,
        };
    }

    private Task<List<CosmosSqlEngine.Result>> RunAsync(params JsonObject[] cases) => engine.RunAsync(cases);

    private static JsonObject Doc(ContractItem item) => JsonSerializer.SerializeToNode(item, StoreJson.Options)!.AsObject();

    private static JsonObject With(JsonObject document, string property, JsonNode? value)
    {
        document[property] = value;
        return document;
    }

    private static List<string> Ids(params string[] ids) => [.. ids.Select(id => $"{Pk}/{id}")];

    private static ContractItem Item(string id, string status = "open", int? rank = null, string? name = null, string? nameKey = null, DateTimeOffset? at = null, ContractColor? color = null) =>
        new() { Id = id, BuildingId = Pk, Status = status, Rank = rank, Name = name, NameKey = nameKey, At = at, Color = color };

    private static QueryArgs Args(params (string Name, object? Value)[] values)
    {
        var args = new QueryArgs();
        foreach (var (name, value) in values)
        {
            args[name] = value;
        }

        return args;
    }
}
