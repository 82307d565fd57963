using System.Net;
using System.Reflection;
using System.Text;
using LoftsDesArts.Core.Storage;
using LoftsDesArts.Infrastructure.Azure.Storage;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace LoftsDesArts.Infrastructure.Azure.Tests.Storage;

/// <summary>A <see cref="CosmosDocumentStore"/> over a mocked SDK: a <see cref="CosmosClient"/> whose containers are <see cref="Mock{Container}"/>s.</summary>
internal sealed class CosmosMocks
{
    public const string Database = "db";

    private readonly Dictionary<string, Mock<Container>> _containers = new(StringComparer.Ordinal);

    public CosmosMocks(bool createContainers = false, params IChangeSignal[] signals)
    {
        Client.Setup(c => c.GetContainer(Database, It.IsAny<string>())).Returns((string _, string name) => Container(name).Object);
        Client.Setup(c => c.GetDatabase(Database)).Returns(DatabaseMock.Object);
        DatabaseMock.Setup(d => d.GetContainer(It.IsAny<string>())).Returns((string name) => Container(name).Object);
        Options = new CosmosDbOptions { AccountEndpoint = "https://example.documents.azure.com:443/", DatabaseName = Database, CreateContainers = createContainers };
        Store = new CosmosDocumentStore(Client.Object, Microsoft.Extensions.Options.Options.Create(Options), signals, NullLogger<CosmosDocumentStore>.Instance);
    }

    public Mock<CosmosClient> Client { get; } = new(MockBehavior.Strict);

    public Mock<Database> DatabaseMock { get; } = new(MockBehavior.Strict);

    public CosmosDbOptions Options { get; }

    public CosmosDocumentStore Store { get; }

    public Mock<Container> Buildings => Container(Containers.Buildings.Name);

    /// <summary>Strict: a call the test did not set up fails it, so "Cosmos was not called" is checked by construction.</summary>
    public Mock<Container> Container(string name)
    {
        if (!_containers.TryGetValue(name, out var mock))
        {
            _containers[name] = mock = new Mock<Container>(MockBehavior.Strict);
            mock.SetupGet(c => c.Id).Returns(name);
        }

        return mock;
    }

    /// <summary>A response as the SDK builds it: status, optional JSON content, headers.</summary>
    public static ResponseMessage Response(HttpStatusCode status, string? json = null, params (string Name, string Value)[] headers)
    {
        var response = new ResponseMessage(status, null, status is >= HttpStatusCode.BadRequest ? $"Cosmos {(int)status}" : null);
        if (json is not null)
        {
            response.Content = new MemoryStream(Encoding.UTF8.GetBytes(json));
        }

        foreach (var (name, value) in headers)
        {
            response.Headers.Add(name, value);
        }

        return response;
    }

    /// <summary>A feed page (query or change feed) with the given documents and continuation.</summary>
    public static ResponseMessage Page(string? continuation, params string[] documents)
    {
        var headers = continuation is null ? [] : new[] { ("x-ms-continuation", continuation) };
        return Response(HttpStatusCode.OK, $"{{\"_rid\":\"r\",\"Documents\":[{string.Join(',', documents)}],\"_count\":{documents.Length}}}", headers);
    }

    /// <summary>A stored item as Cosmos returns it, with system properties.</summary>
    public static string Item(string buildingId, string id, string etag, string extra = "") =>
        $"{{\"id\":\"{id}\",\"type\":\"contract-item\",\"buildingId\":\"{buildingId}\"{extra},\"_rid\":\"x\",\"_self\":\"dbs/x/colls/y/docs/z/\",\"_etag\":{System.Text.Json.JsonSerializer.Serialize(etag)},\"_attachments\":\"attachments/\",\"_ts\":1700000000,\"_lsn\":12}}";

    /// <summary>An iterator that answers one page.</summary>
    public static FeedIterator Iterator(ResponseMessage page)
    {
        var iterator = new Mock<FeedIterator>();
        iterator.SetupGet(i => i.HasMoreResults).Returns(true);
        iterator.Setup(i => i.ReadNextAsync(It.IsAny<CancellationToken>())).ReturnsAsync(page);
        return iterator.Object;
    }

    /// <summary>A non-public property of an SDK object (what a ChangeFeedStartFrom starts from).</summary>
    public static object? Internal(object target, string property) =>
        target.GetType().GetProperty(property, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)?.GetValue(target);
}
