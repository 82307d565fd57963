using System.Text.Json;
using System.Text.Json.Nodes;
using LoftsDesArts.Core.Storage;
using Microsoft.Azure.Cosmos;

namespace LoftsDesArts.Infrastructure.Azure.Storage;

/// <summary>
/// The indexing policy the named queries need (DESIGN §3.2): every container indexes all paths (range
/// indexes serve equality, IN, range and STARTSWITH filters) except the system <c>_etag</c>, and gets one
/// composite index per distinct ORDER BY of its queries (<see cref="CosmosQuery.CompositeIndexPaths"/>,
/// ascending), which Cosmos requires for an ORDER BY over several properties. Per-item TTL is on
/// (<c>DefaultTimeToLive = -1</c>) where <see cref="ContainerSpec.PerItemTtl"/> says so.
/// The infrastructure declares the same composite indexes from <c>infra/cosmos-indexes.json</c>, which
/// <see cref="IndexFileContainers"/> generates and a test compares.
/// </summary>
public static class CosmosIndexing
{
    /// <summary>The file of the infrastructure that carries the composite indexes, relative to the repository root.</summary>
    public const string IndexFile = "infra/cosmos-indexes.json";

    /// <summary>
    /// The composite indexes per container, for every container of <see cref="Containers.All"/> (empty
    /// when no query needs one) and of <paramref name="queries"/>. Each index is a list of paths, ascending.
    /// Order: containers as in <see cref="Containers.All"/> then by first use; indexes by first use.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyList<string>>> CompositeIndexes(IEnumerable<QuerySpec> queries)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var byContainer = new Dictionary<string, List<IReadOnlyList<string>>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var container in Containers.All)
        {
            byContainer[container.Name] = [];
            order.Add(container.Name);
        }

        foreach (var query in queries)
        {
            if (!byContainer.TryGetValue(query.Container.Name, out var indexes))
            {
                byContainer[query.Container.Name] = indexes = [];
                order.Add(query.Container.Name);
            }

            var paths = new CosmosQuery(query).CompositeIndexPaths.Select(CosmosQuery.IndexPath).ToList();
            if (!indexes.Any(existing => existing.SequenceEqual(paths, StringComparer.Ordinal)))
            {
                indexes.Add(paths);
            }
        }

        var result = new Dictionary<string, IReadOnlyList<IReadOnlyList<string>>>(StringComparer.Ordinal);
        foreach (var name in order)
        {
            result[name] = byContainer[name];
        }

        return result;
    }

    /// <summary>The container as <see cref="CosmosDocumentStore.InitializeAsync"/> creates it: partition key, TTL, indexing policy.</summary>
    public static ContainerProperties ContainerProperties(ContainerSpec container, IEnumerable<IReadOnlyList<string>> compositeIndexes)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(compositeIndexes);
        var properties = new ContainerProperties(container.Name, container.PartitionKeyPath)
        {
            DefaultTimeToLive = container.PerItemTtl ? -1 : null,
            IndexingPolicy = new IndexingPolicy
            {
                Automatic = true,
                IndexingMode = IndexingMode.Consistent,
            },
        };
        properties.IndexingPolicy.IncludedPaths.Add(new IncludedPath { Path = "/*" });
        properties.IndexingPolicy.ExcludedPaths.Add(new ExcludedPath { Path = "/\"_etag\"/?" });
        foreach (var index in compositeIndexes)
        {
            var composite = new System.Collections.ObjectModel.Collection<CompositePath>();
            foreach (var path in index)
            {
                composite.Add(new CompositePath { Path = path, Order = CompositePathSortOrder.Ascending });
            }

            properties.IndexingPolicy.CompositeIndexes.Add(composite);
        }

        return properties;
    }

    /// <summary>
    /// The <c>containers</c> object of <c>infra/cosmos-indexes.json</c> for <paramref name="queries"/>
    /// (the portal passes <see cref="NamedQueries.All"/>): one key per container of
    /// <see cref="Containers.All"/>, each a list of indexes, each a list of <c>{ path, order }</c>.
    /// </summary>
    public static JsonObject IndexFileContainers(IEnumerable<QuerySpec> queries)
    {
        var containers = new JsonObject();
        foreach (var (name, indexes) in CompositeIndexes(queries).Where(c => Containers.All.Any(k => k.Name == c.Key)))
        {
            var list = new JsonArray();
            foreach (var index in indexes)
            {
                list.Add(new JsonArray([.. index.Select(path => (JsonNode)new JsonObject { ["path"] = path, ["order"] = "ascending" })]));
            }

            containers[name] = list;
        }

        return containers;
    }

    /// <summary>
    /// The whole text of <c>infra/cosmos-indexes.json</c> for <paramref name="queries"/>, keeping the
    /// file's <c>$comment</c> (given as <paramref name="comment"/>).
    /// </summary>
    public static string IndexFileText(IEnumerable<QuerySpec> queries, string? comment)
    {
        var root = new JsonObject();
        if (comment is not null)
        {
            root["$comment"] = comment;
        }

        root["containers"] = IndexFileContainers(queries);
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, IndentSize = 2, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    /// <summary>What <paramref name="existing"/> lacks of what <paramref name="wanted"/> asks (TTL, composite indexes), or an empty list.</summary>
    public static IReadOnlyList<string> Missing(ContainerProperties wanted, ContainerProperties existing)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        ArgumentNullException.ThrowIfNull(existing);
        var problems = new List<string>();
        if (!string.Equals(wanted.PartitionKeyPath, existing.PartitionKeyPath, StringComparison.Ordinal))
        {
            problems.Add($"partition key {existing.PartitionKeyPath} instead of {wanted.PartitionKeyPath}");
        }

        if (wanted.DefaultTimeToLive != existing.DefaultTimeToLive)
        {
            problems.Add($"DefaultTimeToLive {existing.DefaultTimeToLive?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "off"} instead of {wanted.DefaultTimeToLive?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "off"}");
        }

        foreach (var index in wanted.IndexingPolicy.CompositeIndexes)
        {
            if (!existing.IndexingPolicy.CompositeIndexes.Any(e => Serves(e, index)))
            {
                problems.Add("composite index (" + string.Join(", ", index.Select(p => p.Path)) + ")");
            }
        }

        return problems;
    }

    /// <summary>An index serves an ORDER BY with the same paths in the same order, all directions equal or all inverted.</summary>
    private static bool Serves(System.Collections.ObjectModel.Collection<CompositePath> existing, System.Collections.ObjectModel.Collection<CompositePath> wanted)
    {
        if (existing.Count != wanted.Count || !existing.Select(p => p.Path).SequenceEqual(wanted.Select(p => p.Path), StringComparer.Ordinal))
        {
            return false;
        }

        var same = existing.Zip(wanted).All(pair => pair.First.Order == pair.Second.Order);
        var inverted = existing.Zip(wanted).All(pair => pair.First.Order != pair.Second.Order);
        return same || inverted;
    }
}
