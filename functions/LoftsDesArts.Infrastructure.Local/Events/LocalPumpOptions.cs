namespace LoftsDesArts.Infrastructure.Local.Events;

/// <summary>How often the self-host's background work runs when nothing wakes it. Intervals run on the injected clock.</summary>
public sealed class LocalPumpOptions
{
    /// <summary>The pump drains at least this often even without a wake-up (a commit from another process, a missed signal).</summary>
    public TimeSpan SafetyNetInterval { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan SchedulerInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Expired documents are hidden from reads at once and deleted by this periodic purge.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);
}
