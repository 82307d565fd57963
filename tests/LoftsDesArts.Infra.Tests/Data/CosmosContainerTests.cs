using System.Text.Json.Nodes;
using LoftsDesArts.Infra.Tests.Support;

namespace LoftsDesArts.Infra.Tests.Data;

[Collection(CompiledInfraCollection.Name)]
public sealed class CosmosContainerTests(CompiledInfraFixture infra)
{
    /// <summary>(container, partition key path, per-item TTL enabled): written by hand from DESIGN §3.3.</summary>
    public static TheoryData<string, string, bool> ExpectedContainers => new()
    {
        { "buildings", "/buildingId", true },
        { "users", "/userId", true },
        { "lookups", "/id", true },
        { "audit", "/partition", false },
        { "leases", "/id", true },
    };

    [Theory]
    [MemberData(nameof(ExpectedContainers))]
    public void Container_Declared_HasItsPartitionKeyAndTtl(string name, string partitionKeyPath, bool perItemTtl)
    {
        var container = Container(name).Properties!["resource"]!;

        Assert.Equal(name, container["id"]!.GetValue<string>());
        Assert.Equal([partitionKeyPath], container["partitionKey"]!["paths"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Equal("Hash", container["partitionKey"]!["kind"]!.GetValue<string>());
        if (perItemTtl)
        {
            // -1: TTL on, nothing expires unless the document sets its own ttl (soft delete).
            Assert.Equal(-1, container["defaultTtl"]!.GetValue<int>());
        }
        else
        {
            Assert.Null(container["defaultTtl"]);
        }
    }

    [Fact]
    public void Containers_All_AreExactlyTheExpectedOnes()
    {
        var declared = Containers().Select(c => c.Properties!["resource"]!["id"]!.GetValue<string>()).Order();

        Assert.Equal(ExpectedContainers.Select(row => (string)row[0]).Order(), declared);
    }

    [Fact]
    public void Containers_OfCore_MatchTheTemplate()
    {
        // Core's ContainerSpec is what both adapters create and query; the template must not drift from it.
        foreach (var spec in LoftsDesArts.Core.Storage.Containers.All)
        {
            var resource = Container(spec.Name).Properties!["resource"]!;
            Assert.Equal(spec.PartitionKeyPath, resource["partitionKey"]!["paths"]![0]!.GetValue<string>());
        }

        Assert.Equal(LoftsDesArts.Core.Storage.Containers.All.Count, Containers().Count);
    }

    [Theory]
    [MemberData(nameof(ExpectedContainers))]
    public void Container_CompositeIndexes_ComeFromTheGeneratedIndexFile(string name, string partitionKeyPath, bool perItemTtl)
    {
        _ = (partitionKeyPath, perItemTtl);
        var container = Container(name);

        var compositeIndexes = container.Resolve(container.Properties!["resource"]!["indexingPolicy"]!["compositeIndexes"]);

        Assert.Equal($"parameters('cosmosCompositeIndexes').{name}", compositeIndexes);
    }

    [Fact]
    public void CompositeIndexFile_DefaultValue_HasOneListPerCoreContainer()
    {
        // loadJsonContent('cosmos-indexes.json', '$.containers') compiles to a variable holding the file's content.
        var defaultValue = infra.Root.Template["parameters"]!["cosmosCompositeIndexes"]!["defaultValue"]!.GetValue<string>();
        var variable = System.Text.RegularExpressions.Regex.Match(defaultValue, @"^\[variables\('(?<name>[^']+)'\)\]$").Groups["name"].Value;
        var defaults = infra.Root.Template["variables"]![variable]!.AsObject();

        Assert.Equal(
            LoftsDesArts.Core.Storage.Containers.All.Select(c => c.Name).Order(),
            defaults.Select(p => p.Key).Order());
        Assert.All(defaults, p => Assert.IsType<JsonArray>(p.Value));
    }

    [Fact]
    public void Account_Capacity_IsServerlessInOneRegion()
    {
        var account = infra.Root.SingleDeployed("Microsoft.DocumentDB/databaseAccounts").Properties!;

        Assert.Contains(account["capabilities"]!.AsArray(), c => c!["name"]!.GetValue<string>() == "EnableServerless");
        Assert.Single(account["locations"]!.AsArray());
        Assert.Equal("Session", account["consistencyPolicy"]!["defaultConsistencyLevel"]!.GetValue<string>());
    }

    private List<ArmResource> Containers() =>
        infra.Root.DeployedResourcesOfType("Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers").ToList();

    private ArmResource Container(string name)
    {
        var matches = Containers().Where(c => c.Properties?["resource"]?["id"]?.GetValue<string>() == name).ToList();
        Assert.True(matches.Count == 1, $"Expected one container '{name}', found {matches.Count}.");
        return matches[0];
    }
}
