using System.Text.Json;

namespace LoftsDesArts.Core.Storage;

/// <summary>A changed document as the feed delivers it: its latest version.</summary>
public sealed record ChangedDocument(string PartitionKey, string Id, string ETag, JsonElement Body)
{
    public string? Type => Body.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;

    public T Deserialize<T>() => Body.Deserialize<T>(StoreJson.Options)
        ?? throw new InvalidOperationException($"Document {Id} deserialized to null.");
}

/// <summary>
/// One read of the change feed. <see cref="Continuation"/> is the cursor to store once the items are
/// handled; it equals the input when nothing changed.
/// </summary>
public sealed record ChangePage(IReadOnlyList<ChangedDocument> Items, string? Continuation);
