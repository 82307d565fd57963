using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Legal;
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

    /// <summary>
    /// Package photos are purged by the portal, then kept by blob soft delete, a setting of the whole blob
    /// service: the privacy notice promises residents when that copy goes too, in both languages.
    /// </summary>
    [Theory]
    [InlineData(Language.Fr, "puis de la copie de récupération de l'hébergeur {0} jours plus tard")]
    [InlineData(Language.En, "then from the host's recovery copy {0} days later")]
    public void BlobSoftDelete_Window_IsTheOneThePrivacyNoticeStates(Language language, string promise)
    {
        var retention = infra.Root.SingleDeployed("Microsoft.Storage/storageAccounts/blobServices").Properties!["deleteRetentionPolicy"]!;
        Assert.True(retention["enabled"]!.GetValue<bool>());
        var days = retention["days"]!.GetValue<int>();

        Assert.Contains(string.Format(System.Globalization.CultureInfo.InvariantCulture, promise, days), LegalDocuments.Get(LegalDocumentKind.Privacy, language).Body, StringComparison.Ordinal);
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
