using LoftsDesArts.Core.Storage;
using LoftsDesArts.Infrastructure.Local.Storage;
using Microsoft.Data.Sqlite;

namespace LoftsDesArts.Api.Tests.Authorization;

/// <summary>
/// Every row of the self-host's SQLite store as (container, partition key, id, etag), read directly from
/// the database file so that deletions show as well as writes. Left out, because they are written by
/// design whatever the outcome of a request or by background work: the throttling counters (a failed
/// attempt must count), and what the change-feed pump writes on its own (notices, its cursors and
/// heartbeat). Dead letters are kept in.
/// </summary>
public sealed class StoreSnapshot
{
    private static readonly HashSet<string> WrittenRegardless = ["counter", "notice", "pump-cursor", "pump-heartbeat"];

    private StoreSnapshot(IReadOnlySet<string> rows) => Rows = rows;

    public IReadOnlySet<string> Rows { get; }

    public static async Task<StoreSnapshot> TakeAsync(string dataFolder)
    {
        var rows = new HashSet<string>(StringComparer.Ordinal);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataFolder, LocalStorageOptions.DatabaseFileName),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        };
        await using var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync();
        foreach (var container in Containers.All)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT pk, id, etag, json_extract(body, '$.type') FROM \"{container.Name}\"";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var type = reader.IsDBNull(3) ? "" : reader.GetString(3);
                if (!WrittenRegardless.Contains(type))
                {
                    rows.Add($"{container.Name} | {reader.GetString(0)} | {reader.GetString(1)} | {reader.GetString(2)}");
                }
            }
        }

        return new StoreSnapshot(rows);
    }

    /// <summary>Rows added, changed (new etag) or removed since <paramref name="before"/>; empty when nothing was written.</summary>
    public IReadOnlyList<string> ChangesSince(StoreSnapshot before) =>
    [
        .. Rows.Except(before.Rows).Select(r => "+ " + r),
        .. before.Rows.Except(Rows).Select(r => "- " + r),
    ];
}
