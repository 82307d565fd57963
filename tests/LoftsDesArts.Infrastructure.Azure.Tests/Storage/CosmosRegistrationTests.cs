using LoftsDesArts.Core.Operations;
using LoftsDesArts.Core.Storage;
using LoftsDesArts.Infrastructure.Azure.Storage;
using LoftsDesArts.Testing.Emulators;
using LoftsDesArts.Testing.Storage;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LoftsDesArts.Infrastructure.Azure.Tests.Storage;

/// <summary><c>AddCosmosDocumentStore</c>: the configuration keys the infrastructure sets, validation, and a host that starts against the emulator.</summary>
public sealed class CosmosRegistrationTests(CosmosEmulatorFixture emulator) : IClassFixture<CosmosEmulatorFixture>
{
    [Fact]
    public void AddCosmosDocumentStore_InfrastructureSettings_BindAndRegisterStoreInitializerAndReadiness()
    {
        // The names main.bicep gives the Functions app (CosmosDb__accountEndpoint, CosmosDb__databaseName).
        using var services = Services(new()
        {
            ["CosmosDb:accountEndpoint"] = "https://lda-cosmos.documents.azure.com:443/",
            ["CosmosDb:databaseName"] = "lofts-prod",
            ["AZURE_CLIENT_ID"] = "00000000-0000-0000-0000-000000000001",
        });

        var options = services.GetRequiredService<IOptions<CosmosDbOptions>>().Value;
        var client = services.GetRequiredService<CosmosClient>();

        Assert.Equal("lofts-prod", services.GetRequiredService<CosmosDocumentStore>().DatabaseName);
        Assert.Same(services.GetRequiredService<CosmosDocumentStore>(), services.GetRequiredService<IDocumentStore>());
        Assert.False(options.CreateContainers); // As in Azure: the Bicep creates the containers.
        Assert.Equal(ConnectionMode.Direct, options.ConnectionMode);
        Assert.False(options.AcceptAnyServerCertificate);
        Assert.Null(options.Key);
        Assert.Equal(new Uri("https://lda-cosmos.documents.azure.com:443/"), client.Endpoint);
        Assert.Contains(services.GetServices<IHostedService>(), s => s is CosmosStoreInitializer);
        Assert.Contains(services.GetServices<IReadinessCheck>(), c => c is StoreReadinessCheck);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("http://lda-cosmos.documents.azure.com/")]
    [InlineData("not a uri")]
    public void AddCosmosDocumentStore_NoHttpsEndpoint_OptionsValidationFails(string? endpoint)
    {
        using var services = Services(new() { ["CosmosDb:accountEndpoint"] = endpoint });

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<CosmosDbOptions>>().Value);

        Assert.Contains("CosmosDb:AccountEndpoint", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_AgainstTheEmulatorWithTestSettings_StartsCreatesContainersAndServes()
    {
        var database = CosmosStores.NewDatabaseName();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CosmosDb:AccountEndpoint"] = emulator.Endpoint.ToString(),
            ["CosmosDb:DatabaseName"] = database,
            ["CosmosDb:Key"] = CosmosEmulatorFixture.Key,
            ["CosmosDb:CreateContainers"] = "true",
            ["CosmosDb:ConnectionMode"] = "Gateway",
            ["CosmosDb:LimitToEndpoint"] = "true",
            ["CosmosDb:AcceptAnyServerCertificate"] = "true",
        });
        builder.Services.AddCosmosDocumentStore(builder.Configuration);
        using var host = builder.Build();

        await host.StartAsync();
        try
        {
            var store = host.Services.GetRequiredService<IDocumentStore>();
            var created = await store.CreateAsync(Containers.Buildings, "b1", "a", new ContractItem { Id = "a", BuildingId = "b1", Name = "Zoé" }, CancellationToken.None);
            var read = await store.ReadAsync<ContractItem>(Containers.Buildings, "b1", "a", CancellationToken.None);

            Assert.Equal("Zoé", read!.Value.Name);
            Assert.Equal(created.ETag, read.ETag);
            var leases = await host.Services.GetRequiredService<CosmosClient>().GetContainer(database, Containers.Leases.Name).ReadContainerAsync();
            Assert.Equal("/id", leases.Resource.PartitionKeyPath);
        }
        finally
        {
            await host.Services.GetRequiredService<CosmosClient>().GetDatabase(database).DeleteAsync();
            await host.StopAsync();
        }
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCosmosDocumentStore(configuration);
        return services.BuildServiceProvider();
    }
}
