using Microsoft.Data.Sqlite;

namespace LoftsDesArts.Infrastructure.Local.Storage;

/// <summary>
/// One open SQLite connection and its commands, kept by SQL text: a command keeps its prepared
/// statement between executions, so each statement is compiled once per connection. Used by one
/// caller at a time (the reader pool or the writer lock ensures it).
/// </summary>
internal sealed class StoreConnection : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public StoreConnection(string databasePath, bool reader, int busyTimeoutMilliseconds)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = reader ? SqliteOpenMode.ReadWrite : SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = false, // We keep our own connections, with their prepared statements.
            DefaultTimeout = Math.Max(1, busyTimeoutMilliseconds / 1000),
        };
        Connection = new SqliteConnection(builder.ToString());
        Connection.Open();

        // WAL is a property of the file (set once by the writer); these two are per connection.
        Execute($"PRAGMA busy_timeout = {busyTimeoutMilliseconds}; PRAGMA synchronous = NORMAL;");
        if (reader)
        {
            Execute("PRAGMA query_only = 1;");
        }
    }

    public SqliteConnection Connection { get; }

    /// <summary>The writer's open transaction, attached to every command it hands out.</summary>
    public SqliteTransaction? Transaction { get; set; }

    /// <summary>
    /// The cached command for <paramref name="sql"/>. Its parameters stay from the last call: callers
    /// set every value the statement uses with <see cref="SqliteCommandExtensions.Set"/>.
    /// </summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
#pragma warning disable CA2100 // SQL is built from validated identifiers and JSON paths only; values are parameters.
            command.CommandText = sql;
#pragma warning restore CA2100
            _commands.Add(sql, command);
        }

        command.Transaction = Transaction;
        return command;
    }

    /// <summary>Runs one-off SQL (DDL, pragmas) without caching it.</summary>
    public void Execute(string sql)
    {
        using var command = Connection.CreateCommand();
#pragma warning disable CA2100 // DDL built from validated identifiers.
        command.CommandText = sql;
#pragma warning restore CA2100
        command.Transaction = Transaction;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        Connection.Dispose();
    }
}

internal static class SqliteCommandExtensions
{
    /// <summary>Sets a parameter's value, adding the parameter on first use (parameter objects are reused).</summary>
    public static void Set(this SqliteCommand command, string name, object? value)
    {
        var parameters = command.Parameters;
        var index = parameters.IndexOf(name);
        if (index >= 0)
        {
            parameters[index].Value = value ?? DBNull.Value;
        }
        else
        {
            parameters.AddWithValue(name, value ?? DBNull.Value);
        }
    }
}
