namespace LoftsDesArts.Core.Events;

/// <summary>How the change-feed pump drains, retries and reports. The hosts set the values that differ.</summary>
public sealed class PumpOptions
{
    /// <summary>Changes read per page; the cursor is saved after each page.</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>Attempts per event before it is set aside as a dead letter.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Wait after the first failed attempt, doubled after each further one. Zero: retry at once.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How long a claimed cursor stays ours without renewal. Another instance takes it over after that,
    /// so it must outlast one page of handling; the pump renews it halfway through.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Names this pump on the cursors it claims. Each pump instance must have its own.</summary>
    public string InstanceId { get; set; } = Guid.NewGuid().ToString("N");

    /// <summary>The readiness check fails when the last completed drain is older than this.</summary>
    public TimeSpan ReadyWithin { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Also record the heartbeat in the store, so every instance's readiness sees the drains of whichever
    /// instance runs the timer (Azure); written at most every <see cref="SharedHeartbeatInterval"/>.
    /// </summary>
    public bool SharedHeartbeat { get; set; }

    public TimeSpan SharedHeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Dead letters expire after this long (they hold ids and an error, no personal data).</summary>
    public TimeSpan DeadLetterRetention { get; set; } = TimeSpan.FromDays(90);
}
