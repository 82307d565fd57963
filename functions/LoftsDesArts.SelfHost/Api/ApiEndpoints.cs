using System.Text.Json.Nodes;
using LoftsDesArts.Http;
using LoftsDesArts.Http.Pipeline;
using Microsoft.OpenApi;

namespace LoftsDesArts.SelfHost.Api;

/// <summary>The body a route reads (JSON, or raw bytes of <paramref name="BinaryMediaTypes"/>), for the OpenAPI document only (see <see cref="ApiOpenApi.AddPortalOpenApi"/>).</summary>
internal sealed record ApiBodyMetadata(Type BodyType, IReadOnlyList<string> BinaryMediaTypes);

/// <summary>Maps the shared route table under /api; each endpoint is a call into the pipeline.</summary>
internal static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapPortalApi(this IEndpointRouteBuilder endpoints)
    {
        foreach (var route in ApiRouteTable.All)
        {
            var builder = endpoints
                .MapMethods($"/{ApiPipeline.RoutePrefix}/{route.Template}", [route.Method], (HttpContext context, ApiPipeline pipeline) => pipeline.InvokeAsync(context, route))
                .WithName(route.Name)
                .WithTags(route.Tag);
            if (route.Summary is not null)
            {
                builder.WithSummary(route.Summary);
            }

            if (route.BodyType is not null)
            {
                builder.WithMetadata(new ApiBodyMetadata(route.BodyType, route.BinaryMediaTypes));
            }

            // The handlers read route values and query parameters from the context, which the generator cannot see.
            builder.AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.Parameters ??= [];
                foreach (var name in RouteParameters(route.Template))
                {
                    operation.Parameters.Add(new OpenApiParameter { Name = name, In = ParameterLocation.Path, Required = true, Schema = new OpenApiSchema { Type = JsonSchemaType.String } });
                }

                foreach (var query in route.QueryParameters)
                {
                    var schema = new OpenApiSchema { Type = JsonSchemaType.String };
                    if (query.AllowedValues.Count > 0)
                    {
                        schema.Enum = [.. query.AllowedValues.Select(v => (JsonNode)JsonValue.Create(v))];
                    }

                    operation.Parameters.Add(new OpenApiParameter { Name = query.Name, In = ParameterLocation.Query, Required = false, Schema = schema });
                }

                // A file answer (a photo) is raw bytes of its media type, not a JSON value.
                var success = route.SuccessStatus.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (route.ResponseMediaType is { } fileType && operation.Responses?.TryGetValue(success, out var answer) == true && answer is OpenApiResponse response)
                {
                    response.Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
                    {
                        [fileType] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
                    };
                }

                return Task.CompletedTask;
            });

            builder.Produces(route.SuccessStatus, route.ResponseType, route.ResponseMediaType ?? (route.ResponseType is null ? null : "application/json"));
            foreach (var status in ProblemStatuses(route))
            {
                if (route.BodyErrorStatuses.Contains(status))
                {
                    builder.Produces(status, route.ResponseType, "application/json");
                }
                else
                {
                    builder.Produces<ApiProblem>(status, "application/problem+json");
                }
            }
        }

        return endpoints;
    }

    internal static IEnumerable<string> RouteParameters(string template) =>
        template.Split('/').Where(s => s.StartsWith('{') && s.EndsWith('}')).Select(s => s[1..^1].Split(':')[0]);

    /// <summary>
    /// The error answers a route can give, from what the pipeline checks for it (DESIGN §3.1): 400 always
    /// (validation), 401/403/423 for signed-in routes, 403 for the CSRF check of unsafe methods, 404 for a
    /// route naming a resource, 413 and 415 for a body, 429 for a throttled route, 500 and 503 always. Handlers may
    /// add 409, 410 or 412; every one of them is an <see cref="ApiProblem"/>.
    /// </summary>
    internal static IEnumerable<int> ProblemStatuses(ApiRoute route)
    {
        var signedIn = route.Access != RouteAccess.Anonymous || route.Capability is not null;
        yield return StatusCodes.Status400BadRequest;
        if (signedIn)
        {
            yield return StatusCodes.Status401Unauthorized;
        }

        if (signedIn || route.IsUnsafe)
        {
            yield return StatusCodes.Status403Forbidden;
        }

        if (route.Template.Contains('{', StringComparison.Ordinal))
        {
            yield return StatusCodes.Status404NotFound;
        }

        if (route.BodyType is not null)
        {
            yield return StatusCodes.Status413PayloadTooLarge;
            yield return StatusCodes.Status415UnsupportedMediaType;
        }

        if (signedIn && !route.AllowsLockedSession)
        {
            yield return StatusCodes.Status423Locked;
        }

        if (route.Throttle is not null)
        {
            yield return StatusCodes.Status429TooManyRequests;
        }

        yield return StatusCodes.Status500InternalServerError;
        yield return StatusCodes.Status503ServiceUnavailable;
    }
}
