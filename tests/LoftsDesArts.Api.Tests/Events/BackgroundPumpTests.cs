using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LoftsDesArts.Api.Tests.Support;
using LoftsDesArts.Core.Events;
using LoftsDesArts.Core.Storage;
using LoftsDesArts.Infrastructure.Local.Storage;
using LoftsDesArts.Testing.Events;
using LoftsDesArts.Testing.Scheduling;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace LoftsDesArts.Api.Tests.Events;

/// <summary>
/// The self-host's background work in the running host. Its clock is fake and never moves unless a test
/// moves it, so anything that happens without that was not the safety-net interval. Each test has its own host.
/// </summary>
public sealed class BackgroundPumpTests
{
    /// <summary>Only guards against a hang; nothing here is timed.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task BackgroundPump_EventWrittenThroughTheStore_HandledWithoutTheSafetyNet()
    {
        using var factory = new PumpPortalFactory();
        var store = factory.Store;
        var evt = EventDocument.ForBuilding("b-1", "pkg-1", "package.arrived", factory.Clock.GetUtcNow());

        await store.CreateAsync(Containers.Buildings, "b-1", evt.Id, evt, default);
        var handled = await factory.Handler.WaitForAsync(evt.Id, HangGuard);

        Assert.Equal(evt, handled);
        Assert.Equal(PumpPortalFactory.Start, factory.Clock.GetUtcNow());
    }

    [Fact]
    public async Task Scheduler_FakeClockAdvancedInsideTheHost_DueReminderBecomesAHandledEvent()
    {
        using var factory = new PumpPortalFactory();
        var store = factory.Store;
        var at = factory.Clock.GetUtcNow() + TimeSpan.FromHours(1);
        var reminder = new TestReminder { Id = "reminder-1", BuildingId = "b-1", NextActionAt = at, Remaining = 1 };
        await store.CreateAsync(Containers.Buildings, "b-1", reminder.Id, reminder, default);
        var eventId = TestReminderJob.EventId(reminder.Id, at);

        factory.Clock.Advance(TimeSpan.FromHours(1));
        var handled = await factory.Handler.WaitForAsync(eventId, HangGuard);

        Assert.Equal(TestReminderJob.Kind, handled.Kind);
        Assert.Null((await store.ReadAsync<TestReminder>(Containers.Buildings, "b-1", reminder.Id, default))!.Value.NextActionAt);
    }

    [Fact]
    public async Task Purge_AnHourPassesOnTheFakeClock_ExpiredDocumentsDeletedFromTheFile()
    {
        using var factory = new PumpPortalFactory();
        var store = factory.Store;
        using var metrics = new MeterCapture(factory.Metrics.Meter);
        var note = new JsonObject { ["id"] = "note-1", ["type"] = "note", ["buildingId"] = "b-1", ["ttl"] = 60 };
        await store.CreateAsync(Containers.Buildings, "b-1", "note-1", note, default);

        factory.Clock.Advance(TimeSpan.FromHours(1));
        var purge = await metrics.WaitForAsync(m => m.Instrument == "lda.store.purged" && m.Value >= 1, HangGuard);

        Assert.Equal(1, purge.Value);
        Assert.Equal(0, CountRows(factory, "buildings", "note-1"));
    }

    [Fact]
    public async Task GetReadiness_RightAfterStart_PumpCheckReady()
    {
        using var factory = new PumpPortalFactory();
        using var client = factory.CreateClient();

        var response = await client.GetAsync(new Uri("/api/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ready", body.GetProperty("status").GetString());
        Assert.True(body.GetProperty("checks").GetProperty("pump").GetProperty("ready").GetBoolean());
    }

    private static long CountRows(PumpPortalFactory factory, string table, string id)
    {
        var path = factory.Services.GetRequiredService<SqliteDocumentStore>().DatabasePath;
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\" WHERE id = @id";
        command.Parameters.AddWithValue("@id", id);
        return (long)command.ExecuteScalar()!;
    }
}
