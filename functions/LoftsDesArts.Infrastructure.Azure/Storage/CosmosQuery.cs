using System.Collections;
using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LoftsDesArts.Core.Storage;
using Microsoft.Azure.Cosmos;

namespace LoftsDesArts.Infrastructure.Azure.Storage;

/// <summary>
/// A named query translated to parameterized Cosmos SQL. Every value is a parameter; property paths are
/// validated identifiers before they are spliced in.
/// <para>
/// The order is the one the SQLite adapter gives: the sort property, then <c>id</c> (then the partition
/// key when cross-partition), all in the sort's direction. Cosmos needs a composite index for an
/// ORDER BY over several properties, and uses a composite index for a filtered ORDER BY only when the
/// equality-filtered properties lead the ORDER BY; so the ORDER BY is
/// <c>type, equality paths…, sort, id[, partition key]</c> — the leading properties are fixed by the
/// filter, so they change nothing in the order — and <see cref="CompositeIndexPaths"/> is exactly that
/// list, ascending (Cosmos serves an ORDER BY whose directions are all inverted from the same index).
/// </para>
/// <para>
/// Hidden documents are the SQLite adapter's: <c>deleted</c> exactly <c>true</c> (SQLite:
/// <c>json_extract(body,'$.deleted') IS NOT 1</c>), and <c>staged</c> present and not null (SQLite:
/// <c>IS NULL</c>). Expired documents need no filter: Cosmos never returns an item past its TTL.
/// </para>
/// </summary>
public sealed partial class CosmosQuery
{
    /// <summary>What every query hides (see the class remarks).</summary>
    public const string HiddenFilter = "NOT (IS_BOOL(c.deleted) AND c.deleted = true) AND (NOT IS_DEFINED(c.staged) OR IS_NULL(c.staged))";

