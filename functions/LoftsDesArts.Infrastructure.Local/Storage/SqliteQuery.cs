using System.Buffers;
using System.Buffers.Text;
using System.Collections;
using System.Globalization;
using System.Text.Json;
using LoftsDesArts.Core.Storage;
using Microsoft.Data.Sqlite;

namespace LoftsDesArts.Infrastructure.Local.Storage;

/// <summary>
/// A named query translated to SQL over <c>json_extract(body, '$.path')</c>, spelled exactly as in its
/// expression index (<see cref="ContainerTable.QueryIndex"/>) so the planner can use it.
/// <para>
/// Paging is keyset paging on (sort value, id[, pk]): the continuation carries the last row's keys, so
/// pages have neither gaps nor duplicates even when documents change between pages, and each page
/// starts with an index seek rather than skipping the rows before it. Documents without the sort
/// property (NULL) come first ascending and last descending, as SQLite orders them; they form their
/// own segment, read by its own statement, because a seek cannot span "NULL or a range".
/// </para>
/// </summary>
internal sealed class SqliteQuery
{
    private readonly string[] _filterParameters;
    private readonly string[] _filterEndParameters;
    private readonly string _keysFirst = "";
    private readonly string _keysAfter = "";
    private readonly string _nullFirst = "";
    private readonly string _nullAfter = "";
    private readonly string _valueFirst = "";
    private readonly string _valueAfter = "";
    private readonly bool _descending;

    /// <param name="spec">The named query.</param>
    /// <param name="indexName">
    /// The expression index created for it at start-up, named with INDEXED BY: SQLite then uses that
    /// index or fails the statement, so the plan never silently degrades (without ANALYZE statistics
    /// the planner may otherwise prefer the primary key). Null for a query that was not declared.
    /// </param>
    public SqliteQuery(QuerySpec spec, string? indexName)
    {
        Spec = spec;
        Signature = SignatureOf(spec);
        IndexName = indexName;
        var table = ContainerTable.Quoted(new ContainerTable(spec.Container).Name)
            + (indexName is null ? "" : " INDEXED BY " + ContainerTable.Quoted(indexName));
        var sort = spec.OrderBy is null ? null : ContainerTable.Json(spec.OrderBy.Path);
        _descending = spec.OrderBy?.Descending == true;
        var direction = _descending ? "DESC" : "ASC";

        _filterParameters = new string[spec.Filters.Count];
        _filterEndParameters = new string[spec.Filters.Count];
        var where = new List<string>();
        if (!spec.CrossPartition)
        {
            where.Add("pk = @pk");
        }

        where.Add($"{ContainerTable.Json("type")} = @type");
        for (var i = 0; i < spec.Filters.Count; i++)
        {
            var filter = spec.Filters[i];
            var e = ContainerTable.Json(filter.Path);
            var p = _filterParameters[i] = $"@f{i}";
            _filterEndParameters[i] = $"@f{i}_end";
            where.Add(filter.Operator switch
            {
                FilterOperator.Equal => $"{e} = {p}",
                FilterOperator.In => $"{e} IN (SELECT value FROM json_each({p}))",
                FilterOperator.GreaterThan => $"{e} > {p}",
                FilterOperator.GreaterThanOrEqual => $"{e} >= {p}",
                FilterOperator.LessThan => $"{e} < {p}",
                FilterOperator.LessThanOrEqual => $"{e} <= {p}",

                // A range, not LIKE or substr: the planner uses the index for a range on the expression.
                FilterOperator.StartsWith => $"{e} >= {p} AND {e} < {_filterEndParameters[i]}",
                _ => throw new ArgumentException($"Query {spec.Name}: unknown operator {filter.Operator}.", nameof(spec)),
            });
        }

        // What every query hides: soft-deleted, staged by an unfinished import job, expired.
        where.AddRange(ContainerTable.HiddenTerms);
        where.Add("(expires_at IS NULL OR expires_at > @now)");

        // The same conditions through the same index, counted: no row's body leaves SQLite.
        CountStatement = $"SELECT COUNT(*) FROM {table} WHERE {string.Join(" AND ", where)}";

        var keys = spec.CrossPartition ? "id, pk" : "id";
        var keyParameters = spec.CrossPartition ? "@kid, @kpk" : "@kid";
        var keyOrder = spec.CrossPartition ? $"id {direction}, pk {direction}" : $"id {direction}";
        var select = $"SELECT etag, body, id, pk, {sort ?? "NULL"} FROM {table} WHERE ";
        string Build(string? extra, string order) =>
            select + string.Join(" AND ", extra is null ? where : [.. where, extra]) + $" ORDER BY {order} LIMIT @limit";

        var after = _descending ? "<" : ">";
        if (sort is null)
        {
            _keysFirst = Build(null, keyOrder);
            _keysAfter = Build($"({keys}) {after} ({keyParameters})", keyOrder);
        }
        else
        {
            // "IS NULL" seeks like an equality; the redundant "sort >= @ks" (or <=) gives the seek its
            // start, since SQLite does not seek on a row value holding an expression.
            _nullFirst = Build($"{sort} IS NULL", keyOrder);
            _nullAfter = Build($"{sort} IS NULL AND ({keys}) {after} ({keyParameters})", keyOrder);
            _valueFirst = Build($"{sort} IS NOT NULL", $"{sort} {direction}, {keyOrder}");
            _valueAfter = Build($"{sort} {after}= @ks AND ({sort}, {keys}) {after} (@ks, {keyParameters})", $"{sort} {direction}, {keyOrder}");
        }
    }

