using System.Text.Json;
using System.Text.Json.Serialization;

namespace LoftsDesArts.Core.Storage;

public enum ImportJobStatus
{
    /// <summary>Items are being written with the <c>staged</c> marker; nothing is visible to queries.</summary>
    Staging,

    /// <summary>The job decided to commit: the marker is being removed, batch by batch. Recovery finishes this.</summary>
    Committing,

    Committed,

    /// <summary>Staging failed or was abandoned; staged items were deleted.</summary>
    Failed,
}

/// <summary>
/// The state of one import job, in the partition it imports into. <see cref="ItemIds"/> lists every
/// item it writes, so commit and clean-up are point reads, never a query over staged documents.
/// </summary>
public sealed record ImportJobDocument : Document
{
    public const string DocumentType = "import-job";

    public override string Type => DocumentType;

    /// <summary>What is imported, for the people reading the job (for example <c>units</c>).</summary>
    public required string Kind { get; init; }

    public required ImportJobStatus Status { get; init; }

    public required IReadOnlyList<string> ItemIds { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Why the job failed: <c>staging</c> (a write was refused) or <c>abandoned</c>.</summary>
    public string? Failure { get; init; }

    /// <summary>The id of the item whose write failed, when known.</summary>
    public string? FailedItemId { get; init; }

    /// <summary>
    /// The container's partition key property (for example <c>buildingId</c>): the job is generic over
    /// containers, so the property is carried as extension data rather than a typed member.
    /// </summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? PartitionProperties { get; init; }

    public string PartitionKeyIn(ContainerSpec container) =>
        PartitionProperties is not null
        && PartitionProperties.TryGetValue(container.PartitionKeyProperty, out var value)
        && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new InvalidOperationException($"Import job {Id} carries no {container.PartitionKeyProperty}.");
}
