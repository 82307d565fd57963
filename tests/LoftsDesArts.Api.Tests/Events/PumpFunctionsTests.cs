extern alias functions;

using functions::LoftsDesArts.Functions.Events;
using LoftsDesArts.Core.Events;
using LoftsDesArts.Core.Scheduling;
using LoftsDesArts.Core.Storage;
using LoftsDesArts.Infrastructure.Local;
using LoftsDesArts.Infrastructure.Local.Storage;
using LoftsDesArts.Testing.Events;
using LoftsDesArts.Testing.Scheduling;
using LoftsDesArts.Testing.Support;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace LoftsDesArts.Api.Tests.Events;

/// <summary>
/// The Functions app's pump triggers as plain classes (no Functions host here), over the SQLite store and a
/// fake clock: the same drain and scheduler the Cosmos store will feed in Azure.
/// </summary>
public sealed class PumpFunctionsTests(TempFolder folder) : IClassFixture<TempFolder>
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 6, 2, 14, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task RunNudgeAsync_AfterACommit_DrainsTheFeedOnce()
    {
        await using var services = await ServicesAsync(new RecordingFeedHandler("mail", Containers.Buildings));
        var functions = Functions(services);
        var handler = (RecordingFeedHandler)services.GetRequiredService<IFeedHandler>();
        var evt = EventDocument.ForBuilding("b-1", "pkg-1", "package.arrived", _clock.GetUtcNow());
        await services.GetRequiredService<IDocumentStore>().CreateAsync(Containers.Buildings, "b-1", evt.Id, evt, default);

        await functions.RunNudgeAsync("""{"container":"buildings"}""", default);
        await functions.RunNudgeAsync("""{"container":"buildings"}""", default);

        Assert.Equal([evt.Id], handler.HandledIds);
    }

    [Fact]
    public async Task RunTimerAsync_ReminderDueOnTheFakeClock_SchedulerWritesTheEventAndTheSameRunHandlesIt()
    {
        await using var services = await ServicesAsync(new RecordingFeedHandler("mail", Containers.Buildings));
        var functions = Functions(services);
        var handler = (RecordingFeedHandler)services.GetRequiredService<IFeedHandler>();
        var at = _clock.GetUtcNow() + TimeSpan.FromMinutes(10);
        var reminder = new TestReminder { Id = "reminder-1", BuildingId = "b-1", NextActionAt = at, Remaining = 1 };
        await services.GetRequiredService<IDocumentStore>().CreateAsync(Containers.Buildings, "b-1", reminder.Id, reminder, default);

        await functions.RunTimerAsync(new TimerInfo(), default);
        var beforeDue = handler.HandledIds;
        _clock.Advance(TimeSpan.FromMinutes(10));
        await functions.RunTimerAsync(new TimerInfo(), default);

        Assert.Empty(beforeDue);
        Assert.Equal([TestReminderJob.EventId(reminder.Id, at)], handler.HandledIds);
        Assert.NotNull(services.GetRequiredService<PumpHeartbeat>().LastDrainAt);
    }

    [Fact]
    public async Task RunNudgeAsync_StoreFails_DoesNotThrowAndBeatsNoHeartbeat()
    {
        await using var services = await ServicesAsync(new RecordingFeedHandler("mail", Containers.Buildings));
        var functions = Functions(services);
        services.GetRequiredService<SqliteDocumentStore>().Dispose();

        await functions.RunNudgeAsync("{}", default);

        Assert.Null(services.GetRequiredService<PumpHeartbeat>().LastDrainAt);
    }

    private static PumpFunctions Functions(IServiceProvider services) => new(
        services.GetRequiredService<ChangeFeedPump>(),
        services.GetRequiredService<Scheduler>(),
        services.GetRequiredService<ILogger<PumpFunctions>>());

    private async Task<ServiceProvider> ServicesAsync(IFeedHandler handler)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataFolder"] = folder.NewSubfolder() })
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddSingleton<TimeProvider>(_clock)
            .AddLocalDocumentStore(configuration)
            .AddEventPump(o => o.RetryDelay = TimeSpan.Zero)
            .AddSingleton(handler)
            .AddSingleton<IScheduledJob>(new TestReminderJob())
            .BuildServiceProvider();
        await services.GetRequiredService<SqliteDocumentStore>().InitializeAsync(NamedQueries.All, default);
        return services;
    }
}
