using System.Text.Json.Serialization;

namespace LoftsDesArts.Core.Storage;

/// <summary>
/// Base of every stored document. <see cref="Type"/> tells document kinds apart within a container;
/// <see cref="Ttl"/> (seconds) expires a document, as Cosmos per-item TTL; <see cref="Deleted"/> marks
/// a soft delete that the change feed still shows to handlers.
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
}
