using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using LoftsDesArts.Core.Events;
using LoftsDesArts.Core.Storage;
using LoftsDesArts.Infrastructure.Azure.Events;
using LoftsDesArts.Infrastructure.Local.Storage;
using LoftsDesArts.Testing.Emulators;
using LoftsDesArts.Testing.Events;
using LoftsDesArts.Testing.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LoftsDesArts.Infrastructure.Azure.Tests.Events;

/// <summary>
/// The pump nudge against Azurite, raised by real commits of the SQLite store (the Cosmos adapter raises the
/// same signal). The coalescing interval runs on a fake clock, so message counts are exact, not timed.
/// </summary>
public sealed class QueueNudgeSignalTests(AzuriteFixture azurite, TempFolder folder) : IClassFixture<AzuriteFixture>, IClassFixture<TempFolder>
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 6, 2, 14, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task NotifyCommitted_AfterACommit_Base64MessageTheQueueTriggerCanDecode()
    {
        using var metrics = new PumpMetrics();
        using var capture = new MeterCapture(metrics.Meter);
        var queueName = NewQueueName();
        var signal = NewSignal(queueName, metrics);
        using var store = await NewStoreAsync(signal);

        await store.CreateAsync(Containers.Buildings, "b-1", "pkg-1:package.arrived", EventDocument.ForBuilding("b-1", "pkg-1", "package.arrived", _clock.GetUtcNow()), default);
        await capture.WaitForAsync(Sent, HangGuard);

        var message = Assert.Single(await ReceiveRawAsync(queueName));
        // The Functions queue trigger base64-decodes the message text before calling PumpFunctions.RunNudgeAsync.
        var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(message.MessageText));
        using var json = JsonDocument.Parse(decoded);
        Assert.Equal("buildings", json.RootElement.GetProperty("container").GetString());
        Assert.Equal(StoreJson.Instant(_clock.GetUtcNow()), json.RootElement.GetProperty("at").GetString());
    }

    [Fact]
    public async Task NotifyCommitted_BurstOf100Commits_OneMessageAtOnceAndOneAfterTheInterval()
    {
        using var metrics = new PumpMetrics();
        using var capture = new MeterCapture(metrics.Meter);
        var queueName = NewQueueName();
        var signal = NewSignal(queueName, metrics);
        using var store = await NewStoreAsync(signal);

        for (var i = 0; i < 100; i++)
        {
            var evt = EventDocument.ForBuilding("b-1", $"pkg-{i}", "package.arrived", _clock.GetUtcNow());
            await store.CreateAsync(Containers.Buildings, "b-1", evt.Id, evt, default);
        }

        await capture.WaitForCountAsync(Sent, 1, HangGuard);
        _clock.Advance(Interval);
        await capture.WaitForCountAsync(Sent, 2, HangGuard);
        _clock.Advance(Interval); // Nothing came during the second interval: the signal goes quiet.

        Assert.Equal(2, (await ReceiveRawAsync(queueName)).Count);
        Assert.Equal(2, capture.Of("lda.pump.nudges").Count);

        // Quiet again: the next commit nudges at once.
        var next = EventDocument.ForBuilding("b-1", "pkg-100", "package.arrived", _clock.GetUtcNow());
        await store.CreateAsync(Containers.Buildings, "b-1", next.Id, next, default);
        await capture.WaitForCountAsync(Sent, 3, HangGuard);
        Assert.Single(await ReceiveRawAsync(queueName));
    }

    [Fact]
    public async Task NotifyCommitted_CommitsOutsideEventContainers_NoMessage()
    {
        using var metrics = new PumpMetrics();
        using var capture = new MeterCapture(metrics.Meter);
        var queueName = NewQueueName();
        var signal = NewSignal(queueName, metrics);
        using var store = await NewStoreAsync(signal);

        await store.CreateAsync(Containers.Leases, "cursor:x", "cursor:x", new System.Text.Json.Nodes.JsonObject { ["id"] = "cursor:x", ["type"] = "pump-cursor" }, default);
        await store.CreateAsync(Containers.Lookups, "email:a", "email:a", new System.Text.Json.Nodes.JsonObject { ["id"] = "email:a", ["type"] = "lookup" }, default);
        var evt = EventDocument.ForBuilding("b-1", "pkg-1", "package.arrived", _clock.GetUtcNow());
        await store.CreateAsync(Containers.Buildings, "b-1", evt.Id, evt, default);
        await capture.WaitForAsync(Sent, HangGuard);

        var message = Assert.Single(await ReceiveRawAsync(queueName));
        Assert.Contains("buildings", Encoding.UTF8.GetString(Convert.FromBase64String(message.MessageText)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotifyCommitted_QueueUnreachable_CommitSucceedsAndTheFailureIsCounted()
    {
        using var metrics = new PumpMetrics();
        using var capture = new MeterCapture(metrics.Meter);
        var unreachable = new PumpNudgeOptions
        {
            // Nothing listens on port 9 (discard) on loopback: the connection is refused at once.
            ConnectionString = $"DefaultEndpointsProtocol=http;AccountName={AzuriteFixture.AccountName};AccountKey={AzuriteFixture.AccountKey};QueueEndpoint=http://127.0.0.1:9/{AzuriteFixture.AccountName};",
        };
        var signal = new QueueNudgeSignal(
            AzureEventPumpServiceCollectionExtensions.CreateQueueClient(unreachable, null), Interval, metrics, _clock, NullLogger<QueueNudgeSignal>.Instance);
        using var store = await NewStoreAsync(signal);
        var evt = EventDocument.ForBuilding("b-1", "pkg-1", "package.arrived", _clock.GetUtcNow());

        var stored = await store.CreateAsync(Containers.Buildings, "b-1", evt.Id, evt, default);
        var failed = await capture.WaitForAsync(m => m.Instrument == "lda.pump.nudges", HangGuard);

        Assert.NotEmpty(stored.ETag);
        Assert.Equal("failed", failed.Tag("outcome"));
        Assert.NotNull(await store.ReadAsync<EventDocument>(Containers.Buildings, "b-1", evt.Id, default));
    }

    private static bool Sent(CapturedMeasurement m) => m.Instrument == "lda.pump.nudges" && m.Tag("outcome") == "sent";

    private static string NewQueueName() => "pump-nudge-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The production client (base64, pinned service version) on Azurite; the queue is created on the first 404.</summary>
    private QueueNudgeSignal NewSignal(string queueName, PumpMetrics metrics) => new(
        AzureEventPumpServiceCollectionExtensions.CreateQueueClient(new PumpNudgeOptions { ConnectionString = azurite.ConnectionString, PumpNudgeQueue = queueName }, null),
        Interval,
        metrics,
        _clock,
        NullLogger<QueueNudgeSignal>.Instance);

    /// <summary>Reads (and removes) what is in the queue as raw text, the way the queue trigger receives it before decoding.</summary>
    private async Task<IReadOnlyList<QueueMessage>> ReceiveRawAsync(string queueName)
    {
        var raw = new QueueClient(azurite.ConnectionString, queueName, new QueueClientOptions(QueueClientOptions.ServiceVersion.V2026_06_06) { MessageEncoding = QueueMessageEncoding.None });
        var messages = (await raw.ReceiveMessagesAsync(maxMessages: 32)).Value;
        foreach (var message in messages)
        {
            await raw.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }

        return messages;
    }

    private async Task<SqliteDocumentStore> NewStoreAsync(QueueNudgeSignal signal)
    {
        var store = new SqliteDocumentStore(
            Options.Create(new LocalStorageOptions { DataFolder = folder.NewSubfolder() }), _clock, [signal], NullLogger<SqliteDocumentStore>.Instance);
        await store.InitializeAsync(NamedQueries.All, default);
        return store;
    }
}
