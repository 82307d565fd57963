using LoftsDesArts.Core.Storage;
using LoftsDesArts.Infrastructure.Azure.Storage;
using LoftsDesArts.Testing.Storage;
using Microsoft.Azure.Cosmos;

namespace LoftsDesArts.Infrastructure.Azure.Tests.Storage;

/// <summary>
/// The SQL-text lane: the exact Cosmos SQL and parameters of the named queries (cosmosdb-server cannot run
/// them: it ignores partition keys and fails ORDER BY), and that every named query's ORDER BY is served by
/// a composite index of its container's indexing policy.
/// </summary>
public sealed class CosmosQuerySqlTests
{
    private const string Hidden = "NOT (IS_BOOL(c.deleted) AND c.deleted = true) AND (NOT IS_DEFINED(c.staged) OR IS_NULL(c.staged))";

    /// <summary>Every query the portal registers, plus the contract's.</summary>
    public static IReadOnlyList<QuerySpec> AllQueries => [.. NamedQueries.All, .. ContractQueries.All];

    public static TheoryData<string> QueryNames => [.. AllQueries.Select(q => q.Name)];

    [Fact]
    public void Text_EqualityAndSort_FiltersTypeStatusAndHiddenOrdersByTypeStatusRankId()
    {
        Assert.Equal(
            "SELECT * FROM c WHERE c.type = @type AND c.status = @f0 AND " + Hidden
            + " ORDER BY c.type ASC, c.status ASC, c.rank ASC, c.id ASC",
            new CosmosQuery(ContractQueries.ByStatus).Text);
    }

    [Fact]
    public void Text_Descending_EveryOrderByPropertyDescending()
    {
        Assert.Equal(
            "SELECT * FROM c WHERE c.type = @type AND c.status = @f0 AND " + Hidden
            + " ORDER BY c.type DESC, c.status DESC, c.rank DESC, c.id DESC",
            new CosmosQuery(ContractQueries.ByStatusRankDescending).Text);
    }

    [Fact]
    public void Text_In_ArrayContainsAndNotInTheOrderBy()
    {
        Assert.Equal(
            "SELECT * FROM c WHERE c.type = @type AND ARRAY_CONTAINS(@f0, c.status) AND " + Hidden
            + " ORDER BY c.type ASC, c.name ASC, c.id ASC",
            new CosmosQuery(ContractQueries.ByStatuses).Text);
    }

    [Fact]
    public void Text_Range_BothBoundsOnTheSortProperty()
    {
        Assert.Equal(
            "SELECT * FROM c WHERE c.type = @type AND c.rank >= @f0 AND c.rank < @f1 AND " + Hidden
            + " ORDER BY c.type ASC, c.rank ASC, c.id ASC",
            new CosmosQuery(ContractQueries.RankHalfOpen).Text);
        Assert.Equal(
            "SELECT * FROM c WHERE c.type = @type AND c.rank > @f0 AND c.rank <= @f1 AND " + Hidden
            + " ORDER BY c.type ASC, c.rank ASC, c.id ASC",
            new CosmosQuery(ContractQueries.RankOpenClosed).Text);
    }

    [Fact]
    public void Text_StartsWith_StartsWithFunction()
    {
        Assert.Equal(
            "SELECT * FROM c WHERE c.type = @type AND STARTSWITH(c.nameKey, @f0) AND " + Hidden
            + " ORDER BY c.type ASC, c.nameKey ASC, c.id ASC",
            new CosmosQuery(ContractQueries.NamePrefix).Text);
    }

    [Fact]
    public void Text_CrossPartition_PartitionKeyIsTheLastTiebreaker()
    {
        Assert.Equal(
            "SELECT * FROM c WHERE c.type = @type AND c.status = @f0 AND " + Hidden
            + " ORDER BY c.type ASC, c.status ASC, c.rank ASC, c.id ASC, c.buildingId ASC",
            new CosmosQuery(ContractQueries.AllByStatus).Text);
        Assert.Equal(
            "SELECT * FROM c WHERE c.type = @type AND ARRAY_CONTAINS(@f0, c.status) AND " + Hidden
            + " ORDER BY c.type ASC, c.updatedAt ASC, c.id ASC, c.buildingId ASC",
            new CosmosQuery(ImportJobQueries.OpenInBuildings).Text);
    }

    [Fact]
    public void Text_NoSort_OrderedById()
    {
        Assert.Equal(
            "SELECT * FROM c WHERE c.type = @type AND c.color = @f0 AND " + Hidden + " ORDER BY c.type ASC, c.color ASC, c.id ASC",
            new CosmosQuery(ContractQueries.ByColor).Text);
    }

    [Fact]
    public void Text_KeywordAndNestedPaths_BracketedAndDotted()
    {
        var spec = new QuerySpec("q", Containers.Buildings, "t", [new("value", FilterOperator.Equal, "v"), new("unit.floor", FilterOperator.GreaterThan, "f")], new QuerySort("unit.floor"));

        var query = new CosmosQuery(spec);

        Assert.Equal(
            "SELECT * FROM c WHERE c.type = @type AND c[\"value\"] = @f0 AND c.unit.floor > @f1 AND " + Hidden
            + " ORDER BY c.type ASC, c[\"value\"] ASC, c.unit.floor ASC, c.id ASC",
            query.Text);
        Assert.Equal(["/type", "/value", "/unit/floor", "/id"], query.CompositeIndexPaths.Select(CosmosQuery.IndexPath));
    }

