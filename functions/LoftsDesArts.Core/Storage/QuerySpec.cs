namespace LoftsDesArts.Core.Storage;

public enum FilterOperator
{
    Equal,
    In,
    GreaterThan,
    GreaterThanOrEqual,
    LessThan,
    LessThanOrEqual,

    /// <summary>Prefix match on a folded key, for type-ahead.</summary>
    StartsWith,
}

/// <summary>One condition: <c>path op @parameter</c>. Paths are camelCase JSON properties, dotted for nesting.</summary>
public sealed record QueryFilter(string Path, FilterOperator Operator, string Parameter);

public sealed record QuerySort(string Path, bool Descending = false);

/// <summary>
/// A named query: the only way a use case reads more than one document. Adapters translate it
/// (Cosmos SQL, SQLite SQL over expression indexes) and derive their indexes from the list of all
/// named queries, so an unindexed query is a test failure, not a production surprise.
/// Every query matches one <see cref="DocumentType"/> and skips soft-deleted documents
/// (<c>deleted = true</c>), expired ones (TTL) and staged ones (<c>staged</c> set: written by an import
/// job that has not committed, see <see cref="ImportJobRunner"/>).
/// Results are ordered by <see cref="OrderBy"/> then by <c>id</c> (then by partition key when
/// cross-partition), so continuation paging has neither gaps nor duplicates.
/// </summary>
public sealed record QuerySpec(
    string Name,
    ContainerSpec Container,
    string DocumentType,
    IReadOnlyList<QueryFilter> Filters,
    QuerySort? OrderBy = null,
    bool CrossPartition = false)
{
    /// <summary>Throws unless <paramref name="partitionKey"/> fits the query: none when cross-partition, one otherwise.</summary>
    public void RequireScope(string? partitionKey)
    {
        if (CrossPartition != (partitionKey is null))
        {
            throw new ArgumentException(
                CrossPartition
                    ? $"Query {Name} is cross-partition: it takes no partition key."
                    : $"Query {Name} is single-partition: it needs a partition key.",
                nameof(partitionKey));
        }
    }

    /// <summary>Equality-style filters first (index prefix), then the range/sort column.</summary>
    public IReadOnlyList<string> IndexPaths()
    {
        var paths = new List<string>();
        foreach (var filter in Filters.Where(f => f.Operator is FilterOperator.Equal or FilterOperator.In))
        {
            if (!paths.Contains(filter.Path))
            {
                paths.Add(filter.Path);
            }
        }

        foreach (var filter in Filters.Where(f => f.Operator is not (FilterOperator.Equal or FilterOperator.In)))
        {
            if (!paths.Contains(filter.Path))
            {
                paths.Add(filter.Path);
            }
        }

        if (OrderBy is not null && !paths.Contains(OrderBy.Path))
        {
            paths.Add(OrderBy.Path);
        }

        return paths;
    }
}

/// <summary>Arguments for a named query, by parameter name.</summary>
public sealed class QueryArgs : Dictionary<string, object?>
{
    public QueryArgs()
        : base(StringComparer.Ordinal)
    {
    }
}
