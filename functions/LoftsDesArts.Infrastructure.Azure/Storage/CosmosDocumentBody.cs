using System.Buffers;
using System.Collections.Frozen;
using System.Text.Json;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Infrastructure.Azure.Storage;

/// <summary>
/// The JSON of documents going to and coming from Cosmos.
/// <para>
/// Writes: serialized once with <see cref="StoreJson.Options"/> (runtime type), so the body is the one the
/// SQLite adapter stores byte for byte, and checked as the SQLite adapter checks it (a JSON object whose
/// <c>id</c> and partition key property equal the arguments, <c>ttl</c> a positive number of seconds or
/// -1). Cosmos adds two rules of its own: an id may not contain <c>/ \ ? #</c>, and a <c>ttl</c> in a
/// container without per-item TTL would be ignored, so it is refused.
/// </para>
/// <para>
/// Reads: Cosmos adds system properties (<c>_rid</c>, <c>_self</c>, <c>_etag</c>, <c>_attachments</c>,
/// <c>_ts</c>, and <c>_lsn</c> in the change feed); they are removed, so a document reads back as it was
/// written and a raw read-modify-write does not carry them along.
/// </para>
/// </summary>
internal static class CosmosDocumentBody
{
    public static readonly FrozenSet<string> SystemProperties =
        new[] { "_rid", "_self", "_etag", "_attachments", "_ts", "_lsn" }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly SearchValues<char> ForbiddenIdCharacters = SearchValues.Create("/\\?#");

    /// <summary>Serializes and checks a document to write; a mismatch is a programming error (<see cref="ArgumentException"/>).</summary>
    public static byte[] Prepare(ContainerSpec container, string partitionKey, BatchOperationKind kind, string id, object? document, string? ifMatch)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentException.ThrowIfNullOrEmpty(partitionKey);
        CheckId(container, id);
        if (kind == BatchOperationKind.Delete)
        {
            return [];
        }

        if (document is null)
        {
            throw new ArgumentException($"{kind} of {container.Name}/{id} has no document.", nameof(document));
        }

        if (kind == BatchOperationKind.Replace && ifMatch is null)
        {
            throw new ArgumentException($"Replace of {container.Name}/{id} needs an ETag.", nameof(ifMatch));
        }

        var utf8 = JsonSerializer.SerializeToUtf8Bytes(document, document.GetType(), StoreJson.Options);
        Check(container, partitionKey, id, utf8);
        return utf8;
    }

    public static void CheckId(ContainerSpec container, string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (id.AsSpan().ContainsAny(ForbiddenIdCharacters))
        {
            throw new ArgumentException($"{container.Name}/{id}: a Cosmos id may not contain '/', '\\', '?' or '#'.", nameof(id));
        }
    }

    /// <summary>One stored item, without the system properties, and its ETag.</summary>
    public static (byte[] Body, string ETag) Strip(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidOperationException("Cosmos returned an item that is not a JSON object.");
        }

        string? etag = null;
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in item.EnumerateObject())
            {
                if (property.NameEquals("_etag"))
                {
                    etag = property.Value.GetString();
                }

                if (!SystemProperties.Contains(property.Name))
                {
                    property.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        return (buffer.WrittenSpan.ToArray(), etag ?? throw new InvalidOperationException("Cosmos returned an item without _etag."));
    }

    public static T Deserialize<T>(ReadOnlySpan<byte> utf8, string id) =>
        JsonSerializer.Deserialize<T>(utf8, StoreJson.Options) ?? throw new InvalidOperationException($"Document {id} deserialized to null.");

    private static void Check(ContainerSpec container, string partitionKey, string id, ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new ArgumentException($"{container.Name}/{id}: a document must serialize to a JSON object.", nameof(utf8));
        }

        string? bodyId = null;
        string? bodyPartitionKey = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            if (name == "id" && reader.TokenType == JsonTokenType.String)
            {
                bodyId = reader.GetString();
            }

            if (name == container.PartitionKeyProperty && reader.TokenType == JsonTokenType.String)
            {
                bodyPartitionKey = reader.GetString();
            }

            if (name == "ttl")
            {
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var seconds) || seconds is 0 or < -1)
                {
                    throw new ArgumentException($"{container.Name}/{id}: ttl must be a positive number of seconds or -1.", nameof(utf8));
                }

                if (!container.PerItemTtl && seconds > 0)
                {
                    throw new ArgumentException($"{container.Name}/{id}: the {container.Name} container has no per-item TTL; Cosmos would keep the document that asks to expire.", nameof(utf8));
                }
            }

            reader.Skip();
        }

        if (bodyId != id)
        {
            throw new ArgumentException($"{container.Name}/{id}: the document's id is '{bodyId}'.", nameof(id));
        }

        if (bodyPartitionKey != partitionKey)
        {
            throw new ArgumentException(
                $"{container.Name}/{id}: the document's {container.PartitionKeyProperty} is '{bodyPartitionKey}', not the partition key '{partitionKey}'.",
                nameof(partitionKey));
        }
    }
}
