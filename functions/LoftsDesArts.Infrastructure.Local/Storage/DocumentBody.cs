using System.Text;
using System.Text.Json;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Infrastructure.Local.Storage;

/// <summary>One write, serialized and checked before the writer lock is taken.</summary>
internal readonly record struct PreparedWrite(BatchOperationKind Kind, string Id, string? Body, int? TtlSeconds, string? IfMatch);

/// <summary>
/// Serializes a document the one way every adapter does (<see cref="StoreJson.Options"/>, runtime
/// type) and checks that it says what the call says: its <c>id</c> and partition key property must
/// equal the arguments. A mismatch is a programming error, so it is an <see cref="ArgumentException"/>.
/// </summary>
internal static class DocumentBody
{
    public static PreparedWrite Prepare(ContainerSpec container, string partitionKey, BatchOperationKind kind, string id, object? document, string? ifMatch)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (kind == BatchOperationKind.Delete)
        {
            return new PreparedWrite(kind, id, null, null, ifMatch);
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
        var ttl = Check(container, partitionKey, id, utf8);
        return new PreparedWrite(kind, id, Encoding.UTF8.GetString(utf8), ttl, ifMatch);
    }

    /// <summary>Reads the top-level <c>id</c>, partition key and <c>ttl</c>; returns the TTL in seconds if the document expires.</summary>
    private static int? Check(ContainerSpec container, string partitionKey, string id, ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new ArgumentException($"{container.Name}/{id}: a document must serialize to a JSON object.", nameof(utf8));
        }

        string? bodyId = null;
        string? bodyPartitionKey = null;
        int? ttl = null;
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
                // As Cosmos: a positive number of seconds, or -1 for "never"; anything else is refused.
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var seconds) || seconds is 0 or < -1)
                {
                    throw new ArgumentException($"{container.Name}/{id}: ttl must be a positive number of seconds or -1.", nameof(utf8));
                }

                ttl = seconds > 0 ? seconds : null;
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

        return ttl;
    }
}