    [Theory]
    [InlineData("status') OR 1=1 --")]
    [InlineData("a b")]
    [InlineData("a..b")]
    [InlineData("")]
    public void Constructor_PathThatIsNotAnIdentifier_ArgumentException(string path)
    {
        var spec = new QuerySpec("bad", Containers.Buildings, "x", [new(path, FilterOperator.Equal, "s")]);

        Assert.ThrowsAny<ArgumentException>(() => new CosmosQuery(spec));
    }

    [Fact]
    public void Bind_Arguments_AsStoredInDocuments()
    {
        var spec = new QuerySpec(
            "all-kinds",
            Containers.Buildings,
            "t",
            [
                new("s", FilterOperator.Equal, "string"),
                new("n", FilterOperator.Equal, "int"),
                new("b", FilterOperator.Equal, "bool"),
                new("at", FilterOperator.GreaterThan, "instant"),
                new("color", FilterOperator.Equal, "enum"),
                new("colors", FilterOperator.In, "enums"),
                new("key", FilterOperator.StartsWith, "prefix"),
            ]);
        var args = new QueryArgs
        {
            ["string"] = "open",
            ["int"] = 7,
            ["bool"] = true,
            ["instant"] = new DateTimeOffset(2025, 12, 31, 20, 0, 0, 5, TimeSpan.FromHours(-5)),
            ["enum"] = ContractColor.DeepBlue,
            ["enums"] = new[] { ContractColor.Gold, ContractColor.DeepBlue },
            ["prefix"] = "elo",
        };

        var parameters = new CosmosQuery(spec).Bind(args).GetQueryParameters();

        Assert.Equal(["@type", "@f0", "@f1", "@f2", "@f3", "@f4", "@f5", "@f6"], parameters.Select(p => p.Name));
        Assert.Equal("t", parameters[0].Value);
        Assert.Equal("open", parameters[1].Value);
        Assert.Equal(7L, parameters[2].Value);
        Assert.Equal(true, parameters[3].Value);
        Assert.Equal("2026-01-01T01:00:00.005Z", parameters[4].Value);
        Assert.Equal("deepBlue", parameters[5].Value);
        Assert.Equal(new object[] { "gold", "deepBlue" }, Assert.IsType<object[]>(parameters[6].Value));
        Assert.Equal("elo", parameters[7].Value);
    }

    [Fact]
    public void Bind_MissingOrUnusableArgument_ArgumentException()
    {
        var query = new CosmosQuery(ContractQueries.RankHalfOpen);

        Assert.ThrowsAny<ArgumentException>(() => query.Bind(new QueryArgs { ["min"] = 1 }));
        Assert.ThrowsAny<ArgumentException>(() => query.Bind(new QueryArgs { ["min"] = 1, ["max"] = null }));
        Assert.ThrowsAny<ArgumentException>(() => new CosmosQuery(ContractQueries.ByStatuses).Bind(new QueryArgs { ["statuses"] = "open" }));
        Assert.ThrowsAny<ArgumentException>(() => new CosmosQuery(ContractQueries.NamePrefix).Bind(new QueryArgs { ["prefix"] = 3 }));
    }

    [Theory]
    [MemberData(nameof(QueryNames))]
    public void NamedQuery_Text_ParametersAreTypeAndOnePerFilter(string name)
    {
        var spec = AllQueries.Single(q => q.Name == name);
        var query = new CosmosQuery(spec);

        var placeholders = System.Text.RegularExpressions.Regex.Matches(query.Text, "@[A-Za-z0-9_]+").Select(m => m.Value).Distinct();

        Assert.Equal(["@type", .. spec.Filters.Select((_, i) => $"@f{i}")], placeholders);
        Assert.StartsWith("SELECT * FROM c WHERE c.type = @type AND ", query.Text, StringComparison.Ordinal);
        Assert.Contains(Hidden, query.Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(QueryNames))]
    public void NamedQuery_OrderBy_ServedByACompositeIndexOfItsContainer(string name)
    {
        var spec = AllQueries.Single(q => q.Name == name);
        var policy = CosmosIndexing.ContainerProperties(spec.Container, CosmosIndexing.CompositeIndexes(AllQueries)[spec.Container.Name]).IndexingPolicy;

        var orderBy = OrderByPaths(new CosmosQuery(spec).Text);

        Assert.True(orderBy.Count >= 2, "an ORDER BY over one property needs no composite index; these always have a tiebreaker");
        Assert.Contains(policy.CompositeIndexes, index => index.Select(p => p.Path).SequenceEqual(orderBy.Select(p => p.Path)) && Serves(index, orderBy));
    }

