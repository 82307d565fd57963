using System.Text.Json;
using LoftsDesArts.Api.Tests.Support;
using LoftsDesArts.Testing.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LoftsDesArts.Api.Tests.Parity;

/// <summary>
/// A route exists in both hosts or in neither: the Functions app's built functions.metadata (hand-kept
/// attributes) against the self-host's mapped endpoints (the shared route table).
/// </summary>
public sealed class HostParityTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public void FunctionsMetadata_MatchesSelfHostApiEndpoints()
    {
        var functions = ReadFunctionsMetadataHttpRoutes();
        var selfHost = SelfHostApiRoutes();

        Assert.NotEmpty(functions);
        Assert.Equal(selfHost.Keys.Order(StringComparer.Ordinal), functions.Keys.Order(StringComparer.Ordinal));
        foreach (var (route, name) in selfHost)
        {
            Assert.Equal(name, functions[route].Name);
        }
    }

    [Fact]
    public void FunctionsMetadata_EveryHttpFunctionIsAnonymousBecauseThePipelineAuthenticates()
    {
        foreach (var (route, function) in ReadFunctionsMetadataHttpRoutes())
        {
            Assert.True(function.AuthLevel == "Anonymous", $"{route} has authLevel {function.AuthLevel}");
        }
    }

    private Dictionary<string, string> SelfHostApiRoutes()
    {
        var routes = new Dictionary<string, string>(StringComparer.Ordinal);
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        foreach (var endpoint in endpoints)
        {
            var pattern = endpoint.RoutePattern.RawText!.TrimStart('/');
            if (!pattern.StartsWith("api/", StringComparison.Ordinal))
            {
                continue; // The OpenAPI document, the hub and the web app are not API routes.
            }

            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [];
            foreach (var method in methods)
            {
                routes.Add($"{method.ToUpperInvariant()} {pattern}", endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? "");
            }
        }

        return routes;
    }

    private sealed record FunctionHttpRoute(string Name, string AuthLevel);

    private static Dictionary<string, FunctionHttpRoute> ReadFunctionsMetadataHttpRoutes()
    {
        var configuration = RepositoryPaths.Configuration(typeof(HostParityTests).Assembly);
        var path = RepositoryPaths.Combine("functions", "LoftsDesArts.Functions", "bin", configuration, "net10.0", "functions.metadata");
        Assert.True(File.Exists(path), $"functions.metadata not built at {path}");

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var routes = new Dictionary<string, FunctionHttpRoute>(StringComparer.Ordinal);
        foreach (var function in document.RootElement.EnumerateArray())
        {
            var name = function.GetProperty("name").GetString()!;
            foreach (var binding in function.GetProperty("bindings").EnumerateArray())
            {
                if (binding.GetProperty("type").GetString() != "httpTrigger")
                {
                    continue;
                }

                var route = "api/" + binding.GetProperty("route").GetString();
                var authLevel = binding.GetProperty("authLevel").GetString()!;
                foreach (var method in binding.GetProperty("methods").EnumerateArray())
                {
                    routes.Add($"{method.GetString()!.ToUpperInvariant()} {route}", new FunctionHttpRoute(name, authLevel));
                }
            }
        }

        return routes;
    }
}
