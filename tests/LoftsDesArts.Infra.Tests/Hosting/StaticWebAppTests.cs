using LoftsDesArts.Infra.Tests.Support;

namespace LoftsDesArts.Infra.Tests.Hosting;

[Collection(CompiledInfraCollection.Name)]
public sealed class StaticWebAppTests(CompiledInfraFixture infra)
{
    [Fact]
    public void StaticWebApp_Sku_IsStandard()
    {
        var site = infra.Root.SingleDeployed("Microsoft.Web/staticSites");

        Assert.Equal("Standard", site.Json["sku"]!["name"]!.GetValue<string>());
        Assert.Equal("Standard", site.Json["sku"]!["tier"]!.GetValue<string>());
    }

    [Fact]
    public void LinkedBackend_Target_IsTheFunctionAppOnTheStaticWebApp()
    {
        var link = infra.Root.SingleDeployed("Microsoft.Web/staticSites/linkedBackends");
        var functionApp = infra.Root.SingleDeployed("Microsoft.Web/sites");
        var staticWebApp = infra.Root.SingleDeployed("Microsoft.Web/staticSites");

        Assert.Equal($"resourceId('Microsoft.Web/sites', {functionApp.ResolvedName})", link.Resolve(link.Properties!["backendResourceId"]));
        Assert.StartsWith($"format('{{0}}/{{1}}', {staticWebApp.ResolvedName}, ", link.ResolvedName, StringComparison.Ordinal);
        Assert.Equal("parameters('location')", link.Resolve(link.Properties!["region"]));
    }

    [Fact]
    public void ApiBaseUrl_Output_IsOnTheWebOrigin()
    {
        var outputs = infra.Root.Template["outputs"]!;

        var web = infra.Root.Resolve(outputs["WEB_URI"]!["value"]);
        var api = infra.Root.Resolve(outputs["API_BASE_URL"]!["value"]);

        Assert.Equal($"format('{{0}}/api', {web})", api);
    }

    [Fact]
    public void SignalR_Cors_AllowsOnlyTheWebOrigin()
    {
        var signalR = infra.Root.SingleDeployed("Microsoft.SignalRService/signalR");

        var origins = signalR.Properties!["cors"]!["allowedOrigins"]!.AsArray();

        Assert.Equal("reference('web').outputs.uri.value", signalR.Resolve(Assert.Single(origins)));
        Assert.Contains(signalR.Properties!["features"]!.AsArray(), f =>
            f!["flag"]!.GetValue<string>() == "ServiceMode" && f["value"]!.GetValue<string>() == "Serverless");
    }
}