    // Keywords of the Cosmos NoSQL grammar: a property named like one is written c["name"].
    private static readonly FrozenSet<string> Keywords = new[]
    {
        "and", "array", "as", "asc", "between", "by", "case", "cast", "convert", "cross", "desc", "distinct", "else", "end",
        "escape", "exists", "false", "for", "from", "group", "having", "in", "inner", "insert", "into", "is", "join", "left",
        "like", "limit", "not", "null", "offset", "on", "or", "order", "outer", "over", "right", "select", "set", "then", "top",
        "true", "udf", "undefined", "update", "value", "when", "where", "with",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private readonly string[] _filterParameters;

    public CosmosQuery(QuerySpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Spec = spec;
        CompositeIndexPaths = OrderPaths(spec);
        _filterParameters = new string[spec.Filters.Count];

        var where = new List<string> { "c.type = @type" };
        for (var i = 0; i < spec.Filters.Count; i++)
        {
            var filter = spec.Filters[i];
            var e = Property(filter.Path);
            var p = _filterParameters[i] = $"@f{i}";
            where.Add(filter.Operator switch
            {
                FilterOperator.Equal => $"{e} = {p}",
                FilterOperator.In => $"ARRAY_CONTAINS({p}, {e})",
                FilterOperator.GreaterThan => $"{e} > {p}",
                FilterOperator.GreaterThanOrEqual => $"{e} >= {p}",
                FilterOperator.LessThan => $"{e} < {p}",
                FilterOperator.LessThanOrEqual => $"{e} <= {p}",
                FilterOperator.StartsWith => $"STARTSWITH({e}, {p})",
                _ => throw new ArgumentException($"Query {spec.Name}: unknown operator {filter.Operator}.", nameof(spec)),
            });
        }

        where.Add(HiddenFilter);
        var direction = spec.OrderBy?.Descending == true ? "DESC" : "ASC";
        var order = string.Join(", ", CompositeIndexPaths.Select(path => $"{Property(path)} {direction}"));
        Text = $"SELECT * FROM c WHERE {string.Join(" AND ", where)} ORDER BY {order}";
        CountText = $"SELECT VALUE COUNT(1) FROM c WHERE {string.Join(" AND ", where)}";
    }

    public QuerySpec Spec { get; }

    /// <summary>The query text, with <c>@type</c> and <c>@f0</c>, <c>@f1</c>… for the filters in spec order.</summary>
    public string Text { get; }

    /// <summary>How many documents the query matches: the same filters, no order, parameters as <see cref="Text"/>.</summary>
    public string CountText { get; }

    /// <summary>
    /// The properties of the ORDER BY, in order: <c>type</c>, the equality-filtered paths, the sort path,
    /// <c>id</c>, and the partition key property when cross-partition (each once).
    /// </summary>
    public IReadOnlyList<string> CompositeIndexPaths { get; }

    /// <summary>The query with its arguments bound. Throws <see cref="ArgumentException"/> for a missing or unusable argument.</summary>
    public QueryDefinition Bind(QueryArgs args) => Bind(Text, args);

    /// <summary><see cref="CountText"/> with its arguments bound.</summary>
    public QueryDefinition BindCount(QueryArgs args) => Bind(CountText, args);

    private QueryDefinition Bind(string text, QueryArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var definition = new QueryDefinition(text).WithParameter("@type", Spec.DocumentType);
        for (var i = 0; i < Spec.Filters.Count; i++)
        {
            var filter = Spec.Filters[i];
            if (!args.TryGetValue(filter.Parameter, out var value))
            {
                throw new ArgumentException($"Query {Spec.Name} needs the argument '{filter.Parameter}'.", nameof(args));
            }

            definition = filter.Operator switch
            {
                FilterOperator.In => definition.WithParameter(_filterParameters[i], List(value, filter.Parameter)),
                FilterOperator.StartsWith => definition.WithParameter(
                    _filterParameters[i],
                    value as string ?? throw new ArgumentException($"Query {Spec.Name}: '{filter.Parameter}' must be a string prefix.", nameof(args))),
                _ => definition.WithParameter(_filterParameters[i], Scalar(value, filter.Parameter)),
            };
        }

        return definition;
    }

    /// <summary>The Cosmos SQL expression of a document property: <c>c.a.b</c>, or <c>c["value"]</c> for a keyword.</summary>
    public static string Property(string path)
    {
        ValidatePath(path);
        var builder = new StringBuilder("c");
        foreach (var segment in path.Split('.'))
        {
            builder.Append(Keywords.Contains(segment) ? $"[\"{segment}\"]" : "." + segment);
        }

        return builder.ToString();
    }

    /// <summary>The indexing-policy path of a document property: <c>/a/b</c>.</summary>
    public static string IndexPath(string path)
    {
        ValidatePath(path);
        return "/" + path.Replace('.', '/');
    }

    /// <summary>Everything the query text depends on: two specs with one name must agree on it.</summary>
    public static string SignatureOf(QuerySpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return string.Join(
            '|',
            spec.Name,
            spec.Container.Name,
            spec.Container.PartitionKeyProperty,
            spec.DocumentType,
            string.Join(',', spec.Filters.Select(f => $"{f.Path} {f.Operator} {f.Parameter}")),
            spec.OrderBy is null ? "" : $"{spec.OrderBy.Path} {(spec.OrderBy.Descending ? "desc" : "asc")}",
            spec.CrossPartition ? "cross" : "single");
    }

    private static List<string> OrderPaths(QuerySpec spec)
    {
        var paths = new List<string> { "type" };
        void Add(string path)
        {
            ValidatePath(path);
            if (!paths.Contains(path, StringComparer.Ordinal))
            {
                paths.Add(path);
            }
        }

        foreach (var filter in spec.Filters.Where(f => f.Operator == FilterOperator.Equal))
        {
            Add(filter.Path);
        }

        if (spec.OrderBy is not null)
        {
            Add(spec.OrderBy.Path);
        }

        Add("id");
        if (spec.CrossPartition)
        {
            Add(spec.Container.PartitionKeyProperty);
        }

        return paths;
    }

    private static void ValidatePath(string path)
    {
        if (path is null || !PathPattern().IsMatch(path))
        {
            throw new ArgumentException($"'{path}' is not a camelCase JSON path.", nameof(path));
        }
    }

    /// <summary>A query argument as the same value appears inside documents written with <see cref="StoreJson.Options"/>.</summary>
    internal static object Scalar(object? value, string parameter)
    {
        switch (value)
        {
            case null:
                throw new ArgumentException($"Query argument '{parameter}' is null; documents never store null (it is omitted).", nameof(value));
            case string s:
                return s;
            case bool b:
                return b;
            case int or long or short or byte or sbyte or ushort or uint:
                return Convert.ToInt64(value, CultureInfo.InvariantCulture);
            case double or float or decimal:
                return Convert.ToDouble(value, CultureInfo.InvariantCulture);
            case DateTimeOffset instant:
                return StoreJson.Instant(instant);
            default:
                // Enums and anything else: exactly as StoreJson writes them into documents.
                var element = JsonSerializer.SerializeToElement(value, value.GetType(), StoreJson.Options);
                return element.ValueKind switch
                {
                    JsonValueKind.String => element.GetString()!,
                    JsonValueKind.Number => element.TryGetInt64(out var l) ? l : element.GetDouble(),
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => throw new ArgumentException($"Query argument '{parameter}' must be a string, number, boolean, instant or enum.", nameof(value)),
                };
        }
    }

    internal static object[] List(object? value, string parameter)
    {
        if (value is null or string || value is not IEnumerable items)
        {
            throw new ArgumentException($"Query argument '{parameter}' must be a list for IN.", nameof(value));
        }

        return [.. items.Cast<object?>().Select(item => Scalar(item, parameter))];
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")]
    private static partial Regex PathPattern();
}
