namespace LoftsDesArts.Core.Storage;

/// <summary>
/// A container (Cosmos) or table (SQLite): its name and the JSON property that partitions it.
/// Every document written to it carries that property, and its value is the partition key.
/// </summary>
public sealed record ContainerSpec(string Name, string PartitionKeyProperty)
{
    /// <summary>The Cosmos partition key path, for example <c>/buildingId</c>.</summary>
    public string PartitionKeyPath => "/" + PartitionKeyProperty;

    /// <summary>
    /// Whether a document's <c>ttl</c> expires it (Cosmos <c>DefaultTimeToLive = -1</c>). Where it is off
    /// (the audit log), Cosmos would silently keep a document that asked to expire, so the Cosmos
    /// adapter refuses a <c>ttl</c> there.
    /// </summary>
    public bool PerItemTtl { get; init; } = true;
}

/// <summary>
/// The containers of the portal and why they are partitioned as they are (DESIGN §3.3).
/// </summary>
public static class Containers
{
    /// <summary>
    /// Everything that belongs to one building: the building, units, people, registrations,
    /// registration codes, packages, their events and notices. The desk list and a resident's list
    /// are single-partition queries, and a state change and its event commit in one batch.
    /// </summary>
    public static readonly ContainerSpec Buildings = new("buildings", "buildingId");

    /// <summary>Per account: profile, credentials, sessions, memberships as used by authorization, account events.</summary>
    public static readonly ContainerSpec Users = new("users", "userId");

    /// <summary>
    /// Keyed look-ups that must be unique or shared across instances: email → user, throttle counters,
    /// single-use tokens. Partitioned by id, so each is a point read.
    /// </summary>
    public static readonly ContainerSpec Lookups = new("lookups", "id");

    /// <summary>Append-only audit log, partitioned by building and month (<c>{buildingId}:{yyyy-MM}</c>).</summary>
    public static readonly ContainerSpec Audit = new("audit", "partition") { PerItemTtl = false };

    /// <summary>Change-feed cursors per handler and feed range, and dead letters.</summary>
    public static readonly ContainerSpec Leases = new("leases", "id");

    public static readonly IReadOnlyList<ContainerSpec> All = [Buildings, Users, Lookups, Audit, Leases];

    /// <summary>Containers whose change feed carries event documents that handlers react to.</summary>
    public static readonly IReadOnlyList<ContainerSpec> WithEvents = [Buildings, Users];
}
