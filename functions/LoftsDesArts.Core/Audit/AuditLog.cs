using System.Globalization;
using LoftsDesArts.Core.Security;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Audit;

/// <summary>
/// One entry of the append-only audit log: staff actions on people, staff reads of personal data,
/// role changes and exports (DESIGN §3.10). Partitioned by building and month; entries are only
/// ever created, never replaced.
/// </summary>
public sealed record AuditEntry : Document
{
    public override string Type => "audit";

    /// <summary><c>{buildingId}:{yyyy-MM}</c>.</summary>
    public required string Partition { get; init; }

    public required string BuildingId { get; init; }

    public required DateTimeOffset At { get; init; }

    public required string ActorUserId { get; init; }

    /// <summary>Dotted verb: <c>registration.approved</c>, <c>residents.read</c>, <c>units.imported</c>.</summary>
    public required string Action { get; init; }

    public string? TargetType { get; init; }

    public string? TargetId { get; init; }

    /// <summary>Short facts (counts, the role granted); never a copy of the personal data read.</summary>
    public IReadOnlyDictionary<string, string>? Detail { get; init; }

    public static string PartitionFor(string buildingId, DateTimeOffset at) =>
        $"{buildingId}:{at.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture)}";
}

public sealed class AuditLog(IDocumentStore store, TimeProvider clock)
{
    public static readonly QuerySpec Month = new("audit-month", Containers.Audit, "audit", [], new QuerySort("at", Descending: true));

    public async Task WriteAsync(string buildingId, string actorUserId, string action, string? targetType = null, string? targetId = null, IReadOnlyDictionary<string, string>? detail = null, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var partition = AuditEntry.PartitionFor(buildingId, now);
        var entry = new AuditEntry
        {
            Id = StoreJson.Instant(now) + ":" + RandomTokens.Id(string.Empty)[..12],
            Partition = partition,
            BuildingId = buildingId,
            At = now,
            ActorUserId = actorUserId,
            Action = action,
            TargetType = targetType,
            TargetId = targetId,
            Detail = detail,
        };
        await store.CreateAsync(Containers.Audit, partition, entry.Id, entry, cancellationToken).ConfigureAwait(false);
    }

    public async Task<QueryPage<AuditEntry>> ReadMonthAsync(string buildingId, int year, int month, int maxItems, string? continuation, CancellationToken cancellationToken)
    {
        var partition = $"{buildingId}:{year:D4}-{month:D2}";
        return await store.QueryAsync<AuditEntry>(Month, partition, new QueryArgs(), maxItems, continuation, cancellationToken).ConfigureAwait(false);
    }
}
