using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

// Bench:Database, Bench:Pk and Bench:Id (configuration, e.g. --Bench:Database=/tmp/x/portal.db) name the row
// GET /row reads: SELECT body FROM users WHERE pk = @pk AND id = @id. Without them only GET / is useful.
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

app.MapGet("/", () => Results.Text("ok"));

var database = app.Configuration["Bench:Database"];
if (!string.IsNullOrEmpty(database))
{
    var rows = new RowReader(database, app.Configuration["Bench:Pk"] ?? string.Empty, app.Configuration["Bench:Id"] ?? string.Empty);
    app.Lifetime.ApplicationStopping.Register(rows.Dispose);
    app.MapGet("/row", async (HttpContext context) =>
    {
        var body = await rows.ReadAsync(context.RequestAborted);
        if (body is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    });
}

await app.RunAsync();

/// <summary>
/// As many read connections as the self-host's reader pool (2 per core, 4 to 32), each with its statement
/// prepared once; a caller beyond that waits asynchronously for a free one.
/// </summary>
internal sealed class RowReader : IDisposable
{
    private readonly ConcurrentBag<(SqliteConnection Connection, SqliteCommand Command)> _idle = [];
    private readonly SemaphoreSlim _slots;
    private readonly string _database;
    private readonly string _pk;
    private readonly string _id;
    private readonly List<SqliteConnection> _all = [];

    public RowReader(string database, string pk, string id)
    {
        _database = database;
        _pk = pk;
        _id = id;
        var size = Math.Clamp(Environment.ProcessorCount * 2, 4, 32);
        _slots = new SemaphoreSlim(size, size);
    }

    public async ValueTask<byte[]?> ReadAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        var lease = _idle.TryTake(out var idle) ? idle : Open();
        try
        {
            using var reader = lease.Command.ExecuteReader();
            return reader.Read() ? reader.GetFieldValue<byte[]>(0) : null;
        }
        finally
        {
            _idle.Add(lease);
            _slots.Release();
        }
    }

    private (SqliteConnection Connection, SqliteCommand Command) Open()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = _database,
            Mode = SqliteOpenMode.ReadOnly,
            Cache = SqliteCacheMode.Private,
            Pooling = false,
        }.ToString());
        connection.Open();
        var command = connection.CreateCommand();
        command.CommandText = "SELECT body FROM users WHERE pk = @pk AND id = @id";
        command.Parameters.AddWithValue("@pk", _pk);
        command.Parameters.AddWithValue("@id", _id);
        command.Prepare();
        lock (_all)
        {
            _all.Add(connection);
        }

        return (connection, command);
    }

    public void Dispose()
    {
        lock (_all)
        {
            foreach (var connection in _all)
            {
                connection.Dispose();
            }
        }
    }
}
