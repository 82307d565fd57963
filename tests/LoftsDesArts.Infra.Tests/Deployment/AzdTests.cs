using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LoftsDesArts.Infra.Tests.Support;
using LoftsDesArts.Testing.Support;

namespace LoftsDesArts.Infra.Tests.Deployment;

/// <summary>What azd reads: the main template's parameters and outputs, main.parameters.json and azure.yaml.</summary>
[Collection(CompiledInfraCollection.Name)]
public sealed partial class AzdTests(CompiledInfraFixture infra)
{
    [Fact]
    public void Location_Default_IsCanadian()
    {
        var location = infra.Root.Template["parameters"]!["location"]!;

        Assert.Equal("canadacentral", location["defaultValue"]!.GetValue<string>());
        Assert.Equal("location", location["metadata"]!["azd"]!["type"]!.GetValue<string>());
        Assert.Equal("subscription", SchemaScope(infra.Root.Template));
    }

    [Fact]
    public void ParametersFile_Location_DefaultsToCanadaCentral()
    {
        var parameters = JsonNode.Parse(File.ReadAllText(RepositoryPaths.Combine("infra", "main.parameters.json")))!["parameters"]!;

        Assert.Equal("${AZURE_ENV_NAME}", parameters["environmentName"]!["value"]!.GetValue<string>());
        Assert.Equal("${AZURE_LOCATION=canadacentral}", parameters["location"]!["value"]!.GetValue<string>());
        Assert.Equal("${AZURE_PRINCIPAL_ID}", parameters["principalId"]!["value"]!.GetValue<string>());
        var declared = infra.Root.Template["parameters"]!.AsObject().Select(p => p.Key).ToHashSet();
        Assert.All(parameters.AsObject(), p => Assert.Contains(p.Key, declared));
    }

    [Fact]
    public void Regions_AllRegionalResources_UseTheLocationParameter()
    {
        // Residents' data stays in the chosen (Canadian) region; only global services and the Static Web App
        // (no Canadian region; it holds the built web assets) are elsewhere.
        foreach (var resource in infra.Root.AllDeployedResources())
        {
            if (resource.Json["location"] is not { } location)
            {
                continue;
            }

            var resolved = resource.Resolve(location);
            if (resource.Type == "Microsoft.Web/staticSites")
            {
                Assert.Equal("parameters('staticWebAppLocation')", resolved);
            }
            else
            {
                Assert.True(resolved is "parameters('location')" or "'global'", $"{resource.Type} is in {resolved}.");
            }
        }
    }

    [Theory]
    [InlineData("AZURE_LOCATION")]
    [InlineData("AZURE_TENANT_ID")]
    [InlineData("AZURE_RESOURCE_GROUP")]
    [InlineData("AZURE_FUNCTION_APP_NAME")]
    [InlineData("API_BASE_URL")]
    [InlineData("WEB_URI")]
    [InlineData("COSMOS_ENDPOINT")]
    [InlineData("COSMOS_DATABASE_NAME")]
    [InlineData("SIGNALR_ENDPOINT")]
    [InlineData("ACS_ENDPOINT")]
    [InlineData("ACS_EMAIL_SENDER_ADDRESS")]
    [InlineData("KEY_VAULT_URI")]
    [InlineData("STORAGE_QUEUE_ENDPOINT")]
    public void Output_NeededByAzdAndTheApp_IsDeclared(string name)
    {
        Assert.NotNull(infra.Root.Template["outputs"]?[name]);
    }

    [Fact]
    public void Outputs_All_AreUpperSnakeCaseStrings()
    {
        var outputs = infra.Root.Template["outputs"]!.AsObject();

        Assert.All(outputs, o =>
        {
            Assert.Matches(UpperSnake(), o.Key);
            Assert.Equal("string", o.Value!["type"]!.GetValue<string>());
        });
    }

    [Fact]
    public void AzureYaml_Services_MatchTheAzdServiceNameTags()
    {
        var services = ParseServices(File.ReadAllLines(RepositoryPaths.Combine("azure.yaml")));

        Assert.Equal("lofts-des-arts", AzureYamlName());
        Assert.Equal(["api", "web"], services.Keys.Order());
        Assert.Equal("./functions/LoftsDesArts.Functions", services["api"]["project"]);
        Assert.Equal("dotnet", services["api"]["language"]);
        Assert.Equal("function", services["api"]["host"]);
        Assert.Equal("./web", services["web"]["project"]);
        Assert.Equal("js", services["web"]["language"]);
        Assert.Equal("staticwebapp", services["web"]["host"]);
        Assert.Equal("dist", services["web"]["dist"]);
        Assert.True(File.Exists(RepositoryPaths.Combine("functions", "LoftsDesArts.Functions", "LoftsDesArts.Functions.csproj")));

        Assert.Contains("createObject('azd-service-name', 'api')", Tags("Microsoft.Web/sites"), StringComparison.Ordinal);
        Assert.Contains("createObject('azd-service-name', 'web')", Tags("Microsoft.Web/staticSites"), StringComparison.Ordinal);
    }

    [Fact]
    public void Resources_All_CarryTheAzdEnvironmentTag()
    {
        var tagsVariable = infra.Root.Template["variables"]!["tags"]!;
        Assert.Equal("[parameters('environmentName')]", tagsVariable["azd-env-name"]!.GetValue<string>());

        foreach (var resource in infra.Root.AllDeployedResources().Where(r => r.Json["tags"] is not null))
        {
            Assert.Contains("variables('tags')", resource.Resolve(resource.Json["tags"]), StringComparison.Ordinal);
        }
    }

    private string Tags(string type)
    {
        var resource = infra.Root.SingleDeployed(type);
        return resource.Resolve(resource.Json["tags"]);
    }

    private static string SchemaScope(JsonObject template) =>
        template["$schema"]!.GetValue<string>().Contains("subscriptionDeploymentTemplate", StringComparison.Ordinal) ? "subscription" : "other";

    private static string AzureYamlName() =>
        File.ReadAllLines(RepositoryPaths.Combine("azure.yaml")).Select(l => NameLine().Match(l)).First(m => m.Success).Groups["name"].Value;

    /// <summary>Reads the two-level services: block of azure.yaml (no YAML library needed for this shape).</summary>
    private static Dictionary<string, Dictionary<string, string>> ParseServices(string[] lines)
    {
        var services = new Dictionary<string, Dictionary<string, string>>();
        Dictionary<string, string>? current = null;
        var inServices = false;
        foreach (var line in lines.Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#')))
        {
            if (!line.StartsWith(' '))
            {
                inServices = line.TrimEnd() == "services:";
                continue;
            }

            if (!inServices)
            {
                continue;
            }

            var indent = line.Length - line.TrimStart().Length;
            var parts = line.Trim().Split(':', 2);
            if (indent == 2)
            {
                current = [];
                services[parts[0]] = current;
            }
            else if (indent == 4 && current is not null)
            {
                current[parts[0]] = parts[1].Trim();
            }
        }

        return services;
    }

    [GeneratedRegex("^[A-Z][A-Z0-9_]*$")]
    private static partial Regex UpperSnake();

    [GeneratedRegex("^name:\\s*(?<name>\\S+)")]
    private static partial Regex NameLine();
}
