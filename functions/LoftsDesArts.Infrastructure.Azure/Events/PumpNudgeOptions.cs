namespace LoftsDesArts.Infrastructure.Azure.Events;

/// <summary>
/// Where the pump nudge goes (configuration section <c>Storage</c>, set by the infrastructure as
/// <c>Storage__QueueServiceUri</c> and <c>Storage__PumpNudgeQueue</c>; the identity is <c>AZURE_CLIENT_ID</c>).
/// </summary>
public sealed class PumpNudgeOptions
{
    public const string SectionName = "Storage";

    public const string DefaultQueueName = "pump-nudge";

    /// <summary>The account's queue endpoint, reached with the managed identity (production).</summary>
    public Uri? QueueServiceUri { get; set; }

    /// <summary>A connection string instead (Azurite, local runs). Used when set.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Must match the queue trigger of <c>PumpFunctions</c>.</summary>
    public string PumpNudgeQueue { get; set; } = DefaultQueueName;

    /// <summary>At most one nudge per this interval: the first commit of a burst nudges at once, the rest once at the end.</summary>
    public TimeSpan CoalesceInterval { get; set; } = TimeSpan.FromSeconds(1);
}
