using Azure.Core;
using Azure.Identity;
using LoftsDesArts.Core.Storage;
using Microsoft.Azure.Cosmos;

namespace LoftsDesArts.Infrastructure.Azure.Storage;

/// <summary>
/// The Cosmos DB document store (configuration section <c>CosmosDb</c>). In Azure the infrastructure sets
/// <c>CosmosDb__accountEndpoint</c> and <c>CosmosDb__databaseName</c>, and the Functions identity
/// (<c>AZURE_CLIENT_ID</c>) has data-plane rights only: the account has local (key) auth disabled and the
/// Bicep creates the database and containers, so <see cref="CreateContainers"/> stays false there.
/// </summary>
public sealed class CosmosDbOptions
{
    public const string SectionName = "CosmosDb";

    /// <summary>The account endpoint, for example <c>https://lda-cosmos.documents.azure.com:443/</c>.</summary>
    public string? AccountEndpoint { get; set; }

    public string DatabaseName { get; set; } = "lofts";

    /// <summary>
    /// An account key, for an emulator or a test account only. Without it the store authenticates with
    /// Entra ID: the user-assigned identity named by <see cref="ManagedIdentityClientId"/> (or
    /// <c>AZURE_CLIENT_ID</c>), else the default credential chain.
    /// </summary>
    public string? Key { get; set; }

    /// <summary>The client id of a user-assigned managed identity; empty: <c>AZURE_CLIENT_ID</c>, then the default chain.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>
    /// Create the database and the containers (with the indexing policy of the named queries) if missing,
    /// and update an existing container's policy. False (the default, as in Azure): only check that the
    /// containers exist with the composite indexes and TTL the queries need, and fail start-up if not.
    /// </summary>
    public bool CreateContainers { get; set; }

    /// <summary>Direct (TCP, the default) or Gateway (HTTPS only; emulators, restricted networks).</summary>
    public ConnectionMode ConnectionMode { get; set; } = ConnectionMode.Direct;

    /// <summary>Talk to the endpoint only, never to the regional endpoints it advertises (emulators).</summary>
    public bool LimitToEndpoint { get; set; }

    /// <summary>Accept any server certificate: only ever set by tests, for an emulator's self-signed certificate.</summary>
    public bool AcceptAnyServerCertificate { get; set; }

    /// <summary>What is wrong with these options, or null.</summary>
    public string? Problem()
    {
        if (!Uri.TryCreate(AccountEndpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme != Uri.UriSchemeHttps)
        {
            return "CosmosDb:AccountEndpoint must be the account's https endpoint.";
        }

        if (string.IsNullOrWhiteSpace(DatabaseName))
        {
            return "CosmosDb:DatabaseName is required.";
        }

        return null;
    }

    /// <summary>
    /// The SDK client for these options: System.Text.Json with <see cref="StoreJson.Options"/> for
    /// anything the SDK itself serializes (query parameters); items go through the stream APIs.
    /// </summary>
    public CosmosClient CreateClient(TokenCredential? credential = null, string? azureClientId = null)
    {
        if (Problem() is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        var options = new CosmosClientOptions
        {
            ApplicationName = "LoftsDesArts",
            ConnectionMode = ConnectionMode,
            LimitToEndpoint = LimitToEndpoint,
            UseSystemTextJsonSerializerWithOptions = StoreJson.Options,
        };
        if (AcceptAnyServerCertificate)
        {
            options.ServerCertificateCustomValidationCallback = static (_, _, _) => true;
        }

        if (!string.IsNullOrEmpty(Key))
        {
            return new CosmosClient(AccountEndpoint, Key, options);
        }

        credential ??= (ManagedIdentityClientId is { Length: > 0 } ? ManagedIdentityClientId : azureClientId) is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential();
        return new CosmosClient(AccountEndpoint, credential, options);
    }
}
