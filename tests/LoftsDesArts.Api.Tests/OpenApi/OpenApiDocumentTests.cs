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

            // A JSON body is a named component; a binary one (a photo) is raw bytes of exactly the media types the route accepts.
            var content = operation["requestBody"]?["content"]?.AsObject();
            Assert.True((route.BodyType is null) == (content is null), $"{route.Name}: request body documented {content is not null}, route has one {route.BodyType is not null}.");
            if (route.BodyType is not null && route.BinaryMediaTypes.Count > 0)
            {
                Assert.Equal(route.BinaryMediaTypes.Order(StringComparer.Ordinal), content!.Select(m => m.Key).Order(StringComparer.Ordinal));
                Assert.All(content!, m => AssertBinary(m.Value!["schema"], $"{route.Name} {m.Key}"));
            }
            else if (route.BodyType is not null)
            {
                Assert.Equal(["application/json"], content!.Select(m => m.Key));
                Assert.Equal($"#/components/schemas/{route.BodyType.Name}", content!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
            }

            var responses = operation["responses"]!.AsObject();
            var success = responses[route.SuccessStatus.ToString(System.Globalization.CultureInfo.InvariantCulture)];
            Assert.True(success is not null, $"{route.Name}: no {route.SuccessStatus} answer documented.");
            if (route.ResponseMediaType is { } file)
            {
                // A file answer (a photo): its media type only, as raw bytes.
                var media = success["content"]?.AsObject();
                Assert.True(media is not null && media.Count == 1 && media[file] is not null, $"{route.Name}: the success answer is not documented as {file} alone.");
                AssertBinary(media![file]!["schema"], route.Name);
            }
            else
            {
                Assert.True((route.ResponseType is null) == (success["content"] is null), $"{route.Name}: the success answer's body does not match the route's response type.");
            }
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
            Assert.Equal(route.BodyType is not null, responses.ContainsKey("413"));
            Assert.Equal(route.BodyType is not null, responses.ContainsKey("415"));
        }
    }

    private static void AssertBinary(JsonNode? schema, string where) =>
        Assert.True(schema?["type"]?.GetValue<string>() == "string" && schema["format"]?.GetValue<string>() == "binary", $"{where}: not documented as raw bytes (string, binary): {schema?.ToJsonString()}");

    [Fact]
    public async Task Document_Enums_AreTheStringsTheApiWrites()
    {
        var document = await DocumentAsync();
        var schemas = document["components"]!["schemas"]!.AsObject();

        var role = schemas["Role"]!;
        Assert.Equal("string", role["type"]!.GetValue<string>());
        Assert.Equal(["resident", "frontDesk", "manager", "admin", "board"], role["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal("\"frontDesk\"", JsonSerializer.Serialize(Role.FrontDesk, ApiJson.Options));

        // Every enum of the document, against what ApiJson really writes for each value of its C# type (camelCase
        // names, or the wire names some enums declare, as the packages' "unknown-recipient" and "canada-post").
        var enumTypes = new[] { typeof(Role).Assembly, typeof(ApiJson).Assembly }
            .SelectMany(a => a.GetExportedTypes()).Where(t => t.IsEnum).ToLookup(t => t.Name, StringComparer.Ordinal);
        var documented = schemas.Where(s => s.Value?["enum"] is not null).ToList();
        Assert.Contains(documented, s => s.Key == "Carrier");
        foreach (var (name, schema) in documented)
        {
            Assert.Equal("string", schema!["type"]!.GetValue<string>());
            var type = Assert.Single(enumTypes[name]);
            var written = Enum.GetValues(type).Cast<object>().Select(v => JsonSerializer.Serialize(v, type, ApiJson.Options).Trim('"'));
            Assert.Equal(written, schema["enum"]!.AsArray().Select(v => v?.GetValue<string>()));
        }

        Assert.Equal("\"unknown-recipient\"", JsonSerializer.Serialize(Core.Packages.PackageState.UnknownRecipient, ApiJson.Options));
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
