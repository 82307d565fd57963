using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using LoftsDesArts.Api.Tests.Support;
using LoftsDesArts.Core.Access;
using LoftsDesArts.Http;
using LoftsDesArts.Http.Pipeline;
using LoftsDesArts.Testing.Support;

namespace LoftsDesArts.Api.Tests.OpenApi;

/// <summary>
/// The self-host's OpenAPI document (<c>/openapi/v1.json</c>) says what the API really does, and its committed
/// copy <c>web/openapi.json</c>, from which the web client's types are generated, is current. To refresh it:
/// <c>LDA_UPDATE_OPENAPI=1 dotnet test tests/LoftsDesArts.Api.Tests --filter OpenApiDocumentTests</c>, then
/// <c>npm --prefix web run gen:api</c>.
/// </summary>
public sealed class OpenApiDocumentTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    public const string UpdateVariable = "LDA_UPDATE_OPENAPI";

    [Fact]
    public async Task CommittedDocument_SameAsTheServedOne()
    {
        var served = Normalize(await ServedAsync());
        var path = RepositoryPaths.Combine("web", "openapi.json");
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(path, served);
        }

        var committed = File.Exists(path) ? (await File.ReadAllTextAsync(path)).ReplaceLineEndings("\n") : "(missing)";

        Assert.True(
            committed == served,
            $"web/openapi.json is not the self-host's current OpenAPI document. Run `{UpdateVariable}=1 dotnet test tests/LoftsDesArts.Api.Tests --filter OpenApiDocumentTests`, then `npm --prefix web run gen:api`, and commit both files.");
    }

    [Fact]
    public async Task Document_EveryRoute_HasItsOperationBodySuccessAndProblemAnswers()
    {
        var document = await DocumentAsync();

        foreach (var route in ApiRouteTable.All)
        {
            var operation = document["paths"]![$"/api/{route.Template}"]?[route.Method.ToLowerInvariant()];
            Assert.True(operation is not null, $"{route.Method} /api/{route.Template} is not in the document.");
            Assert.Equal(route.Name, operation["operationId"]!.GetValue<string>());

            var parameters = (operation["parameters"] as JsonArray ?? []).Select(p => (Name: p!["name"]!.GetValue<string>(), In: p["in"]!.GetValue<string>())).ToList();
            var expectedParameters = route.Template.Split('/').Where(s => s.StartsWith('{')).Select(s => (s[1..^1], "path"))
                .Concat(route.QueryParameters.Select(q => (q.Name, "query")));
            Assert.Equal(expectedParameters, parameters);

            var body = operation["requestBody"]?["content"]?["application/json"]?["schema"];
            Assert.True((route.BodyType is null) == (body is null), $"{route.Name}: request body documented {body is not null}, route has one {route.BodyType is not null}.");
            if (route.BodyType is not null)
            {
                Assert.Equal($"#/components/schemas/{route.BodyType.Name}", body!["$ref"]!.GetValue<string>());
            }

            var responses = operation["responses"]!.AsObject();
            var success = responses[route.SuccessStatus.ToString(System.Globalization.CultureInfo.InvariantCulture)];
            Assert.True(success is not null, $"{route.Name}: no {route.SuccessStatus} answer documented.");
            Assert.True((route.ResponseType is null) == (success["content"] is null), $"{route.Name}: the success answer's body does not match the route's response type.");
            Assert.DoesNotContain(responses, r => r.Key.StartsWith('2') && r.Key != route.SuccessStatus.ToString(System.Globalization.CultureInfo.InvariantCulture));

            foreach (var status in new[] { "400", "500" })
            {
                Assert.Equal("#/components/schemas/ApiProblem", responses[status]?["content"]?["application/problem+json"]?["schema"]?["$ref"]?.GetValue<string>());
            }

            foreach (var status in route.BodyErrorStatuses)
            {
                var error = responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)]?["content"];
                Assert.True(error?["application/problem+json"] is null, $"{route.Name}: {status} is documented as a problem, but the route answers its response type.");
                Assert.Equal($"#/components/schemas/{route.ResponseType!.Name}", error?["application/json"]?["schema"]?["$ref"]?.GetValue<string>());
            }

            Assert.Equal(route.Access != RouteAccess.Anonymous || route.Capability is not null, responses.ContainsKey("401"));
            Assert.Equal(route.Throttle is not null, responses.ContainsKey("429"));
        }
    }

    [Fact]
    public async Task Document_Enums_AreTheCamelCaseStringsTheApiWrites()
    {
        var document = await DocumentAsync();
        var schemas = document["components"]!["schemas"]!.AsObject();

        var role = schemas["Role"]!;
        Assert.Equal("string", role["type"]!.GetValue<string>());
        Assert.Equal(["resident", "frontDesk", "manager", "admin", "board"], role["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal("\"frontDesk\"", JsonSerializer.Serialize(Role.FrontDesk, ApiJson.Options));
        foreach (var (name, schema) in schemas.Where(s => s.Value?["enum"] is not null))
        {
            Assert.Equal("string", schema!["type"]!.GetValue<string>());
            Assert.All(schema["enum"]!.AsArray(), v => Assert.True(char.IsLower(v!.GetValue<string>()[0]), $"{name}: {v} is not camelCase."));
        }

        Assert.DoesNotContain(schemas, s => s.Value?["type"] is JsonValue t && t.GetValue<string>() == "integer" && s.Value["enum"] is null && s.Value["properties"] is null);
    }

    [Fact]
    public async Task RealAnswers_SignedInStaff_ConformToTheirDocumentedSchemas()
    {
        var document = await DocumentAsync();
        var staff = await factory.CreateStaffAsync(factory.BuildingId, Role.Manager);
        using var client = await factory.SignInStaffAsync(staff);
        await factory.ImportUnitsAsync(factory.BuildingId, "101");

        foreach (var (path, operationPath) in new[]
        {
            ("/api/me", "/api/me"),
            ("/api/auth/sessions", "/api/auth/sessions"),
            ($"/api/buildings/{factory.BuildingId}/units", "/api/buildings/{buildingId}/units"),
            ("/api/public/buildings", "/api/public/buildings"),
            ("/api/health/ready", "/api/health/ready"),
        })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var schema = document["paths"]![operationPath]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!;
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

            var problems = SchemaConformance.Check(document, schema, body.RootElement);

            Assert.True(problems.Count == 0, $"GET {path}: {string.Join("; ", problems)}");
        }
    }

    [Theory]
    [InlineData(false, "{}", HttpStatusCode.Forbidden)]
    [InlineData(true, "{not json", HttpStatusCode.BadRequest)]
    [InlineData(true, "{\"email\":\"\",\"password\":\"\"}", HttpStatusCode.BadRequest)]
    public async Task ProblemAnswers_ConformToTheApiProblemSchema(bool csrfHeaders, string json, HttpStatusCode expected)
    {
        var document = await DocumentAsync();
        using var client = factory.CreatePortalClient(csrfHeaders);
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        using var response = await client.PostAsync(new Uri("/api/auth/sign-in", UriKind.Relative), content);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var problems = SchemaConformance.Check(document, JsonNode.Parse("""{"$ref":"#/components/schemas/ApiProblem"}""")!, body.RootElement);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(problems.Count == 0, string.Join("; ", problems));
    }

    private async Task<string> ServedAsync()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<JsonNode> DocumentAsync() => JsonNode.Parse(await ServedAsync())!;

    /// <summary>Two-space indentation and a final newline, as the repository's other JSON files.</summary>
    private static string Normalize(string json) =>
        JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).ReplaceLineEndings("\n") + "\n";
}
