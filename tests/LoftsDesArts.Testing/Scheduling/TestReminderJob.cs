using LoftsDesArts.Core.Events;
using LoftsDesArts.Core.Scheduling;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Testing.Scheduling;

/// <summary>A reminder document for tests: due at <see cref="NextActionAt"/>, <see cref="Remaining"/> times, a day apart.</summary>
public sealed record TestReminder : Document
{
    public const string DocumentType = "test-reminder";

    public override string Type => DocumentType;

    public required string BuildingId { get; init; }

    public DateTimeOffset? NextActionAt { get; init; }

    public int Remaining { get; init; }
}

/// <summary>
/// The scheduler's test job (nothing in the portal needs a schedule yet): for each due reminder it writes a
/// <c>test.reminder.due</c> event and moves the reminder a day on, or clears it after the last time.
/// </summary>
public sealed class TestReminderJob(IReadOnlyList<string>? buildings = null, string? failOn = null) : ScheduledJob<TestReminder>
{
    public const string Kind = "test.reminder.due";

    public static readonly TimeSpan Every = TimeSpan.FromDays(1);

    /// <summary>Cross-partition: every building's due reminders.</summary>
    public static readonly QuerySpec Due = DueQueries.For("test-reminders.due", Containers.Buildings, TestReminder.DocumentType, crossPartition: true);

    /// <summary>Single-partition: one building's due reminders.</summary>
    public static readonly QuerySpec DueInBuilding = DueQueries.For("test-reminders.due-in-building", Containers.Buildings, TestReminder.DocumentType, crossPartition: false);

    public override string Name => "test-reminders";

    public override QuerySpec DueQuery => buildings is null ? Due : DueInBuilding;

    public static string EventId(string reminderId, DateTimeOffset at) => EventDocument.IdFor(reminderId, Kind, StoreJson.Instant(at));

    protected override Task<IReadOnlyList<string>> PartitionsAsync(IDocumentStore store, CancellationToken cancellationToken) =>
        Task.FromResult(buildings ?? throw new InvalidOperationException("cross-partition"));

    protected override ScheduledAction<TestReminder> Act(TestReminder due, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(due);
        if (due.Id == failOn)
        {
            throw new InvalidOperationException("this reminder is broken");
        }

        var at = due.NextActionAt!.Value;
        var evt = EventDocument.ForBuilding(due.BuildingId, due.Id, Kind, at, suffix: StoreJson.Instant(at));
        var next = due with
        {
            Remaining = due.Remaining - 1,
            NextActionAt = due.Remaining > 1 ? at + Every : null,
        };
        return new ScheduledAction<TestReminder>(next, [evt]);
    }
}
