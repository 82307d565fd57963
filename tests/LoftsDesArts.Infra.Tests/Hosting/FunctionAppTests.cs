using System.Text.Json.Nodes;
using LoftsDesArts.Infra.Tests.Support;

namespace LoftsDesArts.Infra.Tests.Hosting;

[Collection(CompiledInfraCollection.Name)]
public sealed class FunctionAppTests(CompiledInfraFixture infra)
{
    [Fact]
    public void Plan_Sku_IsFlexConsumptionOnLinux()
    {
        var plan = infra.Root.SingleDeployed("Microsoft.Web/serverfarms");

        Assert.Equal("FC1", plan.Json["sku"]!["name"]!.GetValue<string>());
        Assert.Equal("FlexConsumption", plan.Json["sku"]!["tier"]!.GetValue<string>());
        Assert.True(plan.Properties!["reserved"]!.GetValue<bool>());
    }

    [Fact]
    public void Site_Runtime_IsDotnetIsolatedTen()
    {
        var runtime = Site().Properties!["functionAppConfig"]!["runtime"]!;

        Assert.Equal("dotnet-isolated", runtime["name"]!.GetValue<string>());
        Assert.Equal("10.0", runtime["version"]!.GetValue<string>());
        Assert.Equal("functionapp,linux", Site().Json["kind"]!.GetValue<string>());
        Assert.True(Site().Properties!["httpsOnly"]!.GetValue<bool>());
    }

    [Fact]
    public void Site_Identity_IsOnlyTheUserAssignedIdentity()
    {
        var identity = Site().Json["identity"]!;

        Assert.Equal("UserAssigned", identity["type"]!.GetValue<string>());
        var key = Assert.Single(identity["userAssignedIdentities"]!.AsObject()).Key;
        // Bicep writes the interpolated key '${identityId}' as format('{0}', ...).
        Assert.Equal($"format('{{0}}', {FunctionsIdentity.ResourceId(infra.Root)})", Site().Resolve(key));
    }

    [Theory]
    [InlineData("AzureWebJobsStorage__credential", "'managedidentity'")]
    [InlineData("AzureWebJobsStorage__clientId", "{clientId}")]
    [InlineData("AZURE_CLIENT_ID", "{clientId}")]
    [InlineData("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "format('ClientId={0};Authorization=AAD', {clientId})")]
    [InlineData("CosmosDb__accountEndpoint", "reference('cosmos').outputs.endpoint.value")]
    [InlineData("CosmosDb__databaseName", "reference('cosmos').outputs.databaseName.value")]
    [InlineData("SignalR__Endpoint", "reference('signalR').outputs.endpoint.value")]
    [InlineData("Email__Acs__Endpoint", "reference('communication').outputs.endpoint.value")]
    [InlineData("Email__Acs__SenderAddress", "reference('communication').outputs.senderAddress.value")]
    [InlineData("KeyVault__Uri", "reference('keyVault').outputs.uri.value")]
    [InlineData("Storage__PumpNudgeQueue", "'pump-nudge'")]
    [InlineData("Storage__PackagePhotosContainer", "'package-photos'")]
    [InlineData("Security__AllowedOrigins__0", "reference('web').outputs.uri.value")]
    [InlineData("Security__TrustForwardedFor", "'true'")]
    [InlineData("Portal__PublicOrigin", "reference('web').outputs.uri.value")]
    public void AppSetting_IdentityBased_HasExpectedValue(string name, string expected)
    {
        var settings = AppSettings();

        Assert.True(settings.Properties?[name] is not null, $"App setting {name} is missing.");
        Assert.Equal(expected.Replace("{clientId}", FunctionsIdentity.ClientId(infra.Root), StringComparison.Ordinal), settings.Resolve(settings.Properties![name]));
    }

    [Theory]
    [InlineData("AzureWebJobsStorage__blobServiceUri", "Microsoft.Storage/storageAccounts", ".primaryEndpoints.blob")]
    [InlineData("AzureWebJobsStorage__queueServiceUri", "Microsoft.Storage/storageAccounts", ".primaryEndpoints.queue")]
    [InlineData("Storage__BlobServiceUri", "Microsoft.Storage/storageAccounts", ".primaryEndpoints.blob")]
    [InlineData("Storage__QueueServiceUri", "Microsoft.Storage/storageAccounts", ".primaryEndpoints.queue")]
    [InlineData("APPLICATIONINSIGHTS_CONNECTION_STRING", "Microsoft.Insights/components", ".ConnectionString")]
    public void AppSetting_Endpoint_ReadsThePropertyOfTheDeployedResource(string name, string type, string propertyPath)
    {
        var settings = AppSettings();
        var deployed = infra.Root.SingleDeployed(type);
        // The app module reads the resource through an `existing` reference of the same name.
        var reference = settings.Owner.Resources.Single(r => r.IsExisting && r.Type == type);

        var value = settings.Resolve(settings.Properties![name]);

        Assert.Equal($"reference('{reference.SymbolicName}'){propertyPath}", value);
        Assert.Equal(deployed.ResolvedName, reference.ResolvedName);
    }

    [Fact]
    public void AppSettings_None_CarriesAKeyOrAConnectionStringToStorage()
    {
        var settings = AppSettings().Properties!.AsObject();

        // A plain AzureWebJobsStorage would be a connection string with the account key.
        Assert.DoesNotContain(settings, s => s.Key == "AzureWebJobsStorage");
        Assert.DoesNotContain(settings, s => s.Key.EndsWith("ConnectionString", StringComparison.OrdinalIgnoreCase) && s.Key != "APPLICATIONINSIGHTS_CONNECTION_STRING");
        Assert.DoesNotContain(settings, s => s.Key.Contains("Key", StringComparison.OrdinalIgnoreCase) && !s.Key.StartsWith("KeyVault__", StringComparison.Ordinal));
        // Flex Consumption takes the runtime from functionAppConfig; these settings are not allowed there.
        Assert.DoesNotContain(settings, s => s.Key is "FUNCTIONS_WORKER_RUNTIME" or "FUNCTIONS_EXTENSION_VERSION" or "WEBSITE_RUN_FROM_PACKAGE");
    }

    [Fact]
    public void AppSettings_Resource_BelongsToTheFunctionApp()
    {
        Assert.Equal($"format('{{0}}/{{1}}', {Site().ResolvedName}, 'appsettings')", AppSettings().ResolvedName);
    }

    private ArmResource Site() => infra.Root.SingleDeployed("Microsoft.Web/sites");

    private ArmResource AppSettings()
    {
        var configs = infra.Root.DeployedResourcesOfType("Microsoft.Web/sites/config")
            .Where(c => c.ResolvedName.EndsWith(", 'appsettings')", StringComparison.Ordinal))
            .ToList();
        Assert.True(configs.Count == 1, $"Expected one appsettings config, found {configs.Count}.");
        Assert.IsType<JsonObject>(configs[0].Properties);
        return configs[0];
    }
}