    [Fact]
    public void NamedQuery_WithoutItsIndex_IndexCheckFails()
    {
        // The check above must be able to fail: an indexing policy made for other queries lacks this ORDER BY.
        var policy = CosmosIndexing.ContainerProperties(Containers.Buildings, CosmosIndexing.CompositeIndexes([ContractQueries.ByStatuses])[Containers.Buildings.Name]).IndexingPolicy;
        var orderBy = OrderByPaths(new CosmosQuery(ContractQueries.ByStatus).Text);

        Assert.DoesNotContain(policy.CompositeIndexes, index => index.Select(p => p.Path).SequenceEqual(orderBy.Select(p => p.Path)));
    }

    [Fact]
    public void CompositeIndexes_AscendingAndDescendingOfOneShape_ShareOneIndex()
    {
        var indexes = CosmosIndexing.CompositeIndexes([ContractQueries.ByStatus, ContractQueries.ByStatusRankDescending, ContractQueries.AllByStatus]);

        Assert.Equal(
            [["/type", "/status", "/rank", "/id"], ["/type", "/status", "/rank", "/id", "/buildingId"]],
            indexes["buildings"].Select(i => i.ToArray()));
        Assert.All(Containers.All.Where(c => c.Name != "buildings"), c => Assert.Empty(indexes[c.Name]));
    }

    [Fact]
    public void ContainerProperties_EveryContainer_PartitionKeyTtlAndIndexingPolicy()
    {
        var indexes = CosmosIndexing.CompositeIndexes(NamedQueries.All);

        foreach (var spec in Containers.All)
        {
            var properties = CosmosIndexing.ContainerProperties(spec, indexes[spec.Name]);

            Assert.Equal(spec.Name, properties.Id);
            Assert.Equal(spec.PartitionKeyPath, properties.PartitionKeyPath);
            Assert.Equal(spec.Name == "audit" ? null : -1, properties.DefaultTimeToLive);
            Assert.Equal(IndexingMode.Consistent, properties.IndexingPolicy.IndexingMode);
            Assert.Equal(["/*"], properties.IndexingPolicy.IncludedPaths.Select(p => p.Path));
            Assert.Equal(["/\"_etag\"/?"], properties.IndexingPolicy.ExcludedPaths.Select(p => p.Path));
            Assert.Equal(indexes[spec.Name].Count, properties.IndexingPolicy.CompositeIndexes.Count);
            Assert.All(properties.IndexingPolicy.CompositeIndexes.SelectMany(i => i), p => Assert.Equal(CompositePathSortOrder.Ascending, p.Order));
        }
    }

    [Fact]
    public void Missing_PolicyWithAllDirectionsInverted_StillServes()
    {
        var wanted = CosmosIndexing.ContainerProperties(Containers.Buildings, [["/type", "/rank", "/id"]]);
        var inverted = CosmosIndexing.ContainerProperties(Containers.Buildings, []);
        inverted.IndexingPolicy.CompositeIndexes.Add([
            new CompositePath { Path = "/type", Order = CompositePathSortOrder.Descending },
            new CompositePath { Path = "/rank", Order = CompositePathSortOrder.Descending },
            new CompositePath { Path = "/id", Order = CompositePathSortOrder.Descending },
        ]);
        var mixed = CosmosIndexing.ContainerProperties(Containers.Buildings, []);
        mixed.IndexingPolicy.CompositeIndexes.Add([
            new CompositePath { Path = "/type", Order = CompositePathSortOrder.Ascending },
            new CompositePath { Path = "/rank", Order = CompositePathSortOrder.Descending },
            new CompositePath { Path = "/id", Order = CompositePathSortOrder.Ascending },
        ]);
        var noTtl = CosmosIndexing.ContainerProperties(Containers.Buildings, [["/type", "/rank", "/id"]]);
        noTtl.DefaultTimeToLive = null;

        Assert.Empty(CosmosIndexing.Missing(wanted, inverted));
        Assert.Equal(["composite index (/type, /rank, /id)"], CosmosIndexing.Missing(wanted, mixed));
        Assert.Equal(["DefaultTimeToLive off instead of -1"], CosmosIndexing.Missing(wanted, noTtl));
    }

    private static List<(string Path, bool Descending)> OrderByPaths(string text)
    {
        var orderBy = text[(text.IndexOf(" ORDER BY ", StringComparison.Ordinal) + " ORDER BY ".Length)..];
        return [.. orderBy.Split(", ").Select(term =>
        {
            var parts = term.Split(' ');
            var path = "/" + parts[0]["c".Length..].Replace("[\"", ".", StringComparison.Ordinal).Replace("\"]", "", StringComparison.Ordinal).TrimStart('.').Replace('.', '/');
            return (path, parts[1] == "DESC");
        })];
    }

    private static bool Serves(IEnumerable<CompositePath> index, List<(string Path, bool Descending)> orderBy)
    {
        var pairs = index.Zip(orderBy).ToList();
        var same = pairs.All(p => (p.First.Order == CompositePathSortOrder.Descending) == p.Second.Descending);
        var inverted = pairs.All(p => (p.First.Order == CompositePathSortOrder.Descending) != p.Second.Descending);
        return same || inverted;
    }
}
