using LoftsDesArts.Infra.Tests.Support;

namespace LoftsDesArts.Infra.Tests.Data;

[Collection(CompiledInfraCollection.Name)]
public sealed class StorageTests(CompiledInfraFixture infra)
{
    [Theory]
    [InlineData("Microsoft.Storage/storageAccounts/queueServices/queues", "'pump-nudge'")]
    [InlineData("Microsoft.Storage/storageAccounts/blobServices/containers", "'package-photos'")]
    public void Storage_NamedChild_IsDeclared(string type, string quotedName)
    {
        var names = infra.Root.DeployedResourcesOfType(type).Select(r => r.ResolvedName).ToList();

        Assert.Contains(names, n => n.EndsWith($", {quotedName})", StringComparison.Ordinal));
    }

    [Fact]
    public void BlobContainers_All_ArePrivate()
    {
        var containers = infra.Root.DeployedResourcesOfType("Microsoft.Storage/storageAccounts/blobServices/containers").ToList();

        Assert.NotEmpty(containers);
        Assert.All(containers, c => Assert.Equal("None", c.Properties!["publicAccess"]!.GetValue<string>()));
    }

    [Fact]
    public void FunctionApp_DeploymentPackage_LivesInAContainerOfTheAccountAndIsReadWithTheIdentity()
    {
        var site = infra.Root.SingleDeployed("Microsoft.Web/sites");
        var storage = site.Properties!["functionAppConfig"]!["deployment"]!["storage"]!;
        const string Service = "'default', ";
        var containerNames = infra.Root.DeployedResourcesOfType("Microsoft.Storage/storageAccounts/blobServices/containers")
            .Select(c => c.ResolvedName)
            .Select(n => n[(n.IndexOf(Service, StringComparison.Ordinal) + Service.Length)..^1])
            .ToList();

        Assert.Equal("blobContainer", storage["type"]!.GetValue<string>());
        var value = site.Resolve(storage["value"]);
        Assert.Contains(containerNames, n => value.EndsWith($", {n})", StringComparison.Ordinal));
        Assert.Contains(".primaryEndpoints.blob", value, StringComparison.Ordinal);
        Assert.Equal("UserAssignedIdentity", storage["authentication"]!["type"]!.GetValue<string>());
        Assert.Equal(FunctionsIdentity.ResourceId(infra.Root), site.Resolve(storage["authentication"]!["userAssignedIdentityResourceId"]));
    }
}
