using LoftsDesArts.Core.Events;
using LoftsDesArts.Core.Scheduling;
using LoftsDesArts.Core.Storage;
using LoftsDesArts.Core.Tests.Events;
using LoftsDesArts.Testing.Events;
using LoftsDesArts.Testing.Scheduling;
using LoftsDesArts.Testing.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace LoftsDesArts.Core.Tests.Scheduling;

public sealed class SchedulerTests(TempFolder folder) : IClassFixture<TempFolder>
{
    private static readonly ContainerSpec Buildings = Containers.Buildings;

    [Fact]
    public async Task RunDueAsync_BeforeAndAfterNextActionAt_ActsOnlyOnceTheFakeClockPassesIt()
    {
        using var bed = await PumpTestbed.CreateAsync(folder.NewSubfolder(), TestReminderJob.Due);
        var at = bed.Clock.GetUtcNow() + TimeSpan.FromHours(2);
        await WriteReminderAsync(bed, "b-1", "reminder-1", at, remaining: 2);
        var scheduler = NewScheduler(bed, new TestReminderJob());

        var early = await scheduler.RunDueAsync(default);
        bed.Clock.Advance(TimeSpan.FromHours(2));
        var due = await scheduler.RunDueAsync(default);
        var again = await scheduler.RunDueAsync(default);

        Assert.Equal(0, Assert.Single(early).Acted);
        Assert.Equal(1, Assert.Single(due).Acted);
        Assert.Equal(0, Assert.Single(again).Acted);
        var reminder = (await bed.Store.ReadAsync<TestReminder>(Buildings, "b-1", "reminder-1", default))!.Value;
        Assert.Equal(at + TestReminderJob.Every, reminder.NextActionAt);
        Assert.Equal(1, reminder.Remaining);
        var evt = await bed.Store.ReadAsync<EventDocument>(Buildings, "b-1", TestReminderJob.EventId("reminder-1", at), default);
        Assert.Equal((TestReminderJob.Kind, "reminder-1", at), (evt!.Value.Kind, evt.Value.SubjectId, evt.Value.OccurredAt));
    }

    [Fact]
    public async Task RunDueAsync_LastOccurrence_ClearsNextActionAtSoItIsNeverDueAgain()
    {
        using var bed = await PumpTestbed.CreateAsync(folder.NewSubfolder(), TestReminderJob.Due);
        await WriteReminderAsync(bed, "b-1", "reminder-1", bed.Clock.GetUtcNow(), remaining: 1);
        var scheduler = NewScheduler(bed, new TestReminderJob());

        await scheduler.RunDueAsync(default);
        bed.Clock.Advance(TimeSpan.FromDays(30));
        var later = await scheduler.RunDueAsync(default);

        Assert.Equal(0, Assert.Single(later).Acted);
        Assert.Null((await bed.Store.ReadAsync<TestReminder>(Buildings, "b-1", "reminder-1", default))!.Value.NextActionAt);
    }

    [Fact]
    public async Task RunDueAsync_TwoSchedulersAtOnce_EachOccurrenceWrittenOnce()
    {
        using var bed = await PumpTestbed.CreateAsync(folder.NewSubfolder(), TestReminderJob.Due);
        var now = bed.Clock.GetUtcNow();
        for (var i = 0; i < 40; i++)
        {
            await WriteReminderAsync(bed, i % 2 == 0 ? "b-1" : "b-2", $"reminder-{i:00}", now - TimeSpan.FromMinutes(i), remaining: 1);
        }

        var first = NewScheduler(bed, new TestReminderJob());
        var second = NewScheduler(bed, new TestReminderJob());

        var runs = await Task.WhenAll(Task.Run(() => first.RunDueAsync(default)), Task.Run(() => second.RunDueAsync(default)));

        Assert.Equal(40, runs.Sum(r => Assert.Single(r).Acted));
        var handler = new RecordingFeedHandler("count", Buildings);
        await bed.NewPump([handler]).DrainAsync();
        Assert.Equal(40, handler.HandledIds.Count);
        Assert.Equal(40, handler.HandledIds.Distinct().Count());
    }

    [Fact]
    public async Task RunDueAsync_SinglePartitionJob_LooksOnlyInTheBuildingsItNames()
    {
        using var bed = await PumpTestbed.CreateAsync(folder.NewSubfolder(), TestReminderJob.DueInBuilding);
        var now = bed.Clock.GetUtcNow();
        await WriteReminderAsync(bed, "b-1", "reminder-1", now, remaining: 1);
        await WriteReminderAsync(bed, "b-2", "reminder-2", now, remaining: 1);
        var scheduler = NewScheduler(bed, new TestReminderJob(buildings: ["b-2"]));

        var run = Assert.Single(await scheduler.RunDueAsync(default));

        Assert.Equal(1, run.Acted);
        Assert.NotNull((await bed.Store.ReadAsync<TestReminder>(Buildings, "b-1", "reminder-1", default))!.Value.NextActionAt);
        Assert.Null((await bed.Store.ReadAsync<TestReminder>(Buildings, "b-2", "reminder-2", default))!.Value.NextActionAt);
    }

    [Fact]
    public async Task RunDueAsync_JobFailsOnOneDocument_OthersActedAndItStaysDue()
    {
        using var bed = await PumpTestbed.CreateAsync(folder.NewSubfolder(), TestReminderJob.Due);
        var now = bed.Clock.GetUtcNow();
        await WriteReminderAsync(bed, "b-1", "reminder-1", now - TimeSpan.FromMinutes(2), remaining: 1);
        await WriteReminderAsync(bed, "b-1", "reminder-2", now - TimeSpan.FromMinutes(1), remaining: 1);
        var pump = bed.NewPump([]);
        using var metrics = new MeterCapture(pump.Metrics.Meter);
        var scheduler = new Scheduler(bed.Store, [new TestReminderJob(failOn: "reminder-1")], pump.Metrics, bed.Clock, NullLogger<Scheduler>.Instance);

        var run = Assert.Single(await scheduler.RunDueAsync(default));

        Assert.Equal(1, run.Acted);
        Assert.Equal("reminder-1", Assert.Single(run.Failures).DocumentId);
        Assert.NotNull((await bed.Store.ReadAsync<TestReminder>(Buildings, "b-1", "reminder-1", default))!.Value.NextActionAt);
        Assert.Equal(["acted", "failed"], metrics.Of("lda.scheduler.actions").Select(m => m.Tag("outcome")).Order(StringComparer.Ordinal));
    }

    private static Scheduler NewScheduler(PumpTestbed bed, IScheduledJob job) =>
        new(bed.Store, [job], bed.NewPump([]).Metrics, bed.Clock, NullLogger<Scheduler>.Instance);

    private static Task WriteReminderAsync(PumpTestbed bed, string buildingId, string id, DateTimeOffset at, int remaining) =>
        bed.Store.CreateAsync(Buildings, buildingId, id, new TestReminder { Id = id, BuildingId = buildingId, NextActionAt = at, Remaining = remaining }, default);
}
