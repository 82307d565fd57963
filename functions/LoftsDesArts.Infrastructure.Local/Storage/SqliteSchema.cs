using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Infrastructure.Local.Storage;

/// <summary>
/// Names and SQL of one container's table. Identifiers and JSON paths are validated before they are
/// spliced into SQL; every value is a parameter.
/// </summary>
internal sealed partial class ContainerTable
{
    public const string QueryIndexPrefix = "qx_";

    public ContainerTable(ContainerSpec container)
    {
        if (!IdentifierPattern().IsMatch(container.Name))
        {
            throw new ArgumentException($"Container name '{container.Name}' is not a lower-case identifier.", nameof(container));
        }

        Container = container;
        Name = container.Name;
        var t = Quoted(Name);
        const string Live = "(expires_at IS NULL OR expires_at > @now)";

        CreateTable = $"""
            CREATE TABLE IF NOT EXISTS {t} (
                pk TEXT NOT NULL,
                id TEXT NOT NULL,
                etag TEXT NOT NULL,
                lsn INTEGER NOT NULL,
                body TEXT NOT NULL,
                expires_at INTEGER NULL,
                PRIMARY KEY (pk, id));
            CREATE UNIQUE INDEX IF NOT EXISTS {Quoted(Name + "_lsn")} ON {t} (lsn);
            CREATE INDEX IF NOT EXISTS {Quoted(Name + "_expires")} ON {t} (expires_at) WHERE expires_at IS NOT NULL;
            INSERT OR IGNORE INTO store_lsn (container, lsn) VALUES ('{Name}', 0);
            """;
        PointRead = $"SELECT etag, body FROM {t} WHERE pk = @pk AND id = @id AND {Live}";
        CurrentETag = $"SELECT etag FROM {t} WHERE pk = @pk AND id = @id AND {Live}";
        Write = $"""
            INSERT INTO {t} (pk, id, etag, lsn, body, expires_at) VALUES (@pk, @id, @etag, @lsn, @body, @expires)
            ON CONFLICT (pk, id) DO UPDATE SET etag = excluded.etag, lsn = excluded.lsn, body = excluded.body, expires_at = excluded.expires_at
            """;
        Delete = $"DELETE FROM {t} WHERE pk = @pk AND id = @id";
        ReadLsn = $"SELECT lsn FROM store_lsn WHERE container = '{Name}'";
        SaveLsn = $"UPDATE store_lsn SET lsn = @lsn WHERE container = '{Name}'";
        Changes = $"SELECT pk, id, etag, body, lsn FROM {t} WHERE lsn > @after AND {Live} ORDER BY lsn LIMIT @limit";
        PurgeExpired = $"DELETE FROM {t} WHERE rowid IN (SELECT rowid FROM {t} WHERE expires_at IS NOT NULL AND expires_at <= @now LIMIT @limit)";
        ListQueryIndexes = $"SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = '{Name}' AND name LIKE '{QueryIndexPrefix}%'";
    }

    /// <summary>The per-container write counter; a row per container, never reused after deletes.</summary>
    public const string CreateLsnTable = "CREATE TABLE IF NOT EXISTS store_lsn (container TEXT PRIMARY KEY, lsn INTEGER NOT NULL);";

    public ContainerSpec Container { get; }

    public string Name { get; }

    public string CreateTable { get; }

    public string PointRead { get; }

    public string CurrentETag { get; }

    public string Write { get; }

    public string Delete { get; }

    /// <summary>The last lsn given out; read once per write transaction (which holds SQLite's write lock).</summary>
    public string ReadLsn { get; }

    public string SaveLsn { get; }

    public string Changes { get; }

    public string PurgeExpired { get; }

    public string ListQueryIndexes { get; }

    public static string Quoted(string identifier) => "\"" + identifier + "\"";

    /// <summary>The SQL expression of a document property; indexes and queries must spell it identically.</summary>
    public static string Json(string path)
    {
        if (!PathPattern().IsMatch(path))
        {
            throw new ArgumentException($"'{path}' is not a camelCase JSON path.", nameof(path));
        }

        return $"json_extract(body, '$.{path}')";
    }

    /// <summary>
    /// What every named query hides, as SQL terms: soft-deleted and import-staged documents. Spelled once,
    /// because each query index is partial on exactly these terms, and SQLite then neither reads a row's body
    /// to test them nor uses the index for a query that does not state them word for word.
    /// </summary>
    public static readonly IReadOnlyList<string> HiddenTerms = [$"{Json("deleted")} IS NOT 1", $"{Json("staged")} IS NULL"];

    /// <summary>
    /// The expression index serving a named query: partition key (unless cross-partition), type, the
    /// spec's index paths (equality first, then range and sort), then the tiebreakers of the sort, then
    /// <c>expires_at</c>; partial on <see cref="HiddenTerms"/>. A count (or a page's filter) is then answered
    /// from the index alone: 300 waiting packages counted in about 50 µs instead of 650 µs with a body read each.
    /// Its name carries a hash of its definition, so a changed query gets a new index and the old one is dropped.
    /// </summary>
    public static (string Name, string Ddl, string Definition, string Table) QueryIndex(QuerySpec spec)
    {
        var columns = new List<string>();
        if (!spec.CrossPartition)
        {
            columns.Add("pk");
        }

        columns.Add(Json("type"));
        columns.AddRange(spec.IndexPaths().Select(Json));
        columns.Add("id");
        if (spec.CrossPartition)
        {
            columns.Add("pk");
        }

        columns.Add("expires_at");

        // The table is part of the key: the same columns on two tables are two indexes.
        var columnList = $"{Quoted(spec.Container.Name)} ({string.Join(", ", columns)}) WHERE {string.Join(" AND ", HiddenTerms)}";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(columnList)).AsSpan(0, 4));
        var readable = NonIdentifierCharacters().Replace(spec.Name.ToLowerInvariant(), "_");
        var name = $"{QueryIndexPrefix}{spec.Container.Name}_{readable}_{hash}";
        return (name, $"CREATE INDEX IF NOT EXISTS {Quoted(name)} ON {columnList};", columnList, spec.Container.Name);
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex IdentifierPattern();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")]
    private static partial Regex PathPattern();

    [GeneratedRegex("[^a-z0-9_]")]
    private static partial Regex NonIdentifierCharacters();
}
