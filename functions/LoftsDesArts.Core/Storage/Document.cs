using System.Text.Json.Serialization;

namespace LoftsDesArts.Core.Storage;

/// <summary>
/// Base of every stored document. <see cref="Type"/> tells document kinds apart within a container;
/// <see cref="Ttl"/> (seconds) expires a document, as Cosmos per-item TTL; <see cref="Deleted"/> marks
/// a soft delete that the change feed still shows to handlers; <see cref="Staged"/> marks a document
/// written by an import job that has not committed yet (queries skip it, point reads return it).
/// </summary>
public abstract record Document
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("type")]
    public abstract string Type { get; }

    [JsonPropertyName("ttl")]
    public int? Ttl { get; init; }

    [JsonPropertyName("deleted")]
    public bool? Deleted { get; init; }

    /// <summary>
    /// The id of the import job that wrote this document, until the job commits (see
    /// <see cref="ImportJobRunner"/>). Named queries never return a staged document; a point read does,
    /// so a caller that reads by id and must not see uncommitted imports checks this.
    /// </summary>
    [JsonPropertyName("staged")]
    public string? Staged { get; init; }
}
