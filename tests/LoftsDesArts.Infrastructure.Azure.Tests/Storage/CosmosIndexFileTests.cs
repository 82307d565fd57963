using System.Text.Json.Nodes;
using LoftsDesArts.Core.Storage;
using LoftsDesArts.Infrastructure.Azure.Storage;
using LoftsDesArts.Testing.Support;

namespace LoftsDesArts.Infrastructure.Azure.Tests.Storage;

/// <summary>
/// infra/cosmos-indexes.json (which main.bicep loads into every container's indexing policy) must declare
/// exactly the composite indexes <see cref="NamedQueries.All"/> needs, so the deployed containers serve
/// every named query. To regenerate it after changing a query:
/// <c>LDA_WRITE_COSMOS_INDEXES=1 dotnet test tests/LoftsDesArts.Infrastructure.Azure.Tests --filter CosmosIndexFileTests</c>.
/// </summary>
public sealed class CosmosIndexFileTests
{
    public const string WriteVariable = "LDA_WRITE_COSMOS_INDEXES";

    [Fact]
    public void IndexFile_Containers_EqualWhatTheNamedQueriesNeed()
    {
        var path = RepositoryPaths.Combine(CosmosIndexing.IndexFile.Split('/'));
        var file = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var expected = CosmosIndexing.IndexFileContainers(NamedQueries.All);

        if (Environment.GetEnvironmentVariable(WriteVariable) == "1" && !JsonNode.DeepEquals(expected, file["containers"]))
        {
            File.WriteAllText(path, CosmosIndexing.IndexFileText(NamedQueries.All, file["$comment"]?.GetValue<string>()));
            file = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        }

        Assert.True(
            JsonNode.DeepEquals(expected, file["containers"]),
            $"{CosmosIndexing.IndexFile} does not declare the composite indexes the named queries need. Regenerate it with "
            + $"`{WriteVariable}=1 dotnet test tests/LoftsDesArts.Infrastructure.Azure.Tests --filter CosmosIndexFileTests` and commit it. "
            + $"Expected \"containers\": {expected.ToJsonString()}");
    }

    [Fact]
    public void IndexFile_HasOneListPerContainerOfCore()
    {
        var containers = CosmosIndexing.IndexFileContainers([]);

        Assert.Equal(Containers.All.Select(c => c.Name), containers.Select(p => p.Key));
        Assert.All(containers, p => Assert.Empty(p.Value!.AsArray()));
    }

    [Fact]
    public void IndexFileText_ImportJobs_OneCrossPartitionIndexOnBuildings()
    {
        var text = CosmosIndexing.IndexFileText(ImportJobQueries.All, "comment");
        var root = JsonNode.Parse(text)!;

        Assert.Equal("comment", root["$comment"]!.GetValue<string>());
        var index = Assert.Single(root["containers"]!["buildings"]!.AsArray())!.AsArray();
        Assert.Equal(["/type", "/updatedAt", "/id", "/buildingId"], index.Select(p => p!["path"]!.GetValue<string>()));
        Assert.All(index, p => Assert.Equal("ascending", p!["order"]!.GetValue<string>()));
    }
}
