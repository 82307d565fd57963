using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using LoftsDesArts.Core.Storage;
using LoftsDesArts.Infrastructure.Azure.Storage;
using LoftsDesArts.Testing.Emulators;
using LoftsDesArts.Testing.Storage;
using Microsoft.Azure.Cosmos;

namespace LoftsDesArts.Infrastructure.Azure.Tests.Storage;

/// <summary>What the Cosmos adapter does against a server (cosmosdb-server) beyond the contract: the stored JSON, container set-up and checks, the emulator's 500 kept an error.</summary>
public sealed class CosmosEmulatorStoreTests(CosmosEmulatorFixture emulator) : IClassFixture<CosmosEmulatorFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly ContainerSpec Buildings = Containers.Buildings;

    [Fact]
    public async Task ReadAsync_MissingItemOnEmulator_ThrowsCosmosException500NotNull()
    {
        await using var owned = await NewStoreAsync();

        // cosmosdb-server answers 500 for a missing item. The adapter must not take that for "not found".
        var ex = await Assert.ThrowsAsync<CosmosException>(() => owned.Store.ReadAsync<ContractItem>(Buildings, "b1", "missing", None));

        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
    }

    [Fact]
    public async Task Create_StoredBody_IsTheStoreJsonOfTheDocumentPlusSystemProperties()
    {
        await using var owned = await NewStoreAsync();
        var item = new ContractItem
        {
            Id = "a",
            BuildingId = "b1",
            Name = "Zoé",
            Rank = 3,
            At = new DateTimeOffset(2025, 11, 2, 1, 30, 5, 7, TimeSpan.FromHours(-4)),
            Color = ContractColor.DeepBlue,
            Ttl = 3600,
        };

        await owned.Store.CreateAsync(Buildings, "b1", "a", item, None);
        using var raw = await owned.Client.GetContainer(owned.DatabaseName, Buildings.Name).ReadItemStreamAsync("a", new PartitionKey("b1"));
        var stored = (await JsonNode.ParseAsync(raw.Content))!.AsObject();

        // What Cosmos added, and nothing else: the rest is byte-for-byte the SQLite adapter's body.
        Assert.Contains("_etag", stored.Select(p => p.Key));
        Assert.Contains("_ts", stored.Select(p => p.Key));
        foreach (var system in CosmosSystemProperties)
        {
            stored.Remove(system);
        }

        Assert.Equal(JsonSerializer.Serialize(item, StoreJson.Options), stored.ToJsonString());
        Assert.Equal("2025-11-02T05:30:05.007Z", stored["at"]!.GetValue<string>());
        Assert.Equal("deepBlue", stored["color"]!.GetValue<string>());
    }

    [Fact]
    public async Task ReadAsync_AsJsonObject_HasNoSystemPropertiesAndRoundTrips()
    {
        await using var owned = await NewStoreAsync();
        var created = await owned.Store.CreateAsync(Buildings, "b1", "a", new ContractItem { Id = "a", BuildingId = "b1", Staged = "job-1" }, None);

        var read = await owned.Store.ReadAsync<JsonObject>(Buildings, "b1", "a", None);
        read!.Value.Remove("staged");
        var replaced = await owned.Store.ReplaceAsync(Buildings, "b1", "a", read.Value, read.ETag, None);

        Assert.Equal(created.ETag, read.ETag);
        Assert.DoesNotContain(read.Value.Select(p => p.Key), name => name.StartsWith('_'));
        Assert.Null((await owned.Store.ReadAsync<ContractItem>(Buildings, "b1", "a", None))!.Value.Staged);
        Assert.NotEqual(created.ETag, replaced.ETag);
    }

    [Fact]
    public async Task Initialize_WithoutCreateContainers_AcceptsContainersThatServeTheQueries()
    {
        await using var owned = await NewStoreAsync();
        var checking = CheckingStore(owned);

        await checking.InitializeAsync(ContractQueries.All, None);

        Assert.NotNull(await checking.CreateAsync(Buildings, "b1", "a", new ContractItem { Id = "a", BuildingId = "b1" }, None));
    }

    [Fact]
    public async Task Initialize_WithoutCreateContainers_QueryWithoutItsCompositeIndex_Throws()
    {
        await using var owned = await NewStoreAsync();
        var checking = CheckingStore(owned);
        var unindexed = new QuerySpec("unindexed", Buildings, ContractItem.DocumentType, [new("status", FilterOperator.Equal, "status")], new QuerySort("name"));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => checking.InitializeAsync([.. ContractQueries.All, unindexed], None));

        Assert.Contains("buildings: composite index (/type, /status, /name, /id)", ex.Message, StringComparison.Ordinal);
        Assert.Contains(CosmosIndexing.IndexFile, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Initialize_WithoutCreateContainers_MissingContainers_ThrowsNamingThem()
    {
        await using var owned = CosmosStores.OnEmulator(emulator.Endpoint, CosmosEmulatorFixture.Key);
        await owned.Client.CreateDatabaseIfNotExistsAsync(owned.DatabaseName);
        var checking = CheckingStore(owned);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => checking.InitializeAsync(NamedQueries.All, None));

        foreach (var container in Containers.All)
        {
            Assert.Contains($"{container.Name}: the container does not exist", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Initialize_CreateContainers_PartitionKeyAndTtlOfEveryContainer()
    {
        await using var owned = await NewStoreAsync();

        foreach (var spec in Containers.All)
        {
            var properties = (await owned.Client.GetContainer(owned.DatabaseName, spec.Name).ReadContainerAsync()).Resource;
            Assert.Equal(spec.PartitionKeyPath, properties.PartitionKeyPath);
            Assert.Equal(spec.PerItemTtl ? -1 : null, properties.DefaultTimeToLive);
        }
    }

    [Fact]
    public async Task ChangeSignal_AfterEachSuccessfulWrite_Raised()
    {
        var signal = new RecordingSignal();
        await using var owned = CosmosStores.OnEmulator(emulator.Endpoint, CosmosEmulatorFixture.Key, signal);
        await owned.Store.InitializeAsync(ContractQueries.All, None);

        var created = await owned.Store.CreateAsync(Buildings, "b1", "a", new ContractItem { Id = "a", BuildingId = "b1" }, None);
        await Assert.ThrowsAsync<StoreException>(() => owned.Store.CreateAsync(Buildings, "b1", "a", new ContractItem { Id = "a", BuildingId = "b1" }, None));
        await owned.Store.DeleteAsync(Buildings, "b1", "a", created.ETag, None);

        Assert.Equal(["buildings", "buildings"], signal.Containers);
    }

    private static readonly string[] CosmosSystemProperties = ["_rid", "_self", "_etag", "_attachments", "_ts"];

    private async Task<OwnedCosmosStore> NewStoreAsync()
    {
        var owned = CosmosStores.OnEmulator(emulator.Endpoint, CosmosEmulatorFixture.Key);
        await owned.Store.InitializeAsync(ContractQueries.All, None);
        return owned;
    }

    /// <summary>A second store on the same database that only checks the containers, as in Azure.</summary>
    private CosmosDocumentStore CheckingStore(OwnedCosmosStore owned) => new(
        owned.Client,
        Microsoft.Extensions.Options.Options.Create(new CosmosDbOptions { AccountEndpoint = emulator.Endpoint.ToString(), DatabaseName = owned.DatabaseName, CreateContainers = false }),
        [],
        Microsoft.Extensions.Logging.Abstractions.NullLogger<CosmosDocumentStore>.Instance);

    private sealed class RecordingSignal : IChangeSignal
    {
        public List<string> Containers { get; } = [];

        public void NotifyCommitted(ContainerSpec container) => Containers.Add(container.Name);
    }
}