    public QuerySpec Spec { get; }

    /// <summary>How many documents the query matches (bound like a first page; the limit is unused).</summary>
    public string CountStatement { get; }

    public string? IndexName { get; }

    /// <summary>Everything the SQL depends on: two specs with one name must agree on it.</summary>
    public string Signature { get; }

    public static string SignatureOf(QuerySpec spec) => string.Join(
        '|',
        spec.Name,
        spec.Container.Name,
        spec.Container.PartitionKeyProperty,
        spec.DocumentType,
        string.Join(',', spec.Filters.Select(f => $"{f.Path} {f.Operator} {f.Parameter}")),
        spec.OrderBy is null ? "" : $"{spec.OrderBy.Path} {(spec.OrderBy.Descending ? "desc" : "asc")}",
        spec.CrossPartition ? "cross" : "single");

    /// <summary>
    /// The statements that produce the page after <paramref name="after"/>, in order: the caller runs
    /// them one after the other until the page is full.
    /// </summary>
    public IReadOnlyList<string> Statements(Continuation? after)
    {
        if (Spec.OrderBy is null)
        {
            return [after is null ? _keysFirst : _keysAfter];
        }

        return (_descending, after) switch
        {
            (false, null) => [_nullFirst, _valueFirst],
            (false, { Sort: null }) => [_nullAfter, _valueFirst],
            (false, _) => [_valueAfter],
            (true, null) => [_valueFirst, _nullFirst],
            (true, { Sort: null }) => [_nullAfter],
            (true, _) => [_valueAfter, _nullFirst],
        };
    }

    /// <summary>Every statement this query can run (for EXPLAIN QUERY PLAN).</summary>
    public IReadOnlyList<string> AllStatements() => Spec.OrderBy is null
        ? [_keysFirst, _keysAfter, CountStatement]
        : [_nullFirst, _nullAfter, _valueFirst, _valueAfter, CountStatement];

    public void Bind(SqliteCommand command, string? partitionKey, QueryArgs args, long now, int limit, Continuation? after)
    {
        if (!Spec.CrossPartition)
        {
            command.Set("@pk", partitionKey);
        }

        command.Set("@type", Spec.DocumentType);
        for (var i = 0; i < Spec.Filters.Count; i++)
        {
            var filter = Spec.Filters[i];
            if (!args.TryGetValue(filter.Parameter, out var value))
            {
                throw new ArgumentException($"Query {Spec.Name} needs the argument '{filter.Parameter}'.", nameof(args));
            }

            switch (filter.Operator)
            {
                case FilterOperator.In:
                    command.Set(_filterParameters[i], QueryValues.JsonArray(value, filter.Parameter));
                    break;
                case FilterOperator.StartsWith:
                    var prefix = value as string ?? throw new ArgumentException($"Query {Spec.Name}: '{filter.Parameter}' must be a string prefix.", nameof(args));
                    command.Set(_filterParameters[i], prefix);
                    command.Set(_filterEndParameters[i], prefix + "\U0010FFFF");
                    break;
                default:
                    command.Set(_filterParameters[i], QueryValues.Scalar(value, filter.Parameter));
                    break;
            }
        }

        command.Set("@now", now);
        command.Set("@limit", limit);
        if (after is { } keys)
        {
            if (keys.Sort is not null)
            {
                command.Set("@ks", keys.Sort);
            }

            command.Set("@kid", keys.Id);
            if (Spec.CrossPartition)
            {
                command.Set("@kpk", keys.PartitionKey);
            }
        }
    }

