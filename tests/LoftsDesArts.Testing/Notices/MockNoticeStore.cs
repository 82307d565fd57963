using System.Collections;
using System.Text.Json;
using LoftsDesArts.Core.Notices;
using LoftsDesArts.Core.Storage;
using Moq;

namespace LoftsDesArts.Testing.Notices;

/// <summary>
/// A Moq'd <see cref="IDocumentStore"/> for notices with Cosmos semantics where the dispatcher relies on
/// them: create conflicts, ETag compare-and-swap, partition key taken from the document, named queries
/// evaluated over the stored JSON (so fixed-width instants must compare as time). Every call yields
/// first, so concurrent dispatchers interleave. Calls it was not set up for fail (strict mock).
/// </summary>
public sealed class MockNoticeStore
{
    private readonly object _gate = new();
    private readonly Dictionary<(string Container, string Pk, string Id), (string Json, string ETag)> _documents = [];
    private long _version;

    public MockNoticeStore()
    {
        Mock.Setup(s => s.CreateAsync(It.IsAny<ContainerSpec>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<NoticeDocument>(), It.IsAny<CancellationToken>()))
            .Returns(async (ContainerSpec container, string pk, string id, NoticeDocument document, CancellationToken _) =>
            {
                await Task.Yield();
                lock (_gate)
                {
                    CheckPartition(container, pk, id, document);
                    if (_documents.ContainsKey((container.Name, pk, id)))
                    {
                        throw new StoreException(StoreFailure.Conflict, $"{id} exists");
                    }

                    return Write(container, pk, id, document);
                }
            });

        Mock.Setup(s => s.ReplaceAsync(It.IsAny<ContainerSpec>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<NoticeDocument>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns(async (ContainerSpec container, string pk, string id, NoticeDocument document, string ifMatch, CancellationToken _) =>
            {
                await Task.Yield();
                lock (_gate)
                {
                    CheckPartition(container, pk, id, document);
                    if (!_documents.TryGetValue((container.Name, pk, id), out var current))
                    {
                        throw new StoreException(StoreFailure.NotFound, $"{id} missing");
                    }

                    if (current.ETag != ifMatch)
                    {
                        throw new StoreException(StoreFailure.PreconditionFailed, $"{id} changed");
                    }

                    return Write(container, pk, id, document);
                }
            });

        Mock.Setup(s => s.ReadAsync<NoticeDocument>(It.IsAny<ContainerSpec>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns(async (ContainerSpec container, string pk, string id, CancellationToken _) =>
            {
                await Task.Yield();
                lock (_gate)
                {
                    return _documents.TryGetValue((container.Name, pk, id), out var current)
                        ? new Stored<NoticeDocument>(Deserialize(current.Json), current.ETag)
                        : null;
                }
            });

        Mock.Setup(s => s.QueryAsync<NoticeDocument>(It.IsAny<QuerySpec>(), It.IsAny<string?>(), It.IsAny<QueryArgs>(), It.IsAny<int>(), null, It.IsAny<CancellationToken>()))
            .Returns(async (QuerySpec spec, string? pk, QueryArgs args, int maxItems, string? _, CancellationToken _) =>
            {
                await Task.Yield();
                lock (_gate)
                {
                    return new QueryPage<NoticeDocument>(Query(spec, pk, args).Take(maxItems).ToList(), null);
                }
            });
    }

    public Mock<IDocumentStore> Mock { get; } = new(MockBehavior.Strict);

    public IDocumentStore Store => Mock.Object;

    public NoticeDocument Get(ContainerSpec container, string pk, string id)
    {
        lock (_gate)
        {
            return Deserialize(_documents[(container.Name, pk, id)].Json);
        }
    }

    public string RawJson(ContainerSpec container, string pk, string id)
    {
        lock (_gate)
        {
            return _documents[(container.Name, pk, id)].Json;
        }
    }

    public IReadOnlyList<NoticeDocument> All()
    {
        lock (_gate)
        {
            return _documents.Values.Select(d => Deserialize(d.Json)).ToList();
        }
    }

    /// <summary>Puts a document as another process would have left it.</summary>
    public void Seed(ContainerSpec container, NoticeDocument document)
    {
        lock (_gate)
        {
            Write(container, document.PartitionKey, document.Id, document);
        }
    }

    private static NoticeDocument Deserialize(string json) => JsonSerializer.Deserialize<NoticeDocument>(json, StoreJson.Options)!;

    private static void CheckPartition(ContainerSpec container, string pk, string id, NoticeDocument document)
    {
        var property = container == Containers.Buildings ? document.BuildingId : container == Containers.Users ? document.UserId : null;
        if (property != pk || document.Id != id)
        {
            throw new InvalidOperationException($"{id}: partition key {pk} does not match the document's {container.PartitionKeyProperty} ({property}).");
        }
    }

    private Stored<NoticeDocument> Write(ContainerSpec container, string pk, string id, NoticeDocument document)
    {
        var json = JsonSerializer.Serialize(document, StoreJson.Options);
        var etag = $"\"{++_version}\"";
        _documents[(container.Name, pk, id)] = (json, etag);
        return new Stored<NoticeDocument>(Deserialize(json), etag);
    }

    private IEnumerable<Stored<NoticeDocument>> Query(QuerySpec spec, string? pk, QueryArgs args)
    {
        if (spec.CrossPartition != (pk is null))
        {
            throw new InvalidOperationException($"{spec.Name}: partition key {(pk is null ? "missing" : "given to a cross-partition query")}.");
        }

        var rows = _documents
            .Where(d => d.Key.Container == spec.Container.Name && (pk is null || d.Key.Pk == pk))
            .Select(d => (Body: JsonDocument.Parse(d.Value.Json).RootElement, d.Value.Json, d.Value.ETag, d.Key.Id))
            .Where(r => Text(r.Body, "type") == spec.DocumentType)
            .Where(r => spec.Filters.All(f => Matches(Text(r.Body, f.Path), f, args[f.Parameter])));
        if (spec.OrderBy is { } order)
        {
            rows = order.Descending
                ? rows.OrderByDescending(r => Text(r.Body, order.Path), StringComparer.Ordinal)
                : rows.OrderBy(r => Text(r.Body, order.Path), StringComparer.Ordinal);
        }

        return rows.Select(r => new Stored<NoticeDocument>(Deserialize(r.Json), r.ETag)).ToList();
    }

    private static string? Text(JsonElement body, string path) =>
        body.TryGetProperty(path, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool Matches(string? value, QueryFilter filter, object? arg)
    {
        if (value is null)
        {
            return false;
        }

        return filter.Operator switch
        {
            FilterOperator.Equal => value == (string?)arg,
            FilterOperator.In => ((IEnumerable)arg!).Cast<string>().Contains(value),
            FilterOperator.LessThanOrEqual => string.CompareOrdinal(value, (string?)arg) <= 0,
            FilterOperator.LessThan => string.CompareOrdinal(value, (string?)arg) < 0,
            FilterOperator.GreaterThan => string.CompareOrdinal(value, (string?)arg) > 0,
            FilterOperator.GreaterThanOrEqual => string.CompareOrdinal(value, (string?)arg) >= 0,
            _ => throw new InvalidOperationException($"Operator {filter.Operator} is not used by notice queries."),
        };
    }
}
