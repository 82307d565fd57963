using System.Text.Json;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Events;

/// <summary>
/// An immutable fact written in the same transactional batch as the state change it describes
/// (DESIGN §3.4). Its id is deterministic (<c>{subjectId}:{kind}</c>, plus a suffix where a subject
/// has the same kind more than once), so a retried request cannot write it twice.
/// Exactly one of <see cref="BuildingId"/> and <see cref="UserId"/> is set: the partition key of the
/// container it lives in. Change-feed handlers read only these documents.
/// </summary>
public sealed record EventDocument : Document
{
    public const string DocumentType = "event";

    public override string Type => DocumentType;

    public string? BuildingId { get; init; }

    public string? UserId { get; init; }

    /// <summary>Dotted kind, feature first: <c>registration.submitted</c>, <c>package.arrived</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The id of the document the event is about.</summary>
    public required string SubjectId { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>Ids and small facts a handler needs; never a copy of personal data it can read itself.</summary>
    public IReadOnlyDictionary<string, string>? Data { get; init; }

    public static string IdFor(string subjectId, string kind, string? suffix = null) =>
        suffix is null ? $"{subjectId}:{kind}" : $"{subjectId}:{kind}:{suffix}";

    public string PartitionKey => BuildingId ?? UserId ?? throw new InvalidOperationException($"Event {Id} has no partition key.");

    public static EventDocument ForBuilding(string buildingId, string subjectId, string kind, DateTimeOffset at, IReadOnlyDictionary<string, string>? data = null, string? suffix = null) => new()
    {
        Id = IdFor(subjectId, kind, suffix),
        BuildingId = buildingId,
        Kind = kind,
        SubjectId = subjectId,
        OccurredAt = at,
        Data = data,
    };

    public static EventDocument ForUser(string userId, string subjectId, string kind, DateTimeOffset at, IReadOnlyDictionary<string, string>? data = null, string? suffix = null) => new()
    {
        Id = IdFor(subjectId, kind, suffix),
        UserId = userId,
        Kind = kind,
        SubjectId = subjectId,
        OccurredAt = at,
        Data = data,
    };

    public string? Get(string key) => Data is not null && Data.TryGetValue(key, out var value) ? value : null;

    public static bool IsEvent(JsonElement body) =>
        body.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == DocumentType;
}
