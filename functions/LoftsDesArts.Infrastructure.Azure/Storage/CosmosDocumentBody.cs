using System.Buffers;
using System.Collections.Frozen;
using System.Text.Json;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Infrastructure.Azure.Storage;

/// <summary>
/// The JSON of documents going to and coming from Cosmos.
/// <para>
/// Writes: serialized and checked by <see cref="DocumentWrite"/>, as every adapter does, so the body is the
/// one the SQLite adapter stores byte for byte.
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

    /// <summary>Serializes and checks a document to write (<see cref="DocumentWrite"/>).</summary>
    public static byte[] Prepare(ContainerSpec container, string partitionKey, BatchOperationKind kind, string id, object? document, string? ifMatch) =>
        DocumentWrite.Prepare(container, partitionKey, kind, id, document, ifMatch).Utf8;

    public static void CheckId(ContainerSpec container, string id) => DocumentWrite.CheckId(container, id);

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
}
