using System.Buffers;
using System.Text.Json;

namespace LoftsDesArts.Core.Storage;

/// <summary>
/// The one way every adapter serializes and checks a document it is asked to write: with
/// <see cref="StoreJson.Options"/> and the runtime type, as a JSON object whose <c>id</c> and partition
/// key property equal the call's arguments; a <c>ttl</c> a positive number of seconds or -1 (as Cosmos),
/// and only in a container with per-item TTL (Cosmos would silently keep the document); an id without
/// <c>/ \ ? #</c> (Cosmos refuses them, so the self-host refuses them too). A mismatch is a programming
/// error: <see cref="ArgumentException"/>.
/// </summary>
public static class DocumentWrite
{
    private static readonly SearchValues<char> ForbiddenIdCharacters = SearchValues.Create("/\\?#");

    /// <summary>The serialized body (empty for a delete) and its TTL in seconds when it expires.</summary>
    public static (byte[] Utf8, int? TtlSeconds) Prepare(ContainerSpec container, string partitionKey, BatchOperationKind kind, string id, object? document, string? ifMatch)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentException.ThrowIfNullOrEmpty(partitionKey);
        CheckId(container, id);
        if (kind == BatchOperationKind.Delete)
        {
            return ([], null);
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
        return (utf8, Check(container, partitionKey, id, utf8));
    }

    public static void CheckId(ContainerSpec container, string id)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (id.AsSpan().ContainsAny(ForbiddenIdCharacters))
        {
            throw new ArgumentException($"{container.Name}/{id}: a document id may not contain '/', '\\', '?' or '#'.", nameof(id));
        }
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
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var seconds) || seconds is 0 or < -1)
                {
                    throw new ArgumentException($"{container.Name}/{id}: ttl must be a positive number of seconds or -1.", nameof(utf8));
                }

                if (!container.PerItemTtl && seconds > 0)
                {
                    throw new ArgumentException($"{container.Name}/{id}: the {container.Name} container has no per-item TTL; a document there cannot expire.", nameof(utf8));
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