    /// <summary>Binds placeholder values, for EXPLAIN QUERY PLAN.</summary>
    public void BindPlaceholders(SqliteCommand command, long now)
    {
        var args = new QueryArgs();
        foreach (var filter in Spec.Filters)
        {
            args[filter.Parameter] = filter.Operator == FilterOperator.In ? new[] { "a", "b" } : "a";
        }

        Bind(command, Spec.CrossPartition ? null : "pk", args, now, 10, new Continuation("a", "id", "pk"));
    }

    /// <summary>The opaque token: base64url of {q: query name, s: last sort value, i: last id, p: last pk}.</summary>
    public string Encode(object? sort, string id, string partitionKey)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("q", Spec.Name);
            writer.WritePropertyName("s");
            switch (sort)
            {
                case null:
                    writer.WriteNullValue();
                    break;
                case long l:
                    writer.WriteNumberValue(l);
                    break;
                case double d:
                    writer.WriteNumberValue(d);
                    break;
                default:
                    writer.WriteStringValue(Convert.ToString(sort, CultureInfo.InvariantCulture));
                    break;
            }

            writer.WriteString("i", id);
            if (Spec.CrossPartition)
            {
                writer.WriteString("p", partitionKey);
            }

            writer.WriteEndObject();
        }

        return Base64Url.EncodeToString(buffer.WrittenSpan);
    }

    public Continuation Decode(string token)
    {
        try
        {
            using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(token));
            var root = document.RootElement;
            if (root.GetProperty("q").GetString() != Spec.Name)
            {
                throw new ArgumentException($"The continuation token belongs to another query than {Spec.Name}.", nameof(token));
            }

            var s = root.GetProperty("s");
            object? sort = s.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => s.GetString(),
                JsonValueKind.Number => s.TryGetInt64(out var l) ? l : s.GetDouble(),
                _ => throw new ArgumentException("The continuation token is not valid.", nameof(token)),
            };
            var id = root.GetProperty("i").GetString() ?? throw new ArgumentException("The continuation token is not valid.", nameof(token));
            var partitionKey = Spec.CrossPartition ? root.GetProperty("p").GetString() : null;
            return new Continuation(sort, id, partitionKey);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ArgumentException("The continuation token is not valid.", nameof(token), ex);
        }
    }

    /// <summary>The keys of the last row of a page.</summary>
    internal readonly record struct Continuation(object? Sort, string Id, string? PartitionKey);
}

/// <summary>Query arguments as SQLite sees the same values inside documents (json_extract's types).</summary>
internal static class QueryValues
{
    public static object Scalar(object? value, string parameter)
    {
        switch (value)
        {
            case null:
                throw new ArgumentException($"Query argument '{parameter}' is null; documents never store null (it is omitted).", nameof(value));
            case string s:
                return s;
            case bool b:
                return b ? 1L : 0L; // json_extract turns true/false into 1/0.
            case int or long or short or byte or sbyte or ushort or uint:
                return Convert.ToInt64(value, CultureInfo.InvariantCulture);
            case DateTimeOffset instant:
                return StoreJson.Instant(instant);
            default:
                // Enums and anything else: exactly as StoreJson writes them into documents.
                var element = JsonSerializer.SerializeToElement(value, value.GetType(), StoreJson.Options);
                return element.ValueKind switch
                {
                    JsonValueKind.String => element.GetString()!,
                    JsonValueKind.Number => element.TryGetInt64(out var l) ? l : element.GetDouble(),
                    JsonValueKind.True => 1L,
                    JsonValueKind.False => 0L,
                    _ => throw new ArgumentException($"Query argument '{parameter}' must be a string, number, boolean, instant or enum.", nameof(value)),
                };
        }
    }

    /// <summary>An IN list as a JSON array, read by json_each (whose values have json_extract's types).</summary>
    public static string JsonArray(object? value, string parameter)
    {
        if (value is null or string || value is not IEnumerable items)
        {
            throw new ArgumentException($"Query argument '{parameter}' must be a list for IN.", nameof(value));
        }

        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var item in items)
            {
                switch (Scalar(item, parameter))
                {
                    case string s:
                        writer.WriteStringValue(s);
                        break;
                    case long l:
                        writer.WriteNumberValue(l);
                        break;
                    case double d:
                        writer.WriteNumberValue(d);
                        break;
                }
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
