using LoftsDesArts.Core.Storage;
using LoftsDesArts.Infrastructure.Azure.Storage;
using LoftsDesArts.Testing.Storage;
using Microsoft.Azure.Cosmos;
using Xunit.Abstractions;

namespace LoftsDesArts.Infrastructure.Azure.Tests.Storage;

/// <summary>
/// The whole document-store contract, unchanged, against a real Cosmos DB account — only when asked:
/// <c>COSMOS_ENDPOINT</c> names the account, with <c>COSMOS_KEY</c> (a test account with keys enabled) or,
/// without it, Entra credentials from the default chain (an identity that may create databases). Each test
/// gets a throwaway database <c>lda-test-…</c> (containers created with the indexing policy of the
/// contract's queries) that is deleted afterwards. Cosmos keeps its own time, so the TTL tests wait for
/// real (about 3½ minutes in all). Without <c>COSMOS_ENDPOINT</c> the contract tests are reported skipped,
/// naming the variable: see docs/testing.md.
/// </summary>
[StoreCoverage(CoverageLevel.Real)]
[OptInLane(EndpointVariable, "Set COSMOS_ENDPOINT (and COSMOS_KEY, or Azure credentials) to run it against a real account: docs/testing.md.")]
public sealed class RealCosmosContractTests(ITestOutputHelper output) : DocumentStoreContract(output)
{
    public const string EndpointVariable = "COSMOS_ENDPOINT";
    public const string KeyVariable = "COSMOS_KEY";

    private OwnedCosmosStore? _owned;

    protected override Task<IDocumentStore> CreateStoreAsync(TimeProvider clock)
    {
        var endpoint = Environment.GetEnvironmentVariable(EndpointVariable)
            ?? throw new InvalidOperationException($"{EndpointVariable} is not set; this lane should not have run.");
        _owned = CosmosStores.Create(new CosmosDbOptions
        {
            AccountEndpoint = endpoint,
            Key = Environment.GetEnvironmentVariable(KeyVariable) is { Length: > 0 } key ? key : null,
            DatabaseName = CosmosStores.NewDatabaseName(),
            CreateContainers = true,
            ConnectionMode = ConnectionMode.Gateway,
        });
        return Task.FromResult<IDocumentStore>(_owned.Store);
    }

    /// <summary>Cosmos expires items by its own clock: wait for real.</summary>
    protected override async Task AdvanceTimeAsync(TimeSpan by)
    {
        Clock.Advance(by);
        await Task.Delay(by);
    }

    protected override async Task DisposeStoreAsync(IDocumentStore store)
    {
        if (_owned is not null)
        {
            await _owned.DisposeAsync();
        }
    }
}
