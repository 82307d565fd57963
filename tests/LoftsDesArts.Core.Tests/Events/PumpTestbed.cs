using LoftsDesArts.Core.Events;
using LoftsDesArts.Core.Storage;
using LoftsDesArts.Infrastructure.Local.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LoftsDesArts.Core.Tests.Events;

/// <summary>
/// A real SQLite store on its own file, a fake clock, and pumps built over it the way the hosts build them
/// (one <see cref="PumpMetrics"/> per pump, so each test listens to its own).
/// </summary>
internal sealed class PumpTestbed : IDisposable
{
    public static readonly DateTimeOffset Start = new(2025, 6, 2, 14, 0, 0, TimeSpan.Zero);

    private readonly List<IDisposable> _owned = [];

    private PumpTestbed(SqliteDocumentStore store, FakeTimeProvider clock)
    {
        Store = store;
        Clock = clock;
        _owned.Add(store);
    }

    public SqliteDocumentStore Store { get; }

    public FakeTimeProvider Clock { get; }

    public static async Task<PumpTestbed> CreateAsync(string folder, params QuerySpec[] extraQueries)
    {
        var clock = new FakeTimeProvider(Start);
        var store = new SqliteDocumentStore(
            Options.Create(new LocalStorageOptions { DataFolder = folder }), clock, [], NullLogger<SqliteDocumentStore>.Instance);
        await store.InitializeAsync([.. NamedQueries.All, .. extraQueries], CancellationToken.None);
        return new PumpTestbed(store, clock);
    }

    /// <summary>Retries without waiting, so no test needs to move the clock for a backoff.</summary>
    public static PumpOptions FastOptions(int pageSize = 100) => new() { PageSize = pageSize, RetryDelay = TimeSpan.Zero };

    public Pump NewPump(IEnumerable<IFeedHandler> handlers, PumpOptions? options = null)
    {
        options ??= FastOptions();
        var metrics = new PumpMetrics();
        _owned.Add(metrics);
        var handlerList = handlers.ToList();
        var invoker = new FeedHandlerInvoker(options, metrics, Clock, NullLogger<FeedHandlerInvoker>.Instance);
        var deadLetters = new DeadLetters(Store, handlerList, invoker, options, metrics, Clock, NullLogger<DeadLetters>.Instance);
        var heartbeat = new PumpHeartbeat();
        var pump = new ChangeFeedPump(Store, handlerList, invoker, deadLetters, options, metrics, heartbeat, Clock, NullLogger<ChangeFeedPump>.Instance);
        return new Pump(pump, deadLetters, metrics, heartbeat, options);
    }

    /// <summary>Writes an event the way a request does: its own document in its partition.</summary>
    public async Task<EventDocument> WriteEventAsync(string buildingId, string subjectId, string kind, TimeSpan? age = null)
    {
        var evt = EventDocument.ForBuilding(buildingId, subjectId, kind, Clock.GetUtcNow() - (age ?? TimeSpan.Zero));
        await Store.CreateAsync(Containers.Buildings, buildingId, evt.Id, evt, CancellationToken.None);
        return evt;
    }

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }

    public sealed record Pump(ChangeFeedPump Feed, DeadLetters DeadLetters, PumpMetrics Metrics, PumpHeartbeat Heartbeat, PumpOptions Options)
    {
        public Task<DrainReport> DrainAsync(CancellationToken cancellationToken = default) => Feed.DrainAsync(cancellationToken);
    }
}

/// <summary>A document that is not an event, in the buildings container: the pump must skip it.</summary>
internal sealed record NoteDocument : Document
{
    public override string Type => "note";

    public required string BuildingId { get; init; }

    public string? Text { get; init; }
}
