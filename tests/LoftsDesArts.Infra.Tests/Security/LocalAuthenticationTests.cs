using System.Text.Json.Nodes;
using LoftsDesArts.Infra.Tests.Support;

namespace LoftsDesArts.Infra.Tests.Security;

/// <summary>Keys and shared secrets are switched off wherever the service allows it: only Entra tokens work.</summary>
[Collection(CompiledInfraCollection.Name)]
public sealed class LocalAuthenticationTests(CompiledInfraFixture infra)
{
    [Theory]
    [InlineData("Microsoft.DocumentDB/databaseAccounts", "disableLocalAuth", true)]
    [InlineData("Microsoft.DocumentDB/databaseAccounts", "disableKeyBasedMetadataWriteAccess", true)]
    [InlineData("Microsoft.SignalRService/signalR", "disableLocalAuth", true)]
    [InlineData("Microsoft.SignalRService/signalR", "disableAadAuth", false)]
    [InlineData("Microsoft.Storage/storageAccounts", "allowSharedKeyAccess", false)]
    [InlineData("Microsoft.Storage/storageAccounts", "defaultToOAuthAuthentication", true)]
    [InlineData("Microsoft.Storage/storageAccounts", "allowBlobPublicAccess", false)]
    [InlineData("Microsoft.Storage/storageAccounts", "minimumTlsVersion", "TLS1_2")]
    [InlineData("Microsoft.Insights/components", "DisableLocalAuth", true)]
    public void Resource_AuthenticationProperty_HasSecureValue(string type, string property, object expected)
    {
        var resource = infra.Root.SingleDeployed(type);

        var actual = resource.Properties?[property];

        Assert.True(
            JsonNode.DeepEquals(JsonValue.Create(expected), actual),
            $"{type}.properties.{property} is {actual?.ToJsonString() ?? "absent"}, expected {expected}.");
    }

    [Fact]
    public void KeyVault_Authorization_IsRbacWithPurgeProtectionAndNoAccessPolicies()
    {
        var vault = infra.Root.SingleDeployed("Microsoft.KeyVault/vaults").Properties!;

        Assert.True(vault["enableRbacAuthorization"]!.GetValue<bool>());
        Assert.True(vault["enablePurgeProtection"]!.GetValue<bool>());
        Assert.True(vault["enableSoftDelete"]!.GetValue<bool>());
        Assert.True(vault["accessPolicies"] is null or JsonArray { Count: 0 });
    }

    [Fact]
    public void FunctionApp_BasicPublishingCredentials_AreDisabled()
    {
        var policies = infra.Root.DeployedResourcesOfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();

        Assert.Equal(2, policies.Count);
        Assert.Contains(policies, p => p.ResolvedName.EndsWith("'scm')", StringComparison.Ordinal));
        Assert.Contains(policies, p => p.ResolvedName.EndsWith("'ftp')", StringComparison.Ordinal));
        Assert.All(policies, p => Assert.False(p.Properties!["allow"]!.GetValue<bool>()));
    }
}
