using LoftsDesArts.Core.Storage;
using LoftsDesArts.Infrastructure.Azure.Storage;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LoftsDesArts.Infrastructure.Azure.Tests.Storage;

/// <summary>A Cosmos store on its own throwaway database, with the client it owns.</summary>
internal sealed class OwnedCosmosStore(CosmosDocumentStore store, CosmosClient client, string databaseName) : IAsyncDisposable
{
    public CosmosDocumentStore Store { get; } = store;

    public CosmosClient Client { get; } = client;

    public string DatabaseName { get; } = databaseName;

    /// <summary>Deletes the database (if it was created) and disposes the client.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await Client.GetDatabase(DatabaseName).DeleteAsync();
        }
        catch (CosmosException ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // Never created.
        }
        finally
        {
            Client.Dispose();
        }
    }
}

internal static class CosmosStores
{
    /// <summary>A database name no other test uses.</summary>
    public static string NewDatabaseName() => "lda-test-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A store on the emulator, creating its containers, in Gateway mode, accepting the self-signed certificate.</summary>
    public static OwnedCosmosStore OnEmulator(Uri endpoint, string key, params IChangeSignal[] signals) => Create(new CosmosDbOptions
    {
        AccountEndpoint = endpoint.ToString(),
        Key = key,
        DatabaseName = NewDatabaseName(),
        CreateContainers = true,
        ConnectionMode = ConnectionMode.Gateway,
        LimitToEndpoint = true,
        AcceptAnyServerCertificate = true,
    }, signals);

    public static OwnedCosmosStore Create(CosmosDbOptions options, params IChangeSignal[] signals)
    {
        var client = options.CreateClient();
        var store = new CosmosDocumentStore(client, Options.Create(options), signals, NullLogger<CosmosDocumentStore>.Instance);
        return new OwnedCosmosStore(store, client, options.DatabaseName);
    }
}
